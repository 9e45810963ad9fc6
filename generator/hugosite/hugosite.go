// Package hugosite runs Hugo in-process on an emitted Hugo project.
//
// Build uses Hugo's library API (config → file system → sites → build, as
// Hugo's own integration tests do) so that the environment, the logger and the
// output directory are ours: no HUGO_* variable of the user's shell leaks into
// a build and nothing is printed unless it matters. Preview serves a built
// site on localhost with live reload (preview.go).
package hugosite

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/hugo"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/fsync"
)

// Version is the version of Hugo that renders the sites.
func Version() string { return hugo.CurrentVersion.String() }

// Build renders the Hugo project in dir into publishDir. Hugo's warnings
// and errors go to log; any error logged fails the build.
func Build(dir, publishDir string, log io.Writer) error {
	s, err := open(dir, publishDir, log, false)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Build(nil)
}

// Site is a Hugo project opened once and rendered again after changes,
// as Hugo's development server does: a change of a few files renders only
// the pages that depend on them.
type Site struct {
	sites  *hugolib.HugoSites
	fs     *hugofs.Fs
	logger loggers.Logger
	logBuf *strings.Builder
	built  bool
}

// Open opens the Hugo project in dir, to be rendered into publishDir by
// Build and again after every change. Hugo's warnings and errors go to log.
func Open(dir, publishDir string, log io.Writer) (*Site, error) {
	return open(dir, publishDir, log, true)
}

func open(dir, publishDir string, log io.Writer, watch bool) (*Site, error) {
	if log == nil {
		log = io.Discard
	}
	logBuf := &strings.Builder{}
	w := io.MultiWriter(log, logBuf)
	logger := loggers.New(loggers.Options{
		StdOut:        w,
		StdErr:        w,
		Level:         logg.LevelWarn,
		DistinctLevel: logg.LevelWarn,
	})
	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("noBuildLock", true)
	if watch {
		// What Hugo's server sets: track what each page depends on.
		flags.Set("internal", hmaps.Params{"running": true, "watch": true})
	}
	afs := afero.NewOsFs()
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          afs,
		Logger:      logger,
		Environment: "production",
		// Never os.Environ: HUGO_* variables would change the output.
		Environ: []string{"HUGO_TRUSTPORTAL=1"},
	})
	if err != nil {
		return nil, fmt.Errorf("hugo: load config: %w", err)
	}
	fs := hugofs.NewFrom(afs, res.LoadingInfo.BaseConfig)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  res,
		Fs:       fs,
		LogLevel: logger.Level(),
		StdErr:   logger.StdErr(),
		// Not os.Stdout: Hugo's notes on a rebuild ("Source changed …")
		// are not for the user. Warnings and errors go to StdErr.
		StdOut: io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	return &Site{sites: sites, fs: fs, logger: logger, logBuf: logBuf}, nil
}

// Build renders the site: all of it the first time, then what depends on
// the files changed (absolute paths in the project or in a directory
// mounted into it), and copies the static files again if one of them may
// be one. Any error logged fails the build; the Site is then best closed
// and opened anew.
func (s *Site) Build(changed []string) error {
	var events []fsnotify.Event
	if s.built {
		for _, name := range changed {
			op := fsnotify.Write
			if _, err := os.Stat(name); err != nil {
				op = fsnotify.Remove
			}
			events = append(events, fsnotify.Event{Name: name, Op: op})
		}
	}
	errorsBefore := s.logger.LoggCount(logg.LevelError)
	s.logBuf.Reset()
	if err := s.sites.Build(hugolib.BuildCfg{NoBuildLock: true}, events...); err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	first := !s.built
	s.built = true
	if first || slices.ContainsFunc(changed, isStatic) {
		if err := copyStatic(s.sites, s.fs); err != nil {
			return fmt.Errorf("hugo: static files: %w", err)
		}
	}
	if n := s.logger.LoggCount(logg.LevelError) - errorsBefore; n > 0 {
		return fmt.Errorf("hugo: %d errors:\n%s", n, strings.TrimSpace(s.logBuf.String()))
	}
	return nil
}

// isStatic reports whether the file name may be a static file: one in a
// directory named static (the project's, the theme's or the emitted one).
func isStatic(name string) bool {
	return slices.Contains(strings.Split(filepath.ToSlash(name), "/"), "static")
}

// Close releases the site's resources.
func (s *Site) Close() error { return s.sites.Close() }

// copyStatic publishes the static files. Hugo's library leaves that to its
// command; this does the same: sync the union of every static mount (the
// project's over the theme's) into the publish directory.
func copyStatic(sites *hugolib.HugoSites, fs *hugofs.Fs) error {
	root := string(filepath.Separator)
	for _, sfs := range sites.BaseFs.SourceFilesystems.Static {
		if _, err := sfs.Fs.Stat(root); errors.Is(err, iofs.ErrNotExist) {
			continue // no static mount has a directory
		}
		syncer := fsync.NewSyncer()
		syncer.NoTimes = true
		syncer.NoChmod = true
		syncer.SrcFs = sfs.Fs
		syncer.DestFs = fs.PublishDirStatic
		dest := root
		if sfs.PublishFolder != "" {
			dest = filepath.Join(dest, sfs.PublishFolder)
		}
		if err := syncer.Sync(dest, root); err != nil {
			return err
		}
	}
	return nil
}
