package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/pdf/inspect"
	"github.com/trustportal/trustportal/generator/testportal"
)

const baseURL = "https://trust.nordlicht.example/"

// TestPDFExport builds the sample portal with --pdf twice and reads every
// PDF as a reader's PDF viewer would: one per version, document and
// language, linked from its page, A4, tagged, in the page's language, with
// the page's headings as outline, version, hash and page numbers in the
// footer, links into the published portal, byte for byte the same in both
// builds.
func TestPDFExport(t *testing.T) {
	if _, err := chrome.Find(); err != nil {
		t.Skipf("PDF export not tested: %v", err)
	}
	root := testportal.Root(t)
	portal, err := generator.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	outs := []string{filepath.Join(dir, "one"), filepath.Join(dir, "two")}
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i, out := range outs {
		wg.Go(func() {
			errs[i] = generator.Build(generator.Options{Source: root, Out: out, Today: today, PDF: true})
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	out := outs[0]

	// Every version of every document in both languages has its PDF.
	var want []string
	for _, r := range portal.Model.Releases {
		for _, lang := range model.DefaultLanguages {
			for _, doc := range []string{"dpa", "toms", "subprocessors"} {
				want = append(want, fmt.Sprintf("/%s/%s/%s/%s-%s.%s.pdf", lang, doc, r.Version, doc, r.Version, lang))
			}
		}
	}
	// And the DPA with its annexes in one PDF per version and language.
	var agreements []string
	for _, r := range portal.Model.Releases {
		for _, lang := range model.DefaultLanguages {
			agreements = append(agreements, fmt.Sprintf("/%s/dpa/%s/agreement-%s.%s.pdf", lang, r.Version, r.Version, lang))
		}
	}
	var found []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			found = append(found, "/"+filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator))))
		}
		return err
	})
	if all := append(slices.Clone(want), agreements...); strings.Join(sortedCopy(found), "\n") != strings.Join(sortedCopy(all), "\n") {
		t.Fatalf("PDFs built:\n%s\nwant:\n%s", strings.Join(found, "\n"), strings.Join(sortedCopy(all), "\n"))
	}

	for _, file := range want {
		t.Run(strings.TrimPrefix(file, "/"), func(t *testing.T) {
			parts := strings.Split(file, "/")
			lang, version := parts[1], parts[3]
			page := filepath.Join(out, filepath.FromSlash(filepath.Dir(file)), "index.html")
			doc := testportal.HTML(t, page)
			if href, _ := doc.Find(".version__pdf a").Attr("href"); href != file {
				t.Errorf("the page links %q, want %q", href, file)
			}
			hash := doc.Find(".version__hash .hash").Text()
			if parts[2] == "dpa" {
				embed := testportal.HTML(t, filepath.Join(filepath.Dir(page), "embed.html"))
				if href, _ := embed.Find(`a[type="application/pdf"]`).Attr("href"); href != file {
					t.Errorf("the embeddable view links %q, want %q", href, file)
				}
			}

			name := filepath.Join(out, filepath.FromSlash(file))
			p := readPDF(t, name, lang)
			if want := squash(doc.Find("title").Text()); p.Title != want || !strings.Contains(want, "Version "+version) {
				t.Errorf("PDF title %q, want the page's title naming the version (%q)", p.Title, want)
			}
			// The outline starts with the title and has every clause,
			// area, measure or subprocessor heading, in order.
			titles := p.Titles()
			h1 := squash(doc.Find("main h1").First().Text())
			if len(titles) == 0 || titles[0] != h1 {
				t.Errorf("outline starts %q, want %q", first(titles), h1)
			}
			// (The table of contents, the list of annexes and the
			// sign-up for notices are not printed.)
			headings := doc.Find(`main h2[id$="-title"], main h3[id$="-title"]`).FilterFunction(func(_ int, h *goquery.Selection) bool {
				return h.Closest(".toc, .annexes, .notices-subscribe").Length() == 0
			})
			if headings.Length() == 0 {
				t.Fatal("no headings on the page")
			}
			rest := titles
			headings.Each(func(_ int, h *goquery.Selection) {
				h.Find(".anchor").Remove()
				text := squash(h.Text())
				for len(rest) > 0 && rest[0] != text {
					rest = rest[1:]
				}
				if len(rest) == 0 {
					t.Errorf("heading %q missing from the outline (or out of order): %q", text, titles)
					rest = titles
				}
			})
			// Links keep their published addresses: the portal's own, or
			// a subprocessor's web site and mail address from the data;
			// none points at the machine that printed the PDF.
			own := 0
			for _, l := range p.Links {
				if strings.HasPrefix(l, baseURL) {
					own++
				} else if strings.Contains(l, "127.0.0.1") || strings.Contains(l, "localhost") ||
					!strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "mailto:") {
					t.Errorf("link %q", l)
				}
			}
			if own == 0 {
				t.Errorf("no link into the portal among %q", p.Links)
			}

			text, err := inspect.Text(name)
			if errors.Is(err, inspect.ErrNoPdftotext) {
				t.Skipf("footer not checked: %v", err)
			} else if err != nil {
				t.Fatal(err)
			}
			text = squash(text)
			if !strings.Contains(text, "Version "+version+" · SHA-256 "+hash) {
				t.Errorf("no footer with version %s and hash %s", version, hash)
			}
			pageOf := map[string]string{"de": "Seite %d von %d", "en": "Page %d of %d"}[lang]
			for n := 1; n <= p.Pages; n++ {
				if !strings.Contains(text, fmt.Sprintf(pageOf, n, p.Pages)) {
					t.Errorf("no page number %q", fmt.Sprintf(pageOf, n, p.Pages))
				}
			}
			// Printed: the version's own facts, not today's status.
			effective := map[string]string{"de": "Version %s, gültig ab", "en": "Version %s, effective"}[lang]
			if !strings.Contains(text, fmt.Sprintf(effective, version)) {
				t.Errorf("no %q in the PDF", fmt.Sprintf(effective, version))
			}
			if notice := squash(doc.Find(".version__upcoming").Contents().First().Text()); notice != "" && strings.Contains(text, notice) {
				t.Errorf("the PDF carries the notice %q, which changes with the day", notice)
			}

			other, err := os.ReadFile(filepath.Join(outs[1], filepath.FromSlash(file)))
			if err != nil {
				t.Fatal(err)
			}
			if data, _ := os.ReadFile(name); !bytes.Equal(data, other) {
				t.Errorf("two builds of the same input gave different PDFs: %s", firstDifference(data, other))
			}
		})
	}

	for _, file := range agreements {
		t.Run(strings.TrimPrefix(file, "/"), func(t *testing.T) {
			parts := strings.Split(file, "/")
			lang, version := parts[1], parts[3]
			dpa := testportal.HTML(t, filepath.Join(out, lang, "dpa", version, "index.html"))
			if href, _ := dpa.Find(".version__agreement .version__pdf a").Attr("href"); href != file {
				t.Errorf("the DPA's version page links %q, want %q", href, file)
			}
			hash := dpa.Find(".version__agreement code.hash").Text()
			name := filepath.Join(out, filepath.FromSlash(file))
			p := readPDF(t, name, lang)
			// The outline holds each document's title and headings, in
			// the agreement's order.
			titles := p.Titles()
			rest := titles
			for _, doc := range []string{"dpa", "toms", "subprocessors"} {
				page := testportal.HTML(t, filepath.Join(out, lang, doc, version, "index.html"))
				for _, heading := range []string{squash(page.Find("main h1").First().Text()), squash(page.Find("main .clause h2, main .area h2, main .area h3, main .subprocessor h2").First().Find(".anchor").Remove().End().Text())} {
					for len(rest) > 0 && rest[0] != heading {
						rest = rest[1:]
					}
					if len(rest) == 0 {
						t.Errorf("%s: %q missing from the outline (or out of order): %q", doc, heading, titles)
						rest = titles
					}
				}
			}
			text, err := inspect.Text(name)
			if errors.Is(err, inspect.ErrNoPdftotext) {
				t.Skipf("header and footer not checked: %v", err)
			} else if err != nil {
				t.Fatal(err)
			}
			text = squash(text)
			// The header names the processor on every page, the footer the
			// agreement hash.
			processor := portal.Model.Releases[0].Docs.Processor.Name
			if n := strings.Count(text, processor); n < p.Pages {
				t.Errorf("the processor's name %q is on %d of %d pages", processor, n, p.Pages)
			}
			if len(hash) != 64 || !strings.Contains(text, "Version "+version+" · SHA-256 "+hash) {
				t.Errorf("no footer with version %s and agreement hash %q", version, hash)
			}
		})
	}

	// The manifest gives the signup flow each PDF's address.
	if got, want := currentURL(t, out, "de", "pdf_url"), baseURL+"de/dpa/2.0/dpa-2.0.de.pdf"; got != want {
		t.Errorf("manifest: current de pdf_url %q, want %q", got, want)
	}
	if got, want := currentURL(t, out, "en", "agreement_pdf_url"), baseURL+"en/dpa/2.0/agreement-2.0.en.pdf"; got != want {
		t.Errorf("manifest: current en agreement_pdf_url %q, want %q", got, want)
	}
}

// readPDF reads the PDF name, whose language is lang, and reports its
// problems (see inspect.PDF.Problems).
func readPDF(t *testing.T, name, lang string) *inspect.PDF {
	t.Helper()
	p, err := inspect.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range p.Problems(lang) {
		t.Error(problem)
	}
	return p
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	slices.Sort(out)
	return out
}

// currentURL returns the field key (pdf_url, agreement_pdf_url) of the
// current DPA in lang from the manifest of the site in out.
func currentURL(t *testing.T, out, lang, key string) string {
	t.Helper()
	var manifest struct {
		Current struct {
			Languages map[string]map[string]any `json:"languages"`
		} `json:"current"`
	}
	data, err := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	u, _ := manifest.Current.Languages[lang][key].(string)
	return u
}

// firstDifference describes where a and b first differ, with the bytes
// around it, for a PDF that should be the same twice.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	around := func(d []byte) string {
		return fmt.Sprintf("%q", d[max(0, i-60):min(len(d), i+60)])
	}
	return fmt.Sprintf("%d and %d bytes, first difference at byte %d:\n  %s\n  %s", len(a), len(b), i, around(a), around(b))
}
