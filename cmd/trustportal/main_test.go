package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain gives the tests a cache directory of their own: build keeps the
// page cache there (see package pagecache), not in the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "trustportal-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testportal.Golden(t, filepath.Join("testdata", name), got, *update)
}

// TestCheckOutput shows what a legal team sees for a project with several
// mistakes: every problem at once, each with file, line, field and a hint.
func TestCheckOutput(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "eu-eea"`},
		testportal.Edit{File: "data/subprocessors.toml", Old: `url = "https://hoster.example/"`, New: `url = "ftp://hoster.example/"`},
		testportal.Edit{File: "data/toms.toml", Old: `text = { de = "TLS 1.2 oder höher.", en = "TLS 1.2 or higher." }`, New: `text = { de = "TLS 1.2 oder höher." }`},
		testportal.Edit{File: "data/processing.toml", Old: `[[data_subject]]`, New: "[[data_subject]]\nlabel = \"x\""},
		testportal.Edit{File: "content/dpa/scope.en.md", Old: "[](clause:security-measures)", New: "[](clause:security)\n\n{#scope-extra}\nMore."},
		testportal.Edit{File: "content/dpa/security.en.md", Delete: true},
	)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--source", src}, &stdout, &stderr); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	golden(t, "check-broken.golden", stderr.String())
}

// runCase is a command line, the exit status it must give and text its
// output must hold.
type runCase struct {
	args []string
	code int
	want string
}

func runCases(t *testing.T, cases []runCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit status %d, want %d (stderr: %s)", code, tt.code, stderr.String())
			}
			if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
		})
	}
}

// TestBuildWithoutACacheDirectory: where the default page cache cannot be
// made, build renders every page and says so.
func TestBuildWithoutACacheDirectory(t *testing.T) {
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CACHE_HOME", notADir)
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "site")
	if code := run([]string{"build", "--source", testportal.Minimal(t), "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "no page cache") || !strings.Contains(stdout.String(), "built the portal") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	tests := []struct {
		args       []string
		code       int
		wantStdout string
		wantStderr string
	}{
		{[]string{}, 2, "", "Usage:"},
		{[]string{"publish"}, 2, "", `unknown command "publish"`},
		{[]string{"check", "--nope"}, 2, "", "flag provided but not defined"},
		{[]string{"check", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"help"}, 0, "Usage:", ""},
		{[]string{"check", "--source", testportal.Minimal(t)}, 0, "no problems found", ""},
		{[]string{"check", "--source", filepath.Join(dir, "missing")}, 1, "", "is not a directory"},
		{[]string{"build", "--source", testportal.Minimal(t), "--out", out}, 0, "built the portal", ""},
		{[]string{"build", "--source", testportal.Minimal(t), "--out", out, "--no-cache", "--cache-dir", dir}, 2, "", "--no-cache and --cache-dir: give one of them"},
		{[]string{"build", "--source", testportal.Minimal(t), "--out", out, "--no-cache"}, 0, "built the portal", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit status %d, want %d (stderr: %s)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantStderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "de", "dpa", "index.html")); err != nil {
		t.Errorf("build wrote no DPA page: %v", err)
	}

	// Without --out, build names the directory it wrote.
	project := testportal.Copy(t, testportal.Minimal(t))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", project, "--no-cache"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr.String())
	}
	want := "trustportal: built the portal into " + filepath.Join(project, "public") + string(filepath.Separator) + "\n"
	if stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	if _, err := os.Stat(filepath.Join(project, "public", "de", "dpa", "index.html")); err != nil {
		t.Errorf("build wrote no DPA page into public/: %v", err)
	}
}

func TestDiffCommand(t *testing.T) {
	root := testportal.Root(t)
	runCases(t, []runCase{
		{[]string{"diff", "1.1", "2.0", "--source", root, "--lang", "en"}, 1, "no later than [-72-]{+48+} hours"},
		{[]string{"diff", "1.1", "2.0", "--source", root, "--lang", "de", "--format", "markdown"}, 1, "spätestens jedoch ~~72~~<ins>48</ins> Stunden"},
		{[]string{"diff", "1.1", "2.0", "--source", root, "--format", "html"}, 1, "<ins>"},
		{[]string{"diff", "2.0", "2.0", "--source", root}, 0, "Keine Änderungen."},
		{[]string{"diff", "3.0", "3.0", "--source", root, "--lang", "en"}, 0, "No changes."},
		// the working copy records the transfer details of Swiftedge, which 3.0 did not
		{[]string{"diff", "3.0", "working", "--source", root, "--lang", "en"}, 1, "{+Standard contractual clauses under Decision (EU) 2021/914, Module 3 (processor to processor)"},
		// Annex 1 no longer places error monitoring in the US, where its
		// provider left with version 2.0.
		{[]string{"diff", "3.0", "working", "--source", root, "--lang", "en"}, 1, "US: [-Error monitoring on the basis of the EU-US Data Privacy Framework, and operation-]{+Operation+}"},
		{[]string{"diff", "2.0", "9.9", "--source", root}, 2, `no version "9.9"`},
		{[]string{"diff", "2.0", "--source", root}, 2, "missing argument"},
		{[]string{"diff", "1.0", "2.0", "--source", root, "--format", "pdf"}, 2, "use text, markdown or html"},
	})
}

func TestVerifyCommand(t *testing.T) {
	root := testportal.Root(t)
	p, err := generator.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	entry, _ := p.Lock.Find("2.0")
	good := entry.Texts["dpa.en"]
	runCases(t, []runCase{
		{[]string{"verify", "--source", root, "--sha256", good}, 0, "dpa, version 2.0, in English (en)"},
		// the agreement hash of 2.0 in German (DPA and annexes; the sample's
		// release stores none, so it is derived from the locked texts)
		{[]string{"verify", "--source", root, "--sha256", "19e96b19da676f55259a25b35b2b964eb913d478b6afaf2806dcfaebcf790bc1"}, 0,
			"is the agreement hash (the DPA with its annexes: dpa, toms, subprocessors), version 2.0, in German (de), effective 2025-09-01\n"},
		{[]string{"verify", "--source", root, "--sha256", "sha256:" + strings.ToUpper(good), "--version", "2.0", "--lang", "en"}, 0, "version 2.0"},
		{[]string{"verify", "--source", root, "--sha256", good, "--version", "1.1"}, 1, "it is the text of dpa, version 2.0"},
		// Only what was asked for is named: no empty language.
		{[]string{"verify", "--source", root, "--sha256", good, "--version", "1.1"}, 1, "no published text has SHA-256 " + good + " as version 1.1\n"},
		{[]string{"verify", "--source", root, "--sha256", good, "--lang", "de"}, 1, "no published text has SHA-256 " + good + " as language de\n"},
		{[]string{"verify", "--source", root, "--sha256", strings.Repeat("0", 64)}, 1, "no published text has SHA-256"},
		{[]string{"verify", "--source", root}, 2, "--sha256 is required"},
		// Prefixes in either case and surrounding spaces are what a form or a spreadsheet gives.
		{[]string{"verify", "--source", root, "--sha256", " SHA256:" + strings.ToUpper(good) + " "}, 0, "sha256:" + good + " is the canonical text of dpa, version 2.0"},
		{[]string{"verify", "--source", root, "--sha256", "sha256: " + good}, 0, "version 2.0"},
		// Malformed hashes, languages and versions are usage errors.
		{[]string{"verify", "--source", root, "--sha256", good[:63]}, 2, "it has 63 hexadecimal digits, a SHA-256 has 64"},
		{[]string{"verify", "--source", root, "--sha256", good + "0"}, 2, "it has 65 hexadecimal digits"},
		{[]string{"verify", "--source", root, "--sha256", "g" + good[1:]}, 2, `'g' is not a hexadecimal digit`},
		{[]string{"verify", "--source", root, "--sha256", "md5:" + good[:32]}, 2, `'m' is not a hexadecimal digit`},
		{[]string{"verify", "--source", root, "--sha256", "sha256:"}, 2, "it has 0 hexadecimal digits"},
		{[]string{"verify", "--source", root, "--sha256", good, "--lang", "fr"}, 2, "--lang fr: French is not one of the portal's languages (de, en)"},
		{[]string{"verify", "--source", root, "--sha256", good, "--version", "2.00"}, 2, "--version: version \"2.00\": 00 has a leading zero"},
		{[]string{"verify", "--source", root, "--sha256", good, "--version", "latest"}, 2, `--version: "latest" is not a version number`},
	})
}

// TestSnippetWithoutJavaScript reads the signup snippet from
// docs/acceptance.md and checks that, as documented, it carries the current
// version's values from the manifest without any script.
func TestSnippetWithoutJavaScript(t *testing.T) {
	root := testportal.Root(t)
	doc, err := os.ReadFile(filepath.Join(root, "docs", "acceptance.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(doc), "## The signup form snippet")
	_, rest, _ = strings.Cut(rest, "```html\n")
	snippet, _, _ := strings.Cut(rest, "```")
	page, err := goquery.NewDocumentFromReader(strings.NewReader(snippet))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: root, Out: out, Today: model.NewDate(2026, 11, 23)}); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Current struct {
			Version   string `json:"version"`
			Languages map[string]struct {
				URL      string `json:"url"`
				EmbedURL string `json:"embed_url"`
				SHA256   string `json:"sha256"`
			} `json:"languages"`
		} `json:"current"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	de := m.Current.Languages["de"]
	val := func(name string) string { return page.Find(`input[name="`+name+`"]`).AttrOr("value", "") }
	if val("dpa_version") != m.Current.Version || val("dpa_language") != "de" || val("dpa_sha256") != de.SHA256 {
		t.Errorf("snippet fields %q %q %q, manifest %q %q", val("dpa_version"), val("dpa_language"), val("dpa_sha256"), m.Current.Version, de.SHA256)
	}
	if _, ok := page.Find(`input[type="checkbox"][name="dpa_accept"]`).Attr("required"); !ok {
		t.Error("the checkbox is not required")
	}
	// The frame names the signup page's origin, to which alone the view
	// posts its messages.
	src, fragment, _ := strings.Cut(page.Find("iframe[data-dpa-embed]").AttrOr("src", ""), "#")
	if page.Find("a[data-dpa-link]").AttrOr("href", "") != de.URL || src != de.EmbedURL || !strings.HasPrefix(fragment, "origin=https://") {
		t.Errorf("snippet link or iframe %s#%s do not match the manifest's %s", src, fragment, de.EmbedURL)
	}
	if page.Find("script").Length() != 0 {
		t.Error("the snippet needs no script")
	}
}
