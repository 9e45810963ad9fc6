package publish

import (
	"errors"
	"os"
)

// renameTwice moves out aside to old and dir into its place, restoring out
// if the second step fails.
func renameTwice(dir, out, old string) error {
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(dir, out); err != nil {
		return errors.Join(err, os.Rename(old, out))
	}
	return nil
}
