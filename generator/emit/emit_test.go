package emit_test

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
)

// TestEmitIsDeterministic emits the sample portal (four releases, so the
// diffs are compared on every core) again and again: the same files, byte
// for byte. Run with -race, it also checks the parallel comparisons.
func TestEmitIsDeterministic(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	fsys := os.DirFS(root)
	p, problems, err := load.Load(fsys)
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
	if len(p.Releases) < 3 {
		t.Fatalf("the sample has %d releases: too few to compare in parallel", len(p.Releases))
	}
	s, err := l10n.Load(p.Site.Languages, trustportal.Theme, fsys)
	if err != nil {
		t.Fatal(err)
	}
	opts := emit.Options{Portal: p, Strings: s, Theme: trustportal.Theme, Source: root, Today: model.NewDate(2026, 11, 23)}
	first, err := emit.Emit(opts)
	if err != nil {
		t.Fatal(err)
	}
	diffs := 0
	for name := range first.Files {
		if strings.HasPrefix(name, "content/diff/") && strings.Count(name, "/") == 4 { // content/diff/OLD/NEW/…
			diffs++
		}
	}
	if diffs == 0 {
		t.Fatalf("no diff pages among %d files", len(first.Files))
	}
	for range 3 {
		again, err := emit.Emit(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(first.Files, again.Files, func(a, b []byte) bool { return string(a) == string(b) }) {
			for name := range first.Files {
				if string(first.Files[name]) != string(again.Files[name]) {
					t.Errorf("%s differs between two emits", name)
				}
			}
			t.FailNow()
		}
	}
}
