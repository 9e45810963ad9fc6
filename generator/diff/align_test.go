package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestAlign: a change made in one language only (a corrected translation)
// is listed in the redline of every language, under the same anchors, and
// marked in the other as changed only in another language version. Without
// Align the pages of a redline would differ in their sections, which the
// build refuses, and such a change could never be released.
func TestAlign(t *testing.T) {
	tests := []struct {
		name    string
		edits   []testportal.Edit
		changed model.Lang // the language the change was made in
		anchor  string     // the change's section on the diff page
	}{
		{"sub-clause in German", []testportal.Edit{{File: "content/dpa/scope.de.md", Old: "verarbeitet Daten", New: "verarbeitet personenbezogene Daten"}},
			model.DE, "change-dpa-scope-subject"},
		{"clause title in English", []testportal.Edit{{File: "content/dpa/security.en.md", Old: `title = "Security"`, New: `title = "Security of processing"`}},
			model.EN, "change-dpa-security"},
		{"preamble in English", []testportal.Edit{{File: "content/dpa/_index.en.md", Old: "supplements", New: "complements"}},
			model.EN, "change-dpa-preamble"},
		{"measure in German", []testportal.Edit{{File: "data/toms.toml", Old: "Besucher werden begleitet.", New: "Besucher werden stets begleitet."}},
			model.DE, "change-toms-visitors"},
		{"area goal in English", []testportal.Edit{{File: "data/toms.toml", Old: "No access for unauthorised persons.", New: "No access for unauthorised people."}},
			model.EN, "change-toms-physical-access"},
		{"subprocessor field in German", []testportal.Edit{{File: "data/subprocessors.toml", Old: "Betrieb der Server", New: "Betrieb der Rechner"}},
			model.DE, "change-subprocessors-hoster--responsibilities"},
		{"Annex 1 in English", []testportal.Edit{{File: "data/processing.toml", Old: `en = "Providing the service"`, New: `en = "Providing the services"`}},
			model.EN, "change-dpa-annex-processing--purpose"},
	}
	s := testportal.Strings(t)
	old := docs(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new := docs(t, tt.edits...)
			var cs []*Comparison
			for _, lang := range model.DefaultLanguages {
				c, err := Compare(old, new, lang, s)
				if err != nil {
					t.Fatal(err)
				}
				cs = append(cs, c)
			}
			Align(cs...)
			ids := map[model.Lang][]string{}
			for i, lang := range model.DefaultLanguages {
				c := cs[i]
				var html strings.Builder
				for _, d := range c.Documents {
					h, err := RenderDocument(c, d, lang, s)
					if err != nil {
						t.Fatal(err)
					}
					html.WriteString(h)
				}
				page, err := goquery.NewDocumentFromReader(strings.NewReader(html.String()))
				if err != nil {
					t.Fatal(err)
				}
				page.Find("[id]").Each(func(_ int, e *goquery.Selection) { ids[lang] = append(ids[lang], e.AttrOr("id", "")) })
				section := page.Find("#" + tt.anchor)
				if section.Length() != 1 {
					t.Fatalf("%s: no section #%s in %s", lang, tt.anchor, html.String())
				}
				note, err := s.T(lang, "diffTranslationOnly", nil)
				if err != nil {
					t.Fatal(err)
				}
				heading := section.ChildrenFiltered("h3, h4, h5, h6").First().Text()
				redlined := section.Find("ins, del").Length() > 0
				if lang == tt.changed {
					if !redlined || strings.Contains(heading, note) {
						t.Errorf("%s, where it changed: redline %v, heading %q", lang, redlined, heading)
					}
				} else if redlined || !strings.Contains(heading, note) {
					t.Errorf("%s, where it did not change: redline %v, heading %q (want the note %q)", lang, redlined, heading, note)
				}
			}
			if !slices.Equal(ids[model.DE], ids[model.EN]) {
				t.Errorf("the redlines' sections differ:\nde %v\nen %v", ids[model.DE], ids[model.EN])
			}
		})
	}
}
