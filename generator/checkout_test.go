package generator_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// rewriteText rewrites every TOML and Markdown file below dir with f.
func rewriteText(t *testing.T, dir string, f func(string) string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".toml") && !strings.HasSuffix(p, ".md")) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, []byte(f(string(data))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func toCRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func toLF(s string) string { return strings.ReplaceAll(strings.TrimPrefix(s, "\uFEFF"), "\r\n", "\n") }

// TestWindowsCheckout: the sample's releases verify unchanged, and so do
// they in a checkout with CRLF line ends (git's autocrlf on Windows) and
// byte order marks; a release made in such a checkout verifies in an LF
// checkout of the same commit.
func TestWindowsCheckout(t *testing.T) {
	root := testportal.Root(t)
	if err := generator.Check(root); err != nil {
		t.Fatalf("the sample: %v", err)
	}
	dir := testportal.Copy(t, root)
	n := 0
	rewriteText(t, dir, func(s string) string {
		n++
		if n%3 == 0 { // Notepad adds a byte order mark
			return "\uFEFF" + toCRLF(s)
		}
		return toCRLF(s)
	})
	if err := generator.Check(dir); err != nil {
		t.Fatalf("CRLF checkout: %v", err)
	}
	// The working copy changes a subprocessor since 3.0 (Swiftedge's
	// transfer details): it takes effect after the objection period; its
	// Annex 1 is corrected (error monitoring no longer in the US).
	req := release.Request{Version: "3.1", Effective: model.NewDate(2030, 2, 1), Today: model.NewDate(2030, 1, 1),
		NotMaterial: "Annex 1 corrected: error monitoring is done in the Netherlands"}
	if _, err := generator.Release(dir, req); err != nil {
		t.Fatalf("release in a CRLF checkout: %v", err)
	}
	rewriteText(t, dir, toLF)
	if err := generator.Check(dir); err != nil {
		t.Fatalf("LF checkout of a release made with CRLF: %v", err)
	}
}
