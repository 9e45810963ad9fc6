// Package history reads a portal project as it is at a git revision, so
// that check can compare the releases of a working tree with those already
// merged (check --against origin/main). It runs the git command; the
// project may be any directory inside a repository.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoRepository is returned by Open for a directory that is not in a git
// repository, or when git is missing.
var ErrNoRepository = errors.New("not in a git repository")

// ErrNoRevision is returned by Commit for a revision the repository does
// not have.
var ErrNoRevision = errors.New("no such revision")

// Repo is the git repository a portal project is in.
type Repo struct {
	dir    string // the project, where git runs
	prefix string // the project's path in the repository: "" or "sub/dir/"
}

// Open returns the repository the project in dir is in.
func Open(dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: git is not installed (apt-get install git)", ErrNoRepository)
	}
	r := &Repo{dir: dir}
	out, err := r.git("rev-parse", "--show-prefix")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, fmt.Errorf("%s is %w", dir, ErrNoRepository)
		}
		return nil, fmt.Errorf("%s: %w (%v)", dir, ErrNoRepository, err)
	}
	r.prefix = strings.TrimSpace(string(out))
	return r, nil
}

// Commit resolves rev (a branch, tag, commit id, HEAD~1 …) to a commit id.
func (r *Repo) Commit(rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%w %q", ErrNoRevision, rev)
	}
	out, err := r.git("rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%w %q in the git repository", ErrNoRevision, rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// ReadFile returns the file name (slash-separated, relative to the project)
// as it is at commit; an error wrapping fs.ErrNotExist if it has none.
func (r *Repo) ReadFile(commit, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	full := path.Join(r.prefix, name)
	// ls-tree says whether the path is a file at commit without parsing
	// git's (translated) error messages.
	entry, err := r.git("ls-tree", "-z", "--full-tree", commit, "--", full)
	if err != nil {
		return nil, err
	}
	meta, _, ok := bytes.Cut(entry, []byte("\t"))
	fields := strings.Fields(string(meta))
	if !ok || len(fields) != 3 || fields[1] != "blob" {
		return nil, &fs.PathError{Op: "read", Path: name + " at " + commit, Err: fs.ErrNotExist}
	}
	return r.git("cat-file", "blob", fields[2])
}

// FS returns the project as it is at commit, for reading single files.
func (r *Repo) FS(commit string) fs.FS { return treeFS{r, commit} }

func (r *Repo) git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

// gitEnv is the environment for git: untranslated messages, and the
// repository variables a git hook sets made absolute, since git runs in
// the project's directory.
func gitEnv() []string {
	env := append(os.Environ(), "LC_ALL=C")
	wd, err := os.Getwd()
	if err != nil {
		return env
	}
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"} {
		if p := os.Getenv(v); p != "" && !filepath.IsAbs(p) {
			env = append(env, v+"="+filepath.Join(wd, p))
		}
	}
	return env
}

// treeFS is a project at a commit, as an fs.FS of files.
type treeFS struct {
	r      *Repo
	commit string
}

func (t treeFS) Open(name string) (fs.File, error) {
	data, err := t.r.ReadFile(t.commit, name)
	if err != nil {
		return nil, err
	}
	return &file{name: path.Base(name), Reader: bytes.NewReader(data), size: int64(len(data))}, nil
}

// file is a file read from git.
type file struct {
	*bytes.Reader
	name string
	size int64
}

func (f *file) Stat() (fs.FileInfo, error) { return f, nil }
func (f *file) Close() error               { return nil }
func (f *file) Name() string               { return f.name }
func (f *file) Size() int64                { return f.size }
func (f *file) Mode() fs.FileMode          { return 0o444 }
func (f *file) ModTime() time.Time         { return time.Time{} }
func (f *file) IsDir() bool                { return false }
func (f *file) Sys() any                   { return nil }
