package load

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/trustportal/trustportal/generator/problem"
)

// Trees are the project's directories that the generator reads, Hugo mounts
// or a release copies.
var Trees = []string{"data", "content", "layouts", "i18n", "assets", "static"}

// Links reports every symbolic link (and every other file that is neither a
// regular file nor a directory: a named pipe, a device) in the project's
// Trees, the trees themselves included. The portal reads no file through a
// link: os.DirFS, Hugo's mounts and a release's copy would all follow it, and
// a link can lead out of the project, so that a file from elsewhere on the
// machine is published or frozen into a release. Links that stay inside the
// project are refused as well: git keeps them as links, reviewers see a path
// rather than the text, and nothing a portal needs requires one.
//
// Links reads only directory entries, never a link's target. It runs before
// anything else of the project is read.
func Links(fsys fs.FS) (problem.List, error) {
	var problems problem.List
	report := func(name string, d fs.DirEntry) {
		if d.Type()&fs.ModeSymlink != 0 {
			problems.Add(problem.Problem{File: name, Message: "is a symbolic link; the portal reads no file through a link",
				Hint: "replace the link by a copy of the file or directory it points to (a link could publish a file from outside the project)"})
			return
		}
		problems.Add(problem.Problem{File: name, Message: fmt.Sprintf("is not a regular file (%s)", d.Type()),
			Hint: "keep only files and directories in the project"})
	}
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read the project: %w", err)
	}
	for _, d := range top {
		if !slices.Contains(Trees, d.Name()) {
			continue
		}
		if !d.IsDir() {
			if !d.Type().IsRegular() {
				report(d.Name(), d)
			}
			continue
		}
		err := fs.WalkDir(fsys, d.Name(), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && !e.Type().IsRegular() {
				report(p, e)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read %s: %w", d.Name(), err)
		}
	}
	return problems, nil
}
