package emit

import (
	"testing"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/model"
)

func TestMemoKeepsOnlyWhatStillHolds(t *testing.T) {
	langs := []model.Lang{"de", "en"}
	r1 := &model.Release{Version: "1.0", Dir: "data/releases/1.0", Files: map[string]string{"release.toml": "aa"}}
	r2 := &model.Release{Version: "2.0", Dir: "data/releases/2.0", Files: map[string]string{"release.toml": "bb"}}
	draft := &model.Release{Version: DraftSegment}
	s1, s2 := &l10n.Strings{}, &l10n.Strings{}
	cs := []*diff.Comparison{{Lang: "de"}, {Lang: "en"}}
	ctx := legal.Context{Effective: model.NewDate(2026, 1, 1), Languages: langs}

	m := NewMemo()
	m.begin(s1, langs)
	m.keepComparisons(r1, r2, langs, cs)
	m.keepComparisons(r2, draft, langs, cs)
	m.keepReport(r1, ctx, legal.Report{Results: []legal.Result{{Met: true}}})
	if got := m.comparisonsOf(r1, r2, langs); len(got) != 2 || got[1] != cs[1] {
		t.Fatalf("comparisons of two releases: %v", got)
	}
	m.keepRedline(cs[0], "dpa", "<p>kept</p>")
	if html, ok := m.redline(cs[0], "dpa"); !ok || html != "<p>kept</p>" {
		t.Errorf("redline of a kept comparison: %q, %v", html, ok)
	}
	draftComparison := &diff.Comparison{Lang: "de"}
	m.keepRedline(draftComparison, "dpa", "<p>draft</p>")
	if _, ok := m.redline(draftComparison, "dpa"); ok {
		t.Error("kept the redline of a comparison the memo does not keep")
	}
	if got := m.comparisonsOf(r2, draft, langs); got != nil {
		t.Error("kept a comparison with the working copy, which changes with every edit")
	}
	// the same files loaded again: another value, the same release
	again := *r1
	again.Files = map[string]string{"release.toml": "aa"}
	if _, ok := m.report(&again, ctx); !ok {
		t.Error("the same release loaded again is not recognised")
	}
	other := ctx
	other.Historical = true
	if _, ok := m.report(r1, other); ok {
		t.Error("a report made in another context was taken")
	}
	edited := *r1
	edited.Files = map[string]string{"release.toml": "ab"}
	if got := m.comparisonsOf(&edited, r2, langs); got != nil {
		t.Error("a release with other files took the comparison")
	}

	m.begin(s1, langs)
	m.end([]*model.Release{r2}) // 1.0 is gone
	if c, r := m.Kept(); c != 0 || r != 0 || len(m.redlines) != 0 {
		t.Errorf("kept %d comparisons, %d reports and %d redlines of a release no longer there", c, r, len(m.redlines))
	}
	m.keepComparisons(r1, r2, langs, cs)
	m.begin(s2, langs)
	if got := m.comparisonsOf(r1, r2, langs); got != nil {
		t.Error("comparisons made with other strings were taken")
	}
	m.keepComparisons(r1, r2, langs, cs)
	m.begin(s2, langs[:1])
	if got := m.comparisonsOf(r1, r2, langs[:1]); got != nil {
		t.Error("comparisons made for other languages were taken")
	}
}
