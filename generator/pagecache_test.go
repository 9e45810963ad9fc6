package generator_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestPageCache: a build that takes the pages of released versions from
// the page cache publishes the same bytes as one that renders them all,
// after any change of what every page shows, and with a damaged cache.
func TestPageCache(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t))
	cache := t.TempDir()
	build := func(name, cache, hugo string) map[string]string {
		t.Helper()
		out := filepath.Join(t.TempDir(), name)
		if err := generator.Build(generator.Options{Source: src, Out: out, HugoSource: hugo, Today: today, Cache: cache}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return tree(t, out)
	}
	same := func(what string, got, want map[string]string) {
		t.Helper()
		for name, w := range want {
			if g, ok := got[name]; !ok {
				t.Errorf("%s: %s is missing", what, name)
			} else if g != w {
				t.Errorf("%s: %s differs from the build without the cache", what, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is not in the build without the cache", what, name)
			}
		}
	}

	cold := build("cold", "", "")
	same("first build with the cache", build("first", cache, ""), cold)
	entries := pageEntries(t, cache)
	if len(entries) == 0 {
		t.Fatal("the first build stored no page")
	}
	// An entry a build uses is touched: the second build uses them all.
	long := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range entries {
		if err := os.Chtimes(e, long, long); err != nil {
			t.Fatal(err)
		}
	}
	// The embeddable views alone load their script: it comes from the
	// cache too, or the site would lack it.
	same("second build with the cache", build("second", cache, ""), cold)
	for _, e := range entries {
		if fi, err := os.Stat(e); err != nil || fi.ModTime().Equal(long) {
			t.Errorf("the second build did not take %s from the cache (%v)", e, err)
		}
	}
	if kept := len(testportal.Names(t, filepath.Join(cache, "facts"))); kept == 0 {
		t.Error("verify kept nothing of the pages it read")
	}
	// A Hugo project kept for plain Hugo has every page in it.
	hugo := filepath.Join(t.TempDir(), "hugo")
	same("build with the cache and --hugo-source", build("hugo-source", cache, hugo), cold)
	if linked, rendered := versionedPages(t, hugo); linked != 0 || rendered == 0 {
		t.Errorf("the Hugo project kept has %d pages linked only and %d rendered; want every page rendered", linked, rendered)
	}

	// A layout of the project's own changes every page.
	testportal.Apply(t, src, testportal.Edit{File: "layouts/_partials/footer.html", Old: `<footer class="site-footer">`, New: `<footer class="site-footer" data-edited>`})
	cold = build("cold-edited", "", "")
	warm := build("warm-edited", cache, "")
	same("build with the cache after a layout changed", warm, cold)
	if page := warm[filepath.Join("en", "dpa", "1.0", "index.html")]; !strings.Contains(page, "data-edited") {
		t.Error("the released version's page lacks the edited footer")
	}

	// Every stored page damaged: each is rendered again.
	damaged := 0
	err := filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "0" {
			return err
		}
		damaged++
		return os.WriteFile(p, []byte("<p>not what was rendered</p>"), 0o600)
	})
	if err != nil || damaged == 0 {
		t.Fatalf("damaged %d entries: %v", damaged, err)
	}
	same("build with a damaged cache", build("damaged", cache, ""), cold)
}

// pageEntries lists the entries of the page cache in dir.
func pageEntries(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "??", "*", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Dir(n)
	}
	return names
}

// versionedPages counts the content files of released versions' pages in
// the Hugo project in dir that Hugo only linked to, and those it rendered.
func versionedPages(t *testing.T, dir string) (linked, rendered int) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
		if strings.Count(filepath.ToSlash(rel), "/") < 2 || strings.Contains(rel, "draft") {
			return nil // a document's current page, or not generated
		}
		data, err := os.ReadFile(p)
		if strings.Contains(string(data), `"render":"link"`) {
			linked++
		} else {
			rendered++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return linked, rendered
}
