package load

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"sync"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// released keeps the releases this process has read, by releaseKey, while
// RememberReleases is on: a release's files never change, so reading the
// same bytes again (each rebuild of serve, each release of a synthetic
// portal) takes what was read the first time, problems included. The models
// it hands out are shared and must not be changed.
var released = struct {
	sync.Mutex
	on bool
	m  map[string]readRelease
}{m: map[string]readRelease{}}

// RememberReleases turns on (or off, forgetting them) the keeping of the
// releases Load reads, for a process that loads a project again and again.
// A build or check reads each release once: it leaves it off, so that the
// releases are freed with the model while Hugo renders.
func RememberReleases(on bool) {
	released.Lock()
	defer released.Unlock()
	released.on = on
	if !on {
		clear(released.m)
	}
}

// readRelease is what reading one release gave.
type readRelease struct {
	release  model.Release
	ok       bool
	problems problem.List
	fatal    bool
}

// releaseKey identifies what reading the release whose files are files
// gives in languages langs: the SHA-256 over its name, the languages and
// the path and every byte of every file below it.
func releaseKey(name string, langs []model.Lang, files *releaseFiles) string {
	h := sha256.New()
	h.Write([]byte(name + "\x00" + model.JoinLangs(langs) + "\x00"))
	for _, rel := range files.paths {
		sum := sha256.Sum256(files.data[rel])
		h.Write([]byte(rel + "\x00"))
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readCached reads release directory name, or takes what an earlier read of
// the same bytes gave. It reads each of the release's files once.
func (l *loader) readCached(name string) (*loader, model.Release, bool) {
	files, err := readReleaseFiles(l.fsys, path.Join(ReleasesDir, name))
	if err != nil {
		// The release is read file by file, and the file that cannot be
		// read is reported as such; it is not kept.
		files = nil
	}
	released.Lock()
	keep := released.on && files != nil
	released.Unlock()
	var key string
	if keep {
		key = releaseKey(name, l.langs, files)
		released.Lock()
		c, hit := released.m[key]
		released.Unlock()
		if hit {
			sub := &loader{fsys: l.fsys, langs: l.langs, fatal: c.fatal}
			sub.problems.Merge(c.problems)
			return sub, c.release, c.ok
		}
	}
	sub := &loader{fsys: l.fsys, langs: l.langs, files: files}
	r, ok := sub.release(name)
	sub.files = nil // the bytes are not kept while the other releases are read
	if keep && sub.ioErr == nil {
		released.Lock()
		if released.on {
			released.m[key] = readRelease{release: r, ok: ok, problems: sub.problems, fatal: sub.fatal}
		}
		released.Unlock()
	}
	return sub, r, ok
}
