//go:build !linux

package publish

// exchange replaces out by dir, keeping the previous site at old.
func exchange(dir, out, old string) error { return renameTwice(dir, out, old) }
