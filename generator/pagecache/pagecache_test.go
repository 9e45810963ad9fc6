package pagecache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/emit"
)

// project is a small emitted Hugo project with one versioned page in two
// languages.
func project() (emit.Files, []emit.VersionedPage) {
	files := emit.Files{
		"hugo.json":                              []byte(`{"baseURL": "https://trust.example/"}`),
		"themes/trustportal/layouts/dpa.html":    []byte(`{{ .Params.doc }}`),
		"themes/trustportal/static/js/a.js":      []byte(`static`),
		"static/de/dpa/1.0/dpa-1.0.de.txt":       []byte(`text`),
		"content/dpa/1.0/_index.de.md":           []byte(`{"title": "AVV", "params": {"doc": "alt"}}`),
		"content/dpa/1.0/_index.en.md":           []byte(`{"title": "DPA", "params": {"doc": "old"}}`),
		"content/dpa/_index.de.md":               []byte(`{"title": "AVV", "params": {"doc": "current"}}`),
		"data/trustportal/words/v1_0.json":       []byte(`{}`),
		"themes/trustportal/i18n/de.toml":        []byte(`a = "b"`),
		"themes/trustportal/assets/css/site.css": []byte(`body{}`),
	}
	pages := []emit.VersionedPage{
		{Content: "content/dpa/1.0/_index.de.md", Translations: []string{"content/dpa/1.0/_index.en.md"}, Outputs: []string{"de/dpa/1.0/index.html"}, Linked: []byte(`{"title": "AVV", "build": {"render": "link"}}`)},
		{Content: "content/dpa/1.0/_index.en.md", Translations: []string{"content/dpa/1.0/_index.de.md"}, Outputs: []string{"en/dpa/1.0/index.html"}, Linked: []byte(`{"title": "DPA", "build": {"render": "link"}}`)},
	}
	return files, pages
}

// render writes what Hugo would have rendered for the pages of files not
// linked only, and a stylesheet the German page refers to.
// storeProject stores the pages of project() in c, as a build that
// rendered them does.
func storeProject(t *testing.T, c *Cache) {
	t.Helper()
	files, pages := project()
	plan, err := c.Plan(files, pages, nil, "0.165.0", Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Store(render(t, files, pages)); err != nil {
		t.Fatal(err)
	}
}

func render(t *testing.T, files emit.Files, pages []emit.VersionedPage) string {
	site := t.TempDir()
	write := func(rel, text string) {
		name := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, pg := range pages {
		if string(files[pg.Content]) == string(pg.Linked) {
			continue
		}
		text := "page of " + string(files[pg.Content])
		if strings.Contains(pg.Content, ".de.") {
			text += `<link href="/css/site.min.css">`
			write("css/site.min.css", `@font-face{src:url(/fonts/f.woff2)}`)
			write("fonts/f.woff2", `font`)
		}
		write(pg.Outputs[0], text)
	}
	write("index.html", "home")
	write("unrelated/x.css", "x")
	return site
}

func TestFoundOnlyWithTheSameInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(emit.Files, []emit.VersionedPage, *string)
		found int
	}{
		{"nothing changed", func(emit.Files, []emit.VersionedPage, *string) {}, 2},
		{"a static file changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["static/de/dpa/1.0/dpa-1.0.de.txt"] = []byte("other")
			f["themes/trustportal/static/js/a.js"] = []byte("other")
		}, 2},
		{"another page changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["content/dpa/_index.de.md"] = []byte(`{"title": "AVV", "params": {"doc": "new"}}`)
		}, 2},
		{"the German page changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["content/dpa/1.0/_index.de.md"] = []byte(`{"title": "AVV", "params": {"doc": "neu"}}`)
		}, 1},
		{"a layout changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["themes/trustportal/layouts/dpa.html"] = []byte(`{{ .Title }}`)
		}, 0},
		{"a layout was added", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["layouts/_partials/footer.html"] = []byte(`footer`)
		}, 0},
		{"the configuration changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["hugo.json"] = []byte(`{"baseURL": "https://staging.example/"}`)
		}, 0},
		{"a string changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["themes/trustportal/i18n/de.toml"] = []byte(`a = "c"`)
		}, 0},
		{"an asset changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["themes/trustportal/assets/css/site.css"] = []byte(`body{color:red}`)
		}, 0},
		{"a release's words changed", func(f emit.Files, _ []emit.VersionedPage, _ *string) {
			f["data/trustportal/words/v1_0.json"] = []byte(`{"a": 1}`)
		}, 0},
		{"another Hugo", func(_ emit.Files, _ []emit.VersionedPage, v *string) { *v = "0.166.0" }, 0},
		{"a translation is gone", func(f emit.Files, p []emit.VersionedPage, _ *string) { p[0].Translations = nil }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			files, pages := project()
			plan, err := c.Plan(files, pages, nil, "0.165.0", Inputs{})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Found() != 0 || plan.Missing() != 2 {
				t.Fatalf("an empty cache found %d, missed %d", plan.Found(), plan.Missing())
			}
			if err := plan.Store(render(t, files, pages)); err != nil {
				t.Fatal(err)
			}
			files, pages = project()
			version := "0.165.0"
			tc.edit(files, pages, &version)
			plan, err = c.Plan(files, pages, nil, version, Inputs{})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Found() != tc.found || plan.Missing() != 2-tc.found {
				t.Errorf("found %d, missed %d; want %d found", plan.Found(), plan.Missing(), tc.found)
			}
			linked := 0
			for _, pg := range pages {
				if string(files[pg.Content]) == string(pg.Linked) {
					linked++
				}
			}
			if linked != tc.found {
				t.Errorf("%d pages put in the project linked only, want the %d found", linked, tc.found)
			}
		})
	}
}

