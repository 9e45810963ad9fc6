package emit

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestDiffPagesKeepOnlyWhatLaterPagesRead: diffPages writes every diff
// page in every language and, when it returns, holds no comparison and no
// version's sections, only the summary of each release's changes from its
// predecessor (which the feeds, notices and overview read), the same as
// one made from the full comparison: the comparisons of all pairs are
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
	if left := e.comparer.Held(); left != 0 {
		t.Errorf("%d documents' sections still held", left)
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
			key := comparisonKey(l, pair[0], pair[1])
			sum, kept := e.summaries[key]
			if want := e.tl.Predecessor(pair[1]) == pair[0]; kept != want {
				t.Errorf("%s %s→%s: summary kept %v, want %v", l, pair[0].Version, pair[1].Version, kept, want)
			}
			if !kept {
				continue
			}
			c, err := e.compare(l, pair[0], pair[1])
			if err != nil {
				t.Fatal(err)
			}
			if want := summarize(c); !reflect.DeepEqual(sum, want) {
				t.Errorf("%s %s→%s: summary %+v, want %+v", l, pair[0].Version, pair[1].Version, sum, want)
			}
			delete(e.comparisons, key)
		}
	}
	if n := len(e.summaries); n != adjacent*len(p.Site.Languages) {
		t.Errorf("%d summaries kept, want %d: %v", n, adjacent*len(p.Site.Languages), slices.Sorted(maps.Keys(e.summaries)))
	}
	if n := len(e.comparisons); n != 0 {
		t.Errorf("%d comparisons kept: %v", n, slices.Sorted(maps.Keys(e.comparisons)))
	}
}
