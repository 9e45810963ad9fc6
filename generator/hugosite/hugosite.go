// Package hugosite runs Hugo in-process on an emitted Hugo project.
//
// Build uses Hugo's library API (config → file system → sites → build, as
// Hugo's own integration tests do) so that the environment, the logger and the
// output directory are ours: no HUGO_* variable of the user's shell leaks into
// a build and nothing is printed unless it matters. Serve runs Hugo's own
// server command, which brings file watching and live reload.
package hugosite

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/fsync"
)

// Build renders the Hugo project in dir into publishDir. Hugo's warnings
// and errors go to log; any error logged fails the build.
func Build(dir, publishDir string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	var logBuf strings.Builder
	w := io.MultiWriter(log, &logBuf)
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
		return fmt.Errorf("hugo: load config: %w", err)
	}
	fs := hugofs.NewFrom(afs, res.LoadingInfo.BaseConfig)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  res,
		Fs:       fs,
		LogLevel: logger.Level(),
		StdErr:   logger.StdErr(),
	})
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	defer sites.Close()
	if err := sites.Build(hugolib.BuildCfg{}); err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	if err := copyStatic(sites, fs); err != nil {
		return fmt.Errorf("hugo: static files: %w", err)
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return fmt.Errorf("hugo: %d errors:\n%s", n, strings.TrimSpace(logBuf.String()))
	}
	return nil
}

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

// Serve runs Hugo's development server on the project in dir until it stops
// (on an error or when the process is interrupted). args are further
// flags of "hugo server", such as "--port", "1313".
func Serve(dir string, args ...string) error {
	err := commands.Execute(append([]string{"server", "--source", dir, "--noBuildLock", "--renderToMemory"}, args...))
	if err != nil {
		return errors.Join(errors.New("hugo server"), err)
	}
	return nil
}
