package generator_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// tree describes everything below dir: directories, symlinks with their
// targets and files with their content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "symlink to " + target
			return err
		case d.IsDir():
			out[rel] = "directory"
		default:
			data, err := os.ReadFile(p)
			out[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// noLeftovers fails if anything but Hugo's cache directory (one, of a fixed
// name, empty for a portal) is in tmp.
func noLeftovers(t *testing.T, tmp string) {
	t.Helper()
	for _, name := range testportal.Names(t, tmp) {
		if name != "hugo_cache" {
			t.Errorf("left in $TMPDIR: %s", name)
		}
	}
}

func mustWrite(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// isSite reports whether dir holds a built portal.
func isSite(dir string) bool {
	for _, f := range []string{"de/dpa/index.html", "en/toms/index.html", "de/versions/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

// TestRelativeOut: relative --out and --source directories are taken from
// the working directory, as a user means them: the full site is published
// there, and nothing is left in $TMPDIR.
func TestRelativeOut(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	root := t.TempDir()
	src := testportal.Copy(t, testportal.Minimal(t))
	project := filepath.Join(root, "project")
	if err := os.Rename(src, project); err != nil {
		t.Fatal(err)
	}
	t.Chdir(project)
	for _, tt := range []struct{ source, out, want string }{
		{".", "public", filepath.Join(project, "public")},
		{".", "../www", filepath.Join(root, "www")},
		{"../project", "", filepath.Join(project, "public")}, // the default, public/ in the source
		{".", "public", filepath.Join(project, "public")},    // again, replacing the first
	} {
		if err := generator.Build(generator.Options{Source: tt.source, Out: tt.out}); err != nil {
			t.Fatalf("build --source %s --out %s: %v", tt.source, tt.out, err)
		}
		if !isSite(tt.want) {
			t.Errorf("build --source %s --out %s did not publish the portal to %s", tt.source, tt.out, tt.want)
		}
	}
	noLeftovers(t, tmp)
	if names := testportal.Names(t, root); !slices.Equal(names, []string{"project", "www"}) {
		t.Errorf("beside the project: %v", names)
	}
}

// TestMissingPagesAreNotPublished: a site that lacks a file the portal has
// (here the embeddable DPA views, which a layout override renders empty, so
// that Hugo writes nothing) fails the build, naming the files.
func TestMissingPagesAreNotPublished(t *testing.T) {
	src := testportal.Copy(t, testportal.Root(t), testportal.Edit{File: "layouts/dpa.embed.html", New: ""})
	out := filepath.Join(t.TempDir(), "public")
	err := generator.Build(generator.Options{Source: src, Out: out, Today: today})
	if err == nil {
		t.Fatal("a site without its embeddable views was published")
	}
	for _, want := range []string{"public/de/dpa/2.0/embed.html: the portal has this file, but the rendered site lacks it", "public/en/dpa/1.0/embed.html", "nothing was published"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("something was published")
	}
}

// TestOutIsReplacedOnlyIfTrustportalWroteIt: --out and --hugo-source name
// directories a build replaces or rewrites as a whole. Anything but a new or
// empty directory, or one a build wrote, is refused before any work, and
// left as it was; a symlink leads to the directory the build replaces.
func TestOutIsReplacedOnlyIfTrustportalWroteIt(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	project := filepath.Join(root, "project")
	if err := os.Rename(testportal.Copy(t, testportal.Minimal(t)), project); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(root, "mine", "thesis.txt"), "years of work")
	mustWrite(t, filepath.Join(root, "file.txt"), "a file")
	mustWrite(t, filepath.Join(root, "var", "www", "index.html"), "the web server's page")
	for _, dir := range []string{"empty", "sites/portal"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"webroot": "var/www", "current": "sites/portal"} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	// A site an earlier build published.
	if err := generator.Build(generator.Options{Source: project, Out: filepath.Join(root, "previous")}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		out  string // relative to root
		hugo string // --hugo-source, relative to root
		site string // where the site must be published; empty if refused
		err  string // what the refusal says
	}{
		{name: "new directory", out: "new/public", site: "new/public"},
		{name: "default public/ in the project", site: "project/public"},
		{name: "empty directory", out: "empty", site: "empty"},
		{name: "previous output", out: "previous", site: "previous"},
		{name: "symlink to an empty directory", out: "current", site: "sites/portal"},
		{name: "symlink to a previous output", out: "current", site: "sites/portal"},
		{name: "user's directory", out: "mine", err: "--out " + root + "/mine holds files that trustportal did not write (thesis.txt)"},
		{name: "data/", out: "project/data", err: "is inside the project's data/"},
		{name: "new directory in content/", out: "project/content/site", err: "is inside the project's content/"},
		{name: "project directory", out: "project", err: "is the project directory itself"},
		{name: "parent of the project", out: ".", err: "contains the project directory"},
		{name: "regular file", out: "file.txt", err: "is a file, not a directory"},
		{name: "symlink to a web root", out: "webroot", err: "webroot (" + root + "/var/www) holds files that trustportal did not write (index.html)"},
		{name: "Hugo project in the user's directory", out: "www", hugo: "mine", err: "--hugo-source " + root + "/mine holds files"},
		{name: "Hugo project in static/", out: "www", hugo: "project/static", err: "is inside the project's static/"},
		{name: "Hugo project inside the site", out: "www", hugo: "www/hugo", err: "overlap"},
		{name: "site inside the Hugo project", out: "hugo/www", hugo: "hugo", err: "overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := generator.Options{Source: project}
			if tt.out != "" {
				opts.Out = filepath.Join(root, tt.out)
			}
			if tt.hugo != "" {
				opts.HugoSource = filepath.Join(root, tt.hugo)
			}
			before := tree(t, root)
			err := generator.Build(opts)
			if tt.site != "" {
				if err != nil {
					t.Fatal(err)
				}
				if !isSite(filepath.Join(root, tt.site)) {
					t.Errorf("no portal in %s", tt.site)
				}
				if fi, err := os.Lstat(filepath.Join(root, "current")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("the symlink was replaced: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one saying %q", err, tt.err)
			}
			if after := tree(t, root); !equalTrees(before, after) {
				t.Errorf("a refused build changed something")
			}
		})
	}
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// TestSiteModes: the published site has the usual modes, adjusted by the
// umask, so that a web server running as another user can read it.
func TestSiteModes(t *testing.T) {
	for _, umask := range []int{0o022, 0o027} {
		t.Run(fmt.Sprintf("umask %03o", umask), func(t *testing.T) {
			old := syscall.Umask(umask)
			defer syscall.Umask(old)
			out := filepath.Join(t.TempDir(), "public")
			if err := generator.Build(generator.Options{Source: testportal.Minimal(t), Out: out}); err != nil {
				t.Fatal(err)
			}
			if n := testportal.CheckModes(t, out, umask); n < 10 {
				t.Errorf("only %d files and directories published", n)
			}
		})
	}
}

// childBuildEnv makes the test binary build the project that the variable
// names into the directory TRUSTPORTAL_TEST_OUT names (see TestMain).
const childBuildEnv = "TRUSTPORTAL_TEST_CHILD_SOURCE"

// childTodayEnv, if set, is the day (YYYY-MM-DD) the child builds as on;
// the tests' today otherwise.
const childTodayEnv = "TRUSTPORTAL_TEST_TODAY"

// childCacheEnv names the page cache of the child's build; none if empty.
const childCacheEnv = "TRUSTPORTAL_TEST_CACHE"

// childBuild is the child process of TestKilledBuild and of the peak memory
// of the Large benchmarks.
func childBuild() int {
	day := today
	if s := os.Getenv(childTodayEnv); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		day = model.NewDate(t.Date())
	}
	err := generator.Build(generator.Options{Source: os.Getenv(childBuildEnv), Out: os.Getenv("TRUSTPORTAL_TEST_OUT"), Today: day, Cache: os.Getenv(childCacheEnv)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// The peak of this process's own memory, for childBuildUsage: the
	// rusage of a child also counts the parent's memory when it started.
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				fmt.Printf("%s %s\n", childPeakPrefix, strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			}
		}
	}
	return 0
}

// childPeakPrefix starts the line in which childBuild says its peak
// resident memory, in kB.
const childPeakPrefix = "trustportal-child-peak-kB:"

// TestKilledBuild kills a build (SIGKILL) while it works: the previous site
// stays as it was, and the next build removes what the killed one left;
// nothing is left in $TMPDIR.
func TestKilledBuild(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	src := testportal.Root(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	// The emitted Hugo project is written: the build is under way, Hugo
	// about to run or running.
	underWay := func() bool {
		for _, pattern := range []string{filepath.Join(parent, ".public.building-*", "*", "hugo.json"), filepath.Join(tmp, "*", "hugo.json")} {
			if m, _ := filepath.Glob(pattern); len(m) > 0 {
				return true
			}
		}
		return false
	}
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childBuildEnv+"="+src, "TRUSTPORTAL_TEST_OUT="+out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); !underWay(); time.Sleep(2 * time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("the build did not get under way: %s", stderr.String())
			}
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !status.Signaled() {
			t.Fatalf("the build ended before it was killed (%v): %s", err, stderr.String())
		}
	}
	if !equalTrees(before, tree(t, out)) {
		t.Error("a killed build changed the published site")
	}
	// The second build removed what the first left: leftovers never pile up.
	if left, _ := filepath.Glob(filepath.Join(parent, ".public.building-*")); len(left) != 1 {
		t.Errorf("the killed builds left %v, want the second's working directory (else the test kills nothing)", left)
	}
	var log strings.Builder
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today, Log: &log}); err != nil {
		t.Fatal(err)
	}
	if names := testportal.Names(t, parent); len(names) != 1 {
		t.Errorf("after the next build, beside the site: %v", names)
	}
	if n := strings.Count(log.String(), "left by an interrupted build"); n != 1 {
		t.Errorf("the next build reports %d leftovers removed:\n%s", n, log.String())
	}
	noLeftovers(t, tmp)
}

