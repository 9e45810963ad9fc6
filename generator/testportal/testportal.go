// Package testportal gives tests a private copy of a portal project to
// build or break.
package testportal

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
)

// Root returns the repository's root, which is also the sample portal.
func Root(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Minimal returns the path of the small fixture project.
func Minimal(t testing.TB) string {
	return filepath.Join(Root(t), "generator", "testdata", "minimal")
}

// Structure returns the path of the fixture whose data/dpa.toml sets the
// contract's own structure: numbering, party terms, annexes.
func Structure(t testing.TB) string {
	return filepath.Join(Root(t), "generator", "testdata", "structure")
}

// Subpath returns the path of the fixture published under a path,
// https://www.example.com/trust/.
func Subpath(t testing.TB) string {
	return filepath.Join(Root(t), "generator", "testdata", "subpath")
}

// Edit changes one file of a project copy: Replace a unique Old text by New,
// or, with Old empty, write New as the whole file ("" with Delete removes it).
type Edit struct {
	File     string
	Old, New string
	Delete   bool
}

// Copy copies the project at src (its data/, content/, layouts/, i18n/,
// assets/ and static/) into a temporary directory and applies edits.
func Copy(t testing.TB, src string, edits ...Edit) string {
	t.Helper()
	dst := t.TempDir()
	for _, sub := range []string{"data", "content", "layouts", "i18n", "assets", "static"} {
		root := filepath.Join(src, sub)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	Apply(t, dst, edits...)
	return dst
}

// Apply applies edits to the project in dir.
func Apply(t testing.TB, dir string, edits ...Edit) {
	t.Helper()
	for _, e := range edits {
		p := filepath.Join(dir, filepath.FromSlash(e.File))
		if e.Delete {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if e.Old == "" {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(e.New), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), e.Old); n != 1 {
			t.Fatalf("edit %s: %q occurs %d times, want once", e.File, e.Old, n)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), e.Old, e.New, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Golden compares got with the golden file p, or rewrites p when update is
// set (go test -update).
func Golden(t testing.TB, p, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update accepts it):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

// Documents loads the working copy of the project in dir, failing the test
// on any problem.
func Documents(t testing.TB, dir string) *model.Documents {
	t.Helper()
	d, problems, err := load.Documents(os.DirFS(dir), load.WorkingCopy, model.DefaultLanguages)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return d
}

// Strings returns the built-in theme's strings.
func Strings(t testing.TB) *l10n.Strings {
	t.Helper()
	s, err := l10n.Load(model.DefaultLanguages, trustportal.Theme)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// HTML parses the HTML file name.
func HTML(t testing.TB, name string) *goquery.Document {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Annex returns a copy of the small fixture project whose TOM annex is
// written as the legal team wrote it (generator/testdata/annex/toms.toml):
// order = "as-written", three levels, Markdown, references within it.
func Annex(t testing.TB) string {
	t.Helper()
	toms, err := os.ReadFile(filepath.Join(Root(t), "generator", "testdata", "annex", "toms.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return Copy(t, Minimal(t), Edit{File: "data/toms.toml", New: string(toms)})
}

// textPair is a text of the fixtures in both default languages, as they
// write it: { de = "…", en = "…" }.
var textPair = regexp.MustCompile(`\{ de = ("(?:[^"\\]|\\.)*"), en = ("(?:[^"\\]|\\.)*") \}`)

// OneLanguage copies the project at src (whose texts are written
// { de = "…", en = "…" }, as the fixtures write them) as a portal in lang
// alone: languages = [lang], each text and Markdown file in lang only, and
// lang the binding language.
func OneLanguage(t testing.TB, src string, lang model.Lang) string {
	t.Helper()
	return Languages(t, src, []model.Lang{lang}, lang)
}

// Languages copies the project at src (whose texts are written
// { de = "…", en = "…" }, as the fixtures write them) as a portal in langs
// with binding the binding language. German and English keep their texts;
// any other language gets the English text and Markdown files, a stand-in
// for a translation.
func Languages(t testing.TB, src string, langs []model.Lang, binding model.Lang) string {
	t.Helper()
	text := func(l model.Lang) string { // the text of l in textPair's groups
		if l == model.DE {
			return "$1"
		}
		return "$2"
	}
	var pairs, quoted []string
	for _, l := range langs {
		pairs = append(pairs, string(l)+" = "+text(l))
		quoted = append(quoted, `"`+string(l)+`"`)
	}
	dst := Copy(t, src)
	err := filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if base, ok := strings.CutSuffix(name, ".en.md"); ok {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, l := range langs {
				if l != model.DE && l != model.EN {
					if err := os.WriteFile(filepath.Join(filepath.Dir(p), base+"."+string(l)+".md"), data, 0o644); err != nil {
						return err
					}
				}
			}
		}
		for _, l := range model.DefaultLanguages {
			if strings.HasSuffix(name, "."+string(l)+".md") && !slices.Contains(langs, l) {
				return os.Remove(p)
			}
		}
		if !strings.HasSuffix(name, ".toml") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := textPair.ReplaceAllString(string(data), "{ "+strings.Join(pairs, ", ")+" }")
		s = strings.Replace(s, `binding_language = "de"`, `binding_language = "`+string(binding)+`"`, 1)
		if name == "portal.toml" {
			s = "languages = [" + strings.Join(quoted, ", ") + "]\n" + s
		}
		return os.WriteFile(p, []byte(s), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
