// Package publish writes files into a directory and replaces the published
// site with a newly built one only as a whole, so that readers and the
// previous build never see a half-built site.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Staging returns a new empty directory beside out, on the same file system,
// so that Swap can rename it into place.
func Staging(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, "."+filepath.Base(out)+".building-")
}

// Swap makes dir the new out: it renames dir to out and removes what out
// was before. out is never left missing or half-written if a step fails.
func Swap(dir, out string) error {
	out = filepath.Clean(out)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(dir, out)
	}
	old, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".old-")
	if err != nil {
		return err
	}
	if err := exchange(dir, out, filepath.Join(old, "site")); err != nil {
		os.RemoveAll(old)
		return fmt.Errorf("publish %s: %w", out, err)
	}
	return os.RemoveAll(old)
}

// Sync makes dir hold exactly files (slash-separated path → content): it
// writes what is new or changed and removes what is no longer there, so
// that a watching server sees only real changes.
func Sync(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	var stale []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			stale = append(stale, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
