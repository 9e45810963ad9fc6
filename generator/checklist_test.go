package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// status is how the checklist page writes a result's status.
func status(res legal.Result) string {
	switch {
	case res.Met:
		return "met"
	case res.NotJudged:
		return "not-judged"
	}
	return "missing"
}

// TestChecklistPerVersion: every released version has a checklist page in
// every language, linked from its DPA page, listing every rule as the legal
// checks judge that version, with its source and what is missing.
func TestChecklistPerVersion(t *testing.T) {
	b := build(t, testportal.Root(t))
	langs := b.portal.Model.Site.Languages
	for _, r := range b.portal.Model.Releases {
		report := legal.Check(&r.Docs, legal.Context{Effective: r.Effective, Historical: r.Historical, Languages: langs, Adequacy: b.portal.Model.Adequacy.Decisions})
		for _, lang := range langs {
			url := "/" + string(lang) + "/dpa/" + r.Version + "/checklist/"
			if n := b.doc(t, lang, "dpa/"+r.Version).Find(`.document__checklist a[href="` + url + `"]`).Length(); n != 1 {
				t.Errorf("the DPA page of %s in %s links its checklist %d times", r.Version, lang, n)
			}
			doc := b.doc(t, lang, "dpa/"+r.Version+"/checklist")
			rows := doc.Find("tr.checklist__rule")
			if rows.Length() != len(report.Results) {
				t.Fatalf("%s %s: %d rows, %d rules", r.Version, lang, rows.Length(), len(report.Results))
			}
			rows.Each(func(i int, row *goquery.Selection) {
				res := report.Results[i]
				if id := row.AttrOr("data-rule", ""); id != res.Rule.ID {
					t.Errorf("%s %s: row %d is %s, want %s", r.Version, lang, i, id, res.Rule.ID)
				}
				if s := row.AttrOr("data-status", ""); s != status(res) {
					t.Errorf("%s %s: %s is %s, want %s", r.Version, lang, res.Rule.ID, s, status(res))
				}
				if squash(row.Find(".checklist__source").Text()) == "" || squash(row.Find("th").Text()) == "" {
					t.Errorf("%s %s: %s has no title or source", r.Version, lang, res.Rule.ID)
				}
				if got := row.Find(".checklist__where li").Length(); got != len(res.Where) {
					t.Errorf("%s %s: %s lists %d provisions, want %d", r.Version, lang, res.Rule.ID, got, len(res.Where))
				}
				want := len(res.Gaps)
				if !res.Met && want == 0 {
					want = 1 // the page says that the rule is not met
				}
				if got := row.Find(".checklist__gaps li").Length(); got != want {
					t.Errorf("%s %s: %s lists %d gaps, want %d", r.Version, lang, res.Rule.ID, got, want)
				}
			})
		}
	}
	// Version 1.0's Annex 1 names Switzerland and Japan, where no
	// subprocessor of 1.0 processed data; the sources are cited the
	// language's way.
	for lang, want := range map[model.Lang][]string{
		model.DE: {"Schweiz", "Japan", "Art. 28 Abs. 3 S. 2 lit. a, Art. 44 DSGVO"},
		model.EN: {"Switzerland", "Japan", "Art. 28(3)(a), Art. 44 GDPR"},
	} {
		row := b.doc(t, lang, "dpa/1.0/checklist").Find(`tr[data-rule="annex-third-countries"]`)
		text := squash(row.Text())
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the row of annex-third-countries lacks %q: %s", lang, w, text)
			}
		}
		if href := row.Find(".checklist__gaps a").AttrOr("href", ""); href != "/"+string(lang)+"/dpa/1.0/#annex-processing" {
			t.Errorf("%s: the gap links %q, not Annex 1 of version 1.0", lang, href)
		}
	}
}

// TestChecklistOfTaggedDPA: a DPA whose clauses are tagged (the sample's
// working copy, published as a draft) meets every rule, each linked to the
// clause, annex, area or subprocessor that meets it.
func TestChecklistOfTaggedDPA(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t))
	if err := os.RemoveAll(filepath.Join(src, "data", "releases")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[model.Lang]struct{ summary, staff string }{
		model.DE: {"34 von 34 Anforderungen erfüllt", "Ziffer 5.1 (Vertraulichkeit)"},
		model.EN: {"34 of 34 requirements met", "clause 5.1 (Confidentiality)"},
	} {
		page := func(p string) *goquery.Document {
			return testportal.HTML(t, filepath.Join(out, string(lang), p, "index.html"))
		}
		url := "/" + string(lang) + "/dpa/checklist/"
		if n := page("dpa").Find(`.document__checklist a[href="` + url + `"]`).Length(); n != 1 {
			t.Errorf("%s: the draft's DPA page links its checklist %d times", lang, n)
		}
		doc := page("dpa/checklist")
		if s := squash(doc.Find(".checklist__summary").Text()); !strings.Contains(s, want.summary) {
			t.Errorf("%s: summary %q, want %q", lang, s, want.summary)
		}
		doc.Find("tr.checklist__rule").Each(func(_ int, row *goquery.Selection) {
			if row.AttrOr("data-status", "") != "met" || row.Find(".checklist__gaps").Length() > 0 {
				t.Errorf("%s: %s is not met: %s", lang, row.AttrOr("data-rule", ""), squash(row.Text()))
			}
		})
		staff := doc.Find(`tr[data-rule="art28-3-b"] .checklist__where a`)
		if staff.AttrOr("href", "") != "/"+string(lang)+"/dpa/#staff-commitment" || squash(staff.Text()) != want.staff {
			t.Errorf("%s: art28-3-b is met by %q → %q, want %q → #staff-commitment", lang, squash(staff.Text()), staff.AttrOr("href", ""), want.staff)
		}
		if n := doc.Find(`tr[data-rule="art32-1-a"] .checklist__where a[href^="/` + string(lang) + `/toms/#"]`).Length(); n == 0 {
			t.Errorf("%s: art32-1-a links no area of the TOM annex", lang)
		}
	}
}
