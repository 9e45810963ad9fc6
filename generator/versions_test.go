package generator_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
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

// versioned is the fixture with three releases: 1.0 and 2.0 in the past,
// 3.0 upcoming on the test's "today".
type versioned struct {
	src, out string
	portal   *generator.Portal
}

var today = model.NewDate(2026, 11, 23)

func buildVersioned(t *testing.T) *versioned {
	t.Helper()
	src := testportal.Copy(t, testportal.Minimal(t))
	step := func(v string, effective model.Date, material bool, edits ...[3]string) {
		for _, e := range edits {
			p := filepath.Join(src, e[0])
			data, err := os.ReadFile(p)
			if err != nil || !bytes.Contains(data, []byte(e[1])) {
				t.Fatalf("edit %s: %v / lacks %q", e[0], err, e[1])
			}
			os.WriteFile(p, bytes.Replace(data, []byte(e[1]), []byte(e[2]), 1), 0o644)
		}
		if _, err := generator.Release(src, release.Request{Version: v, Effective: effective, Material: material,
			Notes: model.NewText("de", "Fassung "+v, "en", "Version "+v), Today: effective}); err != nil {
			t.Fatal(err)
		}
	}
	step("1.0", model.NewDate(2025, 1, 1), false)
	step("2.0", model.NewDate(2026, 1, 1), true,
		[3]string{"content/dpa/scope.en.md", "It acts on instructions only", "It acts on documented instructions only"},
		[3]string{"content/dpa/scope.de.md", "Er handelt nur auf Weisung", "Er handelt nur auf dokumentierte Weisung"},
		[3]string{"data/subprocessors.toml", `safeguard = "dpf"`, `safeguard = "scc"`})
	step("3.0", model.NewDate(2027, 1, 1), false,
		[3]string{"data/toms.toml", `text = { de = "TLS 1.2 oder höher.", en = "TLS 1.2 or higher." }`, `text = { de = "TLS 1.3.", en = "TLS 1.3." }`})
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatal(err)
	}
	p, err := generator.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	return &versioned{src: src, out: out, portal: p}
}

