package diff

import (
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// loadSample loads the sample portal, which has at least three releases.
func loadSample(t *testing.T) *model.Portal {
	t.Helper()
	p, problems, err := load.Load(os.DirFS(testportal.Root(t)))
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
	if len(p.Releases) < 3 {
		t.Fatalf("the sample has %d releases, too few", len(p.Releases))
	}
	return p
}

// compareChecked compares old with new through c and reports an error if
// the comparison is not the one Compare makes; it is safe to call from
// several goroutines. what names the comparison in the error.
func compareChecked(t *testing.T, c *Comparer, s *l10n.Strings, old, new *model.Documents, lang model.Lang, what string) *Comparison {
	got, err := c.Compare(old, new, lang)
	if err != nil {
		t.Error(err)
		return nil
	}
	want, err := Compare(old, new, lang, s)
	if err != nil {
		t.Error(err)
		return nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the Comparer's comparison differs from Compare's", what)
	}
	return got
}

// TestComparerMakesEachTreeOnce compares the sample's releases, each with
// the next, in every language and on several goroutines at once: the
// comparisons are those Compare makes, and each version's documents were
// turned into sections once per language, not once per comparison.
func TestComparerMakesEachTreeOnce(t *testing.T) {
	p := loadSample(t)
	s := testportal.Strings(t)
	c := NewComparer(s)
	var wg sync.WaitGroup
	for i := 1; i < len(p.Releases); i++ {
		for _, lang := range p.Site.Languages {
			old, new := &p.Releases[i-1].Docs, &p.Releases[i].Docs
			wg.Go(func() { compareChecked(t, c, s, old, new, lang, string(lang)) })
		}
	}
	wg.Wait()
	want := len(p.Releases) * len(p.Site.Languages) * 3 // dpa, toms, subprocessors
	if got := len(c.trees); got != want {
		t.Errorf("%d trees made, want %d: one per version, document and language", got, want)
	}
}

// TestComparerForgets: Forget drops the sections of the documents named, or
// of all, and a later comparison makes them again, the same.
func TestComparerForgets(t *testing.T) {
	p := loadSample(t)
	s := testportal.Strings(t)
	c := NewComparer(s)
	a, b := &p.Releases[0].Docs, &p.Releases[1].Docs
	first, err := c.Compare(a, b, "de")
	if err != nil {
		t.Fatal(err)
	}
	c.Forget(a)
	if got := len(c.trees); got != 3 {
		t.Errorf("after forgetting one version: %d trees, want the other's 3", got)
	}
	again, err := c.Compare(a, b, "de")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("the comparison made after Forget differs")
	}
	c.Forget()
	if got := len(c.trees); got != 0 {
		t.Errorf("after forgetting all: %d trees", got)
	}
}

// TestComparerDiffsEachPairOfTextsOnce compares every release of the sample
// with the last, as the diff pages do, on several goroutines at once: each
// comparison is Compare's, and a pair of texts compared again takes the
// word diff made the first time (the same spans), where an older version's
// text is the same as the next one's.
func TestComparerDiffsEachPairOfTextsOnce(t *testing.T) {
	p := loadSample(t)
	s := testportal.Strings(t)
	c := NewComparer(s)
	last := &p.Releases[len(p.Releases)-1].Docs
	var mu sync.Mutex
	var all []*Comparison
	var wg sync.WaitGroup
	for i := range len(p.Releases) - 1 {
		for _, lang := range p.Site.Languages {
			old := &p.Releases[i].Docs
			wg.Go(func() {
				got := compareChecked(t, c, s, old, last, lang, p.Releases[i].Version+", "+string(lang))
				if got == nil {
					return
				}
				mu.Lock()
				all = append(all, got)
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	changed, made := 0, map[*Span]bool{}
	var walk func([]Section)
	walk = func(sections []Section) {
		for _, sec := range sections {
			if sec.Status == Changed && HasChanges(sec.Text) {
				changed++
				made[&sec.Text[0]] = true
			}
			walk(sec.Children)
		}
	}
	for _, cmp := range all {
		for _, d := range cmp.Documents {
			walk(d.Sections)
		}
	}
	if changed == 0 || len(made) >= changed {
		t.Errorf("%d changed texts shown by %d word diffs: want fewer diffs than texts (the sample's older versions share texts)", changed, len(made))
	}
	if got := c.words.Len(); got < len(made) {
		t.Errorf("%d word diffs remembered, %d shown", got, len(made))
	}
	c.Forget()
	if c.words.Len() != 0 {
		t.Error("Forget() keeps the word diffs")
	}
}
