package history_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator/history"
)

// gitRepo makes a repository in a new directory with the project in its
// subdirectory "portal", committing files (relative to the project) in two
// commits: first, then second.
func gitRepo(t *testing.T, first, second map[string]string) (root, project string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	root = t.TempDir()
	project = filepath.Join(root, "portal")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for i, files := range []map[string]string{first, second} {
		for name, data := range files {
			p := filepath.Join(project, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		git("add", "-A")
		git("commit", "-q", "-m", []string{"first", "second"}[i])
	}
	return root, project
}

func TestReadFileAtRevision(t *testing.T) {
	root, project := gitRepo(t,
		map[string]string{"data/releases/lock.toml": "format = 1\n", "data/a.toml": "a = 1\n"},
		map[string]string{"data/releases/lock.toml": "format = 2\n", "data/b.toml": "b = 1\n"})
	repo, err := history.Open(project)
	if err != nil {
		t.Fatal(err)
	}
	first, err := repo.Commit("HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Commit("HEAD")
	if err != nil || head == first || len(head) < 40 {
		t.Fatalf("HEAD = %q, %v", head, err)
	}
	tests := []struct {
		commit, name, want string
		missing            bool
	}{
		{first, "data/releases/lock.toml", "format = 1\n", false},
		{head, "data/releases/lock.toml", "format = 2\n", false},
		{first, "data/b.toml", "", true},
		{head, "data/a.toml", "a = 1\n", false},
		{head, "data", "", true}, // a directory is no file
		{head, "portal/data/a.toml", "", true},
	}
	for _, tt := range tests {
		got, err := repo.ReadFile(tt.commit, tt.name)
		if tt.missing {
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s at %.7s: err = %v, want not exist", tt.name, tt.commit, err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s at %.7s = %q, %v; want %q", tt.name, tt.commit, got, err, tt.want)
		}
	}
	if data, err := fs.ReadFile(repo.FS(first), "data/releases/lock.toml"); err != nil || string(data) != "format = 1\n" {
		t.Errorf("FS: %q, %v", data, err)
	}

	// From the repository's root the same files have the project's path.
	top, err := history.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := top.ReadFile(first, "portal/data/a.toml"); err != nil || string(data) != "a = 1\n" {
		t.Errorf("from the root: %q, %v", data, err)
	}

	for _, rev := range []string{"no-such-branch", "HEAD~5", "--all", ""} {
		if _, err := repo.Commit(rev); !errors.Is(err, history.ErrNoRevision) {
			t.Errorf("Commit(%q): err = %v, want ErrNoRevision", rev, err)
		}
	}
	outside := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
	if _, err := history.Open(outside); !errors.Is(err, history.ErrNoRepository) {
		t.Errorf("outside git: err = %v", err)
	}
}
