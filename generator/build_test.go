package generator_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// built is a project built once for all tests that only read its output.
type built struct {
	portal *generator.Portal
	out    string
	err    error
}

var (
	buildsMu sync.Mutex
	builds   = map[string]*built{}
)

// build builds the project in src once per test binary.
func build(t *testing.T, src string) *built {
	t.Helper()
	buildsMu.Lock()
	defer buildsMu.Unlock()
	if b, ok := builds[src]; ok {
		if b.err != nil {
			t.Fatal(b.err)
		}
		return b
	}
	b := &built{}
	builds[src] = b
	b.portal, b.err = generator.Load(src)
	if b.err == nil {
		b.out = filepath.Join(tempRoot, "out-"+strings.ReplaceAll(filepath.Base(src), string(filepath.Separator), "-")+"-"+string(rune('a'+len(builds))))
		b.err = generator.Build(generator.Options{Source: src, Out: b.out, Today: today})
	}
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b
}

var tempRoot string

func TestMain(m *testing.M) {
	if os.Getenv(childBuildEnv) != "" {
		os.Exit(childBuild())
	}
	var err error
	if tempRoot, err = os.MkdirTemp("", "trustportal-test-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(tempRoot)
	os.Exit(code)
}

// projects are the portals every output test runs on: the fixture and the
// repository's own sample portal.
func projects(t *testing.T) map[string]string {
	return map[string]string{
		"minimal": testportal.Minimal(t),
		"sample":  testportal.Root(t),
	}
}

// shown returns the documents the unversioned pages show: the release in
// effect on the tests' day, or the working copy of a project without
// releases.
func (b *built) shown() *model.Documents {
	tl := release.NewTimeline(b.portal.Model, today)
	if tl.Current != nil {
		return &tl.Current.Docs
	}
	return &b.portal.Model.Docs
}

func (b *built) doc(t *testing.T, lang model.Lang, page string) *goquery.Document {
	t.Helper()
	return testportal.HTML(t, filepath.Join(b.out, string(lang), page, "index.html"))
}

func attrs(sel *goquery.Selection, attr string) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr(attr, "")) })
	return out
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestDPAClausesInBothLanguages(t *testing.T) {
	for name, src := range projects(t) {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			var wantClauses, wantSubs []string
			for _, c := range b.shown().DPA.Clauses {
				wantClauses = append(wantClauses, c.ID)
				for _, sc := range c.SubClauses {
					wantSubs = append(wantSubs, sc.ID)
				}
			}
			for _, lang := range model.DefaultLanguages {
				doc := b.doc(t, lang, "dpa")
				if got := attrs(doc.Find("section.clause"), "id"); !slices.Equal(got, wantClauses) {
					t.Errorf("%s: clause ids = %v, want %v", lang, got, wantClauses)
				}
				if got := attrs(doc.Find("li.subclause"), "id"); !slices.Equal(got, wantSubs) {
					t.Errorf("%s: sub-clause ids = %v, want %v", lang, got, wantSubs)
				}
				for i, c := range b.shown().DPA.Clauses {
					h := squash(doc.Find("#" + c.ID + "-title").Text())
					if want := c.Number + ". " + c.Title.In(lang); !strings.HasPrefix(h, want) {
						t.Errorf("%s: heading of clause %d = %q, want %q", lang, i+1, h, want)
					}
				}
				if len(wantClauses) < 2 {
					t.Errorf("%s: only %d clauses rendered", lang, len(wantClauses))
				}
			}
		})
	}
}

func TestEveryPageHasItsTranslation(t *testing.T) {
	for name, src := range projects(t) {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			base := b.portal.Model.Site.BaseURL
			pages := 0
			walkHTML(t, b.out, func(rel string, doc *goquery.Document) {
				if doc.Find(`meta[http-equiv="refresh"]`).Length() > 0 || strings.HasSuffix(rel, "404.html") {
					return
				}
				pages++
				lang := doc.Find("html").AttrOr("lang", "")
				for _, l := range model.DefaultLanguages {
					href, ok := doc.Find(`link[rel="alternate"][hreflang="` + string(l) + `"]`).Attr("href")
					if !ok {
						t.Errorf("%s: no hreflang %s", rel, l)
						continue
					}
					target := strings.TrimPrefix(href, base)
					if !strings.HasPrefix(target, string(l)+"/") {
						t.Errorf("%s: hreflang %s = %s, not in /%s/", rel, l, href, l)
					}
					file := target
					if !strings.HasSuffix(file, ".html") {
						file = filepath.Join(file, "index.html")
					}
					if _, err := os.Stat(filepath.Join(b.out, file)); err != nil {
						t.Errorf("%s: hreflang %s points to missing %s", rel, l, href)
					}
					// The language switch leads to the same document; an
					// embedded view has none, the signup flow picks the language.
					if embed := doc.Find("body.embed").Length() > 0; model.Lang(lang) != l && !embed {
						sw := doc.Find(`.lang-switch a[hreflang="`+string(l)+`"]`).AttrOr("href", "")
						if sw != "/"+target {
							t.Errorf("%s: language switch to %s = %q, want %q", rel, l, sw, "/"+target)
						}
					}
				}
				if doc.Find(`link[rel="alternate"][hreflang="x-default"]`).Length() != 1 && doc.Find("body.embed").Length() == 0 {
					t.Errorf("%s: no x-default alternate", rel)
				}
				if notice := squash(doc.Find(".binding-notice").Text()); notice == "" {
					t.Errorf("%s: no binding-language notice", rel)
				}
			})
			if want := len(model.DefaultLanguages) * 6; pages < want {
				t.Errorf("%d pages with translations, want at least %d", pages, want)
			}
		})
	}
}

