package generator_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestHomeOverview: the sample's home page gives each document's version in
// effect and, where an earlier version last changed it, which; the next
// version with its date and the documents it changes; the latest
// subprocessor changes, newest first; the contacts. A portal without
// releases shows no documents' state and no next change.
func TestHomeOverview(t *testing.T) {
	b := build(t, testportal.Root(t))
	texts := func(sel *goquery.Selection) []string {
		var out []string
		sel.Each(func(_ int, s *goquery.Selection) { out = append(out, squash(s.Text())) })
		return out
	}
	for _, tc := range []struct {
		lang     string
		docs     []string
		upcoming string
		changes  []string
		contacts []string
	}{
		{"en", []string{
			"Data Processing Agreement Version 2.0, in effect since 1 September 2025",
			"Technical and Organisational Measures Version 2.0, in effect since 1 September 2025; last changed in version 1.1 of 1 October 2024",
			"Subprocessors Version 2.0, in effect since 1 September 2025",
		}, "Version 3.0 takes effect on 1 January 2027. It changes: Subprocessors.", []string{
			"New subprocessor: Alpenbote Messaging AG effective 1 January 2027 (version 3.0)",
			"Subprocessor removed: Faultline Telemetry, Inc. effective 1 September 2025 (version 2.0)",
			"New subprocessor: Faultline Telemetry Europe B.V. effective 1 September 2025 (version 2.0)",
		}, []string{"Data protection officer", "Recipient of instructions"}},
		{"de", []string{
			"Auftragsverarbeitungsvertrag Version 2.0, in Kraft seit 1. September 2025",
			"Technische und organisatorische Maßnahmen Version 2.0, in Kraft seit 1. September 2025; zuletzt geändert mit Version 1.1 vom 1. Oktober 2024",
			"Unterauftragsverarbeiter Version 2.0, in Kraft seit 1. September 2025",
		}, "Version 3.0 tritt am 1. Januar 2027 in Kraft. Sie ändert: Unterauftragsverarbeiter.", nil, []string{"Datenschutzbeauftragter", "Empfänger von Weisungen"}},
	} {
		home := b.doc(t, model.Lang(tc.lang), "").Find("main")
		if got := texts(home.Find("#documents li")); strings.Join(got, "\n") != strings.Join(tc.docs, "\n") {
			t.Errorf("%s documents:\n%s\nwant:\n%s", tc.lang, strings.Join(got, "\n"), strings.Join(tc.docs, "\n"))
		}
		if got := squash(home.Find("#upcoming p").First().Text()); got != tc.upcoming {
			t.Errorf("%s next change: %q, want %q", tc.lang, got, tc.upcoming)
		}
		if href := home.Find("#upcoming a").AttrOr("href", ""); href != "/"+tc.lang+"/diff/2.0/3.0/" {
			t.Errorf("%s next change links %q", tc.lang, href)
		}
		if tc.changes != nil {
			if got := texts(home.Find("#subprocessor-changes li")); strings.Join(got, "\n") != strings.Join(tc.changes, "\n") {
				t.Errorf("%s subprocessor changes:\n%s\nwant:\n%s", tc.lang, strings.Join(got, "\n"), strings.Join(tc.changes, "\n"))
			}
		}
		if got := texts(home.Find("#contacts h3")); strings.Join(got, "|") != strings.Join(tc.contacts, "|") {
			t.Errorf("%s contacts %v, want %v", tc.lang, got, tc.contacts)
		}
		if n := home.Find(`#contacts a[href="mailto:datenschutz@nordlicht.example"]`).Length(); n != 1 {
			t.Errorf("%s: the DPO's address is linked %d times", tc.lang, n)
		}
	}
	minimal := build(t, testportal.Minimal(t)).doc(t, "en", "").Find("main")
	for _, sel := range []string{"#documents", "#upcoming", "#subprocessor-changes"} {
		if n := minimal.Find(sel).Length(); n != 0 {
			t.Errorf("a portal without releases shows %s", sel)
		}
	}
	if minimal.Find("#contacts").Length() != 1 || minimal.Find(".doc-cards li").Length() == 0 {
		t.Error("a portal without releases lacks its contacts or the links to its pages")
	}
}
