package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/testportal/tamper"
)

// gitProject copies the project at src into the subdirectory "portal" of
// a new git repository, commits it and returns the repository's root and
// the project.
func gitProject(t *testing.T, src string) (root, project string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	root = t.TempDir()
	project = filepath.Join(root, "portal")
	if err := os.Rename(testportal.Copy(t, src), project); err != nil {
		t.Fatal(err)
	}
	git(t, root, "init", "-q", "-b", "main")
	commit(t, root, "the portal")
	return root, project
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.com"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func commit(t *testing.T, root, msg string) {
	t.Helper()
	git(t, root, "add", "-A")
	git(t, root, "commit", "-q", "--allow-empty", "-m", msg)
}

// runOut runs a command line and returns its exit status and output.
func runOut(args ...string) (int, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String() + stderr.String()
}

// lockHash returns the hash the lock of the project in dir records for key
// (`"dpa.en"`, `"dpa/scope.en.md"`) of release version.
func lockHash(t *testing.T, dir, version, key string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "data", "releases", "lock.toml"))
	if err != nil {
		t.Fatal(err)
	}
	_, entry, _ := strings.Cut(string(data), "version = \""+version+"\"")
	_, rest, ok := strings.Cut(entry, key+" = \"")
	if !ok {
		t.Fatalf("no %s in release %s", key, version)
	}
	return rest[:64]
}

// hashes are the lock's hashes of release 2.0's English DPA file and text,
// before and after a change.
type hashes struct{ oldFile, newFile, oldText, newText string }

// TestCheckAgainstHistory: a released version edited together with its
// lock entry, or deleted with it, passes a check of the working tree alone;
// check --against compares the lock with the one at a git revision and
// refuses both, naming the version, the key and both hashes.
func TestCheckAgainstHistory(t *testing.T) {
	tests := []struct {
		name    string
		change  func(t *testing.T, project string)
		code    int
		want    func(h hashes) []string
		against string
		commit  bool
	}{
		{
			name: "release 2.0 reworded and its lock entry fixed to match",
			change: func(t *testing.T, project string) {
				replaceIn(t, project, "data/releases/2.0/dpa/breach-notification.en.md", "no later than 48 hours", "no later than 96 hours")
				replaceIn(t, project, "data/releases/2.0/dpa/breach-notification.de.md", "spätestens jedoch 48 Stunden", "spätestens jedoch 96 Stunden")
				tamper.Relock(t, project, "2.0")
			},
			code: 1, commit: true, against: "HEAD~1",
			want: func(h hashes) []string {
				return []string{
					`release 2.0 was changed: files "dpa/breach-notification.en.md" was sha256:` + h.oldFile + ` at HEAD~1 and is sha256:` + h.newFile + ` here`,
					`release 2.0 was changed: texts "dpa.en" was sha256:` + h.oldText + ` at HEAD~1 and is sha256:` + h.newText + ` here`,
					"hint: released versions never change: restore them from HEAD~1 (git checkout HEAD~1 -- data/releases/2.0 data/releases/lock.toml)",
				}
			},
		},
		{
			name: "release 3.0 deleted with its lock entry, not committed",
			change: func(t *testing.T, project string) {
				os.RemoveAll(filepath.Join(project, "data", "releases", "3.0"))
				lock := filepath.Join(project, "data", "releases", "lock.toml")
				data, _ := os.ReadFile(lock)
				i := bytes.Index(data, []byte("\n[[release]]\nversion = \"3.0\""))
				os.WriteFile(lock, data[:i+1], 0o644)
			},
			code: 1, against: "HEAD",
			want: func(hashes) []string {
				return []string{"data/releases/lock.toml: release: release 3.0 is in the lock at HEAD but not here: a released version was deleted"}
			},
		},
		{
			name: "a new release",
			change: func(t *testing.T, project string) {
				replaceIn(t, project, "content/dpa/breach-notification.en.md", "no later than 48 hours", "no later than 36 hours")
				replaceIn(t, project, "content/dpa/breach-notification.de.md", "spätestens jedoch 48 Stunden", "spätestens jedoch 36 Stunden")
				if code, out := runOut("release", "3.1", "--effective", "2030-01-01", "--material", "--source", project); code != 0 {
					t.Fatal(out)
				}
			},
			code: 0, commit: true, against: "main~1",
			want: func(hashes) []string { return []string{"no problems found", "every release at main~1 ("} },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, project := gitProject(t, testportal.Root(t))
			h := hashes{oldFile: lockHash(t, project, "2.0", `"dpa/breach-notification.en.md"`), oldText: lockHash(t, project, "2.0", `"dpa.en"`)}
			tt.change(t, project)
			if tt.commit {
				commit(t, root, tt.name)
			}
			// The working tree alone is consistent: only history tells.
			if code, out := runOut("check", "--source", project); code != 0 {
				t.Fatalf("check without --against: exit %d\n%s", code, out)
			}
			code, out := runOut("check", "--source", project, "--against", tt.against)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\n%s", code, tt.code, out)
			}
			h.newFile, h.newText = lockHash(t, project, "2.0", `"dpa/breach-notification.en.md"`), lockHash(t, project, "2.0", `"dpa.en"`)
			for _, w := range tt.want(h) {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks\n%s\ngot:\n%s", w, out)
				}
			}
		})
	}

	t.Run("usage", func(t *testing.T) {
		_, project := gitProject(t, testportal.Minimal(t))
		outside := testportal.Copy(t, testportal.Minimal(t))
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
		runCases(t, []runCase{
			{[]string{"check", "--source", project, "--against", "origin/main"}, 2, `--against: no such revision "origin/main" in the git repository`},
			{[]string{"check", "--source", project, "--against", "HEAD"}, 0, "every release at HEAD ("},
			{[]string{"check", "--source", outside, "--against", "HEAD"}, 2, "is not in a git repository"},
		})
	})
}
