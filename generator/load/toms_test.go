package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestTOMNumbering: a toms.toml without an order keeps today's meaning
// (areas sorted by objective, numbered flat), so existing portals keep
// their numbers; order = "as-written" keeps the written order and nesting.
func TestTOMNumbering(t *testing.T) {
	minimal, err := os.ReadFile(filepath.Join(testportal.Minimal(t), "data", "toms.toml"))
	if err != nil {
		t.Fatal(err)
	}
	annex, err := os.ReadFile(filepath.Join(testportal.Root(t), "generator", "testdata", "annex", "toms.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, toms string
		want       string // id=number, in the annex's order
	}{
		{"no order: by objective", string(minimal), "encryption=1 tls=1.1 physical-access=2 badges=2.1 visitors=2.2"},
		{"by objective, said so", "order = \"by-objective\"\n" + string(minimal), "encryption=1 tls=1.1 physical-access=2 badges=2.1 visitors=2.2"},
		{"as written", "order = \"as-written\"\n" + string(minimal), "physical-access=1 badges=1.1 visitors=1.2 encryption=2 tls=2.1"},
		{"three levels as written", string(annex),
			"general=1 confidentiality=2 entry-control=2.1 badges=2.1.1 visitors=2.1.2 transport=2.2 tls=2.2.1 integrity=3 change-log=3.1"},
		{"groups by objective", strings.Replace(string(annex), `order = "as-written"`, "", 1),
			// areas with no single objective sort last, as written
			"integrity=1 change-log=1.1 general=2 confidentiality=3 entry-control=3.1 badges=3.1.1 visitors=3.1.2 transport=3.2 tls=3.2.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimalFS(t, map[string][]byte{"data/toms.toml": []byte(tt.toms)})
			d, problems, err := load.Documents(fsys, load.WorkingCopy, model.DefaultLanguages)
			if err != nil || len(problems) > 0 {
				t.Fatal(err, problems)
			}
			var got []string
			for _, a := range d.TOMs.Areas {
				got = append(got, a.ID+"="+a.Number)
				for _, m := range a.Measures {
					got = append(got, m.ID+"="+m.Number)
				}
				for _, g := range a.Groups {
					got = append(got, g.ID+"="+g.Number)
					for _, m := range g.Measures {
						got = append(got, m.ID+"="+m.Number)
					}
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got  %s\nwant %s", s, tt.want)
			}
		})
	}
}
