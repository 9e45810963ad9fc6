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
	"github.com/trustportal/trustportal/generator/testportal/tamper"
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

// TestOneLanguageChangeIsRefusedBeforeTheBuild: a change in one language
// would give pages whose translations differ in their anchors, which the
// build refuses. check and release refuse it first, with the same problem.
func TestOneLanguageChangeIsRefusedBeforeTheBuild(t *testing.T) {
	t.Run("preamble in one language", func(t *testing.T) {
		dir := testportal.Copy(t, testportal.Minimal(t),
			testportal.Edit{File: "content/dpa/_index.en.md", Old: "This agreement supplements the main agreement.", New: ""})
		refusedByAll(t, dir, "1.0", "content/dpa/_index.en.md:1: preamble: the DPA has a preamble in German but none in English")
	})

	t.Run("redline in one language, to be released", func(t *testing.T) {
		dir := testportal.Copy(t, testportal.Minimal(t))
		if _, err := generator.Release(dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		replaceIn(t, dir, "content/dpa/scope.de.md", "verarbeitet Daten", "verarbeitet personenbezogene Daten")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"release", "1.1", "--effective", "2030-01-01", "--source", dir}, &stdout, &stderr); code != 1 {
			t.Errorf("release: exit status %d, want 1", code)
		}
		want := `content/dpa/scope.de.md:6: {#scope-subject}: sub-clause "scope-subject" changed from version 1.0 to 1.1 in German only`
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("release: output lacks\n%s\ngot:\n%s", want, stderr.String())
		}
		if _, err := os.Stat(filepath.Join(dir, "data", "releases", "1.1")); err == nil {
			t.Error("release 1.1 was written")
		}
	})

	t.Run("redline in one language, released by an older trustportal", func(t *testing.T) {
		dir := testportal.Copy(t, testportal.Minimal(t))
		if _, err := generator.Release(dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		// An older trustportal released a change made in German only:
		// release 1.1 is the working copy with its German sub-clause
		// reworded, and the lock matches it.
		replaceIn(t, dir, "content/dpa/scope.de.md", "verarbeitet Daten", "verarbeitet personenbezogene Daten")
		replaceIn(t, dir, "content/dpa/scope.en.md", "processes data", "processes personal data")
		if _, err := generator.Release(dir, release.Request{Version: "1.1", Effective: model.NewDate(2026, 1, 1)}); err != nil {
			t.Fatal(err)
		}
		replaceIn(t, dir, "data/releases/1.1/dpa/scope.en.md", "processes personal data", "processes data")
		tamper.Relock(t, dir, "1.1")
		refusedByAll(t, dir, "1.2", `data/releases/1.1/dpa/scope.de.md:6: {#scope-subject}: sub-clause "scope-subject" changed from version 1.0 to 1.1 in German only`)
	})
}
