package generator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestDocumentNotes: a release's notes on one document show on that
// document's pages only, and on the version archive and in the feed with
// the document's name; notes of the whole version (all a release made
// before had) show on every document's pages, as before. A version that did
// not change a document says so on that document's page.
func TestDocumentNotes(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t))
	edit := func(file, old, new string) { testportal.Apply(t, src, testportal.Edit{File: file, Old: old, New: new}) }
	rel := func(req release.Request) {
		t.Helper()
		if _, err := generator.Release(src, req); err != nil {
			t.Fatal(err)
		}
	}
	rel(release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1),
		Notes: model.NewText("de", "Erste Fassung.", "en", "First version.")})
	edit("content/dpa/scope.en.md", "It acts on instructions only", "It acts on documented instructions only")
	edit("content/dpa/scope.de.md", "Er handelt nur auf Weisung", "Er handelt nur auf dokumentierte Weisung")
	edit("data/subprocessors.toml", `safeguard = "dpf"`, `safeguard = "scc"`)
	rel(release.Request{Version: "2.0", Effective: model.NewDate(2026, 1, 1), Today: model.NewDate(2026, 1, 1), Material: true, DocNotes: map[string]model.Text{
		"subprocessors": model.NewText("de", "Übermittlung nun auf Grundlage der Standardvertragsklauseln", "en", "Transfers now rest on the standard contractual clauses"),
		"dpa":           model.NewText("de", "Weisungen sind zu dokumentieren.", "en", "Instructions are documented."),
	}})
	edit("data/toms.toml", `text = { de = "TLS 1.2 oder höher.", en = "TLS 1.2 or higher." }`, `text = { de = "TLS 1.3.", en = "TLS 1.3." }`)
	rel(release.Request{Version: "3.0", Effective: model.NewDate(2026, 6, 1), Today: model.NewDate(2026, 6, 1), DocNotes: map[string]model.Text{
		"toms": model.NewText("de", "Nur noch TLS 1.3.", "en", "TLS 1.3 only."),
	}})

	stored, err := os.ReadFile(filepath.Join(src, "data", "releases", "2.0", "release.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\n[document_notes]\ndpa = { de = \"Weisungen sind zu dokumentieren.\", en = \"Instructions are documented.\" }\nsubprocessors = { de = "; !bytes.Contains(stored, []byte(want)) {
		t.Errorf("release.toml of 2.0 lacks %q:\n%s", want, stored)
	}

	out := buildFixture(t, src)
	page := func(path string) (whole, own, unchanged string) {
		doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(path), "index.html")).Find("main .version")
		return squash(doc.Find(".version__notes:not(.version__notes--document)").Text()), squash(doc.Find(".version__notes--document").Text()),
			squash(doc.Find(".version__unchanged").Text())
	}
	for _, tc := range []struct {
		path, whole, own, unchanged string
	}{
		{"en/dpa/1.0", "First version.", "", ""},
		{"en/toms/1.0", "First version.", "", ""},
		{"en/subprocessors/1.0", "First version.", "", ""},
		{"en/dpa/2.0", "", "Instructions are documented.", ""},
		{"en/toms/2.0", "", "", "Version 2.0 did not change this document: it reads as in version 1.0."},
		{"en/subprocessors/2.0", "", "Transfers now rest on the standard contractual clauses", ""},
		{"de/toms/2.0", "", "", "Version 2.0 hat dieses Dokument nicht geändert: Es lautet wie in Version 1.0."},
		{"en/dpa/3.0", "", "", "Version 3.0 did not change this document: it reads as in version 2.0."},
		{"en/toms/3.0", "", "TLS 1.3 only.", ""},
		{"en/subprocessors/3.0", "", "", "Version 3.0 did not change this document: it reads as in version 2.0."},
		{"en/toms", "", "TLS 1.3 only.", ""}, // the version in effect on the tests' day
	} {
		whole, own, unchanged := page(tc.path)
		if whole != tc.whole || own != tc.own || unchanged != tc.unchanged {
			t.Errorf("%s: notes %q, document notes %q, unchanged %q; want %q, %q, %q", tc.path, whole, own, unchanged, tc.whole, tc.own, tc.unchanged)
		}
	}

	archive := testportal.HTML(t, filepath.Join(out, "en", "versions", "index.html"))
	var notes []string
	archive.Find("#version-2\\.0 .version__document-notes li").Each(func(_ int, li *goquery.Selection) { notes = append(notes, squash(li.Text())) })
	if got := strings.Join(notes, "|"); got != "Data Processing Agreement: Instructions are documented.|Subprocessors: Transfers now rest on the standard contractual clauses" {
		t.Errorf("archive, 2.0: %q", got)
	}
	var feed struct {
		Items []struct {
			Summary string `json:"summary"`
		} `json:"items"`
	}
	if err := json.Unmarshal(readSite(t, out, "/en/versions/feed.json"), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range feed.Items {
		found = found || strings.Contains(it.Summary, "Subprocessors: Transfers now rest on the standard contractual clauses.")
	}
	if !found {
		t.Errorf("the versions feed does not give the document notes: %+v", feed.Items)
	}
}

// TestDocumentNotesRefused: a note for something that is not a document,
// or in some of the portal's languages only, is refused before anything is
// written.
func TestDocumentNotesRefused(t *testing.T) {
	for _, tc := range []struct {
		name  string
		notes map[string]model.Text
		want  string
	}{
		{"not a document", map[string]model.Text{"annex": model.NewText("de", "x", "en", "x")}, `"annex" is not a document: write dpa, toms or subprocessors`},
		{"one language", map[string]model.Text{"toms": model.NewText("en", "x")}, "add --note toms:de=TEXT"},
		{"another language", map[string]model.Text{"dpa": model.NewText("de", "x", "en", "x", "fr", "x")}, "--note dpa:fr: French is not one of the portal's languages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t))
			_, err := generator.Release(src, release.Request{Version: "1.0", Effective: today, Today: today, DocNotes: tc.notes})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want %q, got %v", tc.want, err)
			}
			if _, err := os.Stat(filepath.Join(src, "data", "releases")); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}
