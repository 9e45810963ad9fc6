//go:build unix

package diff

import (
	"syscall"
	"time"
)

// processCPU returns the processor time this process has used so far,
// which, unlike the time on the clock, does not grow when other programs
// share the machine.
func processCPU() (time.Duration, bool) {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0, false
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()), true
}