func TestRestore(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files, pages := project()
	known := []string{"index.html", "de/dpa/1.0/index.html", "en/dpa/1.0/index.html"}
	plan, err := c.Plan(files, pages, known, "0.165.0", Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	cold := render(t, files, pages)
	if err := plan.Store(cold); err != nil {
		t.Fatal(err)
	}

	files, pages = project()
	plan, err = c.Plan(files, pages, known, "0.165.0", Inputs{})
	if err != nil || plan.Found() != 2 {
		t.Fatalf("found %d, err %v", plan.Found(), err)
	}
	warm := render(t, files, pages)
	if _, err := os.Stat(filepath.Join(warm, "css/site.min.css")); err == nil {
		t.Fatal("the test's renderer wrote the stylesheet of a page linked only")
	}
	// a file no page refers to, which this build did not render
	if err := os.RemoveAll(filepath.Join(warm, "unrelated")); err != nil {
		t.Fatal(err)
	}
	if err := plan.Restore(warm); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"de/dpa/1.0/index.html", "en/dpa/1.0/index.html", "css/site.min.css", "fonts/f.woff2"} {
		want, _ := os.ReadFile(filepath.Join(cold, rel))
		got, err := os.ReadFile(filepath.Join(warm, rel))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s restored as %q (%v), want %q", rel, got, err, want)
		}
	}
	// a file no page of the entry refers to is not the entry's
	if _, err := os.Stat(filepath.Join(warm, "unrelated/x.css")); err == nil {
		t.Error("restored a stylesheet the page does not refer to")
	}
}

func TestDamagedEntryIsRenderedAgain(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	storeProject(t, c)
	// one byte of one stored page changed
	var damaged string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "0" && damaged == "" {
			damaged = p
		}
		return err
	})
	data, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	data[0] ^= 1
	if err := os.WriteFile(damaged, data, 0o600); err != nil {
		t.Fatal(err)
	}
	files, pages := project()
	plan, err := c.Plan(files, pages, nil, "0.165.0", Inputs{})
	if err != nil || plan.Found() != 1 || plan.Missing() != 1 {
		t.Fatalf("found %d, missed %d (%v); want the damaged page rendered again", plan.Found(), plan.Missing(), err)
	}
	if _, err := os.Stat(filepath.Dir(damaged)); err == nil {
		t.Error("the damaged entry is still there")
	}
}

func TestPruneRemovesWhatNoBuildUsed(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return day }
	storeProject(t, c)
	// the English page is used 20 days later, the German one never again
	day = day.Add(20 * 24 * time.Hour)
	files, pages := project()
	files["content/dpa/1.0/_index.de.md"] = []byte("changed")
	plan, _ := c.Plan(files, pages, nil, "0.165.0", Inputs{})
	if plan.Found() != 1 {
		t.Fatalf("found %d", plan.Found())
	}
	day = day.Add(15 * 24 * time.Hour)
	if err := plan.Store(t.TempDir()); err == nil {
		t.Fatal("stored a page whose files the site lacks")
	}
	if err := c.prune(); err != nil {
		t.Fatal(err)
	}
	files, pages = project()
	plan, _ = c.Plan(files, pages, nil, "0.165.0", Inputs{})
	if plan.Found() != 1 {
		t.Errorf("after 35 days, %d pages found; want the one used 15 days ago", plan.Found())
	}
}

// TestPruneLeavesOthersFiles: a cache directory that also holds someone
// else's files (--cache-dir names any directory) loses none of them.
func TestPruneLeavesOthersFiles(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	storeProject(t, c)
	entries, _ := filepath.Glob(filepath.Join(dir, "??", "*"))
	if len(entries) == 0 {
		t.Fatal("nothing stored")
	}
	shard := filepath.Base(filepath.Dir(entries[0]))
	theirs := []string{
		filepath.Join(dir, "notes.txt"),
		filepath.Join(dir, "photos", "2019", "a.jpg"),
		filepath.Join(dir, shard, "mine.txt"),
		filepath.Join(dir, "ab", "readme"),
		filepath.Join(dir, "blobs", "x", "y"),
	}
	for _, f := range theirs {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("someone's"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a link named like an entry, to a directory of someone else's
	target := filepath.Join(t.TempDir(), "kept")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, shard, shard+strings.Repeat("0", 62))
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * MaxAge)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			os.Chtimes(p, long, long)
		}
		return err
	})
	os.Remove(filepath.Join(dir, pruneStamp))
	if err := c.prune(); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(theirs, link, target) {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("prune removed %s: %v", f, err)
		}
	}
	if _, err := os.Stat(entries[0]); err == nil {
		t.Errorf("the entry unused for %v is still there", 2*MaxAge)
	}
}
