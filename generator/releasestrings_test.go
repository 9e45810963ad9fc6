package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestReleasesShareTheirWords: releases that stored the same messages
// share one set of strings, although each stored them in files of its own
// (their comments name the release); a release made after the project
// changed a message has its own, with the new message, and the releases
// before keep theirs.
func TestReleasesShareTheirWords(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	rel := func(version string, day int) {
		t.Helper()
		req := release.Request{Version: version, Effective: model.NewDate(2026, 1, day), Today: model.NewDate(2026, 1, day)}
		if _, err := generator.Release(dir, req); err != nil {
			t.Fatal(err)
		}
	}
	rel("1.0", 1)
	rel("1.1", 2)
	testportal.Apply(t, dir, testportal.Edit{File: "i18n/en.toml", New: "nav_processor = \"Who we are\"\n"})
	rel("1.2", 3)

	stored := func(version string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "data", "releases", version, "i18n", "en.toml"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if bytes.Equal(stored("1.0"), stored("1.1")) {
		t.Fatal("releases 1.0 and 1.1 stored the same bytes: the test needs files that differ in their comments only")
	}
	p, err := generator.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := p.ReleaseStrings
	if s["1.0"] == nil || s["1.0"] != s["1.1"] {
		t.Errorf("releases 1.0 and 1.1 stored the same messages but do not share them: %p, %p", s["1.0"], s["1.1"])
	}
	if s["1.2"] == nil || s["1.2"] == s["1.0"] {
		t.Errorf("release 1.2 stored another message but shares the strings of 1.0")
	}
	for version, want := range map[string]string{"1.0": "About the Processor", "1.1": "About the Processor", "1.2": "Who we are"} {
		if got, err := s[version].T("en", "nav_processor", nil); err != nil || got != want {
			t.Errorf("release %s: nav_processor %q (%v), want %q", version, got, err, want)
		}
	}
}
