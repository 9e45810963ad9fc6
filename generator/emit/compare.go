package emit

import (
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
)

// precompare computes, on every core, the comparisons the diff pages and the
// feeds need (see compare): those of every published diff page and of every
// release with its predecessor. The pages then find them made.
func (e *emitter) precompare() error {
	pairs := e.diffPairs()
	for i := 1; i < len(e.tl.Releases); i++ {
		if p := [2]*model.Release{e.tl.Releases[i-1], e.tl.Releases[i]}; !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	// Each worker compares into a map of its own, merged at the end:
	// compare's map is not safe for concurrent use.
	workers := min(runtime.GOMAXPROCS(0), len(pairs))
	found := make([]map[string]*diff.Comparison, workers)
	errs := make([]error, len(pairs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := range workers {
		we := *e
		we.comparisons = map[string]*diff.Comparison{}
		found[w] = we.comparisons
		wg.Go(func() {
			for i := range next {
				_, errs[i] = we.compare(e.langs[0], pairs[i][0], pairs[i][1])
			}
		})
	}
	for i := range pairs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err // the first pair's, as the pages would have met it
		}
	}
	for _, m := range found {
		maps.Copy(e.comparisons, m)
	}
	return nil
}
