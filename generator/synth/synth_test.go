package synth_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/synth"
)

// small is a portal of every kind of content, small enough for a test.
var small = synth.Size{Clauses: 4, SubClauses: 3, Areas: 3, Measures: 4, Subprocessors: 6, Versions: 5, Seed: 7}

func TestWritePassesCheckAndIsDeterministic(t *testing.T) {
	one, two := t.TempDir(), t.TempDir()
	for _, dir := range []string{one, two} {
		if err := synth.Write(dir, small); err != nil {
			t.Fatal(err)
		}
	}
	if err := generator.Check(one); err != nil {
		t.Fatalf("check: %v", err)
	}
	p, err := generator.Load(one)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.Model.Releases); got != small.Versions {
		t.Errorf("%d releases, want %d", got, small.Versions)
	}
	if got := len(p.Model.Docs.DPA.Clauses); got != small.Clauses {
		t.Errorf("%d clauses, want %d", got, small.Clauses)
	}
	a, b := files(t, one), files(t, two)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two writes of the same size", name)
		}
	}
}

func TestWriteRefusesAFullDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(dir, small); err == nil {
		t.Fatal("wrote into a directory holding a file")
	}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
