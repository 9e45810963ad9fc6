package release_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/testportal/tamper"
)

func mustRelease(t *testing.T, dir string, req release.Request) *model.LockEntry {
	t.Helper()
	e, err := generator.Release(dir, req)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReleaseFreezesTheWorkingCopy(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	e1 := mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1),
		Notes: model.NewText("de", "Erste Fassung", "en", "First version"), Today: model.NewDate(2025, 1, 1)})
	if len(e1.Texts) != 8 || len(e1.Files) < 10 { // 3 documents and the agreement, in 2 languages
		t.Errorf("lock entry: %d texts, %d files", len(e1.Texts), len(e1.Files))
	}
	// Editing the working copy changes no release.
	edit(t, dir, "data/toms.toml", "TLS 1.2 oder höher.", "TLS 1.3.")
	edit(t, dir, "data/toms.toml", "TLS 1.2 or higher.", "TLS 1.3.")
	p, err := generator.Load(dir)
	if err != nil {
		t.Fatalf("check after editing the working copy: %v", err)
	}
	r := p.Model.Releases[0]
	if got := r.Docs.TOMs.Areas[0].Measures[0].Text.In("en"); got != "TLS 1.2 or higher." {
		t.Errorf("release 1.0 shows %q", got)
	}
	if r.Version != "1.0" || r.Effective.String() != "2025-01-01" || r.Notes.In("en") != "First version" {
		t.Errorf("release metadata: %+v", r)
	}
	e2 := mustRelease(t, dir, release.Request{Version: "1.1", Effective: model.NewDate(2025, 6, 1), Material: true, Today: model.NewDate(2025, 6, 1)})
	if e2.Texts["toms.en"] == e1.Texts["toms.en"] {
		t.Error("a changed TOM annex kept its hash")
	}
	p, err = generator.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Model.Releases) != 2 || !p.Model.Releases[1].Material {
		t.Errorf("releases: %+v", p.Model.Releases)
	}
}

