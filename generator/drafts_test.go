package generator_test

import (
	"io/fs"
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

// draftEdit rewords a sentence of the sample's audit clause in the working
// copy, in both languages: the draft pages must show it, no other page.
var draftEdit = []testportal.Edit{
	{File: "content/dpa/audits.en.md", Old: "at least four weeks in advance", New: "at least six calendar weeks in advance"},
	{File: "content/dpa/audits.de.md", Old: "mindestens vier Wochen", New: "mindestens sechs Kalenderwochen"},
}

// TestDraftPages builds the sample with an edited clause with and without
// --drafts: only with it, each document has a draft page per language,
// marked as no page of the portal, and a redline that marks the edit; the
// published pages and files are the same in both builds but for the links
// to the drafts.
func TestDraftPages(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t), draftEdit...)
	outs := map[bool]string{}
	for _, drafts := range []bool{false, true} {
		outs[drafts] = filepath.Join(t.TempDir(), "public")
		if err := generator.Build(generator.Options{Source: src, Out: outs[drafts], Today: today, Drafts: drafts}); err != nil {
			t.Fatalf("drafts %v: %v", drafts, err)
		}
	}
	draftFiles := func(out string) []string {
		var files []string
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && slices.Contains(strings.Split(filepath.ToSlash(p), "/"), "draft") {
				rel, _ := filepath.Rel(out, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return err
		})
		return files
	}
	if got := draftFiles(outs[false]); len(got) > 0 {
		t.Errorf("build without --drafts published draft pages: %v", got)
	}
	var want []string
	for _, lang := range model.DefaultLanguages {
		l := string(lang)
		want = append(want, l+"/diff/2.0/draft/index.html", l+"/dpa/draft/checklist/index.html", l+"/dpa/draft/index.html",
			l+"/subprocessors/draft/index.html", l+"/toms/draft/index.html")
	}
	slices.Sort(want)
	got := draftFiles(outs[true])
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("draft pages:\n got %v\nwant %v", got, want)
	}

	out := outs[true]
	page := func(path string) *goquery.Document {
		return testportal.HTML(t, filepath.Join(out, filepath.FromSlash(path), "index.html"))
	}
	for _, lang := range model.DefaultLanguages {
		l := string(lang)
		for _, path := range []string{l + "/dpa/draft", l + "/toms/draft", l + "/subprocessors/draft", l + "/dpa/draft/checklist", l + "/diff/2.0/draft"} {
			doc := page(path)
			if doc.Find(`head meta[name="robots"][content="noindex"]`).Length() != 1 {
				t.Errorf("%s: no robots noindex", path)
			}
			banner := doc.Find(`main [data-preview="draft"]`)
			if banner.Length() != 1 || !strings.Contains(banner.Text(), "2.0") || banner.Find(`a[href="/`+l+`/diff/2.0/draft/"]`).Length() != 1 {
				t.Errorf("%s: banner %q, want one naming version 2.0 and linking the redline", path, squash(banner.Text()))
			}
			if doc.Find(".version__hash, .version__agreement, code.hash").Length() != 0 {
				t.Errorf("%s: a draft page shows a hash", path)
			}
		}
		// The draft DPA has the edit, the version in effect does not.
		if !strings.Contains(squash(page(l+"/dpa/draft").Find("#audit-inspections").Text()), map[model.Lang]string{"de": "sechs Kalenderwochen", "en": "six calendar weeks"}[lang]) {
			t.Errorf("%s: the draft DPA lacks the edit", l)
		}
		if strings.Contains(squash(page(l+"/dpa").Text()), map[model.Lang]string{"de": "Kalenderwochen", "en": "calendar weeks"}[lang]) {
			t.Errorf("%s: the DPA in effect shows the draft's edit", l)
		}
		// The redline marks it, and lists the clause in its summary.
		redline := page(l + "/diff/2.0/draft")
		if ins := squash(redline.Find(`[id^="change-dpa-audit"] ins`).Text()); !strings.Contains(ins, map[model.Lang]string{"de": "sechs", "en": "six"}[lang]) {
			t.Errorf("%s: the redline inserts %q, want the edit", l, ins)
		}
		if redline.Find(`.diff-summary a[href^="#change-dpa-audit"]`).Length() == 0 {
			t.Errorf("%s: the redline's summary does not list the audit clause", l)
		}
		// The published pages link to the drafts only in this build: the
		// version blocks, and a notice on the home page.
		for drafts, n := range map[bool]int{false: 0, true: 1} {
			dpa := testportal.HTML(t, filepath.Join(outs[drafts], l, "dpa", "index.html"))
			if got := dpa.Find(`.version a[href="/` + l + `/dpa/draft/"]`).Length(); got != n {
				t.Errorf("%s drafts %v: %d links to the draft from the DPA in effect, want %d", l, drafts, got, n)
			}
			home := testportal.HTML(t, filepath.Join(outs[drafts], l, "index.html"))
			if got := home.Find(`main [data-preview] a[href="/` + l + `/diff/2.0/draft/"]`).Length(); got != n {
				t.Errorf("%s drafts %v: %d links to the draft from the home page, want %d", l, drafts, got, n)
			}
			if drafts && home.Find(`meta[name="robots"]`).Length() != 0 {
				t.Errorf("%s: the home page is marked noindex like a draft", l)
			}
		}
	}
	// Neither sitemaps, feeds, the version archive nor the manifest name
	// a draft; every file but the pages that link to the drafts is the
	// same as without --drafts.
	without, with := snapshot(t, outs[false]), snapshot(t, outs[true])
	for name, data := range with {
		if strings.Contains(name, "draft/") || strings.HasPrefix(name, "css/preview.") {
			continue // only the draft pages and their stylesheet are new
		}
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".txt") || strings.Contains(name, "versions/") {
			// (a draft page's path is <doc>/draft/; the manifest's
			// schema names JSON Schema's draft 2020-12, no page)
			if strings.Contains(strings.ReplaceAll(string(data), "json-schema.org/draft/", ""), "/draft/") {
				t.Errorf("%s names a draft page", name)
			}
		}
		if !slices.Equal(without[name], data) && !strings.Contains(string(data), `class="version__draft"`) && !strings.Contains(string(data), `data-preview=`) {
			t.Errorf("%s differs from the build without --drafts", name)
		}
	}
}

// TestNoDraftWithoutChange: a working copy the same as the latest release
// has no draft pages, with --drafts too.
func TestNoDraftWithoutChange(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t))
	effective := model.NewDate(2025, 1, 1)
	if _, err := generator.Release(src, release.Request{Version: "1.0", Effective: effective, Today: effective,
		Notes: model.NewText("de", "Fassung 1.0", "en", "Version 1.0")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "dpa", "draft")); err == nil {
		t.Error("a draft of a working copy without changes")
	}
	if testportal.HTML(t, filepath.Join(out, "en", "dpa", "index.html")).Find(".version__draft").Length() != 0 {
		t.Error("a link to a draft that does not exist")
	}
}
