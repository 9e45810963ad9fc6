package diff

import (
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestComparerMakesEachTreeOnce compares the sample's releases, each with
// the next, in every language and on several goroutines at once: the
// comparisons are those Compare makes, and each version's documents were
// turned into sections once per language, not once per comparison.
func TestComparerMakesEachTreeOnce(t *testing.T) {
	p, problems, err := load.Load(os.DirFS(testportal.Root(t)))
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
	if len(p.Releases) < 3 {
		t.Fatalf("the sample has %d releases, too few", len(p.Releases))
	}
	s := testportal.Strings(t)
	c := NewComparer(s)
	var wg sync.WaitGroup
	for i := 1; i < len(p.Releases); i++ {
		for _, lang := range p.Site.Languages {
			old, new := &p.Releases[i-1].Docs, &p.Releases[i].Docs
			wg.Go(func() {
				got, err := c.Compare(old, new, lang)
				if err != nil {
					t.Error(err)
					return
				}
				want, err := Compare(old, new, lang, s)
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: the Comparer's comparison differs from Compare's", lang)
				}
			})
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
	p, problems, err := load.Load(os.DirFS(testportal.Root(t)))
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
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
