package verify

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/trustportal/trustportal/generator/problem"
)

// maxMissing is how many missing files Expected names one by one.
const maxMissing = 20

// Expected checks that the site rendered into dir holds every file of
// files (slash-separated, relative to dir): the pages, feeds, manifest and
// texts the portal consists of, as emit lists them. A site without them,
// down to an empty one, is never published.
func Expected(dir string, files []string) error {
	var missing []string
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f)))
		switch {
		case errors.Is(err, fs.ErrNotExist) || (err == nil && !fi.Mode().IsRegular()):
			missing = append(missing, f)
		case err != nil:
			return err
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var problems problem.List
	for _, f := range missing[:min(len(missing), maxMissing)] {
		problems.Add(problem.Problem{File: path.Join(filepath.Base(dir), f),
			Message: "the portal has this file, but the rendered site lacks it",
			Hint:    "Hugo did not write it: check the project's layouts/ that override the built-in theme, and build with --hugo-source DIR to inspect the Hugo project"})
	}
	if len(missing) > maxMissing {
		problems.Add(problem.Problem{File: filepath.Base(dir),
			Message: fmt.Sprintf("%d more of the %d files the portal has are missing", len(missing)-maxMissing, len(files))})
	}
	return problems.Err()
}
