package emit

import (
	"runtime"
	"slices"
	"sync"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
)

// diffPages writes the diff page of every pair of releases that has one,
// in every language, and keeps the summary of each release's changes from
// its predecessor, which the feeds, notices and overview read later (see
// summary). The comparisons are made on every core, a few pairs ahead of
// the pages, and each pair's are dropped once its pages are written, so
// that the comparisons of all pairs are never held at once (at 30 versions
// they were a third of what emit held).
func (e *emitter) diffPages() error {
	pages := e.diffPairs()
	pairs := slices.Clone(pages)
	for i := 1; i < len(e.tl.Releases); i++ {
		if p := [2]*model.Release{e.tl.Releases[i-1], e.tl.Releases[i]}; !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	// In the order of their later release (the version in effect, which
	// takes part in most, counting as its own), so that each version's
	// sections are made once and dropped after its last pair.
	order := map[*model.Release]int{}
	for i, r := range e.tl.Releases {
		order[r] = i
	}
	later := func(p [2]*model.Release) int {
		a, b := order[p[0]], order[p[1]]
		if p[0] == e.tl.Current {
			return b
		}
		if p[1] == e.tl.Current {
			return a
		}
		return max(a, b)
	}
	slices.SortStableFunc(pairs, func(p, q [2]*model.Release) int { return later(p) - later(q) })
	left := map[*model.Release]int{} // pairs not yet written, by release
	for _, p := range pairs {
		left[p[0]]++
		left[p[1]]++
	}
	workers := min(runtime.GOMAXPROCS(0), len(pairs))
	type result struct {
		all  []*diff.Comparison
		err  error
		done chan struct{}
	}
	results := make([]result, len(pairs))
	for i := range results {
		results[i].done = make(chan struct{})
	}
	// ahead holds a token for each pair compared but not yet written.
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				results[i].all, results[i].err = e.compareAll(pairs[i][0], pairs[i][1])
				close(results[i].done)
			}
		})
	}
	go func() {
		defer close(next)
		for i := range pairs {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	defer wg.Wait()
	defer close(stop)
	for i, pair := range pairs {
		<-results[i].done
		<-ahead
		r := &results[i]
		if r.err != nil {
			return r.err // the first pair's, as the pages would have met it
		}
		a, b := pair[0], pair[1]
		for j, l := range e.langs {
			e.comparisons[comparisonKey(l, a, b)] = r.all[j]
		}
		if slices.Contains(pages, pair) {
			for _, l := range e.langs {
				if err := e.diffPage(l, a, b); err != nil {
					return err
				}
			}
		}
		for j, l := range e.langs {
			if e.tl.Predecessor(b) == a {
				e.summaries[comparisonKey(l, a, b)] = summarize(r.all[j])
			}
			delete(e.comparisons, comparisonKey(l, a, b))
		}
		r.all = nil
		for _, rel := range pair {
			if left[rel]--; left[rel] == 0 {
				e.comparer.Forget(&rel.Docs)
			}
		}
	}
	return nil
}

// changeSummary is what the pages read of a comparison besides its diff
// page: which documents changed, and the subprocessors that did.
type changeSummary struct {
	changed map[string]bool // by document key, in any language
	// subprocessors are the sections of the subprocessors that changed
	// in this language (not those whose change is in another language
	// only).
	subprocessors []diff.Section
}

func summarize(c *diff.Comparison) *changeSummary {
	s := &changeSummary{changed: map[string]bool{}}
	for _, d := range c.Documents {
		s.changed[d.Key] = d.Changed()
		if d.Key != "subprocessors" {
			continue
		}
		for _, sec := range d.Sections {
			if sec.Status != diff.Unchanged && !sec.Translation {
				s.subprocessors = append(s.subprocessors, sec)
			}
		}
	}
	return s
}

// summary returns the summary of the changes from release a to b in lang:
// kept by diffPages, or made from their comparison.
func (e *emitter) summary(lang model.Lang, a, b *model.Release) (*changeSummary, error) {
	key := comparisonKey(lang, a, b)
	if s, ok := e.summaries[key]; ok {
		return s, nil
	}
	c, err := e.compare(lang, a, b)
	if err != nil {
		return nil, err
	}
	s := summarize(c)
	e.summaries[key] = s
	return s, nil
}
