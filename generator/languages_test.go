package generator_test

import (
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/pdf/inspect"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// releaseTwice releases the project in src as 1.0 and, after a change to
// the subprocessors, as 2.0, with release notes in each of langs.
func releaseTwice(t *testing.T, src string, langs []model.Lang) {
	t.Helper()
	notes := func(s string) model.Text {
		var n model.Text
		for _, l := range langs {
			n.Set(l, s)
		}
		return n
	}
	if _, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2025, 3, 1), Announced: model.NewDate(2025, 2, 1), Today: model.NewDate(2025, 2, 1),
		Notes: notes("One.")}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(src, "data", "subprocessors.toml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), `city = "Berlin" }]`, `city = "Berlin" }, { country = "AT", city = "Wien" }]`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Release(src, release.Request{Version: "2.0", Effective: model.NewDate(2026, 9, 1), Announced: model.NewDate(2026, 6, 1), Today: model.NewDate(2026, 6, 1),
		Notes: notes("Two.")}); err != nil {
		t.Fatal(err)
	}
}

// htmlPages returns every HTML file of the site at out, slash-separated
// relative paths.
func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".html" {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// manifestLanguages returns the languages the manifest lists for the
// current version's DPA and each annex.
func manifestLanguages(t *testing.T, out string) (binding string, unofficial []string, langs map[string][]string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Binding    string   `json:"binding_language"`
		Unofficial []string `json:"unofficial_translations"`
		Current    struct {
			Languages map[string]any            `json:"languages"`
			Annexes   map[string]map[string]any `json:"annexes"`
		} `json:"current"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	langs = map[string][]string{"dpa": slices.Sorted(maps.Keys(m.Current.Languages))}
	for doc, texts := range m.Current.Annexes {
		langs[doc] = slices.Sorted(maps.Keys(texts))
	}
	return m.Binding, m.Unofficial, langs
}

// TestOneLanguagePortal builds the fixture as a portal in English only and
// in German only: no page of another language, no language switch, no
// hreflang, no notice about a binding version, and the language on every
// page, feed, manifest and PDF.
func TestOneLanguagePortal(t *testing.T) {
	_, chromeErr := chrome.Find()
	for _, lang := range []model.Lang{model.EN, model.DE} {
		t.Run(string(lang), func(t *testing.T) {
			other := model.DE
			if lang == model.DE {
				other = model.EN
			}
			src := testportal.OneLanguage(t, testportal.Minimal(t), lang)
			releaseTwice(t, src, []model.Lang{lang})
			out := filepath.Join(t.TempDir(), "public")
			// The PDFs of one language, where Chromium is at hand.
			withPDF := chromeErr == nil && lang == model.EN
			if err := generator.Build(generator.Options{Source: src, Out: out, Today: model.NewDate(2026, 6, 15), PDF: withPDF}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(out, string(other))); err == nil {
				t.Errorf("the site has a /%s/ directory", other)
			}
			pages := htmlPages(t, out)
			for _, want := range []string{string(lang) + "/dpa/2.0/embed.html", string(lang) + "/versions/index.html", string(lang) + "/diff/1.0/2.0/index.html"} {
				if !slices.Contains(pages, want) {
					t.Errorf("no page %s", want)
				}
			}
			for _, rel := range pages {
				doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(rel)))
				htmlLang := doc.Find("html").AttrOr("lang", "")
				if rel == "index.html" { // the root redirect
					if !strings.HasPrefix(htmlLang, string(lang)) {
						t.Errorf("%s: lang %q, want %s", rel, htmlLang, lang)
					}
					if got, want := doc.Find(`meta[http-equiv="refresh"]`).AttrOr("content", ""), "0; url=https://trust.example.com/"+string(lang)+"/"; got != want {
						t.Errorf("the root redirects with %q, want %q", got, want)
					}
					continue
				}
				if htmlLang != string(lang) {
					t.Errorf("%s: <html lang=%q>, want %q", rel, htmlLang, lang)
				}
				if n := doc.Find(".lang-switch").Length(); n > 0 {
					t.Errorf("%s: has a language switch", rel)
				}
				doc.Find("[hreflang]").Each(func(_ int, e *goquery.Selection) {
					t.Errorf("%s: hreflang=%q to %s: the portal has no other language", rel, e.AttrOr("hreflang", ""), e.AttrOr("href", ""))
				})
				if n := doc.Find(".binding-notice").Length(); n > 0 {
					t.Errorf("%s: a notice about the binding version: %q", rel, doc.Find(".binding-notice").Text())
				}
			}
			for _, feed := range []string{"subprocessors", "versions"} {
				data, err := os.ReadFile(filepath.Join(out, string(lang), feed, "feed.xml"))
				if err != nil {
					t.Fatal(err)
				}
				var atom struct {
					Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				}
				if err := xml.Unmarshal(data, &atom); err != nil {
					t.Fatal(err)
				}
				if atom.Lang != string(lang) {
					t.Errorf("%s/feed.xml: xml:lang %q, want %q", feed, atom.Lang, lang)
				}
				data, err = os.ReadFile(filepath.Join(out, string(lang), feed, "feed.json"))
				if err != nil {
					t.Fatal(err)
				}
				var jf struct {
					Language string `json:"language"`
				}
				if err := json.Unmarshal(data, &jf); err != nil {
					t.Fatal(err)
				}
				if jf.Language != string(lang) {
					t.Errorf("%s/feed.json: language %q, want %q", feed, jf.Language, lang)
				}
			}
			binding, unofficial, langs := manifestLanguages(t, out)
			if unofficial != nil {
				t.Errorf("manifest: unofficial_translations %v in a portal of one language", unofficial)
			}
			if binding != string(lang) {
				t.Errorf("manifest: binding_language %q, want %q", binding, lang)
			}
			for doc, got := range langs {
				if !slices.Equal(got, []string{string(lang)}) {
					t.Errorf("manifest: %s in %v, want [%s]", doc, got, lang)
				}
			}
			if len(langs) != 3 {
				t.Errorf("manifest: %d documents, want 3", len(langs))
			}
			if !withPDF {
				return
			}
			var pdfs int
			err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || filepath.Ext(p) != ".pdf" {
					return err
				}
				pdfs++
				rel, _ := filepath.Rel(out, p)
				if !strings.HasSuffix(p, "."+string(lang)+".pdf") || !strings.HasPrefix(filepath.ToSlash(rel), string(lang)+"/") {
					t.Errorf("a PDF %s", rel)
				}
				doc, err := inspect.Read(p)
				if err != nil {
					return err
				}
				for _, problem := range doc.Problems(string(lang)) {
					t.Errorf("%s: %s", rel, problem)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pdfs != 8 { // 2 versions × (3 documents + the DPA with its annexes) × 1 language
				t.Errorf("%d PDFs, want 8", pdfs)
			}
		})
	}
}

// frTable is a French table for the tool's strings, as a project adds one
// for a language the tool has none for.
func frTable(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testportal.Root(t), "generator", "testdata", "i18n-fr", "fr.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPortalInAnotherLanguage builds the fixture in German and French, a
// language the tool has no strings for: the project's i18n/fr.toml gives
// them, and French is marked an unofficial translation.
func TestPortalInAnotherLanguage(t *testing.T) {
	langs := []model.Lang{model.DE, "fr"}
	src := testportal.Languages(t, testportal.Minimal(t), langs, model.DE)
	src = testportal.Copy(t, src,
		testportal.Edit{File: "i18n/fr.toml", New: frTable(t)},
		testportal.Edit{File: "data/portal.toml", Old: `languages = ["de", "fr"]`, New: `languages = ["de", "fr"]` + "\nunofficial_translations = [\"fr\"]"})
	releaseTwice(t, src, langs)
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: model.NewDate(2026, 6, 15)}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en")); err == nil {
		t.Error("the site has an /en/ directory")
	}
	pages := htmlPages(t, out)
	fr := 0
	for _, rel := range pages {
		lang, _, _ := strings.Cut(rel, "/")
		if lang != "de" && lang != "fr" {
			continue
		}
		doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(rel)))
		if got := doc.Find("html").AttrOr("lang", ""); got != lang {
			t.Errorf("%s: <html lang=%q>, want %q", rel, got, lang)
		}
		var hreflangs []string
		doc.Find(`head link[rel="alternate"][hreflang]`).Each(func(_ int, e *goquery.Selection) {
			hreflangs = append(hreflangs, e.AttrOr("hreflang", ""))
		})
		if want := []string{"de", "fr", "x-default"}; !slices.Equal(hreflangs, want) && !strings.HasSuffix(rel, "embed.html") {
			t.Errorf("%s: hreflang %v, want %v", rel, hreflangs, want)
		}
		notice := doc.Find(".binding-notice")
		unofficial := notice.HasClass("binding-notice--unofficial")
		switch {
		case notice.Length() != 1:
			t.Errorf("%s: %d notices about the binding version, want 1", rel, notice.Length())
		case lang == "fr" && (!unofficial || !strings.Contains(notice.Text(), "traduction non officielle") || !strings.Contains(notice.Text(), "La version allemande fait foi")):
			t.Errorf("%s: the French pages must say they are an unofficial translation and the German version prevails; notice %q (unofficial: %v)", rel, notice.Text(), unofficial)
		case lang == "de" && (unofficial || notice.Text() != "Die deutsche Fassung dieser Dokumente ist verbindlich."):
			t.Errorf("%s: the binding version's notice is %q (unofficial: %v)", rel, notice.Text(), unofficial)
		}
		if lang == "fr" {
			fr++
			if got := doc.Find(`.lang-switch a[hreflang="de"]`).Length(); got != 1 && !strings.HasSuffix(rel, "embed.html") {
				t.Errorf("%s: no language switch to German", rel)
			}
		}
	}
	if fr < 15 {
		t.Errorf("only %d French pages", fr)
	}
	doc := testportal.HTML(t, filepath.Join(out, "fr", "dpa", "2.0", "index.html"))
	if got := doc.Find(".site-nav").Text(); !strings.Contains(got, "Contrat de sous-traitance") {
		t.Errorf("French navigation: %q", got)
	}
	_, unofficial, manifest := manifestLanguages(t, out)
	if !slices.Equal(unofficial, []string{"fr"}) {
		t.Errorf("manifest: unofficial_translations %v, want [fr]", unofficial)
	}
	for doc, got := range manifest {
		if !slices.Equal(got, []string{"de", "fr"}) {
			t.Errorf("manifest: %s in %v, want [de fr]", doc, got)
		}
	}
}

// TestLanguageStrings: a portal language needs a table with every message
// of the tool, or the build stops naming what is missing.
func TestLanguageStrings(t *testing.T) {
	base := testportal.Languages(t, testportal.Minimal(t), []model.Lang{model.DE, "fr"}, model.DE)
	table := frTable(t)
	for _, tc := range []struct {
		name  string
		edits []testportal.Edit
		want  []string
	}{
		{"no table", nil, []string{"i18n/fr.toml is missing", "copy the tool's i18n/en.toml to i18n/fr.toml"}},
		{"a message missing", []testportal.Edit{{File: "i18n/fr.toml", New: strings.Replace(table, "pdfLink = ", "# pdfLink = ", 1)}},
			[]string{"i18n/fr.toml lacks 1 of the tool's", "(pdfLink)"}},
		{"complete", []testportal.Edit{{File: "i18n/fr.toml", New: table}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testportal.Copy(t, base, tc.edits...)
			err := generator.Check(src)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("check accepts the portal, want an error saying %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestUnofficialTranslations: only a language of the portal other than the
// binding one can be an unofficial translation.
func TestUnofficialTranslations(t *testing.T) {
	for _, tc := range []struct{ setting, want string }{
		{`unofficial_translations = ["en"]`, ""},
		{`unofficial_translations = ["de"]`, `data/portal.toml:2:1: unofficial_translations: "de" is the binding language`},
		{`unofficial_translations = ["fr"]`, `data/portal.toml:2:1: unofficial_translations: "fr" is not one of the portal's languages (de, en)`},
		{`unofficial_translations = ["en", "en"]`, `data/portal.toml:2:1: unofficial_translations: "en" is listed twice`},
	} {
		t.Run(tc.setting, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/portal.toml", Old: "title = ", New: tc.setting + "\ntitle = "})
			err := generator.Check(src)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("check says %v, want %q", err, tc.want)
			}
		})
	}
}

// TestBindingLanguageOfOneLanguagePortal: in a portal of one language that
// language's text binds, so the contract need not say so; in a portal of
// several, the contract must name the binding one.
func TestBindingLanguageOfOneLanguagePortal(t *testing.T) {
	noBinding := testportal.Edit{File: "data/processor.toml", Old: `binding_language = "en"`, New: ""}
	en := testportal.Copy(t, testportal.OneLanguage(t, testportal.Minimal(t), model.EN), noBinding)
	p, err := generator.Load(en)
	if err != nil {
		t.Fatalf("an English-only portal without binding_language: %v", err)
	}
	if got := p.Model.Docs.Processor.Contract.BindingLanguage; got != model.EN {
		t.Errorf("binding language %q, want en", got)
	}
	both := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/processor.toml", Old: `binding_language = "de"`, New: ""})
	if err := generator.Check(both); err == nil || !strings.Contains(err.Error(), "contract.binding_language: required field is missing") {
		t.Errorf("a German and English portal without binding_language: %v", err)
	}
}
