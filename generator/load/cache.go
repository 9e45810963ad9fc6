package load

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// released keeps the releases this process has read, by releaseKey: a
// release's files never change, so reading the same bytes again (each
// rebuild of serve, a release after the load that checked it, a benchmark's
// loop) takes what was read the first time, problems included. The models it
// hands out are shared and must not be changed.
var released = struct {
	sync.Mutex
	m map[string]readRelease
}{m: map[string]readRelease{}}

// readRelease is what reading one release gave.
type readRelease struct {
	release  model.Release
	ok       bool
	problems problem.List
	fatal    bool
}

// releaseKey identifies what reading release directory name in languages
// langs gives: the SHA-256 over its name, the languages and the path and
// every byte of every file below it. ok is false if a file cannot be read
// (the reading itself then says why).
func (l *loader) releaseKey(name string) (key string, ok bool) {
	h := sha256.New()
	h.Write([]byte(name + "\x00" + model.JoinLangs(l.langs) + "\x00"))
	dir := ReleasesDir + "/" + name
	err := eachFile(l.fsys, dir, func(rel string, data []byte) {
		sum := sha256.Sum256(data)
		h.Write([]byte(rel + "\x00"))
		h.Write(sum[:])
	})
	if err != nil {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// readCached reads release directory name, or takes what an earlier read of
// the same bytes gave.
func (l *loader) readCached(name string) (*loader, model.Release, bool) {
	key, keyed := l.releaseKey(name)
	if keyed {
		released.Lock()
		c, hit := released.m[key]
		released.Unlock()
		if hit {
			sub := &loader{fsys: l.fsys, langs: l.langs, fatal: c.fatal}
			sub.problems.Merge(c.problems)
			return sub, c.release, c.ok
		}
	}
	sub := &loader{fsys: l.fsys, langs: l.langs}
	r, ok := sub.release(name)
	if keyed && sub.ioErr == nil {
		released.Lock()
		released.m[key] = readRelease{release: r, ok: ok, problems: sub.problems, fatal: sub.fatal}
		released.Unlock()
	}
	return sub, r, ok
}