func TestTOMAnnexCarriesEveryMeasure(t *testing.T) {
	for name, src := range projects(t) {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			for _, lang := range model.DefaultLanguages {
				doc := b.doc(t, lang, "toms")
				n := 0
				for _, a := range b.shown().TOMs.Areas {
					if got := doc.Find("section.area#" + a.ID + " h3").Text(); !strings.Contains(got, a.Title.In(lang)) {
						t.Errorf("%s: area %s heading = %q, want %q", lang, a.ID, got, a.Title.In(lang))
					}
					for _, m := range a.Measures {
						n++
						li := doc.Find("section.area#" + a.ID + " li.measure#" + m.ID)
						if li.Length() != 1 {
							t.Errorf("%s: measure %s not in area %s", lang, m.ID, a.ID)
							continue
						}
						if got := squash(li.Find(".measure__text").Text()); got != squash(m.Text.In(lang)) {
							t.Errorf("%s: measure %s = %q, want %q", lang, m.ID, got, m.Text.In(lang))
						}
					}
				}
				if got := doc.Find("li.measure").Length(); got != n {
					t.Errorf("%s: %d measures on the page, %d in the data", lang, got, n)
				}
			}
		})
	}
}

// months are the month names the pages must use; kept here, apart from the
// i18n tables, so that the test checks the output rather than repeats it.
var months = map[model.Lang][]string{
	model.DE: {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	model.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

func longDate(lang model.Lang, d model.Date) string {
	t := d.Time()
	m := months[lang][t.Month()-1]
	if lang == model.DE {
		return strings.Join([]string{strconv.Itoa(t.Day()) + ".", m, strconv.Itoa(t.Year())}, " ")
	}
	return strings.Join([]string{strconv.Itoa(t.Day()), m, strconv.Itoa(t.Year())}, " ")
}

func TestSubprocessorTableCarriesEveryEntity(t *testing.T) {
	for name, src := range projects(t) {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			for _, lang := range model.DefaultLanguages {
				doc := b.doc(t, lang, "subprocessors")
				rows := doc.Find("table.subprocessor-table tbody tr")
				subs := b.shown().Subprocessors.List
				if rows.Length() != len(subs) {
					t.Fatalf("%s: %d rows, %d subprocessors", lang, rows.Length(), len(subs))
				}
				rows.Each(func(i int, row *goquery.Selection) {
					s := subs[i]
					cells := row.Find("th, td")
					got := func(j int) string { return squash(cells.Eq(j).Text()) }
					if row.AttrOr("data-subprocessor", "") != s.ID || got(0) != s.Name {
						t.Errorf("%s: row %d = %q (%s), want %q (%s)", lang, i, got(0), row.AttrOr("data-subprocessor", ""), s.Name, s.ID)
					}
					if got(1) != country.Name(s.Address.Country, lang) {
						t.Errorf("%s: %s country = %q", lang, s.ID, got(1))
					}
					for _, l := range s.Locations {
						if !strings.Contains(got(2), country.Name(l.Country, lang)) {
							t.Errorf("%s: %s locations %q lack %s", lang, s.ID, got(2), l.Country)
						}
					}
					if got(3) != squash(s.Purpose.In(lang)) {
						t.Errorf("%s: %s purpose = %q", lang, s.ID, got(3))
					}
					if got(4) == "" {
						t.Errorf("%s: %s has no safeguard", lang, s.ID)
					}
					if want := longDate(lang, s.Since); got(5) != want {
						t.Errorf("%s: %s since = %q, want %q", lang, s.ID, got(5), want)
					}
					if iso := cells.Eq(5).Find("time").AttrOr("datetime", ""); iso != s.Since.String() {
						t.Errorf("%s: %s datetime = %q", lang, s.ID, iso)
					}
					if doc.Find("section.subprocessor#"+s.ID).Length() != 1 {
						t.Errorf("%s: no details for %s", lang, s.ID)
					}
				})
			}
		})
	}
}

