package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps dir and out in one atomic step (renameat2 RENAME_EXCHANGE),
// then moves the previous site (now at dir) to old.
func exchange(dir, out, old string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		return renameTwice(dir, out, old)
	}
	return os.Rename(dir, old)
}
