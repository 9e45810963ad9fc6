package emit

import (
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestDiffPagesKeepOnlyWhatLaterPagesRead: diffPages writes every diff
// page in every language and, when it returns, holds the comparisons of
// each release with its predecessor only (the feeds, notices and overview
// read them), and no version's sections: the comparisons of all pairs are
// never held to the end of emit.
func TestDiffPagesKeepOnlyWhatLaterPagesRead(t *testing.T) {
	p, problems, err := load.Load(os.DirFS(testportal.Root(t)))
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
	e, err := newEmitter(Options{Portal: p, Strings: testportal.Strings(t), Today: model.NewDate(2026, 11, 23)})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.diffPages(); err != nil {
		t.Fatal(err)
	}
	pairs := e.diffPairs()
	var adjacent int
	for _, pair := range pairs {
		if e.tl.Predecessor(pair[1]) == pair[0] {
			adjacent++
		}
	}
	if adjacent == len(pairs) || adjacent == 0 {
		t.Fatalf("the sample's diff pages (%d pairs, %d with the predecessor) do not test this", len(pairs), adjacent)
	}
	for _, pair := range pairs {
		for _, l := range p.Site.Languages {
			page := "content/diff/" + pair[0].Version + "/" + pair[1].Version + "/_index." + string(l) + ".md"
			if _, ok := e.files[page]; !ok {
				t.Errorf("no %s", page)
			}
			_, kept := e.comparisons[comparisonKey(l, pair[0], pair[1])]
			if want := e.tl.Predecessor(pair[1]) == pair[0]; kept != want {
				t.Errorf("%s %s→%s: comparison kept %v, want %v", l, pair[0].Version, pair[1].Version, kept, want)
			}
		}
	}
	if n := len(e.comparisons); n != adjacent*len(p.Site.Languages) {
		t.Errorf("%d comparisons kept, want %d: %v", n, adjacent*len(p.Site.Languages), slices.Sorted(maps.Keys(e.comparisons)))
	}
	if left := e.comparer.Held(); left != 0 {
		t.Errorf("%d documents' sections still held", left)
	}
}
