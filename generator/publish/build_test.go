package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/workdir"
)

// publishSite publishes a site of files (name → content) to out.
func publishSite(t *testing.T, out string, src Source, files map[string]string) {
	t.Helper()
	b, err := Begin(out, "", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		write(t, b.Site, name, content)
	}
	if err := b.Publish(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestPublishReplacesAsAWhole(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	out := filepath.Join(root, "project", "public")
	publishSite(t, out, src, map[string]string{"index.html": "first", "old-only.html": "x"})
	publishSite(t, out, src, map[string]string{"index.html": "second"})
	if got := read(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old-only.html")); err == nil {
		t.Error("a file of the previous site survived the swap")
	}
	if !Site.Owns(out) {
		t.Errorf("the published site has no %s", Site.Marker)
	}
	// A build that fails before Publish leaves the site and nothing else.
	b, err := Begin(out, "", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, b.Site, "index.html", "broken")
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("after a failed build index.html = %q", got)
	}
	if got := testportal.Names(t, src.Dir); !slices.Equal(got, []string{"content", "data", "layouts", "public"}) {
		t.Errorf("the project holds %v", got)
	}
}

// TestPublishModes: the site gets the usual modes, adjusted by the umask,
// whatever modes its files were written with, so that a web server running
// as another user can read it.
func TestPublishModes(t *testing.T) {
	for _, umask := range []int{0o022, 0o027, 0o077} {
		t.Run(fmt.Sprintf("umask %03o", umask), func(t *testing.T) {
			old := syscall.Umask(umask)
			t.Cleanup(func() { syscall.Umask(old) })
			root := layout(t)
			out := filepath.Join(root, "www")
			b, err := Begin(out, "", Source{Dir: filepath.Join(root, "project"), Inputs: inputs}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if err := os.MkdirAll(filepath.Join(b.Site, "de", "dpa"), 0o700); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"index.html", "de/dpa/index.html"} {
				if err := os.WriteFile(filepath.Join(b.Site, f), []byte("x"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Publish(); err != nil {
				t.Fatal(err)
			}
			testportal.CheckModes(t, out, umask)
		})
	}
}

// TestPublishThroughASymlink: the site replaces the directory a symlinked
// out points to, and the link stays a link to it.
func TestPublishThroughASymlink(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	link := filepath.Join(root, "link-to-empty")
	for _, content := range []string{"first", "second"} {
		publishSite(t, link, src, map[string]string{"index.html": content})
		fi, err := os.Lstat(link)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("the link is no longer a symlink: %v, %v", fi, err)
		}
		if got := read(t, filepath.Join(link, "index.html")); got != content {
			t.Errorf("through the link index.html = %q, want %q", got, content)
		}
		if got := read(t, filepath.Join(root, "elsewhere", "empty", "index.html")); got != content {
			t.Errorf("the link's target has index.html = %q, want %q", got, content)
		}
	}
	if got := testportal.Names(t, filepath.Join(root, "elsewhere")); !slices.Equal(got, []string{"empty", "site", "webroot"}) {
		t.Errorf("beside the target: %v", got)
	}
}

// TestBeginRemovesLeftovers: what killed builds left beside out is removed,
// but only trustportal's working directories whose lock is free.
func TestBeginRemovesLeftovers(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	out := filepath.Join(root, "project", "public")
	// A killed build: its working directory with the lock file, unlocked.
	write(t, src.Dir, ".public.building-111/.trustportal-lock", "")
	write(t, src.Dir, ".public.building-111/public/index.html", "half")
	// Not trustportal's: no lock file.
	write(t, src.Dir, ".public.building-222/notes.txt", "mine")
	// A build still running: it holds the lock.
	running, err := workdir.New(src.Dir, ".public.building-")
	if err != nil {
		t.Fatal(err)
	}
	defer running.Remove()

	var log testportal.Log
	b, err := Begin(out, "", src, &log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := os.Stat(filepath.Join(src.Dir, ".public.building-111")); err == nil {
		t.Error("the leftover of a killed build was kept")
	}
	if !strings.Contains(log.String(), ".public.building-111, left by an interrupted build") {
		t.Errorf("the log does not name the removed leftover: %q", log.String())
	}
	for _, kept := range []string{filepath.Join(src.Dir, ".public.building-222", "notes.txt"), running.Path} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed", kept)
		}
	}
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestSecondBuildWaits: a build publishing to the same place waits until
// the first has published, then publishes its own site.
func TestSecondBuildWaits(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	out := filepath.Join(root, "www")
	first, err := Begin(out, "", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	var log testportal.Log
	second := make(chan *Build)
	go func() {
		b, err := Begin(out, "", src, &log)
		if err != nil {
			t.Error(err)
		}
		second <- b
	}()
	waitFor(t, "the second build to wait", func() bool { return strings.Contains(log.String(), "waiting for it to finish") })
	select {
	case <-second:
		t.Fatal("the second build did not wait for the first")
	case <-time.After(100 * time.Millisecond):
	}
	write(t, first.Site, "index.html", "first")
	if err := first.Publish(); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	b := <-second
	if b == nil {
		return
	}
	write(t, b.Site, "index.html", "second")
	if err := b.Publish(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("index.html = %q", got)
	}
}

// TestBeginHugo: --hugo-source follows the same rules, must lie apart from
// the site, and is refused before anything is written.
func TestBeginHugo(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	out := filepath.Join(root, "new", "www")
	for hugo, want := range map[string]string{
		filepath.Join(out, "hugo"):                  "overlap",
		filepath.Join(root, "new"):                  "overlap",
		filepath.Join(root, "mine"):                 "did not write",
		filepath.Join(root, "project"):              "project directory itself",
		filepath.Join(root, "project", "i18n", "x"): "inside the project's i18n/",
	} {
		if b, err := Begin(out, hugo, src, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Begin with --hugo-source %s = %v, want an error saying %q", hugo, err, want)
			if b != nil {
				b.Close()
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "new")); err == nil {
		t.Error("a refused build created its output's parent")
	}
	b, err := Begin(out, filepath.Join(root, "hugo-previous"), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Hugo != filepath.Join(root, "hugo-previous") {
		t.Errorf("Hugo project in %s", b.Hugo)
	}
}

// TestOutNamedHugo: the site and the Hugo project are apart in the working
// directory whatever out is called.
func TestOutNamedHugo(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	b, err := Begin(filepath.Join(root, "hugo"), "", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := Separate(b.Site, b.Hugo); err != nil {
		t.Error(err)
	}
	if filepath.Base(b.Site) != "hugo" {
		t.Errorf("the site is rendered into %s", b.Site)
	}
}
