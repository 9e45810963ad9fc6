package generator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// releasedState is what a build publishes for its released versions, by
// a key naming the file and part: the HTML of each version page's <main>
// and of its embeddable view, the binding notice in its header, every
// canonical and agreement text, and every feed entry.
func releasedState(t *testing.T, src, out string) map[string]string {
	t.Helper()
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatal(err)
	}
	p, err := generator.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]string{}
	for _, r := range p.Model.Releases {
		for _, lang := range p.Model.Site.Languages {
			for _, doc := range []string{"dpa", "toms", "subprocessors"} {
				dir := fmt.Sprintf("%s/%s/%s/", lang, doc, r.Version)
				page := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(dir), "index.html"))
				main, err := page.Find("main").Html()
				if err != nil {
					t.Fatal(err)
				}
				state[dir+" <main>"] = main
				state[dir+" binding notice"] = page.Find("header .binding-notice").Text() + " " + page.Find("header .binding-notice").AttrOr("class", "")
				state[dir+" text"] = string(readSite(t, out, "/"+dir+fmt.Sprintf("%s-%s.%s.txt", doc, r.Version, lang)))
				if doc == "dpa" {
					embed, err := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(dir), "embed.html")).Find("main").Html()
					if err != nil {
						t.Fatal(err)
					}
					state[dir+" embed <main>"] = embed
					state[dir+" agreement"] = string(readSite(t, out, "/"+dir+fmt.Sprintf("agreement-%s.%s.txt", r.Version, lang)))
				}
			}
		}
	}
	for _, lang := range p.Model.Site.Languages {
		for _, feed := range []string{"subprocessors", "versions"} {
			var f struct {
				Items []map[string]any `json:"items"`
			}
			name := fmt.Sprintf("/%s/%s/feed.json", lang, feed)
			if err := json.Unmarshal(readSite(t, out, name), &f); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, item := range f.Items {
				data, _ := json.Marshal(item)
				state[fmt.Sprintf("%s entry %v", name, item["id"])] = string(data)
			}
		}
	}
	return state
}

