package generator_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestTOMAnnexAsWritten builds a portal whose TOM annex keeps its own order
// and three levels (generator/testdata/annex/toms.toml) and reads the page
// in each language: numbers and nesting as written, the preamble, Markdown
// lists, objectives as metadata, and references that link to the right
// anchor with the annex's numbers in the page's language.
func TestTOMAnnexAsWritten(t *testing.T) {
	b := build(t, testportal.Annex(t))
	words := map[model.Lang]struct{ measure, section, objectives, preamble string }{
		model.DE: {"Anlage 2, Maßnahme", "Anlage 2, Abschnitt", "Schutzziele", "Der Auftragsverarbeiter hält"},
		model.EN: {"Annex 2, measure", "Annex 2, section", "Protection objectives", "The processor maintains"},
	}
	for _, lang := range model.DefaultLanguages {
		doc := b.doc(t, lang, "toms")
		w := words[lang]

		// The areas in the order written (not by objective), each an h2.
		var areas []string
		doc.Find("article > section.area").Each(func(_ int, s *goquery.Selection) {
			areas = append(areas, s.AttrOr("id", "")+" "+squash(s.ChildrenFiltered("h2").Find(".num").Text()))
		})
		if got, want := strings.Join(areas, ", "), "general 1, confidentiality 2, integrity 3"; got != want {
			t.Errorf("%s: areas = %q, want %q", lang, got, want)
		}
		// Three levels: area > group (h3) > measure, numbered 2.1.2.
		tests := []struct{ sel, num string }{
			{"section.area#confidentiality > section.group#entry-control > h3 .num", "2.1"},
			{"section.area#confidentiality > section.group#transport > h3 .num", "2.2"},
			{"section.group#entry-control > ol.measures > li.measure#badges > .num", "2.1.1"},
			{"section.group#entry-control > ol.measures > li.measure#visitors > .num", "2.1.2"},
			{"section.group#transport > ol.measures > li.measure#tls > .num", "2.2.1"},
			{"section.area#integrity > ol.measures > li.measure#change-log > .num", "3.1"},
		}
		for _, tt := range tests {
			if got := squash(doc.Find(tt.sel).Text()); got != tt.num {
				t.Errorf("%s: %s = %q, want %q", lang, tt.sel, got, tt.num)
			}
		}
		if got := doc.Find("li.measure").Length(); got != 4 {
			t.Errorf("%s: %d measures, want 4", lang, got)
		}
		// The table of contents nests the groups under their area.
		if got := squash(doc.Find(`#toc a[href="#confidentiality"]`).Parent().Find(`ol > li > a[href="#transport"] .num`).Text()); got != "2.2" {
			t.Errorf("%s: TOC entry of group transport = %q, want 2.2", lang, got)
		}
		// The preamble, and no sentence of the tool's about an order by objective.
		if got := squash(doc.Find("section.preamble#preamble").Text()); !strings.HasPrefix(got, w.preamble) {
			t.Errorf("%s: preamble = %q", lang, got)
		}
		if n := doc.Find("section.preamble p").Length(); n != 2 {
			t.Errorf("%s: preamble has %d paragraphs, want 2", lang, n)
		}
		if doc.Find("section.objective").Length() != 0 {
			t.Errorf("%s: an annex as written has no sections by objective", lang)
		}
		// Markdown: an area's text as a list with emphasis; a measure with a
		// paragraph and a list.
		if n := doc.Find("section.area#general > .area__goal > ul > li").Length(); n != 2 {
			t.Errorf("%s: area general's list has %d items, want 2", lang, n)
		}
		if doc.Find("section.area#general > .area__goal em").Length() != 1 {
			t.Errorf("%s: emphasis in area general is lost", lang)
		}
		visitors := doc.Find("li.measure#visitors > .measure__text")
		if visitors.ChildrenFiltered("p").Length() != 1 || visitors.Find("ul > li").Length() != 2 {
			t.Errorf("%s: measure visitors is not a paragraph and a list of two: %s", lang, squash(visitors.Text()))
		}
		// References: the annex's own numbers, in the page's language, to the anchor on the page.
		refs := []struct{ from, href, text string }{
			{"li.measure#visitors", "#change-log", w.measure + " 3.1"},
			{"li.measure#tls", "#entry-control", w.section + " 2.1"},
		}
		for _, r := range refs {
			a := doc.Find(r.from + ` a[href="` + r.href + `"]`)
			if a.Length() != 1 || squash(a.Text()) != r.text {
				t.Errorf("%s: reference in %s to %s = %d links, %q; want %q", lang, r.from, r.href, a.Length(), squash(a.Text()), r.text)
			}
			if doc.Find(r.href).Length() != 1 {
				t.Errorf("%s: the page has no anchor %s", lang, r.href)
			}
		}
		if got := doc.Find(`li.measure#change-log a[href="https://example.com/log"]`).Length(); got != 1 {
			t.Errorf("%s: the link in measure change-log is lost", lang)
		}
		// Objectives as metadata, never as order: several per area.
		var objs []string
		doc.Find("section.area#integrity > .objectives .objective-label").Each(func(_ int, s *goquery.Selection) {
			objs = append(objs, s.AttrOr("data-objective", ""))
		})
		if got := strings.Join(objs, " "); got != "integrity availability" {
			t.Errorf("%s: objectives of area integrity = %q, want integrity availability", lang, got)
		}
		if got := squash(doc.Find("section.area#confidentiality > .objectives").Text()); !strings.HasPrefix(got, w.objectives+":") {
			t.Errorf("%s: objectives line = %q", lang, got)
		}
	}
	// The DPA's reference to the measure gives its number in the annex.
	for lang, want := range map[model.Lang]string{model.DE: "Anlage 2, Maßnahme 2.2.1", model.EN: "Annex 2, measure 2.2.1"} {
		a := b.doc(t, lang, "dpa").Find(`a[href$="/toms/#tls"]`)
		if a.Length() == 0 || squash(a.First().Text()) != want {
			t.Errorf("%s: DPA reference to measure tls = %q, want %q", lang, squash(a.First().Text()), want)
		}
	}
}
