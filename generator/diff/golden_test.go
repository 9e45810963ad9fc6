package diff

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSampleRedlines keeps the redlines between the sample portal's versions
// (each release and the working copy) as golden files, in git's notation:
// a change of the word diff that changes what a reader of the sample sees
// shows here.
func TestSampleRedlines(t *testing.T) {
	root := testportal.Root(t)
	s := testportal.Strings(t)
	fsys := os.DirFS(root)
	versions := map[string]*model.Documents{}
	for _, v := range []string{"1.0", "1.1", "2.0", "3.0", "working"} {
		layout := load.WorkingCopy
		if v != "working" {
			layout = load.ReleaseLayout("data/releases/" + v)
		}
		d, problems, err := load.Documents(fsys, layout, model.DefaultLanguages)
		if err != nil || len(problems) > 0 {
			t.Fatalf("sample %s: %v %v", v, err, problems)
		}
		versions[v] = d
	}
	for _, pair := range [][2]string{{"1.0", "1.1"}, {"1.1", "2.0"}, {"2.0", "3.0"}, {"1.0", "3.0"}, {"3.0", "working"}, {"working", "1.0"}} {
		for _, lang := range model.DefaultLanguages {
			c, err := Compare(versions[pair[0]], versions[pair[1]], lang, s)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Render(c, FormatText, false, s)
			if err != nil {
				t.Fatal(err)
			}
			name := pair[0] + "-" + pair[1] + "." + string(lang) + ".txt"
			testportal.Golden(t, filepath.Join("testdata", "redlines", name), out, *update)
		}
	}
}
