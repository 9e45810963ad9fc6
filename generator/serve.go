package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// serveQuiet is how long serve waits after a change for the next one, so
// that an editor's burst of writes (a temporary file, a rename) gives one
// rebuild.
const serveQuiet = 20 * time.Millisecond

// ServeOptions configures a preview.
type ServeOptions struct {
	Source string
	// Port is the port on localhost; 0 takes a free one.
	Port int
	// Today decides which version is in effect; zero means the current
	// date (UTC).
	Today model.Date
	// Log receives what serve does and the problems of the source.
	Log io.Writer
	// Listening, if set, is called with the preview's URL once it serves
	// the first build.
	Listening func(url string)
}

// Serve previews the portal on localhost until ctx ends, with the draft
// pages of the working copy (emit.DraftSegment). The project's data/,
// content/, i18n/, layouts/, assets/ and static/ are watched: on a change
// the portal is loaded, validated, emitted and rendered again, and the
// browser reloads. While the source has problems they are printed to Log
// and the last good version stays on screen.
//
// serve renders the site itself rather than running Hugo's server, which
// watches the Hugo project: that waited half a second to batch the files
// it saw change and rebuilt twice for every save, once for the source's
// content/ mounted into the Hugo project and once for the pages emitted
// from it.
func Serve(ctx context.Context, opts ServeOptions) error {
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	load.RememberReleases(true) // each change loads the project again: its releases are read once
	memo := &loadMemo{}
	p, err := loadWith(opts.Source, memo)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("localhost", strconv.Itoa(opts.Port)))
	if err != nil {
		return fmt.Errorf("serve: %w (choose another --port)", err)
	}
	defer ln.Close()
	base, err := previewURL(p.Model.Site.BaseURL, ln.Addr().(*net.TCPAddr).Port)
	if err != nil {
		return err
	}
	// The Hugo project and the sites live in a locked working directory,
	// so that the next serve removes what a killed one left (see package
	// workdir).
	if _, err := workdir.Clean(os.TempDir(), servePrefix); err != nil {
		return err
	}
	work, err := workdir.New(os.TempDir(), servePrefix)
	if err != nil {
		return err
	}
	defer work.Remove()
	s := &server{source: p.Source, work: work.Path, baseURL: base.String(), day: opts.Today, log: log,
		preview: hugosite.NewPreview(base.Path), loaded: memo, emitted: emit.NewMemo()}
	if err := s.render(p, nil); err != nil {
		return err
	}
	defer func() {
		if s.site != nil {
			s.site.Close()
		}
	}()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, sub := range sourceDirs {
		_ = filepath.WalkDir(filepath.Join(p.Source, sub), func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				return w.Add(path)
			}
			return nil
		})
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.watch(ctx, w)
	}()
	srv := &http.Server{Handler: s.preview, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(log, "trustportal: serving the portal with its draft pages at %s (Ctrl+C stops)\n", base)
	if opts.Listening != nil {
		opts.Listening(base.String())
	}
	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
	}
	srv.Close()
	<-done // no rebuild writes into the working directory any more
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// previewURL is the portal's base URL on localhost at port, with the
// base URL's path: a portal published under /trust/ is previewed there.
func previewURL(baseURL string, port int) (*url.URL, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("base_url: %w", err)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort("localhost", strconv.Itoa(port)), Path: path}, nil
}

// server renders the portal for the preview.
type server struct {
	source, work string
	baseURL      string
	day          model.Date
	log          io.Writer
	preview      *hugosite.Preview
	// site is the Hugo project, open across renders so that Hugo renders
	// only what a change touches; nil before the first render and after
	// a failed one, which open it anew.
	site *hugosite.Site
	// files is the Hugo project as last written.
	files emit.Files
	// loaded and emitted keep what loading and emitting made of what has
	// not changed since the last render: the strings, the releases'
	// comparisons and checks.
	loaded  *loadMemo
	emitted *emit.Memo
	// emittedAt is when the last render had emitted the project.
	emittedAt time.Time
}