// TestReleasesFreezeWhatTheirPagesSay: changing every setting of the
// working copy (data/portal.toml, data/processor.toml, data/dpa.toml)
// and the project's i18n/ tables changes nothing a released version's
// pages, embeddable views, texts and feed entries say: not the objection
// period, not the binding language and its notice, not the parties or the
// processor's facts, not the numbering and terms, not the words. The sample's releases (format 1, made before the
// settings were recorded) and one released now alike.
func TestReleasesFreezeWhatTheirPagesSay(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t))
	// A release of the working copy as trustportal makes them now: it
	// records the settings of data/portal.toml (and the sample's older
	// releases take them from it).
	if _, err := generator.Release(src, release.Request{Version: "3.1", Effective: model.NewDate(2027, 6, 1), Today: today, NotMaterial: "corrects Annex 1's places of processing"}); err != nil {
		t.Fatal(err)
	}
	before := releasedState(t, src, filepath.Join(t.TempDir(), "public"))

	changed := testportal.Copy(t, src,
		testportal.Edit{File: "data/portal.toml", Old: "objection_period_days = 30", New: "objection_period_days = 14\nunofficial_translations = [\"de\"]"},
		testportal.Edit{File: "data/portal.toml", Old: `title = { de = "Nordlicht Trust Center", en = "Nordlicht Trust Center" }`,
			New: `title = { de = "Nordlicht Vertrauenszentrum", en = "Nordlicht Trust Centre" }`},
		testportal.Edit{File: "data/processor.toml", Old: `binding_language = "de"`, New: `binding_language = "en"`},
		testportal.Edit{File: "data/processor.toml", Old: `name = "Nordlicht Software GmbH"`, New: `name = "Nordlicht Software SE"`},
		testportal.Edit{File: "data/processor.toml", Old: `street = "Hafenstraße 12"`, New: `street = "Kaiserkai 1"`},
		testportal.Edit{File: "data/processor.toml", Old: `jurisdiction = { de = "Hamburg, wenn`, New: `jurisdiction = { de = "Berlin, wenn`},
		testportal.Edit{File: "data/processor.toml", Old: `email = "privacy@nordlicht.example"`, New: `email = "weisungen@nordlicht.example"`},
		testportal.Edit{File: "data/dpa.toml", New: "numbering = { de = \"paragraph\", en = \"section\" }\n\n[parties]\n" +
			"controller = { de = \"Auftraggeber\", en = \"Client\" }\nprocessor = { de = \"Auftragnehmer\", en = \"Contractor\" }\n"},
	)
	// The project's words: messages the generator puts on the pages and
	// in the feeds, and labels the layouts write themselves, plain and
	// with fields (a format 1 text uses none of them, so the sample's
	// locked texts stay valid).
	overrideMessages(t, changed, model.DE, map[string]string{
		"partyCustomer":          "dem Auftraggeber",
		"subprocessorsObjection": "Widerspruch binnen {{ .Days }} Tagen.",
		"tomsIntro":              "Die Maßnahmen.",
		"feedObjection":          "Widerspruch bis {{ .Date }}.",
		"toc":                    "Übersicht",
		"thCountry":              "Firmensitz",
		"canonicalText":          "Maßgeblicher Text",
	})
	overrideMessages(t, changed, model.EN, map[string]string{
		"bindingNotice_de": "German prevails.",
		"roleController":   "– the controller –",
		"feedVersion":      "Release {{ .Version }} from {{ .Date }}",
		"measureCount":     "{{ .Count }} controls",
		"versionLabel":     "Edition {{ .Version }}",
		"email":            "Mail address",
	})
	if err := generator.Check(changed); err != nil {
		t.Fatalf("the changed settings should be valid: %v", err)
	}
	afterOut := filepath.Join(t.TempDir(), "public")
	after := releasedState(t, changed, afterOut)

	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d parts before, %d after", len(before), len(after))
	}
	for key, was := range before {
		if now, ok := after[key]; !ok {
			t.Errorf("%s is gone", key)
		} else if now != was {
			t.Errorf("%s changed with today's settings:\n%s", key, firstDifference(was, now))
		}
	}
	// The manifest says the same per version: German binds every released
	// version, none has an unofficial translation; the portal as a whole
	// now says otherwise.
	var m struct {
		Binding    string   `json:"binding_language"`
		Unofficial []string `json:"unofficial_translations"`
		Versions   []struct {
			Version    string   `json:"version"`
			Binding    string   `json:"binding_language"`
			Unofficial []string `json:"unofficial_translations"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(readSite(t, afterOut, "/api/dpa.json"), &m); err != nil {
		t.Fatal(err)
	}
	if m.Binding != "en" || !slices.Equal(m.Unofficial, []string{"de"}) {
		t.Errorf("manifest: portal binding %q, unofficial %v, want today's en, [de]", m.Binding, m.Unofficial)
	}
	for _, v := range m.Versions {
		if v.Binding != "de" || len(v.Unofficial) != 0 {
			t.Errorf("manifest: version %s binding %q, unofficial %v, want de and none, as released", v.Version, v.Binding, v.Unofficial)
		}
	}
	// The settings do apply where no release speaks: the processor page
	// and the header of the unreleased pages show them.
	home := testportal.HTML(t, filepath.Join(afterOut, "en", "processor", "index.html"))
	if got := home.Find("main").Text(); !strings.Contains(got, "Nordlicht Software SE") || !strings.Contains(got, "Kaiserkai 1") {
		t.Errorf("the processor page does not show the processor's new facts:\n%s", squash(got))
	}
	if got := home.Find("header .binding-notice").Text(); !strings.Contains(got, "English version") {
		t.Errorf("the processor page's binding notice %q does not follow the new setting", got)
	}
	if got := home.Find("main dt").Text(); !strings.Contains(got, "Mail address") {
		t.Errorf("the processor page's labels %q do not follow the project's i18n/", got)
	}
}

// overrideMessages gives messages of the project's i18n table of lang
// new texts.
func overrideMessages(t *testing.T, src string, lang model.Lang, messages map[string]string) {
	t.Helper()
	name := filepath.Join(src, "i18n", string(lang)+".toml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for id, text := range messages {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, id+" = ") })
		if i < 0 {
			t.Fatalf("%s has no message %s", name, id)
		}
		lines[i] = fmt.Sprintf("%s = %q", id, text)
	}
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDifference shows where two texts first differ, with some context.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return fmt.Sprintf("before: …%s…\nafter:  …%s…", a[from:min(i+120, len(a))], b[from:min(i+120, len(b))])
}

// TestReleasedLanguagesStay: a language a version was released in cannot
// leave the portal, or that version's pages and texts in it would no
// longer be published and the hashes customers recorded of them would no
// longer verify.
func TestReleasedLanguagesStay(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t))
	if _, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2025, 3, 1), Today: model.NewDate(2025, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	dropped := testportal.Copy(t, src, testportal.Edit{File: "data/portal.toml", Old: "title = ", New: "languages = [\"de\"]\ntitle = "})
	err := generator.Check(dropped)
	want := `data/portal.toml:2:1: languages: release 1.0 was published in English (en), which languages no longer lists`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("check of a portal that dropped a released language: %v, want %q", err, want)
	}
	added := testportal.Copy(t, src, testportal.Edit{File: "data/portal.toml", Old: "title = ", New: "languages = [\"de\", \"en\"]\ntitle = "})
	if err := generator.Check(added); err != nil {
		t.Errorf("the released languages, listed: %v", err)
	}
}

// TestSharedRenderingKeepsEachReleasesWords: the layouts render a
// subprocessor, a TOM section and the DPA's text once per build for each
// content (partialCached by cache_key), however many versions show it. Two
// releases that list the same subprocessors and measures but store other
// words must still each show their own: the key names the words too.
func TestSharedRenderingKeepsEachReleasesWords(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t))
	if _, err := generator.Release(src, release.Request{Version: "3.1", Effective: model.NewDate(2027, 6, 1), Today: today, NotMaterial: "corrects Annex 1's places of processing"}); err != nil {
		t.Fatal(err)
	}
	overrideMessages(t, src, model.DE, map[string]string{"thCountry": "Firmensitz", "linkTo": "Verweis auf {{ .What }}"})
	if _, err := generator.Release(src, release.Request{Version: "3.2", Effective: model.NewDate(2027, 9, 1), Today: today, NotMaterial: "renames two labels"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatal(err)
	}
	page := func(doc, v string) *goquery.Document {
		return testportal.HTML(t, filepath.Join(out, "de", doc, v, "index.html"))
	}
	for _, tc := range []struct {
		version, country, linkTo string
	}{
		{"3.0", "Sitz", "Link auf "}, // takes the words 3.1 stores: it stores none
		{"3.1", "Sitz", "Link auf "},
		{"3.2", "Firmensitz", "Verweis auf "},
	} {
		subs := page("subprocessors", tc.version)
		if subs.Find("section.subprocessor").Length() == 0 {
			t.Fatalf("%s: no subprocessor", tc.version)
		}
		// The same subprocessors on every version's page, rendered once
		// for the words of 3.1 and once for those of 3.2. (The labels of
		// a subprocessor's facts are in the canonical text, which the old
		// releases render with the words 3.1 stores: the anchor links'
		// labels stand for them below.)
		subs.Find("tbody tr").Each(func(_ int, row *goquery.Selection) {
			if got := row.Find("td").First().AttrOr("data-label", ""); got != tc.country {
				t.Errorf("subprocessors %s, row %s: seat labelled %q, want %q", tc.version, row.AttrOr("data-subprocessor", ""), got, tc.country)
			}
		})
		// The anchor links in each subprocessor's facts, each TOM section
		// and each clause.
		for _, doc := range []string{"subprocessors", "toms", "dpa"} {
			anchors := page(doc, tc.version).Find("main a.anchor")
			if anchors.Length() == 0 {
				t.Fatalf("%s %s: no anchor links", doc, tc.version)
			}
			anchors.Each(func(_ int, a *goquery.Selection) {
				if l := a.AttrOr("aria-label", ""); !strings.HasPrefix(l, tc.linkTo) {
					t.Errorf("%s %s: anchor %s labelled %q, want it to start %q", doc, tc.version, a.AttrOr("href", ""), l, tc.linkTo)
				}
			})
		}
	}
}
