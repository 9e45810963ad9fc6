package generator_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// The fixture generator/testdata/subpath is published under a path of the
// company's website. Hugo writes the site without that path: the web server
// serves the directory at /trust/.
const (
	subpathBase = "https://www.example.com/trust/"
	subpathRoot = "/trust/"
)

// buildSubpath releases the fixture twice, with a change between, and
// builds it on a day between the two effective dates.
func buildSubpath(t *testing.T) (out string) {
	t.Helper()
	src := testportal.Copy(t, testportal.Subpath(t))
	if _, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2025, 3, 1),
		Notes: model.NewText("de", "Erste Fassung.", "en", "First version."), Today: model.NewDate(2025, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	// The change, in a copy of the project with its first release.
	src = testportal.Copy(t, src,
		testportal.Edit{File: "content/dpa/security.de.md", Old: "binnen 72 Stunden", New: "binnen 48 Stunden"},
		testportal.Edit{File: "content/dpa/security.en.md", Old: "within 72 hours", New: "within 48 hours"},
		testportal.Edit{File: "data/subprocessors.toml", Old: `city = "Aarhus" }]`, New: `city = "Aarhus" }, { country = "SE", city = "Malmö" }]`})
	if _, err := generator.Release(src, release.Request{Version: "2.0", Effective: model.NewDate(2026, 9, 1), Material: true,
		Notes: model.NewText("de", "Meldung binnen 48 Stunden.", "en", "Reporting within 48 hours."), Today: model.NewDate(2026, 8, 1)}); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: model.NewDate(2026, 6, 15)}); err != nil {
		t.Fatal(err)
	}
	return out
}

// subpathFile maps a URL of the portal (absolute, or root-relative) to the
// file it is served from, or "" if it is not under /trust/.
func subpathFile(out, u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Host != "" && p.Host != "www.example.com") {
		return ""
	}
	rel, ok := strings.CutPrefix(p.Path, subpathRoot)
	if !ok {
		return ""
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return filepath.Join(out, filepath.FromSlash(rel))
}

