//go:build !unix

package workdir

import (
	"errors"
	"os"
)

// Without flock nothing can tell a running command's directory from a
// killed one's: New and Lock work without a lock, Clean removes nothing.
const locking = false

var errLocked = errors.New("locked by another process")

func tryLock(*os.File) error { return errors.ErrUnsupported }

func lock(*os.File) error { return errors.ErrUnsupported }
