package generator

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"strings"
)

// While Hugo renders a build, the program's heap is mostly Hugo's: every
// page's front matter decoded into maps and its content file's bytes, about
// four and a half times the bytes of the project's content/ (151 MB for 35 MB
// at N = 30, see BENCHMARKS.md). Under GOGC alone the collector lets the
// heap grow to twice what was live at its last run, and Hugo's heap grows
// all through the build, so the peak overshoots; every page of it costs a
// page fault too. A soft memory limit (Go's GOMEMLIMIT) of nine times
// content/, above what the process held before the build, caps the peak:
// at N = 30 the build's peak fell from 384-422 MB to 343-359 MB at the
// same CPU time, at N = 60 from 703-743 to 630-640 MB (runs in turn with
// the program before; eight times content/ gave less memory and a quarter
// of a second more CPU at N = 30).
const (
	// memoryPerContentByte is the soft limit per byte of content/.
	memoryPerContentByte = 9
	// minMemoryLimit is the least soft limit: a small portal, whose heap
	// stays far below it, never meets it.
	minMemoryLimit = 256 << 20
)

// memoryLimit returns the soft memory limit for rendering the Hugo project
// made of files (path → content) in a process that held held bytes before
// the build began (see heldMemory): a program that calls Build with a large
// heap of its own keeps it, and the collector does not work against it.
func memoryLimit(held int64, files map[string][]byte) int64 {
	var content int64
	for name, data := range files {
		if strings.HasPrefix(name, "content/") {
			content += int64(len(data))
		}
	}
	return held + max(minMemoryLimit, memoryPerContentByte*content)
}

// heldMemory returns the memory the Go runtime holds now: all it mapped
// less what it gave back to the system. It is more than the live heap (it
// counts free spans and the runtime's own structures), so a limit made from
// it errs on the side of collecting less.
func heldMemory() int64 {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(samples)
	if samples[0].Value.Kind() != metrics.KindUint64 || samples[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(samples[0].Value.Uint64() - samples[1].Value.Uint64())
}

// limitMemory sets the Go runtime's soft memory limit to limit and returns
// the function that takes it back. A limit already set (GOMEMLIMIT in the
// environment, or a program that calls the generator) is left as it is: a
// soft limit only changes when the garbage collector runs, never what is
// built, and the one who set it knows the machine.
func limitMemory(limit int64) (restore func()) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
