package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestSync(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "stale.txt", "old")
	write(t, dir, "same.txt", "same")
	before, _ := os.Stat(filepath.Join(dir, "same.txt"))
	files := map[string][]byte{"same.txt": []byte("same"), "sub/new.txt": []byte("new")}
	if err := Sync(dir, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.txt")); err == nil {
		t.Error("stale file kept")
	}
	if got := read(t, filepath.Join(dir, "sub", "new.txt")); got != "new" {
		t.Errorf("new file = %q", got)
	}
	after, _ := os.Stat(filepath.Join(dir, "same.txt"))
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
}
