// Package tamper does to a project what the lock must catch: it edits a
// released version's lock entry to match its edited files. Tests only.
package tamper

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// Relock rewrites the lock entry of release version in the project in dir
// so that it matches the release's files as they are now: what someone who
// edits a released version and "fixes" the lock to hide it does, or what an
// older trustportal wrote for a release a newer one refuses to make.
func Relock(t testing.TB, dir, version string) {
	t.Helper()
	fsys := os.DirFS(dir)
	p, problems, err := load.Load(fsys)
	if err != nil || p == nil {
		t.Fatalf("relock %s: %v %v", version, err, problems)
	}
	lock, _, err := load.Lock(fsys)
	if err != nil || lock == nil {
		t.Fatalf("relock %s: lock: %v", version, err)
	}
	var r *model.Release
	for i := range p.Releases {
		if p.Releases[i].Version == version {
			r = &p.Releases[i]
		}
	}
	entry, ok := lock.Find(version)
	if r == nil || !ok {
		t.Fatalf("relock: no release %s", version)
	}
	for k := range entry.Texts {
		doc, lang, _ := canonical.SplitKey(k)
		text, err := canonical.Released(r, doc, lang, testportal.Strings(t))
		if err != nil {
			t.Fatal(err)
		}
		entry.Texts[k] = canonical.Hash(text)
	}
	entry.Files = r.Files
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(load.LockFile)), []byte(release.FormatLock(lock)), 0o644); err != nil {
		t.Fatal(err)
	}
}
