package emit

import (
	"reflect"
	"slices"
	"sync"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/model"
)

// A Memo keeps, from one Emit to the next, what emitting computes from
// released versions alone: the comparisons of two releases and each
// release's legal checks, most of the work of emitting a portal with a
// long history. serve emits the project again after every saved edit, in
// which its releases have not changed.
//
// A release is known by its directory and the SHA-256 of each of its
// files (model.Release.Files), which load has checked: the same files give
// the same documents. What a Memo keeps was made with one set of strings
// and languages; given others (an edited i18n/ file, which the caller
// loads into new Strings), it starts afresh. Releases the last Emit did
// not have are forgotten. A Memo serves one Emit at a time.
type Memo struct {
	mu          sync.Mutex
	strings     *l10n.Strings
	langs       []model.Lang
	comparisons map[memoPair]*diff.Comparison
	reports     map[string]memoReport
	// redlines are the HTML of each document of a comparison kept above
	redlines map[memoRedline]string
}

type memoRedline struct {
	c   *diff.Comparison
	doc string
}

type memoPair struct {
	a, b string // releaseKey
	lang model.Lang
}

type memoReport struct {
	ctx    legal.Context
	report legal.Report
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// releaseKey identifies the documents of r (see model.Release.Key); ""
// for the draft pages' working copy, which is never kept.
func releaseKey(r *model.Release) string {
	if r == nil {
		return ""
	}
	return r.Key()
}

// begin readies m for an Emit with strings s in langs.
func (m *Memo) begin(s *l10n.Strings, langs []model.Lang) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.strings != s || !slices.Equal(m.langs, langs) {
		m.strings, m.langs = s, slices.Clone(langs)
		m.comparisons = map[memoPair]*diff.Comparison{}
		m.reports = map[string]memoReport{}
		m.redlines = map[memoRedline]string{}
	}
}

// comparisons returns the comparisons of release a with release b in each
// of langs made before, or nil.
func (m *Memo) comparisonsOf(a, b *model.Release, langs []model.Lang) []*diff.Comparison {
	ka, kb := releaseKey(a), releaseKey(b)
	if m == nil || ka == "" || kb == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*diff.Comparison, len(langs))
	for i, l := range langs {
		c, ok := m.comparisons[memoPair{ka, kb, l}]
		if !ok {
			return nil
		}
		out[i] = c
	}
	return out
}

func (m *Memo) keepComparisons(a, b *model.Release, langs []model.Lang, cs []*diff.Comparison) {
	ka, kb := releaseKey(a), releaseKey(b)
	if m == nil || ka == "" || kb == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, l := range langs {
		m.comparisons[memoPair{ka, kb, l}] = cs[i]
	}
}

// redline returns the HTML of document doc of c, a comparison m keeps,
// made before.
func (m *Memo) redline(c *diff.Comparison, doc string) (string, bool) {
	if m == nil {
		return "", false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	html, ok := m.redlines[memoRedline{c, doc}]
	return html, ok
}

// keepRedline keeps the HTML of document doc of c if m keeps c.
func (m *Memo) keepRedline(c *diff.Comparison, doc, html string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, kept := range m.comparisons {
		if kept == c {
			m.redlines[memoRedline{c, doc}] = html
			return
		}
	}
}

// report returns the legal checks of release r in ctx made before.
func (m *Memo) report(r *model.Release, ctx legal.Context) (legal.Report, bool) {
	k := releaseKey(r)
	if m == nil || k == "" {
		return legal.Report{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	got, ok := m.reports[k]
	if !ok || !reflect.DeepEqual(got.ctx, ctx) {
		return legal.Report{}, false
	}
	return got.report, true
}

func (m *Memo) keepReport(r *model.Release, ctx legal.Context, report legal.Report) {
	k := releaseKey(r)
	if m == nil || k == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reports[k] = memoReport{ctx: ctx, report: report}
}

// end forgets what concerns releases other than these.
func (m *Memo) end(releases []*model.Release) {
	if m == nil {
		return
	}
	keep := map[string]bool{}
	for _, r := range releases {
		keep[releaseKey(r)] = true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	kept := map[*diff.Comparison]bool{}
	for k, c := range m.comparisons {
		if !keep[k.a] || !keep[k.b] {
			delete(m.comparisons, k)
		} else {
			kept[c] = true
		}
	}
	for k := range m.redlines {
		if !kept[k.c] {
			delete(m.redlines, k)
		}
	}
	for k := range m.reports {
		if !keep[k] {
			delete(m.reports, k)
		}
	}
}

// Kept counts the comparisons and legal checks m keeps.
func (m *Memo) Kept() (comparisons, reports int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.comparisons), len(m.reports)
}
