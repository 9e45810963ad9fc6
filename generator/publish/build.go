package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/trustportal/trustportal/generator/workdir"
)

// Build is one build's way to its output directory. From Begin to Close it
// holds a lock on the output's parent directory, so that a second build
// publishing there waits, and a working directory beside the output, on the
// same file system, in which the site is rendered and the Hugo project
// written:
//
//	<parent>/.public.building-<random>/   readable only by its owner
//	    .trustportal-lock                 locked while the build runs
//	    hugo/                             the emitted Hugo project
//	    site/public/                      the new site, swapped in by Publish
//
// Close removes it, with the previous site. A killed build leaves it behind;
// the next build into the same directory removes it.
type Build struct {
	Out  string // the directory the site replaces: absolute, symlinks resolved
	Site string // where the new site is rendered
	Hugo string // where the Hugo project is written

	log     io.Writer
	work    *workdir.Dir
	unlocks []func() error
}

// Begin prepares a build of src that publishes to out and, if hugo is set
// (--hugo-source), keeps the Hugo project there. Before it writes anything
// it refuses an out or hugo that a build may not replace (see
// Kind.Resolve). Then it waits while another build publishes to the same
// parent directory or keeps its Hugo project in hugo (saying so on log),
// removes what killed builds left beside out, and creates the working
// directory.
func Begin(out, hugo string, src Source, log io.Writer) (*Build, error) {
	if log == nil {
		log = io.Discard
	}
	real, err := Site.Resolve(out, src)
	if err != nil {
		return nil, err
	}
	b := &Build{Out: real, log: log}
	if hugo != "" {
		if b.Hugo, err = HugoProject.Resolve(hugo, src); err != nil {
			return nil, err
		}
		if err := Separate(b.Out, b.Hugo); err != nil {
			return nil, err
		}
	}
	if err := b.start(out, src); err != nil {
		if cerr := b.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, err
	}
	return b, nil
}

func (b *Build) start(out string, src Source) error {
	parent, name := filepath.Dir(b.Out), filepath.Base(b.Out)
	if err := b.lock(parent, "another build is publishing to "+parent); err != nil {
		return err
	}
	// While this build waited, another may have changed out.
	if real, err := Site.Resolve(out, src); err != nil {
		return err
	} else if real != b.Out {
		return fmt.Errorf("%s %s changed while this build waited (it now leads to %s): build again", Site.Flag, out, real)
	}
	if b.Hugo != "" {
		if err := b.lock(b.Hugo, "another build keeps its Hugo project in "+b.Hugo); err != nil {
			return err
		}
	}
	prefix := "." + name + ".building-"
	removed, err := workdir.Clean(parent, prefix)
	for _, p := range removed {
		fmt.Fprintf(b.log, "trustportal: removed %s, left by an interrupted build\n", p)
	}
	if err != nil {
		return err
	}
	if b.work, err = workdir.New(parent, prefix); err != nil {
		return err
	}
	// The site's directory has the name of out, which the checks' messages
	// show.
	b.Site = filepath.Join(b.work.Path, "site", name)
	if b.Hugo == "" {
		b.Hugo = filepath.Join(b.work.Path, "hugo")
	}
	if err := os.Mkdir(filepath.Dir(b.Site), 0o700); err != nil {
		return err
	}
	// Created with the usual mode, adjusted by the umask: the site's
	// directories get the same, and its files the same without x.
	return os.Mkdir(b.Site, 0o755)
}

// lock creates dir if needed and locks it until Close, waiting while
// another process holds it.
func (b *Build) lock(dir, holder string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	unlock, err := workdir.Lock(dir, func() {
		fmt.Fprintf(b.log, "trustportal: %s; waiting for it to finish\n", holder)
	})
	if err != nil {
		return err
	}
	b.unlocks = append(b.unlocks, unlock)
	return nil
}

// Publish marks the rendered site as trustportal's, gives its files and
// directories the usual modes, and swaps it in for Out as a whole.
func (b *Build) Publish() error {
	if err := os.WriteFile(filepath.Join(b.Site, Site.Marker), []byte(Site.Text), 0o644); err != nil {
		return err
	}
	if err := normaliseModes(b.Site); err != nil {
		return fmt.Errorf("publish %s: %w", b.Out, err)
	}
	if _, err := os.Lstat(b.Out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(b.Site, b.Out)
	}
	if err := exchange(b.Site, b.Out, filepath.Join(b.work.Path, "previous")); err != nil {
		return fmt.Errorf("publish %s: %w", b.Out, err)
	}
	return nil
}

// Close removes the working directory (with the previous site, once
// published) and releases the locks.
func (b *Build) Close() error {
	var errs []error
	if b.work != nil {
		errs = append(errs, b.work.Remove())
	}
	for _, unlock := range b.unlocks {
		errs = append(errs, unlock())
	}
	return errors.Join(errs...)
}

// normaliseModes gives every directory below dir the mode of dir, and every
// file the same without execute bits: 0755 and 0644 under the usual umask,
// so that a web server running as another user can read the site.
func normaliseModes(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	dirMode := fi.Mode().Perm()
	fileMode := dirMode &^ 0o111
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.Chmod(p, dirMode)
		case d.Type().IsRegular():
			return os.Chmod(p, fileMode)
		}
		return nil
	})
}