var loadAttrs = map[string]string{
	"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
	"audio": "src", "embed": "src", "object": "data", "link": "href", "track": "src",
}

func TestNothingLoadsFromAnotherHost(t *testing.T) {
	for name, src := range projects(t) {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			base := b.portal.Model.Site.BaseURL
			walkHTML(t, b.out, func(rel string, doc *goquery.Document) {
				for tag, attr := range loadAttrs {
					doc.Find(tag + "[" + attr + "]").Each(func(_ int, s *goquery.Selection) {
						if tag == "link" && (s.AttrOr("rel", "") == "alternate" || s.AttrOr("rel", "") == "canonical") {
							return
						}
						u := s.AttrOr(attr, "")
						if strings.Contains(u, "//") && !strings.HasPrefix(u, base) {
							t.Errorf("%s: <%s %s=%q> loads from another host", rel, tag, attr, u)
						}
					})
				}
				if doc.Find("[style]").Length() > 0 && strings.Contains(doc.Find("[style]").AttrOr("style", ""), "url(") {
					t.Errorf("%s: inline style with url()", rel)
				}
			})
			filepath.WalkDir(b.out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".css") {
					css, _ := os.ReadFile(p)
					if regexp.MustCompile(`(?i)url\(\s*['"]?(https?:)?//|@import`).Match(css) {
						t.Errorf("%s loads from another host", p)
					}
				}
				return nil
			})
		})
	}
}

func walkHTML(t *testing.T, dir string, fn func(rel string, doc *goquery.Document)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fn(filepath.ToSlash(rel), doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file below dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalSnapshots(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s only in the first", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s differs", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s only in the second", name)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	src := testportal.Minimal(t)
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	for _, out := range []string{one, two} {
		if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := snapshot(t, one), snapshot(t, two)
	if len(a) < 10 {
		t.Fatalf("only %d files built", len(a))
	}
	equalSnapshots(t, a, b)
}

func TestFailedBuildKeepsThePreviousSite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := generator.Build(generator.Options{Source: testportal.Minimal(t), Out: out}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	for name, edit := range map[string]testportal.Edit{
		"bad data":     {File: "data/toms.toml", Old: `id = "tls"`, New: `id = "TLS!"`},
		"bad template": {File: "layouts/toms.html", New: `{{ define "main" }}{{ .Params.nope.deeper }}{{ end }}`},
		"third-party asset in a template": {File: "layouts/_partials/footer.html",
			New: `<footer><img src="https://tracker.example.net/pixel.gif" alt=""></footer>`},
	} {
		t.Run(name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), edit)
			if err := generator.Build(generator.Options{Source: src, Out: out}); err == nil {
				t.Fatal("build succeeded, want an error")
			} else if name == "third-party asset in a template" && !strings.Contains(err.Error(), "tracker.example.net") {
				t.Errorf("error does not name the third-party URL: %v", err)
			}
			equalSnapshots(t, before, snapshot(t, out))
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// TestPDFNeedsChromium: without Chromium, build --pdf stops before it
// touches anything and says how to get it; a plain build needs no browser.
func TestPDFNeedsChromium(t *testing.T) {
	t.Setenv("TRUSTPORTAL_CHROMIUM", filepath.Join(t.TempDir(), "no-chromium"))
	src := testportal.Minimal(t)
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
		t.Fatalf("a build without --pdf needs no browser: %v", err)
	}
	before := snapshot(t, out)
	err := generator.Build(generator.Options{Source: src, Out: out, PDF: true})
	if err == nil {
		t.Fatal("build --pdf succeeded without Chromium")
	}
	for _, want := range []string{"--pdf: ", "apt-get install -y chromium", "TRUSTPORTAL_CHROMIUM", "without --pdf"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q: %v", want, err)
		}
	}
	equalSnapshots(t, before, snapshot(t, out))
	for name := range before {
		if strings.HasSuffix(name, ".pdf") {
			t.Errorf("%s built without --pdf", name)
		}
	}
}

func TestDataIsEscaped(t *testing.T) {
	const evil = `<script>alert("x")</script> & <b>Co</b>`
	src := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "data/subprocessors.toml", Old: `name = "Hoster GmbH"`, New: `name = '` + evil + `'`},
		testportal.Edit{File: "data/processor.toml", Old: `name = "Beispiel GmbH"`, New: `name = '` + evil + `'`},
		// TOM texts are Markdown, where check refuses raw HTML; a title is text.
		testportal.Edit{File: "data/toms.toml", Old: `title = { de = "Zutrittskontrolle"`, New: `title = { de = '<img src=x onerror=alert(1)>'`},
	)
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	walkHTML(t, out, func(rel string, doc *goquery.Document) {
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "alert") {
				t.Errorf("%s: data became a script element", rel)
			}
		})
		if doc.Find("b, img").Length() > 0 {
			t.Errorf("%s: data became markup", rel)
		}
	})
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(snapshot(t, out)[filepath.Join("en", "subprocessors", "index.html")]))
	if got := squash(doc.Find(`tr[data-subprocessor="hoster"] th`).Text()); got != evil {
		t.Errorf("name shown as %q, want the literal text %q", got, evil)
	}
}

