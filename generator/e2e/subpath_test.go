package e2e

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/pdf/inspect"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// subpathRoot is where the server publishes the fixture
// generator/testdata/subpath: a company website serving the portal's
// directory under a path of its own.
const subpathRoot = "/trust/"

var (
	subpathOnce sync.Once
	subpathHash string // SHA-256 of the German DPA 1.0
	// the agreement hash of 1.0 in German, as its release locked it
	subpathAgreement string
	subpathErr       error
)

// setupSubpath builds the sub-path fixture, released as 1.0, for the local
// server under /trust/, once (the sample's tests do not wait for it).
func setupSubpath(t *testing.T) *env {
	e := setup(t)
	subpathOnce.Do(func() {
		var src string
		if src, subpathErr = releasedSubpath(t); subpathErr != nil {
			return
		}
		if subpathErr = generator.Build(generator.Options{Source: src, Out: e.subpath + "/site", Today: today,
			BaseURL: e.url(subpathRoot)}); subpathErr != nil {
			return
		}
		p, err := generator.Load(src)
		if err != nil {
			subpathErr = err
			return
		}
		entry, _ := p.Lock.Find("1.0")
		subpathHash = entry.Texts["dpa.de"]
		subpathAgreement = entry.Texts["agreement.de"]
	})
	if subpathErr != nil {
		t.Fatal(subpathErr)
	}
	if _, err := os.Stat(e.subpath + "/site/api/dpa.json"); err != nil {
		t.Fatal(err)
	}
	return e
}

// releasedSubpath returns a copy of the sub-path fixture with version 1.0
// released.
func releasedSubpath(t *testing.T) (string, error) {
	src := testportal.Copy(t, testportal.Subpath(t))
	_, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1),
		Notes: model.NewText("de", "Erste Fassung.", "en", "First version."), Today: model.NewDate(2025, 1, 1)})
	return src, err
}

// TestSubpath: a portal published under /trust/ loads its stylesheet and
// script from there, its language switch keeps the reader's place, and
// dpa-accept.js fills a signup form from the manifest at /trust/api/dpa.json.
func TestSubpath(t *testing.T) {
	e := setupSubpath(t)
	ctx := e.tab(t)
	const anchor = "security-breach"
	do(t, ctx, chromedp.Navigate(e.url(subpathRoot+"de/dpa/#"+anchor)))
	waitLocation(t, ctx, e.url(subpathRoot+"de/dpa/#"+anchor))
	loads := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map(r => r.responseStatus + ' ' + new URL(r.name).pathname)`)
	var css, js bool
	for _, l := range loads {
		status, p, _ := strings.Cut(l, " ")
		if status != "200" || !strings.HasPrefix(p, subpathRoot) {
			t.Errorf("loaded %s with status %s, want 200 under %s", p, status, subpathRoot)
		}
		css = css || strings.HasPrefix(p, subpathRoot+"css/")
		js = js || strings.HasPrefix(p, subpathRoot+"js/")
	}
	if !css || !js {
		t.Errorf("loads %q: want the stylesheet and the script under %s", loads, subpathRoot)
	}
	if n := eval[int](t, ctx, `[...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)`); n == 0 {
		t.Error("no style rules applied")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".lang-switch a[hreflang]")))
	waitLocation(t, ctx, e.url(subpathRoot+"en/dpa/#"+anchor))

	outcome, got := acceptForm(t, ctx, e, subpathRoot+"api/dpa.json", model.DE)
	want := []string{"1.0", "de", subpathHash, subpathAgreement, "", "", "", e.url(subpathRoot + "de/dpa/1.0/"), "1.0", e.url(subpathRoot+"de/dpa/1.0/embed.html") + e.originFragment()}
	if outcome != "filled" || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the manifest under %s: %s %q, want filled %q", subpathRoot, outcome, got, want)
	}
}

// TestSubpathPDF: build --pdf of a portal published under
// https://www.example.com/trust/ prints every document of every version, the
// pages and the manifest link the PDFs under /trust/, and the links in the
// PDFs point into the portal there.
func TestSubpathPDF(t *testing.T) {
	if _, err := chrome.Find(); err != nil {
		t.Skipf("PDF export not tested: %v", err)
	}
	const base = "https://www.example.com/trust/"
	src, err := releasedSubpath(t)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today, PDF: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := currentURL(t, out, "en", "pdf_url"), base+"en/dpa/1.0/dpa-1.0.en.pdf"; got != want {
		t.Errorf("manifest pdf_url %q, want %q", got, want)
	}
	for _, lang := range model.DefaultLanguages {
		for _, doc := range []string{"dpa", "toms", "subprocessors"} {
			file := fmt.Sprintf("%s/%s/1.0/%s-1.0.%s.pdf", lang, doc, doc, lang)
			t.Run(file, func(t *testing.T) {
				page := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(path.Dir(file)), "index.html"))
				if href := page.Find(".version__pdf a").AttrOr("href", ""); href != subpathRoot+file {
					t.Errorf("the page links %q, want %q", href, subpathRoot+file)
				}
				p, err := inspect.Read(filepath.Join(out, filepath.FromSlash(file)))
				if err != nil {
					t.Fatal(err)
				}
				own := 0
				for _, l := range p.Links {
					switch {
					case strings.HasPrefix(l, base):
						own++
					case strings.HasPrefix(l, "mailto:"), strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "https://www.example.com/"):
						// an address or another site from the data
					default:
						t.Errorf("link %q points neither into the portal at %s nor to another site", l, base)
					}
				}
				if own == 0 {
					t.Errorf("no link into the portal among %q", p.Links)
				}
			})
		}
	}
}
