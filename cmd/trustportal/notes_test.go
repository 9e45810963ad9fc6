package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/testportal"
)

// TestReleaseDocumentNotes: --note DOC:LANG=TEXT gives one document a
// note, recorded in release.toml under [document_notes] beside the notes
// of the whole version; a second note on the same document and language,
// or a note for something that is not a document, is refused.
func TestReleaseDocumentNotes(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t))
	release := func(extra ...string) []string {
		return append([]string{"release", "1.0", "--effective", "2030-01-01", "--source", src}, extra...)
	}
	runCases(t, []runCase{
		{release("--note", "toms:en=A", "--note", "toms:en=B"), 2, "a second note on toms in English"},
		{release("--note", "toms:english=A"), 2, `"english" is not a language code`},
		{release("--note", "annex:en=A", "--note", "annex:de=A"), 1, `"annex" is not a document: write dpa, toms or subprocessors`},
		{release("--note", "toms:en=A"), 1, "add --note toms:de=TEXT"},
		{release("--note", "de=Erste Fassung.", "--note", "en=First version.",
			"--note", "subprocessors:de=Neuer Hoster.", "--note", "subprocessors:en=New host."), 0, "1.0"},
	})
	data, err := os.ReadFile(filepath.Join(src, "data", "releases", "1.0", "release.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`notes = { de = "Erste Fassung.", en = "First version." }`,
		"\n[document_notes]\nsubprocessors = { de = \"Neuer Hoster.\", en = \"New host.\" }\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("release.toml lacks %q:\n%s", want, data)
		}
	}
}
