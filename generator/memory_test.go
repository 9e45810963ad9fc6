package generator

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	content := func(sizes ...int) map[string][]byte {
		files := map[string][]byte{"hugo.json": make([]byte, 100<<20), "data/trustportal/site.json": make([]byte, 50<<20)}
		for i, n := range sizes {
			files["content/"+string(rune('a'+i))+".md"] = make([]byte, n)
		}
		return files
	}
	tests := []struct {
		name  string
		held  int64
		files map[string][]byte
		want  int64
	}{
		{"no content", 0, content(), minMemoryLimit},
		{"a small portal", 0, content(1<<20, 2<<20), minMemoryLimit},
		{"35 MB of content", 0, content(20<<20, 15<<20), 9 * 35 << 20},
		{"in a process that held 1 GB", 1 << 30, content(20<<20, 15<<20), 1<<30 + 9*35<<20},
	}
	for _, tt := range tests {
		if got := memoryLimit(tt.held, tt.files); got != tt.want {
			t.Errorf("%s: memoryLimit = %d, want %d (only content/ counts)", tt.name, got, tt.want)
		}
	}
	// What a process holds counts what it keeps alive.
	before := heldMemory()
	keep := make([]byte, 64<<20)
	for i := range keep {
		keep[i] = 1
	}
	if after := heldMemory(); after < before+60<<20 {
		t.Errorf("heldMemory: %d before and %d after allocating 64 MB", before, after)
	}
	runtime.KeepAlive(keep)
}

// TestLimitMemory: the limit is set for the build and taken back after it;
// a limit set before (GOMEMLIMIT) is left as it is.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(before)

	restore := limitMemory(300 << 20)
	if got := debug.SetMemoryLimit(-1); got != 300<<20 {
		t.Errorf("during the build the limit is %d, want %d", got, 300<<20)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after the build the limit is %d, want none", got)
	}

	debug.SetMemoryLimit(1 << 30) // as GOMEMLIMIT=1GiB sets it
	restore = limitMemory(300 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("a limit set before was changed to %d", got)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("a limit set before was changed to %d after the build", got)
	}
}
