package load_test

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestReleasesAreReadOnce: while RememberReleases is on, a second load of
// the same released bytes takes the releases read by the first (serve
// rebuilds), but a release whose bytes changed is read anew, and its
// problems reported every time; off, every load reads every release.
func TestReleasesAreReadOnce(t *testing.T) {
	load.RememberReleases(true)
	defer load.RememberReleases(false)
	fsys := memFS(t, testportal.Root(t), "data", "content", "assets")
	first, problems, err := load.Load(fsys)
	if err != nil || problems.Err() != nil || len(first.Releases) < 2 {
		t.Fatalf("load: %v %v", err, problems.Err())
	}
	again, _, err := load.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first.Releases {
		if a, b := &first.Releases[i].Docs.DPA.Clauses[0], &again.Releases[i].Docs.DPA.Clauses[0]; a != b {
			t.Errorf("release %s was read again from the same bytes", first.Releases[i].Version)
		}
	}

	// One byte of one release changed: that release is read anew, the
	// others are not, and the change is seen.
	edited := first.Releases[0]
	name := edited.Dir + "/processor.toml"
	file := *fsys[name]
	file.Data = append([]byte("# edited after the release\n"), file.Data...)
	fsys[name] = &file
	for range 2 {
		changed, _, err := load.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if changed.Releases[0].Files["processor.toml"] == edited.Files["processor.toml"] {
			t.Errorf("release %s: the edited processor.toml has its old hash", edited.Version)
		}
		if &changed.Releases[0].Docs.DPA.Clauses[0] == &edited.Docs.DPA.Clauses[0] {
			t.Errorf("release %s was taken from the cache after its bytes changed", edited.Version)
		}
		if &changed.Releases[1].Docs.DPA.Clauses[0] != &first.Releases[1].Docs.DPA.Clauses[0] {
			t.Errorf("release %s was read again though only %s changed", first.Releases[1].Version, edited.Version)
		}
	}

	// A release whose TOML breaks has its problem reported on every load.
	file.Data = []byte("= broken\n")
	fsys[name] = &file
	for range 2 {
		_, problems, err := load.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(problems.Error(), name) {
			t.Errorf("problems do not name %s:\n%v", name, problems)
		}
	}
}

func TestReleasesAreReadAgainUnlessRemembered(t *testing.T) {
	fsys := memFS(t, testportal.Root(t), "data", "content", "assets")
	first, _, err := load.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := load.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if &first.Releases[0].Docs.DPA.Clauses[0] == &again.Releases[0].Docs.DPA.Clauses[0] {
		t.Error("a release was kept though RememberReleases is off: a build would hold it while Hugo renders")
	}
}

// openCounter is a file system that counts how often each file is opened.
// It has only Open, so that every read goes through it.
type openCounter struct {
	fsys fs.FS
	mu   sync.Mutex
	n    map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err == nil {
		if fi, serr := f.Stat(); serr == nil && !fi.IsDir() {
			c.mu.Lock()
			c.n[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

// TestReleaseFilesAreReadOnce: each file of a release is read once, to be
// hashed and parsed, whether the releases read are remembered or not.
func TestReleaseFilesAreReadOnce(t *testing.T) {
	for _, remember := range []bool{false, true} {
		t.Run(fmt.Sprintf("remember=%v", remember), func(t *testing.T) {
			load.RememberReleases(remember)
			defer load.RememberReleases(false)
			c := &openCounter{fsys: memFS(t, testportal.Root(t), "data", "content", "assets"), n: map[string]int{}}
			p, problems, err := load.Load(c)
			if err != nil || problems.Err() != nil || len(p.Releases) < 2 {
				t.Fatalf("load: %v %v", err, problems.Err())
			}
			files := 0
			for name, n := range c.n {
				if !strings.HasPrefix(name, load.ReleasesDir+"/") || name == load.LockFile {
					continue
				}
				files++
				if n != 1 {
					t.Errorf("%s was read %d times", name, n)
				}
			}
			if want := len(p.Releases) * 5; files < want {
				t.Errorf("%d files of %d releases were read; want at least %d", files, len(p.Releases), want)
			}
		})
	}
}
