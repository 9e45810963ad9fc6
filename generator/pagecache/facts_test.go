package pagecache

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFacts(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := c.Facts("build-1")
	f.Put("page", []byte("facts"))
	if v, ok := f.Get("page"); !ok || string(v) != "facts" {
		t.Fatalf("Get: %q, %v", v, ok)
	}
	if _, ok := c.Facts("build-2").Get("page"); ok {
		t.Error("another build of the program took what this one stored")
	}
	// A damaged value is not returned, and is removed.
	name := f.path("page")
	data, _ := os.ReadFile(name)
	data[len(data)-1] ^= 1
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Get("page"); ok {
		t.Error("returned a damaged value")
	}
	if _, err := os.Stat(name); err == nil {
		t.Error("the damaged value is still there")
	}
	if c.Facts("") != nil {
		t.Error("a program of unknown build stores facts")
	}
}

func TestToolID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF files")
	}
	id := ToolID()
	if id == "" || id != ToolID() {
		t.Fatalf("ToolID() = %q", id)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); id != want {
		t.Errorf("ToolID() = %q, go tool buildid says %q", id, want)
	}
	if got := buildID(filepath.Join(t.TempDir(), "none")); got != "" {
		t.Errorf("build ID of a missing file: %q", got)
	}
}
