package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// refusedByAll runs check, release and build on the project in dir and
// asserts that each fails with want in its output, and that neither a
// release nor a site was written.
func refusedByAll(t *testing.T, dir, version, want string) {
	t.Helper()
	lock, _ := os.ReadFile(filepath.Join(dir, "data", "releases", "lock.toml"))
	out := filepath.Join(t.TempDir(), "public")
	for _, args := range [][]string{
		{"check", "--source", dir},
		{"release", version, "--effective", "2030-01-01", "--source", dir},
		{"build", "--source", dir, "--out", out, "--today", "2026-06-01"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 1 {
			t.Errorf("%s: exit status %d, want 1\n%s%s", args[0], code, stdout.String(), stderr.String())
		}
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: output lacks\n%s\ngot:\n%s", args[0], want, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "releases", version)); err == nil {
		t.Errorf("release %s was written", version)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "data", "releases", "lock.toml")); !bytes.Equal(lock, after) {
		t.Error("the lock changed")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the site was published")
	}
}

// replaceIn replaces the one occurrence of old in file of the project in dir.
func replaceIn(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(data), old) != 1 {
		t.Fatalf("%s: %q does not occur once", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPreambleInOneLanguageIsRefusedBeforeTheBuild: a preamble in one
// language only would give DPA pages whose translations differ in their
// sections, which the build refuses; check and release refuse it first.
func TestPreambleInOneLanguageIsRefusedBeforeTheBuild(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "content/dpa/_index.en.md", Old: "This agreement supplements the main agreement.", New: ""})
	refusedByAll(t, dir, "1.0", "content/dpa/_index.en.md:1: preamble: the DPA has a preamble in German but none in English")
}

// TestOneLanguageChangeIsReleasedAndShown: a correction made in one language
// only (a translation fixed) checks, releases and builds; the redline in
// that language shows the words, the other lists the same section as
// changed only in another language version, so both pages have the same
// sections.
func TestOneLanguageChangeIsReleasedAndShown(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	if _, err := generator.Release(dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, dir, "content/dpa/scope.de.md", "verarbeitet Daten", "verarbeitet personenbezogene Daten")
	out := filepath.Join(t.TempDir(), "public")
	for _, args := range [][]string{
		{"check", "--source", dir},
		{"release", "1.1", "--effective", "2026-01-01", "--announced", "2025-12-01", "--historical", "--not-material", "corrects the English translation", "--source", dir},
		{"build", "--source", dir, "--out", out, "--today", "2026-06-01"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit status %d\n%s%s", args[0], code, stdout.String(), stderr.String())
		}
	}
	for lang, want := range map[string]struct {
		redline bool
		note    string
	}{"de": {true, ""}, "en": {false, "changed only in another language version"}} {
		page := testportal.HTML(t, filepath.Join(out, lang, "diff", "1.0", "1.1", "index.html"))
		section := page.Find("#change-dpa-scope-subject")
		if section.Length() != 1 {
			t.Errorf("%s: the redline lacks the changed sub-clause", lang)
			continue
		}
		if got := section.Find("ins").Length() > 0; got != want.redline {
			t.Errorf("%s: words inserted %v, want %v", lang, got, want.redline)
		}
		if heading := section.Find("h4").First().Text(); want.note != "" && !strings.Contains(heading, want.note) {
			t.Errorf("%s: heading %q lacks %q", lang, heading, want.note)
		}
	}
}
