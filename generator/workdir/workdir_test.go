package workdir

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/testportal"
)

// childEnv makes the test binary a command that creates a working directory
// in the directory it names, prints its path and then waits to be killed.
const childEnv = "WORKDIR_TEST_CHILD"

func TestMain(m *testing.M) {
	if parent := os.Getenv(childEnv); parent != "" {
		d, err := New(parent, ".site.building-")
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(d.Path)
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestNewAndRemove(t *testing.T) {
	parent := t.TempDir()
	d, err := New(parent, ".site.building-")
	if err != nil {
		t.Fatal(err)
	}
	if got := testportal.Names(t, d.Path); !slices.Equal(got, []string{Marker}) {
		t.Errorf("a new working directory holds %v", got)
	}
	if removed, err := Clean(parent, ".site.building-"); err != nil || len(removed) > 0 {
		t.Errorf("Clean removed %v (%v) while the directory is in use", removed, err)
	}
	if err := d.Remove(); err != nil {
		t.Fatal(err)
	}
	if got := testportal.Names(t, parent); len(got) > 0 {
		t.Errorf("left after Remove: %v", got)
	}
}

// TestCleanAfterKill kills a process that holds a working directory:
// while it runs, Clean leaves the directory alone; once it is killed, Clean
// removes it, and nothing else.
func TestCleanAfterKill(t *testing.T) {
	parent := t.TempDir()
	for name, content := range map[string]string{
		".site.building-foreign/notes.txt":   "not trustportal's",
		".site.building-markerdir/" + Marker: "",
		"site/index.html":                    "the published site",
		".other.building-1/" + Marker:        "",
	} {
		p := filepath.Join(parent, name)
		if name == ".site.building-markerdir/"+Marker {
			p = filepath.Join(p, "x") // a directory named like the marker
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := testportal.Names(t, parent)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+parent)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the child printed %q: %v", line, err)
	}
	dir := strings.TrimSpace(line)
	if filepath.Dir(dir) != parent {
		t.Fatalf("the child says %q", line)
	}
	if removed, err := Clean(parent, ".site.building-"); err != nil || len(removed) > 0 {
		t.Fatalf("Clean removed %v (%v) while its process runs", removed, err)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		t.Fatalf("the killed process left nothing behind (%v): the test shows nothing", err)
	}
	removed, err := Clean(parent, ".site.building-")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(removed, []string{dir}) {
		t.Errorf("Clean removed %v, want only %s", removed, dir)
	}
	if got := testportal.Names(t, parent); !slices.Equal(got, before) {
		t.Errorf("after Clean the directory holds %v, want %v", got, before)
	}
}

func TestLockWaits(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir, func() { t.Error("the first lock waited") })
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan bool, 1)
	done := make(chan error)
	go func() {
		unlock2, err := Lock(dir, func() { waited <- true })
		if err == nil {
			err = unlock2()
		}
		done <- err
	}()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("the second lock did not wait")
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