// TestConcurrentBuilds: a build waits while another publishes into the same
// directory (whose lock it holds), then publishes; two builds at once both
// publish whole sites, one after the other.
func TestConcurrentBuilds(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	// Another build holds the lock.
	f, err := os.Open(parent)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	var log testportal.Log
	done := make(chan error)
	go func() { done <- generator.Build(generator.Options{Source: testportal.Minimal(t), Out: out, Log: &log}) }()
	for deadline := time.Now().Add(time.Minute); !strings.Contains(log.String(), "waiting for it to finish"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the build does not say that it waits")
		}
		select {
		case err := <-done:
			t.Fatalf("the build did not wait for the other (err = %v)", err)
		default:
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the waiting build published")
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// Two builds of different portals at once.
	a := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/processor.toml", Old: `name = "Beispiel GmbH"`, New: `name = "Alpha GmbH"`})
	b := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/processor.toml", Old: `name = "Beispiel GmbH"`, New: `name = "Beta GmbH"`})
	errs := make(chan error)
	for _, src := range []string{a, b} {
		go func() { errs <- generator.Build(generator.Options{Source: src, Out: out}) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	site := tree(t, out)
	home := site[filepath.Join("de", "index.html")] + site[filepath.Join("en", "processor", "index.html")]
	if alpha, beta := strings.Contains(home, "Alpha GmbH"), strings.Contains(home, "Beta GmbH"); alpha == beta {
		t.Errorf("the site is of both portals or neither (Alpha %t, Beta %t)", alpha, beta)
	}
	if !isSite(out) {
		t.Error("the site is incomplete")
	}
	if names := testportal.Names(t, parent); len(names) != 1 {
		t.Errorf("left beside the site: %v", names)
	}
}
