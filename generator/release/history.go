package release

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// CompareLocks checks that the lock only grew since base, the lock as it is
// at an earlier revision (named by rev, e.g. "origin/main"): every release
// in base is still in lock with the same version, text and file hashes, and
// every new one comes after them. Verify checks the releases' files against
// lock; together they refuse a released version that was edited and its
// lock entry "fixed" to match, or deleted together with its entry.
func CompareLocks(base, lock *model.Lock, rev string) problem.List {
	var out problem.List
	restore := func(v string) string {
		return fmt.Sprintf("released versions never change: restore them from %s (git checkout %s -- %s/%s %s) and release the change as a new version",
			rev, rev, load.ReleasesDir, v, load.LockFile)
	}
	latest := ""
	for _, old := range base.Releases {
		if latest == "" || model.CompareVersions(old.Version, latest) > 0 {
			latest = old.Version
		}
		cur, ok := lock.Find(old.Version)
		if !ok {
			out.Add(problem.Problem{File: load.LockFile, Field: "release", Message: fmt.Sprintf("release %s is in the lock at %s but not here: a released version was deleted", old.Version, rev),
				Hint: restore(old.Version)})
			continue
		}
		for _, table := range []struct {
			name     string
			old, cur map[string]string
		}{{"texts", old.Texts, cur.Texts}, {"files", old.Files, cur.Files}} {
			keys := slices.Sorted(maps.Keys(table.old))
			for k := range table.cur {
				if _, ok := table.old[k]; !ok {
					keys = append(keys, k)
				}
			}
			for _, k := range keys {
				was, wasOK := table.old[k]
				is, isOK := table.cur[k]
				var msg string
				switch {
				case !isOK:
					msg = fmt.Sprintf("release %s was changed: %s %q was sha256:%s at %s and is gone here", old.Version, table.name, k, was, rev)
				case !wasOK:
					msg = fmt.Sprintf("release %s was changed: %s %q (sha256:%s) is not in it at %s", old.Version, table.name, k, is, rev)
				case was != is:
					msg = fmt.Sprintf("release %s was changed: %s %q was sha256:%s at %s and is sha256:%s here", old.Version, table.name, k, was, rev, is)
				default:
					continue
				}
				pos, field := lockKey(cur, table.name, k)
				out.Add(problem.Problem{File: load.LockFile, Line: pos.Line, Col: pos.Col, Field: field, Message: msg, Hint: restore(old.Version)})
			}
		}
	}
	for i, e := range lock.Releases {
		if _, old := base.Find(e.Version); old || latest == "" || model.CompareVersions(e.Version, latest) > 0 {
			continue
		}
		pos := e.Src.At("version")
		out.Add(problem.Problem{File: load.LockFile, Line: pos.Line, Col: pos.Col, Field: fmt.Sprintf("release[%d].version", i),
			Message: fmt.Sprintf("release %s is new, but %s was released before it (at %s): versions are released in order", e.Version, latest, rev),
			Hint:    fmt.Sprintf("remove release %s and make it again with trustportal release and a version above %s", e.Version, latest)})
	}
	return out
}

// lockKey returns where key of table ("texts", "files") of e is written,
// and its field path.
func lockKey(e *model.LockEntry, table, key string) (model.Pos, string) {
	for _, k := range []string{strconv.Quote(key), key} {
		if pos, ok := e.Src.Lookup(table + "." + k); ok {
			return pos, e.Src.FieldPath(table + "." + k)
		}
	}
	return e.Src.At(table), e.Src.FieldPath(table + "." + strconv.Quote(key))
}