func TestProjectOverridesTheme(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "layouts/_partials/footer.html", New: `<footer class="custom">{{ T "customFooter" }}</footer>`},
		testportal.Edit{File: "i18n/de.toml", New: "customFooter = \"Eigene Fußzeile\"\n"},
		testportal.Edit{File: "i18n/en.toml", New: "customFooter = \"Own footer\"\nnav_toms = \"Security measures\"\n"},
	)
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	files := snapshot(t, out)
	for lang, want := range map[string]string{"de": "Eigene Fußzeile", "en": "Own footer"} {
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(files[filepath.Join(lang, "dpa", "index.html")]))
		if got := doc.Find("footer.custom").Text(); got != want {
			t.Errorf("%s footer = %q, want %q", lang, got, want)
		}
	}
	// A string overridden in i18n/ reaches both Hugo's templates and the
	// generator's own pages (the generated page title).
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(files[filepath.Join("en", "toms", "index.html")]))
	if got := doc.Find("h1").Text(); got != "Security measures" {
		t.Errorf("TOM page title = %q, want the overridden string", got)
	}
}

func TestHugoSourceIsKept(t *testing.T) {
	dir := t.TempDir()
	hugoDir := filepath.Join(dir, "hugo")
	for range 2 { // the second build reuses the directory
		if err := generator.Build(generator.Options{Source: testportal.Minimal(t), Out: filepath.Join(dir, "public"), HugoSource: hugoDir}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"hugo.json", "content/dpa/_index.de.md", "themes/trustportal/layouts/baseof.html"} {
		if _, err := os.Stat(filepath.Join(hugoDir, f)); err != nil {
			t.Errorf("emitted project lacks %s", f)
		}
	}
	foreign := filepath.Join(dir, "foreign")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	err := generator.Build(generator.Options{Source: testportal.Minimal(t), Out: filepath.Join(dir, "public"), HugoSource: foreign})
	if err == nil || !strings.Contains(err.Error(), "trustportal did not write") {
		t.Errorf("build into a foreign directory: err = %v", err)
	}
}

func BenchmarkBuildSample(b *testing.B) {
	src := testportal.Root(b)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	measured(b, func() error { return generator.Build(generator.Options{Source: src, Out: out, Today: today}) })
}

// BenchmarkBuildSampleCached builds the sample with a page cache that a
// first build (not measured) filled.
func BenchmarkBuildSampleCached(b *testing.B) {
	src := testportal.Root(b)
	out := filepath.Join(b.TempDir(), "public")
	cache := b.TempDir()
	build := func() error {
		return generator.Build(generator.Options{Source: src, Out: out, Today: today, Cache: cache})
	}
	if err := build(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	measured(b, build)
}

// BenchmarkBuildSamplePDF is the full build with --pdf: 32 PDFs printed by
// one Chromium, started per build.
func BenchmarkBuildSamplePDF(b *testing.B) {
	if _, err := chrome.Find(); err != nil {
		b.Skipf("needs Chromium: %v", err)
	}
	src := testportal.Root(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if err := generator.Build(generator.Options{Source: src, Out: out, Today: today, PDF: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSamplePDFCached is the same build with a page cache that
// a first build (not measured) filled: no PDF is printed again.
func BenchmarkBuildSamplePDFCached(b *testing.B) {
	if _, err := chrome.Find(); err != nil {
		b.Skipf("needs Chromium: %v", err)
	}
	src := testportal.Root(b)
	out := filepath.Join(b.TempDir(), "public")
	cache := b.TempDir()
	build := func() error {
		return generator.Build(generator.Options{Source: src, Out: out, Today: today, PDF: true, Cache: cache})
	}
	if err := build(); err != nil {
		b.Fatal(err)
	}
	measured(b, build)
}

func BenchmarkCheckSample(b *testing.B) {
	src := testportal.Root(b)
	b.ReportAllocs()
	measured(b, func() error { return generator.Check(src) })
}
