package release_test

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/workdir"
)

// TestKilledReleaseLeftovers: what a killed release left in data/releases
// (its working directory .new-<version>-*) is no release: check and build
// pass, and the next release removes it, if trustportal's lock file says it
// is one of its own and no running release holds it.
func TestKilledReleaseLeftovers(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir := testportal.Copy(t, testportal.Minimal(t))
	mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Today: model.NewDate(2025, 1, 1)})
	releases := filepath.Join(dir, "data", "releases")
	for name, content := range map[string]string{
		// Killed while copying, by a version of trustportal without the lock file.
		".new-1.1-111/processor.toml": "name = ",
		// Killed while copying: its lock file is free.
		".new-1.1-222/" + workdir.Marker:  "",
		".new-1.1-222/1.1/processor.toml": "name = ",
	} {
		p := filepath.Join(releases, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A release running now holds its lock.
	running, err := workdir.New(releases, ".new-1.1-")
	if err != nil {
		t.Fatal(err)
	}
	defer running.Remove()

	if err := generator.Check(dir); err != nil {
		t.Fatalf("check trips over a release in progress or killed:\n%v", err)
	}
	mustRelease(t, dir, release.Request{Version: "1.1", Effective: model.NewDate(2025, 6, 1), Today: model.NewDate(2025, 6, 1)})
	names := testportal.Names(t, releases)
	want := []string{".new-1.1-111", filepath.Base(running.Path), "1.0", "1.1", "lock.toml"}
	slices.Sort(want) // the running one's name ends in a random number
	if !slices.Equal(names, want) {
		t.Errorf("data/releases holds %v, want %v", names, want)
	}
	p, err := generator.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Model.Releases) != 2 {
		t.Errorf("%d releases", len(p.Model.Releases))
	}
	// The release is readable like the rest of the project, and holds
	// nothing of its working directory.
	fi, err := os.Stat(filepath.Join(releases, "1.1"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("data/releases/1.1 has mode %v", fi.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(releases, "1.1", workdir.Marker)); err == nil {
		t.Errorf("the release holds %s", workdir.Marker)
	}
}
