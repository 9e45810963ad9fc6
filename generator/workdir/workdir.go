// Package workdir makes the private working directories of trustportal's
// commands: a build renders beside the site it replaces, a release assembles
// its files beside data/releases/<version>. Each such directory holds a lock
// file (Marker) that its command keeps locked while it runs, so that what a
// killed command left behind can be told apart, safely, from the directory
// of a command still running: only trustportal writes the marker, and the
// kernel frees the lock when the process dies however it ends.
package workdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the lock file inside every working directory.
const Marker = ".trustportal-lock"

const markerText = "This is the working directory of a running trustportal command; the command\n" +
	"removes it when it ends. If no trustportal command is running, the next one\n" +
	"that works here removes it.\n"

// Dir is a working directory in use, locked until Remove.
type Dir struct {
	Path string
	lock *os.File
}

// New creates a working directory in parent named prefix followed by a
// random suffix, readable only by its owner, and locks it.
func New(parent, prefix string) (*Dir, error) {
	path, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, err
	}
	// The marker appears under its name only once it is locked, so that
	// Clean never takes a directory being set up for a stale one.
	tmp := filepath.Join(path, Marker+".new")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		if err = tryLock(f); err == nil || !locking {
			if _, err = f.WriteString(markerText); err == nil {
				err = os.Rename(tmp, filepath.Join(path, Marker))
			}
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		os.RemoveAll(path)
		return nil, fmt.Errorf("working directory in %s: %w", parent, err)
	}
	return &Dir{Path: path, lock: f}, nil
}

// Remove removes the directory and everything in it, then releases the lock.
func (d *Dir) Remove() error {
	err := os.RemoveAll(d.Path)
	return errors.Join(err, d.lock.Close())
}

// Clean removes the working directories in parent whose names start with
// prefix and that no running command uses: each must hold the marker file,
// and its lock must be free. Anything else is left alone. It returns the
// paths it removed.
func Clean(parent, prefix string) ([]string, error) {
	entries, err := os.ReadDir(parent)
	if errors.Is(err, os.ErrNotExist) || !locking {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		stale, err := isStale(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if stale {
			removed = append(removed, path)
		}
	}
	return removed, errors.Join(errs...)
}

// isStale removes the working directory at path if it is one and its lock is
// free, and reports whether it did.
func isStale(path string) (bool, error) {
	marker := filepath.Join(path, Marker)
	if fi, err := os.Lstat(marker); err != nil || !fi.Mode().IsRegular() {
		return false, nil // not a working directory of trustportal
	}
	f, err := os.Open(marker)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	if err := tryLock(f); err != nil {
		return false, nil // in use, or locks are not supported here
	}
	// Holding the lock, the directory is ours to remove.
	if err := os.RemoveAll(path); err != nil {
		return false, fmt.Errorf("remove the leftover %s: %w", path, err)
	}
	return true, nil
}

// Lock takes an exclusive lock on the file or directory at path, which must
// exist. If another process holds it, Lock calls waiting once and then
// waits for it. The lock lasts until the returned function is called or the
// process ends.
func Lock(path string, waiting func()) (unlock func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil && locking {
		if !errors.Is(err, errLocked) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if waiting != nil {
			waiting()
		}
		if err := lock(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
	}
	return f.Close, nil
}