// render emits p with its draft pages into the Hugo project, renders what
// changed (the emitted files that differ from the last render's, and the
// project's files changed, which are mounted into it) and shows the site.
func (s *server) render(p *Portal, changed []string) error {
	p.Model.Site.BaseURL = s.baseURL
	project, err := p.emit(today(s.day), false, true, s.emitted)
	if err != nil {
		return err
	}
	s.emittedAt = time.Now()
	hugo := filepath.Join(s.work, "hugo")
	written, err := s.write(hugo, project.Files)
	if err != nil {
		return err
	}
	if changed = append(written, changed...); len(changed) == 0 && s.site != nil {
		// Nothing Hugo reads changed (a space in a clause's Markdown):
		// the site shows it already. Hugo told of no change renders all.
		return nil
	}
	return s.build(changed)
}

// build renders the Hugo project again after the files changed changed
// (all of it if it is not open) and shows the site.
func (s *server) build(changed []string) error {
	site := filepath.Join(s.work, "site")
	if s.site == nil {
		var err error
		if s.site, err = hugosite.Open(filepath.Join(s.work, "hugo"), site, s.log); err != nil {
			return err
		}
	}
	if err := s.site.Build(changed); err != nil {
		s.site.Close()
		s.site = nil
		return err
	}
	s.preview.Show(site)
	return nil
}

// write writes the files of the Hugo project in dir that differ from the
// last render's and removes those it no longer has; it returns their
// paths. The first render writes them all.
func (s *server) write(dir string, files emit.Files) ([]string, error) {
	if s.files == nil {
		s.files = files
		return nil, publish.Sync(dir, files)
	}
	var changed []string
	for name, data := range files {
		if old, ok := s.files[name]; ok && bytes.Equal(old, data) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		changed = append(changed, p)
	}
	for name := range s.files {
		if _, ok := files[name]; !ok {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			changed = append(changed, p)
		}
	}
	s.files = files
	slices.Sort(changed)
	return changed, nil
}

// watch renders the portal again after changes, once the source has been
// quiet for serveQuiet, until ctx ends.
func (s *server) watch(ctx context.Context, w *fsnotify.Watcher) {
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	var changed []string // the project's files changed since the last render
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = w.Add(ev.Name)
				}
			}
			changed = append(changed, ev.Name)
			quiet.Reset(serveQuiet)
		case <-quiet.C:
			s.rerender(changed)
			changed = nil
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.log, "trustportal: watching the source: %v\n", err)
		}
	}
}

// rerender renders the portal again after the project's files changed
// changed and says how long it took, or why the change was not applied. A
// change of layouts/ and assets/ alone is Hugo's: nothing is loaded or
// emitted anew.
func (s *server) rerender(changed []string) {
	start := time.Now()
	var hugo []string
	themeOnly := s.site != nil
	for _, name := range changed {
		if hugoReads(s.source, name) {
			hugo = append(hugo, name)
		}
		themeOnly = themeOnly && (within(s.source, "layouts", name) || within(s.source, "assets", name))
	}
	if themeOnly {
		if err := s.build(hugo); err != nil {
			fmt.Fprintf(s.log, "\ntrustportal: the change was not applied:\n%v\n", err)
			return
		}
		fmt.Fprintf(s.log, "trustportal: layouts changed, portal rendered again in %d ms\n", time.Since(start).Milliseconds())
		return
	}
	p, err := loadWith(s.source, s.loaded)
	loaded := time.Now()
	if err == nil {
		err = s.render(p, hugo)
	}
	if err != nil {
		fmt.Fprintf(s.log, "\ntrustportal: the change was not applied:\n%v\n", err)
		return
	}
	fmt.Fprintf(s.log, "trustportal: source changed, portal rendered again in %d ms (loading and checking %d ms, emitting %d ms, Hugo %d ms)\n",
		time.Since(start).Milliseconds(), loaded.Sub(start).Milliseconds(), s.emittedAt.Sub(loaded).Milliseconds(), time.Since(s.emittedAt).Milliseconds())
}

// within reports whether name lies in the project's directory dir.
func within(source, dir, name string) bool {
	rel, err := filepath.Rel(filepath.Join(source, dir), name)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// hugoReads reports whether Hugo reads the project's file name itself,
// mounted into the Hugo project (see emit's config): its layouts/, i18n/,
// assets/, static/ and the further pages of content/. The rest (data/,
// the documents' clauses) Hugo sees only as emitted pages.
func hugoReads(source, name string) bool {
	rel, err := filepath.Rel(source, name)
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch parts[0] {
	case "layouts", "i18n", "assets", "static":
		return true
	case "content":
		return len(parts) > 2 && model.GeneratedSections[parts[1]] == ""
	}
	return false
}
