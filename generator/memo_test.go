package generator

import (
	"testing"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestServeEmitsWhatABuildEmits: serve loads and emits the project again
// after every edit, keeping the strings and the releases' comparisons and
// checks (loadMemo, emit.Memo); what it emits is what a fresh load and
// emit give, after an edit of the working copy and of the strings alike.
func TestServeEmitsWhatABuildEmits(t *testing.T) {
	load.RememberReleases(true)
	defer load.RememberReleases(false)
	src := testportal.Copy(t, testportal.Root(t))
	day := model.NewDate(2026, 11, 25)
	loaded, emitted := &loadMemo{}, emit.NewMemo()
	same := func(step string) {
		t.Helper()
		p, err := loadWith(src, loaded)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.emit(day, false, true, emitted)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := Load(src)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.Emit(day, false, true)
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want.Files {
			if g, ok := got.Files[name]; !ok || string(g) != string(w) {
				t.Errorf("%s: %s differs from a fresh emit (present: %v)", step, name, ok)
			}
		}
		if len(got.Files) != len(want.Files) {
			t.Errorf("%s: %d files, a fresh emit has %d", step, len(got.Files), len(want.Files))
		}
	}
	same("first render")
	if c, r := emitted.Kept(); c == 0 || r == 0 {
		t.Fatalf("the memo keeps %d comparisons and %d checks; want those of the releases", c, r)
	}
	same("again")
	testportal.Apply(t, src, testportal.Edit{File: "content/dpa/assistance.en.md", Old: "further evidence on request", New: "further evidence within ten days of a request"})
	same("after an edit of a clause")
	testportal.Apply(t, src, testportal.Edit{File: "i18n/en.toml", Old: `diffTitle = "Changes from version`, New: `diffTitle = "What changed from version`},
		testportal.Edit{File: "i18n/en.toml", Old: `preamble = "Preamble"`, New: `preamble = "Recitals"`})
	before := loaded.strings
	same("after an edit of the strings")
	if loaded.strings == before {
		t.Error("the strings edited were not loaded anew")
	}
	if p, err := loadWith(src, loaded); err != nil || p.Strings != loaded.strings {
		t.Errorf("the strings unchanged were not kept (%v)", err)
	}
}
