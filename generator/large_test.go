package generator_test

// Benchmarks of portals with a long released history (issue 12), made by
// generator/synth. BENCHMARKS.md gives the figures and the commands.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/hugosite"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/synth"
	"github.com/trustportal/trustportal/generator/testportal"
)

var (
	largeSizes = flag.String("large", "1,5,10,30", "numbers of released `versions` of the synthetic portals the Large benchmarks build (add 60 for the long curve)")
	largeDir   = flag.String("large-dir", "", "keep the synthetic portals in this `directory` between runs (writing one of 30 versions takes a minute)")
)

// versionCounts returns the sizes of -large.
func versionCounts(b *testing.B) []int {
	var out []int
	for _, f := range strings.Split(*largeSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			b.Fatalf("-large %q: give numbers of versions, e.g. 1,5,10,30", *largeSizes)
		}
		out = append(out, n)
	}
	return out
}

var largeMu sync.Mutex

// largePortal returns the synthetic portal of issue 12's size with n
// versions, written once (kept in -large-dir if given).
func largePortal(b *testing.B, n int) string {
	b.Helper()
	largeMu.Lock()
	defer largeMu.Unlock()
	root := *largeDir
	if root == "" {
		root = tempRoot
	}
	dir := filepath.Join(root, fmt.Sprintf("large-%d", n))
	done := filepath.Join(root, fmt.Sprintf("large-%d.done", n))
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	if err := synth.Write(dir, synth.Large(n)); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measured runs fn b.N times and reports its CPU seconds per run besides
// the wall time.
func measured(b *testing.B, fn func() error) {
	b.Helper()
	start := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime(b)-start).Seconds()/float64(b.N), "cpu-s/op")
}

// childBuildUsage builds src in a child process (the test binary, see
// childBuild), as trustportal build does, and reports the child's CPU
// seconds (cold-cpu-s: nothing read before) and peak resident memory.
func childBuildUsage(b *testing.B, src string, day model.Date, cache string) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), childBuildEnv+"="+src, "TRUSTPORTAL_TEST_OUT="+filepath.Join(b.TempDir(), "public"), childTodayEnv+"="+day.String(), childCacheEnv+"="+cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("child build: %v\n%s", err, stderr.String())
	}
	// The child's own peak (VmHWM): the rusage of a child started by a
	// process of 700 MB says 700 MB, whatever the child used.
	for _, line := range strings.Split(stdout.String(), "\n") {
		if v, ok := strings.CutPrefix(line, childPeakPrefix); ok {
			if kb, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				b.ReportMetric(float64(kb)/1024, "peak-MB")
			}
		}
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		b.ReportMetric(time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds(), "cold-cpu-s")
	}
}

// BenchmarkBuildLarge builds the synthetic portal of issue 12 with 1, 5,
// 10 and 30 released versions (-large), in this process (after the first
// build, with the releases read before, as serve rebuilds), and once in a
// child, as trustportal build does, for its CPU time and peak memory.
func BenchmarkBuildLarge(b *testing.B) {
	for _, n := range versionCounts(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			src := largePortal(b, n)
			day := synth.Large(n).Today()
			out := filepath.Join(b.TempDir(), "public")
			measured(b, func() error {
				return generator.Build(generator.Options{Source: src, Out: out, Today: day})
			})
			childBuildUsage(b, src, day, "")
		})
	}
}

// BenchmarkBuildLargeCached builds the synthetic portals as
// BenchmarkBuildLarge does, with a page cache that a first build (not
// measured) filled: every later build of the same portal, the usual case
// between two releases.
func BenchmarkBuildLargeCached(b *testing.B) {
	for _, n := range versionCounts(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			src := largePortal(b, n)
			day := synth.Large(n).Today()
			out := filepath.Join(b.TempDir(), "public")
			cache := b.TempDir()
			build := func() error {
				return generator.Build(generator.Options{Source: src, Out: out, Today: day, Cache: cache})
			}
			if err := build(); err != nil {
				b.Fatal(err)
			}
			measured(b, build)
			childBuildUsage(b, src, day, cache)
		})
	}
}

// BenchmarkCheckLarge checks the synthetic portals (load, validate, every
// release against the lock), as trustportal check does.
func BenchmarkCheckLarge(b *testing.B) {
	for _, n := range versionCounts(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			src := largePortal(b, n)
			measured(b, func() error { return generator.Check(src) })
		})
	}
}

// BenchmarkPlainHugo is Hugo alone building the project a build emitted
// (--hugo-source), the yardstick of BenchmarkBuildSample and
// BenchmarkBuildLarge: the sample, then the synthetic portals of -large.
func BenchmarkPlainHugo(b *testing.B) {
	type project struct {
		name string
		src  string
		day  model.Date
	}
	projects := []project{{"sample", testportal.Root(b), today}}
	for _, n := range versionCounts(b) {
		projects = append(projects, project{fmt.Sprintf("N=%d", n), "", synth.Large(n).Today()})
	}
	for _, p := range projects {
		b.Run(p.name, func(b *testing.B) {
			if p.src == "" {
				n, _ := strconv.Atoi(strings.TrimPrefix(p.name, "N="))
				p.src = largePortal(b, n)
			}
			tmp := b.TempDir()
			hugo := filepath.Join(tmp, "hugo")
			if err := generator.Build(generator.Options{Source: p.src, Out: filepath.Join(tmp, "public"), HugoSource: hugo, Today: p.day}); err != nil {
				b.Fatal(err)
			}
			site := filepath.Join(tmp, "site")
			measured(b, func() error {
				if err := os.RemoveAll(site); err != nil {
					return err
				}
				return hugosite.Build(hugo, site, nil)
			})
		})
	}
}
