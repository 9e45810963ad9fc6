package publish

import "golang.org/x/sys/unix"

// exchange swaps dir and out in one atomic step (renameat2 RENAME_EXCHANGE),
// leaving the previous site at dir; where the file system cannot, it moves
// out to old and dir into its place.
func exchange(dir, out, old string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		return renameTwice(dir, out, old)
	}
	return nil
}
