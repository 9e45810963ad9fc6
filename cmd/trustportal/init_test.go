package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// eachFile calls f with every file below dir: its slash-separated path
// relative to dir, and its content.
func eachFile(t *testing.T, dir string, f func(p, rel string, data []byte) error) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		return f(p, filepath.ToSlash(rel), data)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// todoLines returns "file:line:" of every line of the project in dir that
// holds TODO, read independently of package placeholder.
func todoLines(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	eachFile(t, dir, func(_, rel string, data []byte) error {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			if strings.Contains(sc.Text(), "TODO") {
				out = append(out, fmt.Sprintf("%s:%d:", rel, n))
			}
		}
		return nil
	})
	return out
}

// fillIn replaces every placeholder of the project in dir as a legal team
// would: the text after "TODO: " stays as the value, and TODO comments go.
func fillIn(t *testing.T, dir string) {
	t.Helper()
	comment := regexp.MustCompile(` ?# TODO:.*`)
	eachFile(t, dir, func(p, _ string, data []byte) error {
		s := comment.ReplaceAllString(string(data), "")
		return os.WriteFile(p, []byte(strings.ReplaceAll(s, "TODO: ", "")), 0o644)
	})
}

func runOK(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	if code := run(args, &o, &e); code != 0 {
		t.Fatalf("trustportal %s: exit status %d\n%s%s", strings.Join(args, " "), code, o.String(), e.String())
	}
	return o.String(), e.String()
}

// TestInit: init writes a portal that builds at once and that check
// accepts, listing its placeholders; release refuses it, naming every
// placeholder's line, until they are replaced.
func TestInit(t *testing.T) {
	for _, tc := range []struct {
		languages string
		pages     []string // languages with pages
	}{
		{"", []string{"de", "en"}},
		{"en", []string{"en"}},
		{"de", []string{"de"}},
		{"de,fr", []string{"de", "fr"}},
	} {
		t.Run("languages="+tc.languages, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "portal")
			args := []string{"init", dir}
			if tc.languages != "" {
				args = append(args, "--languages", tc.languages)
			}
			runOK(t, args...)
			for _, f := range []string{".gitattributes", "data/portal.toml", "data/processor.toml", "content/dpa/_index." + tc.pages[0] + ".md"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("init wrote no %s", f)
				}
			}
			todos := todoLines(t, dir)
			if len(todos) < 10 {
				t.Fatalf("only %d placeholders: %v", len(todos), todos)
			}

			stdout, stderr := runOK(t, "check", "--source", dir)
			if !strings.Contains(stdout, fmt.Sprintf("%d TODO placeholder(s) to replace", len(todos))) {
				t.Errorf("check does not count the placeholders:\n%s", stdout)
			}
			for _, at := range todos {
				if !strings.Contains(stderr, "warning: "+at) {
					t.Errorf("check does not warn of the placeholder at %s", at)
				}
			}

			out := filepath.Join(t.TempDir(), "site")
			runOK(t, "build", "--source", dir, "--out", out)
			for _, lang := range []string{"de", "en", "fr"} {
				_, err := os.Stat(filepath.Join(out, lang, "dpa", "index.html"))
				if want := slices.Contains(tc.pages, lang); want != (err == nil) {
					t.Errorf("page /%s/dpa/: exists %v, want %v", lang, err == nil, want)
				}
			}

			var o, e bytes.Buffer
			if code := run([]string{"release", "1.0", "--effective", "2030-01-01", "--source", dir}, &o, &e); code != 1 {
				t.Fatalf("release with placeholders: exit status %d, want 1\n%s", code, e.String())
			}
			for _, at := range todos {
				if !strings.Contains(e.String(), at) {
					t.Errorf("release does not name the placeholder at %s:\n%s", at, e.String())
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "data", "releases")); err == nil {
				t.Error("the refused release wrote data/releases/")
			}

			fillIn(t, dir)
			runOK(t, "release", "1.0", "--effective", "2030-01-01", "--source", dir)
		})
	}
}

// TestInitRefuses: init writes only into a new or empty directory, and
// refuses anything else before writing a file.
func TestInitRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  func(dir string) []string
		setup func(t *testing.T, dir string)
		code  int
		want  string
	}{
		{"a directory with a file", func(dir string) []string { return []string{"init", dir} },
			func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644) }, 1, "is not empty (it holds notes.txt)"},
		{"a directory with an empty data/", func(dir string) []string { return []string{"init", dir} },
			func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "data"), 0o755) }, 1, "is not empty"},
		{"a bad language", func(dir string) []string { return []string{"init", dir, "--languages", "de,English"} }, nil, 2, `"English" is not a language code`},
		{"a language twice", func(dir string) []string { return []string{"init", dir, "--languages", "en,en"} }, nil, 1, "en is listed twice"},
		{"no directory", func(string) []string { return []string{"init"} }, nil, 2, "missing argument"},
		// The link lies beside dir, whose tree the test compares.
		{"a link to nothing", func(dir string) []string { return []string{"init", dir + "-link"} },
			func(t *testing.T, dir string) { os.Symlink(filepath.Join(dir, "missing"), dir+"-link") }, 1, "is a symbolic link to"},
		{"a file", func(dir string) []string { return []string{"init", filepath.Join(dir, "notes.txt")} },
			func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644) }, 1, "is a file, not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			before := listTree(t, dir)
			var o, e bytes.Buffer
			if code := run(tc.args(dir), &o, &e); code != tc.code {
				t.Errorf("exit status %d, want %d", code, tc.code)
			}
			if !strings.Contains(e.String(), tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, e.String())
			}
			if after := listTree(t, dir); !slices.Equal(before, after) {
				t.Errorf("init changed the directory: before %v, after %v", before, after)
			}
		})
	}
}

// listTree lists every path below dir with its content.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		entry := p
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += "=" + string(data)
		}
		out = append(out, entry)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
