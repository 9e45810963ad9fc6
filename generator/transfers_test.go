package generator_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestTransferDetailsShown: the subprocessor page states what a transfer
// rests on where [subprocessor.transfer] gives it (the DPF listing as a
// link), and a subprocessor without the table shows no such label.
func TestTransferDetailsShown(t *testing.T) {
	const dpf = "https://www.dataprivacyframework.gov/list/participant/4711"
	src := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/subprocessors.toml",
		Old: "  [subprocessor.contact]\n  name = \"Privacy Office\"",
		New: "  [subprocessor.transfer]\n  dpf_listing = \"" + dpf + "\"\n  tia_date = 2025-06-30\n  tia_reference = \"TIA-2025-07\"\n\n  [subprocessor.contact]\n  name = \"Privacy Office\""})
	out := buildFixture(t, src)
	s := &l10n.Must{S: testportal.Strings(t)}
	for _, lang := range model.DefaultLanguages {
		page := testportal.HTML(t, filepath.Join(out, string(lang), "subprocessors", "index.html"))
		label := s.T(lang, "transfer", nil)
		monitor := page.Find("section#monitor dl.facts")
		if !slices.Contains(labels(monitor), label) {
			t.Fatalf("%s: monitor has no %q: %q", lang, label, labels(monitor))
		}
		var facts []string
		monitor.Find("dt").FilterFunction(func(_ int, dt *goquery.Selection) bool { return squash(dt.Text()) == label }).
			NextUntil("dt").Each(func(_ int, dd *goquery.Selection) { facts = append(facts, squash(dd.Text())) })
		want := []string{
			s.T(lang, "transferDPF", nil) + " " + dpf,
			s.T(lang, "transferTIA", map[string]string{"Date": s.Date(lang, model.NewDate(2025, 6, 30)), "Reference": "TIA-2025-07"}),
		}
		if !slices.Equal(facts, want) {
			t.Errorf("%s: transfer details %q, want %q", lang, facts, want)
		}
		if href := monitor.Find(`a[href="` + dpf + `"]`).Length(); href != 1 {
			t.Errorf("%s: the DPF listing is linked %d times, want once", lang, href)
		}
		if slices.Contains(labels(page.Find("section#hoster")), label) {
			t.Errorf("%s: hoster, in the EU and without transfer, shows %q", lang, label)
		}
	}
}