func TestSubpathPortal(t *testing.T) {
	out := buildSubpath(t)
	if _, err := os.Stat(filepath.Join(out, "trust")); err == nil {
		t.Error("the site holds a trust/ directory: Hugo publishes without the base path, the server maps /trust/ to the directory")
	}

	t.Run("every link and load of every page", func(t *testing.T) {
		pages := 0
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
				return err
			}
			pages++
			rel, _ := filepath.Rel(out, p)
			rel = filepath.ToSlash(rel)
			pageURL, _ := url.Parse(subpathBase + strings.TrimSuffix(rel, "index.html"))
			testportal.HTML(t, p).Find("[href], [src]").Each(func(_ int, e *goquery.Selection) {
				for _, attr := range []string{"href", "src"} {
					v, ok := e.Attr(attr)
					if !ok {
						continue
					}
					u, err := url.Parse(v)
					switch {
					case err != nil:
						t.Errorf("%s: %s %q", rel, attr, v)
						continue
					case strings.HasPrefix(v, "#"), u.Scheme == "mailto", u.Host != "" && u.Host != "www.example.com":
						continue // an anchor on the page, or another site
					case u.Host == "" && !strings.HasPrefix(v, "/"):
						// Only the project's further page links relatively.
						if !strings.Contains(rel, "/legal/imprint/") {
							t.Errorf("%s: %s %q is relative", rel, attr, v)
						}
						v = pageURL.ResolveReference(u).String()
					case !strings.HasPrefix(v, subpathRoot) && !strings.HasPrefix(v, subpathBase):
						if v == "https://www.example.com/" && strings.Contains(rel, "/processor/") {
							continue // the company's website, named in data/processor.toml
						}
						t.Errorf("%s: %s %q is not under %s", rel, attr, v, subpathRoot)
						continue
					}
					file := subpathFile(out, v)
					if _, err := os.Stat(file); err != nil {
						t.Errorf("%s: %s %q leads to no file of the site (%v)", rel, attr, v, err)
					}
				}
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages < 30 {
			t.Errorf("only %d pages", pages)
		}
	})

	t.Run("language switch and hreflang", func(t *testing.T) {
		for _, tc := range []struct{ page, lang, switchTo, alternate string }{
			{"de/dpa/2.0/index.html", "en", "/trust/en/dpa/2.0/", "https://www.example.com/trust/en/dpa/2.0/"},
			{"en/subprocessors/index.html", "de", "/trust/de/subprocessors/", "https://www.example.com/trust/de/subprocessors/"},
			{"de/diff/1.0/2.0/index.html", "en", "/trust/en/diff/1.0/2.0/", "https://www.example.com/trust/en/diff/1.0/2.0/"},
			{"en/legal/imprint/index.html", "de", "/trust/de/legal/imprint/", "https://www.example.com/trust/de/legal/imprint/"},
		} {
			doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(tc.page)))
			if got := doc.Find(`.lang-switch a[hreflang="`+tc.lang+`"]`).AttrOr("href", ""); got != tc.switchTo {
				t.Errorf("%s: language switch to %s leads to %q, want %q", tc.page, tc.lang, got, tc.switchTo)
			}
			if got := doc.Find(`head link[rel="alternate"][hreflang="`+tc.lang+`"]`).AttrOr("href", ""); got != tc.alternate {
				t.Errorf("%s: hreflang %s is %q, want %q", tc.page, tc.lang, got, tc.alternate)
			}
		}
		doc := testportal.HTML(t, filepath.Join(out, "de", "dpa", "index.html"))
		if got := doc.Find(`head link[rel="canonical"]`).AttrOr("href", ""); got != subpathBase+"de/dpa/1.0/" {
			t.Errorf("canonical of /trust/de/dpa/ is %q, want the version in effect, %sde/dpa/1.0/", got, subpathBase)
		}
		for sel, want := range map[string]string{`head link[rel="stylesheet"]`: "/trust/css/", `head link[rel="icon"]`: "/trust/favicon.svg", `head script[src]`: "/trust/js/"} {
			attr := "href"
			if strings.Contains(sel, "script") {
				attr = "src"
			}
			if got := doc.Find(sel).AttrOr(attr, ""); !strings.HasPrefix(got, want) {
				t.Errorf("%s is %q, want it under %s", sel, got, want)
			}
		}
	})

	t.Run("root redirect and 404 page", func(t *testing.T) {
		doc := testportal.HTML(t, filepath.Join(out, "index.html"))
		if got := doc.Find(`meta[http-equiv="refresh"]`).AttrOr("content", ""); got != "0; url="+subpathBase+"de/" {
			t.Errorf("the root redirects with %q, want to %sde/", got, subpathBase)
		}
		doc = testportal.HTML(t, filepath.Join(out, "en", "404.html"))
		if got := doc.Find("main a").AttrOr("href", ""); got != "/trust/en/" {
			t.Errorf("404 page links home to %q, want /trust/en/", got)
		}
	})

	t.Run("manifest", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
		if err != nil {
			t.Fatalf("the manifest is not at /trust/api/dpa.json: %v", err)
		}
		var m struct {
			Portal  string `json:"portal"`
			Current struct {
				Version   string                       `json:"version"`
				Languages map[string]map[string]string `json:"languages"`
			} `json:"current"`
			Versions []struct {
				Version   string                                  `json:"version"`
				Languages map[string]map[string]string            `json:"languages"`
				Annexes   map[string]map[string]map[string]string `json:"annexes"`
			} `json:"versions"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		if m.Portal != subpathBase || m.Current.Version != "1.0" || len(m.Versions) != 2 {
			t.Fatalf("manifest: portal %q, current %q, %d versions", m.Portal, m.Current.Version, len(m.Versions))
		}
		if got, want := m.Current.Languages["de"]["url"], subpathBase+"de/dpa/1.0/"; got != want {
			t.Errorf("current de url %q, want %q", got, want)
		}
		texts := 0
		for _, v := range m.Versions {
			all := []map[string]map[string]string{v.Languages, v.Annexes["toms"], v.Annexes["subprocessors"]}
			for _, doc := range all {
				for lang, fields := range doc {
					for key, u := range fields {
						if strings.HasSuffix(key, "sha256") {
							continue
						}
						if !strings.HasPrefix(u, subpathBase) {
							t.Errorf("%s %s %s %q is not under %s", v.Version, lang, key, u, subpathBase)
						}
						if _, err := os.Stat(subpathFile(out, u)); err != nil {
							t.Errorf("%s %s %s %q: no such file: %v", v.Version, lang, key, u, err)
						}
					}
					text, err := os.ReadFile(subpathFile(out, fields["text_url"]))
					if err != nil {
						continue // reported above
					}
					texts++
					if sum := sha256.Sum256(text); hex.EncodeToString(sum[:]) != fields["sha256"] {
						t.Errorf("%s: the hash of the published text is not the manifest's", fields["text_url"])
					}
				}
			}
		}
		if texts != 2*3*2 {
			t.Errorf("%d canonical texts where the manifest says, want 12", texts)
		}
	})

	t.Run("feeds", func(t *testing.T) {
		for _, name := range []string{"de/versions/feed.xml", "en/subprocessors/feed.xml"} {
			f := readAtom(t, out, name)
			if !strings.Contains(f.ID, ":trust/") {
				t.Errorf("%s: feed id %q does not name the path", name, f.ID)
			}
			links := []string{}
			for _, l := range f.Links {
				links = append(links, l.Href)
			}
			if len(f.Entries) == 0 {
				t.Errorf("%s: no entries", name)
			}
			for _, en := range f.Entries {
				links = append(links, en.Link.Href)
				if !strings.HasPrefix(en.ID, "tag:www.example.com,") || !strings.Contains(en.ID, ":trust/") {
					t.Errorf("%s: entry id %q", name, en.ID)
				}
			}
			if self := f.Links[0].Href; self != subpathBase+name {
				t.Errorf("%s: self link %q", name, self)
			}
			for _, l := range links {
				if !strings.HasPrefix(l, subpathBase) {
					t.Errorf("%s: link %q is not under %s", name, l, subpathBase)
				} else if _, err := os.Stat(subpathFile(out, l)); err != nil {
					t.Errorf("%s: link %q leads to no file: %v", name, l, err)
				}
			}
		}
		data, err := os.ReadFile(filepath.Join(out, "de", "subprocessors", "feed.json"))
		if err != nil {
			t.Fatal(err)
		}
		var jf struct {
			HomePage string `json:"home_page_url"`
			FeedURL  string `json:"feed_url"`
			Items    []struct {
				ID  string `json:"id"`
				URL string `json:"url"`
			} `json:"items"`
		}
		if err := json.Unmarshal(data, &jf); err != nil {
			t.Fatal(err)
		}
		if jf.HomePage != subpathBase+"de/subprocessors/" || jf.FeedURL != subpathBase+"de/subprocessors/feed.json" || len(jf.Items) != 1 {
			t.Errorf("JSON feed: home %q, feed %q, %d items", jf.HomePage, jf.FeedURL, len(jf.Items))
		}
		for _, it := range jf.Items {
			if want := subpathBase + "de/diff/1.0/2.0/#"; !strings.HasPrefix(it.URL, want) || !strings.Contains(it.ID, ":trust/") {
				t.Errorf("JSON feed item %q at %q, want an id naming trust/ and a link to %s…", it.ID, it.URL, want)
			}
		}
	})

	t.Run("diff page", func(t *testing.T) {
		diffPage := filepath.Join(out, "de", "diff", "1.0", "2.0", "index.html")
		doc := testportal.HTML(t, diffPage)
		if doc.Find("main del").Length() == 0 || doc.Find("main ins").Length() == 0 {
			t.Error("the redline shows no change")
		}
		v := testportal.HTML(t, filepath.Join(out, "de", "dpa", "2.0", "index.html"))
		found := false
		v.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			found = found || strings.HasPrefix(a.AttrOr("href", ""), "/trust/de/diff/1.0/2.0/")
		})
		if !found {
			t.Error("version 2.0 does not link its diff under /trust/de/diff/1.0/2.0/")
		}
		if _, err := os.Stat(filepath.Join(out, path.Join("de", "dpa", "2.0", "embed.html"))); err != nil {
			t.Errorf("embeddable view: %v", err)
		}
	})
}