// TestReleasedTextIsStored: a release keeps its canonical texts; what the
// tool renders later (here: a project's new label for clause references)
// changes the working copy's text, never the release's.
func TestReleasedTextIsStored(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	e := mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)})
	stored := map[string]string{}
	for key, hash := range e.Texts {
		data, err := os.ReadFile(filepath.Join(dir, "data/releases/1.0/canonical", key+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if got := canonical.Hash(string(data)); got != hash {
			t.Errorf("%s: stored text hashes to %s, the lock records %s", key, got, hash)
		}
		stored[key] = string(data)
	}
	if !strings.Contains(stored["dpa.en"], "clause 2.1") {
		t.Fatalf("the fixture's English DPA should refer to clause 2.1:\n%s", stored["dpa.en"])
	}
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "i18n/en.toml"), []byte(`refSub_ziffer = "section {{ .Clause }}.{{ .Sub }}"`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: dir, Out: out, Today: model.NewDate(2025, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	for key, text := range stored {
		doc, lang, _ := canonical.SplitKey(key)
		dir := doc
		if doc == canonical.Agreement {
			dir = "dpa" // published beside the DPA's text
		}
		published, err := os.ReadFile(filepath.Join(out, string(lang), dir, "1.0", doc+"-1.0."+string(lang)+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if string(published) != text {
			t.Errorf("%s: the published text of release 1.0 differs from the stored one", key)
		}
	}
	p, err := generator.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	now, err := canonical.Text(&p.Model.Docs, "dpa", model.EN, canonical.Meta{Version: "1.1", Effective: model.NewDate(2025, 6, 1)}, p.Strings)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(now, "section 2.1") {
		t.Errorf("the working copy's text does not use the project's label:\n%s", now)
	}
}

func TestReleaseRefuses(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	mustRelease(t, dir, release.Request{Version: "2.0", Effective: model.NewDate(2025, 3, 1), Today: model.NewDate(2025, 3, 1)})
	tests := []struct {
		name string
		req  release.Request
		want string
	}{
		{"same version", release.Request{Version: "2.0", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)}, "not above the latest release"},
		{"lower version", release.Request{Version: "1.9", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)}, "not above the latest release"},
		{"bad version", release.Request{Version: "v3", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)}, "not a version number"},
		{"earlier date", release.Request{Version: "2.1", Effective: model.NewDate(2025, 2, 1), Today: model.NewDate(2025, 2, 1)}, "before that of release 2.0"},
		{"same date", release.Request{Version: "2.1", Effective: model.NewDate(2025, 3, 1), Today: model.NewDate(2025, 3, 1)}, "2.1 would take effect on 2025-03-01, the same day as release 2.0"},
		{"no date", release.Request{Version: "2.1"}, "effective date is needed"},
		{"effective before announced", release.Request{Version: "2.1", Effective: model.NewDate(2025, 4, 1), Announced: model.NewDate(2025, 5, 1), Today: model.NewDate(2025, 5, 1)},
			"before it is announced (2025-05-01): customers are told of a version before it applies; give a later --effective, or --announced"},
		{"one-language note", release.Request{Version: "2.1", Effective: model.NewDate(2025, 4, 1), Notes: model.NewText("de", "nur deutsch"), Today: model.NewDate(2025, 4, 1)}, "every language of the portal or in none: add --note en=TEXT"},
		{"hidden character in a note", release.Request{Version: "2.1", Effective: model.NewDate(2025, 4, 1), Notes: model.NewText("de", "Neu", "en", "New\u202e"), Today: model.NewDate(2025, 4, 1)}, "--note en: character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed"},
		{"leading zero", release.Request{Version: "2.01", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)}, "01 has a leading zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := generator.Release(dir, tt.req); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// A working copy with a text in one language cannot be released.
	edit(t, dir, "data/toms.toml", `, en = "TLS 1.2 or higher."`, "")
	if _, err := generator.Release(dir, release.Request{Version: "2.1", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)}); err == nil || !strings.Contains(err.Error(), "no English version") {
		t.Errorf("release of a one-language text: err = %v", err)
	}
}

func TestEditedReleaseIsRefused(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		old, new  string
		wantFile  string
		wantInMsg string
	}{
		{"reworded measure", "data/releases/1.0/toms.toml", "Zutritt nur mit Ausweis.", "Zutritt mit Ausweis.", "data/releases/1.0/toms.toml", "release 1.0 was edited"},
		{"changed clause", "data/releases/1.0/dpa/scope.en.md", "instructions only", "instructions", "data/releases/1.0/dpa/scope.en.md", "release 1.0 was edited"},
		{"changed effective date", "data/releases/1.0/release.toml", "2025-01-01", "2024-01-01", "data/releases/1.0/release.toml", "release 1.0 was edited"},
		{"edited stored text", "data/releases/1.0/canonical/dpa.en.txt", "instructions only", "instructions", "data/releases/1.0/canonical/dpa.en.txt", "release 1.0 was edited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testportal.Copy(t, testportal.Minimal(t))
			mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)})
			if tt.old == "" {
				os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
				os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.new), 0o644)
			} else {
				edit(t, dir, tt.file, tt.old, tt.new)
			}
			for _, build := range []func() error{
				func() error { return generator.Check(dir) },
				func() error {
					return generator.Build(generator.Options{Source: dir, Out: filepath.Join(t.TempDir(), "public")})
				},
			} {
				err := build()
				if err == nil || !strings.Contains(err.Error(), tt.wantFile) || !strings.Contains(err.Error(), tt.wantInMsg) {
					t.Errorf("err = %v\nwant %s: …%s…", err, tt.wantFile, tt.wantInMsg)
				}
			}
		})
	}
	// The sample's releases were made before releases stored their texts:
	// format 1 renders them, with the project's own i18n messages, so an
	// override changed since is found.
	t.Run("changed i18n label of a format 1 release", func(t *testing.T) {
		dir := testportal.Copy(t, testportal.Root(t))
		// The theme no longer has the message (format 1 keeps its own
		// copy); the project's override of it still counts.
		edit(t, dir, "i18n/en.toml", `languageName = "English"`, "languageName = \"English\"\nrefClause = \"section {{ .Number }}\"")
		err := generator.Check(dir)
		if err == nil || !strings.Contains(err.Error(), "data/releases/lock.toml") || !strings.Contains(err.Error(), "canonical text of dpa.en in release 1.0 has changed") ||
			!strings.Contains(err.Error(), "format 1") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("deleted release", func(t *testing.T) {
		dir := testportal.Copy(t, testportal.Minimal(t))
		mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)})
		os.RemoveAll(filepath.Join(dir, "data/releases/1.0"))
		if err := generator.Check(dir); err == nil || !strings.Contains(err.Error(), "release 1.0 is in the lock but its directory is missing") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestEqualEffectiveDatesAreRefused: of two releases taking effect on the
// same day the earlier would never be in effect. A release made so by an
// older trustportal is refused by check and build, naming both versions.
func TestEqualEffectiveDatesAreRefused(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)})
	mustRelease(t, dir, release.Request{Version: "1.1", Effective: model.NewDate(2025, 2, 1), Today: model.NewDate(2025, 2, 1)})
	edit(t, dir, "data/releases/1.1/release.toml", "effective = 2025-02-01", "effective = 2025-01-01")
	tamper.Relock(t, dir, "1.1")
	for name, run := range map[string]func() error{
		"check": func() error { return generator.Check(dir) },
		"build": func() error {
			return generator.Build(generator.Options{Source: dir, Out: filepath.Join(t.TempDir(), "public")})
		},
	} {
		err := run()
		want := "data/releases/1.1/release.toml:4:1: effective: release 1.1 takes effect on the same day as release 1.0 (2025-01-01), so release 1.0 would never be in effect"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v\nwant %s", name, err, want)
		}
	}
}

func TestTimeline(t *testing.T) {
	p := &model.Portal{Releases: []model.Release{
		{Version: "1.0", Effective: model.NewDate(2024, 1, 1)},
		{Version: "2.0", Effective: model.NewDate(2025, 1, 1)},
		{Version: "3.0", Effective: model.NewDate(2027, 1, 1)},
	}}
	tests := []struct {
		today    model.Date
		current  string
		upcoming int
	}{
		{model.NewDate(2023, 12, 31), "", 3},
		{model.NewDate(2024, 1, 1), "1.0", 2},
		{model.NewDate(2026, 11, 23), "2.0", 1},
		{model.NewDate(2027, 1, 1), "3.0", 0},
	}
	for _, tt := range tests {
		tl := release.NewTimeline(p, tt.today)
		cur := ""
		if tl.Current != nil {
			cur = tl.Current.Version
		}
		if cur != tt.current || len(tl.Upcoming) != tt.upcoming {
			t.Errorf("%s: current %q, %d upcoming; want %q, %d", tt.today, cur, len(tl.Upcoming), tt.current, tt.upcoming)
		}
	}
	tl := release.NewTimeline(p, model.NewDate(2026, 11, 23))
	if tl.Status(tl.Find("1.0")) != "superseded" || tl.Status(tl.Find("3.0")) != "upcoming" || tl.Predecessor(tl.Find("2.0")).Version != "1.0" || tl.Predecessor(tl.Find("1.0")) != nil {
		t.Error("status or predecessor wrong")
	}
}