func (v *versioned) doc(t *testing.T, path string) *goquery.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(v.out, filepath.FromSlash(path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestVersionPages(t *testing.T) {
	v := buildVersioned(t)
	for _, lang := range model.DefaultLanguages {
		l := string(lang)
		for _, doc := range []string{"dpa", "toms", "subprocessors"} {
			for _, ver := range []string{"1.0", "2.0", "3.0"} {
				page := v.doc(t, l+"/"+doc+"/"+ver)
				if got := squash(page.Find(".version__number").Text()); got != "Version "+ver {
					t.Errorf("%s/%s/%s: version shown %q", l, doc, ver, got)
				}
				// The hash on the page is that of the published text and the lock.
				hash := page.Find(".version__hash code.hash").Text()
				textURL := page.Find(".version__hash a").AttrOr("href", "")
				text, err := os.ReadFile(filepath.Join(v.out, filepath.FromSlash(textURL)))
				if err != nil {
					t.Fatalf("%s/%s/%s: canonical text %s: %v", l, doc, ver, textURL, err)
				}
				sum := sha256.Sum256(text)
				entry, _ := v.portal.Lock.Find(ver)
				if hex.EncodeToString(sum[:]) != hash || entry.Texts[doc+"."+l] != hash {
					t.Errorf("%s/%s/%s: page hash %s, file %x, lock %s", l, doc, ver, hash, sum, entry.Texts[doc+"."+l])
				}
				// The switcher lists every version and marks this one.
				if got := page.Find(".version__switch li").Length(); got != 3 {
					t.Errorf("%s/%s/%s: switcher lists %d versions", l, doc, ver, got)
				}
				if cur := squash(page.Find(`.version__switch [aria-current="page"]`).Text()); cur != "Version "+ver {
					t.Errorf("%s/%s/%s: switcher marks %q", l, doc, ver, cur)
				}
			}
			// The unversioned URL shows the version in effect: 2.0.
			page := v.doc(t, l+"/"+doc)
			if got := squash(page.Find(".version__number").Text()); got != "Version 2.0" {
				t.Errorf("%s/%s: unversioned page shows %q, want Version 2.0", l, doc, got)
			}
			if canon := page.Find(`link[rel="canonical"]`).AttrOr("href", ""); !strings.HasSuffix(canon, "/"+l+"/"+doc+"/2.0/") {
				t.Errorf("%s/%s: canonical %q", l, doc, canon)
			}
			up := page.Find(".version__upcoming")
			if !strings.Contains(up.Text(), "3.0") || up.Find(`a[href$="/diff/2.0/3.0/#`+doc+`"]`).Length() != 1 {
				t.Errorf("%s/%s: upcoming notice %q", l, doc, squash(up.Text()))
			}
			if !page.Find(".version").HasClass("version--current") {
				t.Errorf("%s/%s: not marked current", l, doc)
			}
		}
		if !v.doc(t, l+"/dpa/3.0").Find(".version").HasClass("version--upcoming") || !v.doc(t, l+"/dpa/1.0").Find(".version").HasClass("version--superseded") {
			t.Errorf("%s: status of 3.0 or 1.0 wrong", l)
		}
		// An old version still shows its own text.
		if got := v.doc(t, l+"/toms/1.0").Find("li.measure#tls .measure__text").Text(); !strings.Contains(got, "1.2") {
			t.Errorf("%s: TOM 1.0 shows %q", l, got)
		}
		if got := v.doc(t, l+"/toms/3.0").Find("li.measure#tls .measure__text").Text(); got != "TLS 1.3." {
			t.Errorf("%s: TOM 3.0 shows %q", l, got)
		}
		// Links inside a version stay in that version.
		if href := v.doc(t, l+"/dpa/1.0").Find(`#security-measures a[href*="toms"]`).Last().AttrOr("href", ""); !strings.HasPrefix(href, "/"+l+"/toms/1.0/") {
			t.Errorf("%s: reference from DPA 1.0 leads to %q", l, href)
		}
	}
}

func TestDiffPages(t *testing.T) {
	v := buildVersioned(t)
	for _, pair := range [][2]string{{"1.0", "2.0"}, {"2.0", "3.0"}} {
		for _, lang := range model.DefaultLanguages {
			page := v.doc(t, string(lang)+"/diff/"+pair[0]+"/"+pair[1])
			ins, del := page.Find("main ins"), page.Find("main del")
			if ins.Length() == 0 {
				t.Errorf("%s %v: no insertion", lang, pair)
			}
			// Redlines do not rest on colour: each carries a hidden label.
			ins.Each(func(_ int, s *goquery.Selection) {
				if s.Find(".visually-hidden").Length() == 0 && !s.Parent().Is(".legend") {
					t.Errorf("%s %v: <ins> without a label for screen readers", lang, pair)
				}
			})
			// Every summary entry links to a change on the page.
			page.Find(".diff-summary li a").Each(func(_ int, a *goquery.Selection) {
				id := strings.TrimPrefix(a.AttrOr("href", ""), "#")
				if page.Find("#"+id).Length() != 1 {
					t.Errorf("%s %v: summary link #%s leads nowhere", lang, pair, id)
				}
			})
			if del.Length() == 0 {
				t.Errorf("%s %v: no deletion", lang, pair)
			}
		}
	}
	en := v.doc(t, "en/diff/1.0/2.0")
	if got := squash(en.Find("#change-dpa-scope-instructions ins").Text()); !strings.Contains(got, "documented") {
		t.Errorf("reworded sub-clause: inserted %q", got)
	}
	if got := squash(en.Find("#change-subprocessors-monitor ins").Text()); !strings.Contains(got, "Standard contractual clauses") {
		t.Errorf("changed safeguard: inserted %q", got)
	}
	if en.Find("#change-toms-tls").Length() != 0 {
		t.Error("1.0→2.0 shows a TOM change that happened in 3.0")
	}
	// The archive lists every version, newest first, with notes.
	arch := v.doc(t, "de/versions")
	var listed []string
	arch.Find("section.release h2").Each(func(_ int, s *goquery.Selection) { listed = append(listed, strings.Fields(s.Text())[1]) })
	if !slices.Equal(listed, []string{"3.0", "2.0", "1.0"}) {
		t.Errorf("archive lists %v", listed)
	}
	if !strings.Contains(arch.Find("#version-2\\.0").Text(), "Fassung 2.0") {
		t.Error("archive lacks the German note of 2.0")
	}
}

// TestNoFallbackLanguage: a released version's English pages hold no German
// clause text and the other way round.
func TestNoFallbackLanguage(t *testing.T) {
	v := buildVersioned(t)
	de := squash(v.doc(t, "de/dpa/2.0").Find("main").Text())
	en := squash(v.doc(t, "en/dpa/2.0").Find("main").Text())
	if strings.Contains(en, "Auftragsverarbeiter verarbeitet") || strings.Contains(de, "The processor processes") {
		t.Error("a page shows text of the other language")
	}
}

// TestManifest reads /api/dpa.json as a signup flow would and recomputes
// every hash from the published canonical text, without trustportal's code.
func TestManifest(t *testing.T) {
	v := buildVersioned(t)
	data, err := os.ReadFile(filepath.Join(v.out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	type text struct {
		URL      string `json:"url"`
		EmbedURL string `json:"embed_url"`
		TextURL  string `json:"text_url"`
		SHA256   string `json:"sha256"`
	}
	type entry struct {
		Version   string                     `json:"version"`
		Effective string                     `json:"effective"`
		Status    string                     `json:"status"`
		Material  bool                       `json:"material"`
		Languages map[string]text            `json:"languages"`
		Annexes   map[string]map[string]text `json:"annexes"`
	}
	var m struct {
		BindingLanguage string  `json:"binding_language"`
		Current         *entry  `json:"current"`
		Upcoming        []entry `json:"upcoming"`
		Versions        []entry `json:"versions"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest is not JSON: %v", err)
	}
	if m.Current == nil || m.Current.Version != "2.0" || !m.Current.Material || m.Current.Effective != "2026-01-01" {
		t.Fatalf("current = %+v", m.Current)
	}
	if len(m.Upcoming) != 1 || m.Upcoming[0].Version != "3.0" || len(m.Versions) != 3 || m.BindingLanguage != "de" {
		t.Errorf("upcoming %+v, %d versions, binding %q", m.Upcoming, len(m.Versions), m.BindingLanguage)
	}
	local := func(u string) string {
		return filepath.Join(v.out, filepath.FromSlash(strings.TrimPrefix(u, "https://trust.example.com/")))
	}
	checked := 0
	for _, e := range m.Versions {
		all := map[string]map[string]text{"dpa": e.Languages}
		for k, a := range e.Annexes {
			all[k] = a
		}
		for doc, langs := range all {
			for _, lang := range []string{"de", "en"} {
				tx := langs[lang]
				body, err := os.ReadFile(local(tx.TextURL))
				if err != nil {
					t.Errorf("%s %s %s: %v", e.Version, doc, lang, err)
					continue
				}
				sum := sha256.Sum256(body)
				if hex.EncodeToString(sum[:]) != tx.SHA256 {
					t.Errorf("%s %s %s: manifest hash %s, text hashes to %x", e.Version, doc, lang, tx.SHA256, sum)
				}
				if _, err := os.Stat(filepath.Join(local(tx.URL), "index.html")); err != nil {
					t.Errorf("%s %s %s: permanent URL %s: %v", e.Version, doc, lang, tx.URL, err)
				}
				checked++
			}
		}
		for lang, tx := range e.Languages {
			page, err := os.ReadFile(local(tx.EmbedURL))
			if err != nil {
				t.Errorf("%s %s: embed %s: %v", e.Version, lang, tx.EmbedURL, err)
				continue
			}
			doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(page))
			art := doc.Find("article[data-sha256]")
			if art.AttrOr("data-sha256", "") != tx.SHA256 || art.AttrOr("data-version", "") != e.Version {
				t.Errorf("%s %s: embed shows version %q hash %q", e.Version, lang, art.AttrOr("data-version", ""), art.AttrOr("data-sha256", ""))
			}
			if doc.Find(".site-nav, .site-header").Length() != 0 {
				t.Errorf("%s %s: embed view has the site's navigation", e.Version, lang)
			}
			if !strings.Contains(doc.Find(".embed__meta").Text(), tx.SHA256) {
				t.Errorf("%s %s: embed view does not show the hash", e.Version, lang)
			}
			if got := doc.Find("section.clause").Length(); got != len(v.portal.Model.Docs.DPA.Clauses) {
				t.Errorf("%s %s: embed shows %d clauses", e.Version, lang, got)
			}
		}
	}
	if checked != 3*3*2 {
		t.Errorf("checked %d texts, want 18", checked)
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Content string `xml:"content"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func readAtom(t *testing.T, out, path string) atomFeed {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s is not Atom XML: %v", path, err)
	}
	return f
}

func TestFeeds(t *testing.T) {
	v := buildVersioned(t)
	// The same releases built on another day give the same entries.
	later := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: v.src, Out: later, Today: model.NewDate(2027, 6, 1)}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		sub := readAtom(t, v.out, lang+"/subprocessors/feed.xml")
		if sub.ID == "" || sub.Title == "" || sub.Updated == "" {
			t.Errorf("%s: feed lacks id, title or updated: %+v", lang, sub)
		}
		if !slices.ContainsFunc(sub.Links, func(l struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		}) bool {
			return l.Rel == "self" && strings.HasSuffix(l.Href, "/"+lang+"/subprocessors/feed.xml")
		}) {
			t.Errorf("%s: no self link", lang)
		}
		// 2.0 changed the safeguard of monitor; nothing else changed subprocessors.
		if len(sub.Entries) != 1 {
			t.Fatalf("%s: %d entries, want 1: %+v", lang, len(sub.Entries), sub.Entries)
		}
		e := sub.Entries[0]
		if !strings.HasPrefix(e.ID, "tag:trust.example.com,") || !strings.HasSuffix(e.ID, ":subprocessors/2.0/monitor") {
			t.Errorf("%s: entry id %q", lang, e.ID)
		}
		if e.Updated == "" || !strings.Contains(e.Link.Href, "/diff/1.0/2.0/#change-subprocessors-monitor") ||
			!strings.Contains(e.Content, map[string]string{"de": "(bisher: EU-US Data Privacy Framework", "en": "(previously: EU-US Data Privacy Framework"}[lang]) ||
			strings.Contains(e.Content, "visually-hidden") {
			t.Errorf("%s: entry %+v", lang, e)
		}
		again := readAtom(t, later, lang+"/subprocessors/feed.xml")
		if len(again.Entries) != 1 || again.Entries[0].ID != e.ID || again.Entries[0].Updated != e.Updated || again.ID != sub.ID {
			t.Errorf("%s: entry ids or dates changed with the build day", lang)
		}

		vers := readAtom(t, v.out, lang+"/versions/feed.xml")
		var ids []string
		for _, en := range vers.Entries {
			ids = append(ids, en.ID[strings.LastIndex(en.ID, ":")+1:])
		}
		if !slices.Equal(ids, []string{"dpa/3.0", "dpa/2.0", "dpa/1.0"}) {
			t.Errorf("%s: version feed entries %v", lang, ids)
		}

		var jf struct {
			Version string `json:"version"`
			Items   []struct {
				ID  string `json:"id"`
				URL string `json:"url"`
			} `json:"items"`
		}
		data, _ := os.ReadFile(filepath.Join(v.out, lang, "subprocessors", "feed.json"))
		if err := json.Unmarshal(data, &jf); err != nil || jf.Version != "https://jsonfeed.org/version/1.1" || len(jf.Items) != 1 || jf.Items[0].ID != e.ID {
			t.Errorf("%s: JSON feed %+v (%v)", lang, jf, err)
		}

		page := v.doc(t, lang+"/subprocessors")
		if page.Find(`head link[rel="alternate"][type="application/atom+xml"]`).Length() != 1 {
			t.Errorf("%s: no <link rel=alternate> to the Atom feed", lang)
		}
		if page.Find(`.subscribe a[href$="/subprocessors/feed.xml"]`).Length() != 1 {
			t.Errorf("%s: no visible subscribe link", lang)
		}
	}
}
