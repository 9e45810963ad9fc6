package load_test

import (
	"fmt"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
)

// BenchmarkLoadSubprocessors loads the minimal project with a generated
// subprocessor list of 1 and 10 MB: the time per byte must stay about the
// same (loading is linear in the size of the file).
func BenchmarkLoadSubprocessors(b *testing.B) {
	for _, size := range []int{1 << 20, 10 << 20} {
		data := subprocessors(size - 4096)
		fsys := minimalFS(b, map[string][]byte{load.WorkingCopy.Subprocessors: data})
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := load.Load(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadNested loads a TOML file nested deeper than the limit: it is
// refused before it is parsed, whatever the depth.
func BenchmarkLoadNested(b *testing.B) {
	for _, depth := range []int{100, 4000} {
		fsys := minimalFS(b, map[string][]byte{load.WorkingCopy.TOMs: nested(depth)})
		b.Run(fmt.Sprintf("depth%d", depth), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := load.Load(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
