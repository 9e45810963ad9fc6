package generator

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/hugosite"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/publish"
	"github.com/trustportal/trustportal/generator/workdir"
)

// servePrefix starts the names of serve's working directories in $TMPDIR.
const servePrefix = "trustportal-serve-"

// Serve previews the portal with Hugo's development server. The project's
// data/, content/ and i18n/ are watched: on a change the portal is loaded,
// validated and emitted again, and Hugo rebuilds and reloads the browser.
// While the source has problems they are printed to log and the last good
// version stays on screen. layouts/ and assets/ are watched by Hugo itself.
func Serve(source string, day model.Date, log io.Writer, hugoArgs ...string) error {
	load.RememberReleases(true) // each change loads the project again: its releases are read once
	p, err := Load(source)
	if err != nil {
		return err
	}
	// The Hugo project lives in a locked working directory, so that the
	// next serve removes what a killed one left (see package workdir).
	if _, err := workdir.Clean(os.TempDir(), servePrefix); err != nil {
		return err
	}
	work, err := workdir.New(os.TempDir(), servePrefix)
	if err != nil {
		return err
	}
	defer work.Remove()
	dir := filepath.Join(work.Path, "hugo")
	project, err := p.Emit(today(day), false)
	if err != nil {
		return err
	}
	if err := publish.Sync(dir, project.Files); err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, sub := range []string{"data", "content", "i18n"} {
		root := filepath.Join(p.Source, sub)
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				return w.Add(path)
			}
			return nil
		})
	}
	go watch(w, p.Source, dir, day, log)
	return hugosite.Serve(dir, hugoArgs...)
}

// watch re-emits the portal after changes, waiting for a quiet moment so
// that an editor's burst of writes gives one rebuild.
func watch(w *fsnotify.Watcher, source, dir string, day model.Date, log io.Writer) {
	var timer *time.Timer
	rebuild := func() {
		p, err := Load(source)
		if err == nil {
			var project *emit.Project
			if project, err = p.Emit(today(day), false); err == nil {
				err = publish.Sync(dir, project.Files)
			}
		}
		if err != nil {
			fmt.Fprintf(log, "\ntrustportal: the change was not applied:\n%v\n", err)
			return
		}
		fmt.Fprintln(log, "trustportal: source changed, portal regenerated")
	}
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = w.Add(ev.Name)
				}
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(200*time.Millisecond, rebuild)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(log, "trustportal: watching the source: %v\n", err)
		}
	}
}
