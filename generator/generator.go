// Package generator builds a trust portal from a portal project. Each step
// is a package of its own:
//
//	load      data/*.toml and content/**/*.md → model.Portal, with positions
//	validate  every problem of meaning, all at once
//	emit      model → Hugo project (config, theme, generated pages)
//	hugosite  Hugo, in-process → HTML
//	verify    goquery over the HTML: translations, anchors, links, no third-party loads
//	publish   the new site replaces the old one as a whole
//
// This package runs them in order; cmd/trustportal only parses flags.
package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/hugosite"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/pagecache"
	"github.com/trustportal/trustportal/generator/pdf"
	"github.com/trustportal/trustportal/generator/placeholder"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/publish"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/scaffold"
	"github.com/trustportal/trustportal/generator/validate"
	"github.com/trustportal/trustportal/generator/verify"
	"github.com/trustportal/trustportal/generator/workdir"
)

// Options configures a build.
type Options struct {
	// Source is the portal project directory.
	Source string
	// Out is where the site is published; default Source/public. It must
	// be new, empty or a site trustportal published (see package publish).
	Out string
	// HugoSource, if set, is where the emitted Hugo project is kept (for
	// debugging, or to run plain Hugo on it). It must be new, empty or a
	// previous Hugo project of trustportal.
	HugoSource string
	// Log receives Hugo's warnings and what the build waits for or
	// cleans up; nil discards them.
	Log io.Writer
	// Today decides which version is in effect and which are upcoming;
	// zero means the current date (UTC). Pass it for reproducible builds.
	Today model.Date
	// BaseURL, if set, replaces data/portal.toml's base_url: to preview a
	// staging copy, or to serve the portal on localhost for browser tests.
	BaseURL string
	// PDF also writes a PDF of every version of every document and
	// language, printed by Chromium; the build fails if Chromium is missing.
	PDF bool
	// Drafts also builds the draft pages of a working copy that differs
	// from the latest release (what serve shows; see emit.DraftSegment).
	Drafts bool
	// Cache is the directory of the page cache (see package pagecache):
	// the pages of released versions that Hugo rendered in an earlier
	// build from the same inputs are taken from it (not with HugoSource,
	// whose project has every page), as are verify's findings on pages
	// published again and PDFs printed from the same files. "" renders,
	// checks and prints everything.
	Cache string
}

// today returns d, or the current date if d is zero.
func today(d model.Date) model.Date {
	if d.IsZero() {
		return model.NewDate(time.Now().UTC().Date())
	}
	return d
}

// Portal is a loaded and validated portal project.
type Portal struct {
	Model   *model.Portal
	Lock    *model.Lock
	Strings *l10n.Strings
	// ReleaseStrings are the strings of each release that stores the
	// words of its pages (load.ReleaseStringsFile), by version.
	ReleaseStrings map[string]*l10n.Strings
	Source         string // absolute
}

// Load reads and validates the project in source. A problem.List error
// lists every problem found.
func Load(source string) (*Portal, error) { return loadWith(source, nil) }

// loadMemo keeps, from one load of a project to the next (serve's), the
// strings while the project's i18n/ files are the same, and those of each
// release's pages while its files are too.
type loadMemo struct {
	stringsKey string
	strings    *l10n.Strings
	released   map[string]*l10n.Strings // by model.Release.Key
	// checked are the problems of each release's documents
	checked *validate.Memo
}

// validation returns the memo of the releases' problems; nil for none.
func (m *loadMemo) validation() *validate.Memo {
	if m == nil {
		return nil
	}
	if m.checked == nil {
		m.checked = validate.NewMemo()
	}
	return m.checked
}

// loadStrings returns the strings of the project in fsys in langs, those
// of the last load if its i18n/ files have not changed since.
func (m *loadMemo) loadStrings(fsys fs.FS, langs []model.Lang) (*l10n.Strings, error) {
	if m == nil {
		return l10n.Load(langs, trustportal.Theme, fsys)
	}
	h := sha256.New()
	h.Write([]byte(model.JoinLangs(langs) + "\x00"))
	err := fs.WalkDir(fsys, "i18n", func(name string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && name == "i18n" {
			return fs.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	key := string(h.Sum(nil))
	if key != m.stringsKey || m.strings == nil {
		s, err := l10n.Load(langs, trustportal.Theme, fsys)
		if err != nil {
			return nil, err
		}
		m.stringsKey, m.strings, m.released = key, s, map[string]*l10n.Strings{}
	}
	return m.strings, nil
}

func loadWith(source string, memo *loadMemo) (*Portal, error) {
	abs, err := sourceDir(source)
	if err != nil {
		return nil, err
	}
	fsys := os.DirFS(abs)
	// Nothing is read through a symbolic link, the strings neither.
	if links, err := load.Links(fsys); err != nil || len(links) > 0 {
		return nil, errors.Join(err, links.Err())
	}
	p, problems, err := load.Load(fsys)
	if err != nil {
		return nil, err
	}
	langs := model.DefaultLanguages
	if p != nil {
		langs = p.Site.Languages
	}
	texts, err := memo.loadStrings(fsys, langs)
	if err != nil {
		return nil, err
	}
	lock, lockProblems, err := load.Lock(fsys)
	if err != nil {
		return nil, err
	}
	problems.Merge(lockProblems)
	released := map[string]*l10n.Strings{}
	var releasedErr error
	if p != nil {
		// Three reads of the model that need not wait for each other (a
		// fifth of the load of a long history): its problems, the releases
		// against the lock, and the words each release stores, which are
		// used only if there are no problems.
		var validation, verified problem.List
		checks := memo.validation()
		var wg sync.WaitGroup
		wg.Go(func() { validation = checks.Problems(p) })
		if lock != nil {
			wg.Go(func() { verified = release.Verify(p, lock, texts) })
		}
		wg.Go(func() { released, releasedErr = releaseStrings(fsys, p, langs, memo) })
		wg.Wait()
		problems.Merge(validation)
		problems.Merge(verified)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if releasedErr != nil {
		return nil, releasedErr
	}
	return &Portal{Model: p, Lock: lock, Strings: texts, ReleaseStrings: released, Source: abs}, nil
}

// releaseStrings returns the strings of each release of p that stores the
// words of its pages: its tables over the tool's and the project's, which
// give only the messages added since the release.
func releaseStrings(fsys fs.FS, p *model.Portal, langs []model.Lang, memo *loadMemo) (map[string]*l10n.Strings, error) {
	out := map[string]*l10n.Strings{}
	if p == nil {
		return out, nil
	}
	// Releases that stored the same messages share their strings: a
	// portal's releases between two changes of its words store the same,
	// each in files of its own (whose comment names the release), and
	// each set took half a megabyte (16 MB at 30 versions).
	byTables := map[string]*l10n.Strings{}
	var keys l10n.MessageKeys
	for _, r := range p.Releases {
		if !slices.ContainsFunc(langs, func(l model.Lang) bool { _, ok := r.Files[load.ReleaseStringsFile(l)]; return ok }) {
			continue
		}
		if memo != nil {
			if s, ok := memo.released[r.Key()]; ok {
				out[r.Version] = s
				continue
			}
		}
		dir, err := fs.Sub(fsys, r.Dir)
		if err != nil {
			return nil, err
		}
		messages, err := keys.Of(dir, langs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Dir, err)
		}
		s, ok := byTables[messages]
		if !ok {
			if s, err = l10n.Load(langs, trustportal.Theme, fsys, dir); err != nil {
				return nil, fmt.Errorf("%s: %w", r.Dir, err)
			}
			byTables[messages] = s
		}
		out[r.Version] = s
		if memo != nil {
			memo.released[r.Key()] = s
		}
	}
	return out, nil
}

// sourceDir returns the project directory source, absolute.
func sourceDir(source string) (string, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return "", err
	}
	if !isDir(abs) {
		return "", fmt.Errorf("source %s is not a directory", source)
	}
	return abs, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Release freezes the working copy of the project in source as a new
// version (see package release).
//
// One release runs at a time in a project: each reads the lock and writes
// it anew with its own entry added, so a second one waits for the first and
// then sees its release.
func Release(source string, req release.Request) (*model.LockEntry, error) {
	abs, err := sourceDir(source)
	if err != nil {
		return nil, err
	}
	// The lock is on data/, which every project has (Load says so if it is
	// missing); a refused release creates nothing, not even data/releases/.
	if data := filepath.Join(abs, "data"); isDir(data) {
		unlock, err := workdir.Lock(data, nil)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	p, err := Load(abs)
	if err != nil {
		return nil, err
	}
	// A placeholder left from init is never frozen into a version.
	placeholders, err := placeholder.Find(os.DirFS(abs))
	if err != nil {
		return nil, err
	}
	if len(placeholders) > 0 {
		// Not wrapped: the command prints the sentence, then the list.
		return nil, fmt.Errorf("version %s is not released: replace the %d %s placeholder(s) that trustportal init wrote with the contract's own facts and text (or delete an optional line) first:\n%v",
			req.Version, len(placeholders), placeholder.Marker, placeholders.Err())
	}
	return release.Create(p.Source, p.Model, p.Lock, p.Strings, req)
}

// Init writes a new portal project in langs (the first binding) into dir,
// which must be new or empty (see package scaffold), and returns the files
// it wrote.
func Init(dir string, langs []model.Lang) ([]string, error) {
	english, err := trustportal.Theme.ReadFile("i18n/en.toml")
	if err != nil {
		return nil, err
	}
	return scaffold.Write(dir, langs, english)
}

// Check loads and validates the project in source without building it.
func Check(source string) error {
	_, err := Load(source)
	return err
}

// Emit returns the Hugo project of p as seen on day today, with PDFs
// listed if pdf is set and the draft pages if drafts is.
func (p *Portal) Emit(today model.Date, pdf, drafts bool) (*emit.Project, error) {
	return p.emit(today, pdf, drafts, nil)
}

// emit is Emit with what an earlier Emit of the project kept in memo (nil
// for none).
func (p *Portal) emit(today model.Date, pdf, drafts bool, memo *emit.Memo) (*emit.Project, error) {
	return emit.Emit(emit.Options{Portal: p.Model, Strings: p.Strings, ReleaseStrings: p.ReleaseStrings, Theme: trustportal.Theme, Source: p.Source, Today: today, PDF: pdf, Drafts: drafts, Memo: memo})
}

// sourceDirs are the directories of a portal project that a build reads;
// publishing never writes into them.
var sourceDirs = []string{"data", "content", "layouts", "i18n", "assets", "static"}

// Build builds the portal and publishes it to opts.Out. On any failure the
// previous site at opts.Out is left as it was. It refuses an opts.Out or
// opts.HugoSource that it may not replace (see package publish) before any
// other work.
func Build(opts Options) (err error) {
	source, err := sourceDir(opts.Source)
	if err != nil {
		return err
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(source, "public")
	}
	held := heldMemory() // before the build: what the process holds apart from it
	src := publish.Source{Dir: source, Inputs: sourceDirs}
	pub, err := publish.Begin(out, opts.HugoSource, src, opts.Log)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := pub.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()
	p, err := Load(source)
	if err != nil {
		return err
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("base URL %q: give an http(s) URL such as https://staging.example.com/", opts.BaseURL)
		}
		p.Model.Site.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	if opts.PDF {
		if _, err := chrome.Find(); err != nil {
			return fmt.Errorf("--pdf: %w (a build without --pdf needs no browser)", err)
		}
	}
	project, err := p.Emit(today(opts.Today), opts.PDF, opts.Drafts)
	if err != nil {
		return err
	}
	files := project.Files
	var cached *pagecache.Plan
	var facts verify.Facts
	if opts.Cache != "" {
		c, err := pagecache.Open(opts.Cache)
		if err != nil {
			return err
		}
		// A Hugo project kept to be read or built by plain Hugo has every
		// page in it: none is taken from the cache.
		if opts.HugoSource == "" {
			if cached, err = planCache(c, source, project); err != nil {
				return err
			}
		}
		if f := c.Facts(pagecache.ToolID()); f != nil {
			facts = f
		}
	}
	if opts.HugoSource != "" {
		files[publish.HugoProject.Marker] = []byte(publish.HugoProject.Text)
	}
	if err := publish.Sync(pub.Hugo, files); err != nil {
		return fmt.Errorf("write Hugo project: %w", err)
	}
	defer limitMemory(memoryLimit(held, files))()
	// The Hugo project is on disk: its files and the model are left to the
	// garbage collector while Hugo renders, which needs memory of its own;
	// of the files the generator writes itself, verify needs the SHA-256.
	site := p.Model.Site
	gen := verify.Generated{Files: project.Generated, CSP: project.CSP, FormAction: project.FormAction, Languages: site.Languages}.Digest()
	files, project.Files, project.Generated, p = nil, nil, nil, nil
	if err := hugosite.Build(pub.Hugo, pub.Site, opts.Log); err != nil {
		return err
	}
	if cached != nil {
		if err := cached.Restore(pub.Site); err != nil {
			return err
		}
	}
	if opts.PDF {
		var jobs []pdf.Job
		for _, j := range project.PDFs {
			jobs = append(jobs, pdf.Job(j))
		}
		var printed pdf.Cache // the same store as verify's facts
		if facts != nil {
			printed = facts
		}
		if err := pdf.PrintCached(context.Background(), pub.Site, site.BaseURL, jobs, printed); err != nil {
			return err
		}
	}
	// A site that lacks pages is not checked further: it is not the portal.
	err = verify.Expected(pub.Site, project.Expected)
	if err == nil {
		err = verify.CheckWith(pub.Site, site.BaseURL, gen, facts)
	}
	if err != nil {
		return fmt.Errorf("the rendered site fails its checks (nothing was published):\n%w", err)
	}
	if cached != nil {
		if err := cached.Store(pub.Site); err != nil && opts.Log != nil {
			// the site is good; the next build renders these pages again
			fmt.Fprintf(opts.Log, "trustportal: %v\n", err)
		}
	}
	return pub.Publish()
}

// planCache looks up the versioned pages of project in the page cache c,
// and puts the pages found in project's files in their linked form.
func planCache(c *pagecache.Cache, source string, project *emit.Project) (*pagecache.Plan, error) {
	inputs := pagecache.Inputs{Root: source, Dirs: []string{"layouts", "i18n", "assets", "content"}, Keep: func(dir, rel string) bool {
		return dir != "content" || emit.ProjectContent(rel)
	}}
	return c.Plan(project.Files, project.Versioned, project.Expected, hugosite.Version(), inputs)
}

// Working names the working copy where a version is expected.
const Working = "working"

// Version returns the documents of version v: a released version, or the
// working copy for "working".
func (p *Portal) Version(v string) (*model.Documents, error) {
	if v == Working {
		return &p.Model.Docs, nil
	}
	for i := range p.Model.Releases {
		if r := &p.Model.Releases[i]; r.Version == v {
			return &r.Docs, nil
		}
	}
	var known []string
	for _, r := range p.Model.Releases {
		known = append(known, r.Version)
	}
	known = append(known, Working)
	return nil, fmt.Errorf("no version %q: the versions are %s", v, strings.Join(known, ", "))
}

// Diff compares versions a and b ("working" for the working copy) of the
// project in source, in language lang ("" for the binding language).
func Diff(source, a, b string, lang model.Lang) (*diff.Comparison, *Portal, error) {
	p, err := Load(source)
	if err != nil {
		return nil, nil, err
	}
	if lang == "" {
		lang = p.Model.Docs.Processor.Contract.BindingLanguage
	}
	if !slices.Contains(p.Model.Site.Languages, lang) {
		return nil, nil, fmt.Errorf("--lang %s: %s is not one of the portal's languages (%s)", lang, lang.Name(), model.JoinLangs(p.Model.Site.Languages))
	}
	old, err := p.Version(a)
	if err != nil {
		return nil, nil, err
	}
	new, err := p.Version(b)
	if err != nil {
		return nil, nil, err
	}
	c, err := diff.Compare(old, new, lang, p.Strings)
	return c, p, err
}

// Match is a released canonical text with a given SHA-256.
type Match struct {
	Release *model.Release
	Doc     string // "dpa", "toms", "subprocessors" or canonical.Agreement
	Lang    model.Lang
}

// ParseHash reads a SHA-256 as a signup flow may have recorded it: 64
// hexadecimal digits in either case, with or without a "sha256:" prefix (in
// either case) and surrounding spaces. It returns the digits in lower case,
// as the lock and the manifest write them.
func ParseHash(s string) (string, error) {
	h := strings.TrimSpace(s)
	if len(h) >= len("sha256:") && strings.EqualFold(h[:len("sha256:")], "sha256:") {
		h = strings.TrimSpace(h[len("sha256:"):])
	}
	h = strings.ToLower(h)
	shown := s
	if len(shown) > 80 {
		shown = shown[:80] + "…"
	}
	if i := strings.IndexFunc(h, func(r rune) bool { return !strings.ContainsRune("0123456789abcdef", r) }); i >= 0 {
		return "", fmt.Errorf("%q is not a SHA-256: %q is not a hexadecimal digit (0-9, a-f)", shown, []rune(h[i:])[0])
	}
	if len(h) != 2*sha256.Size {
		return "", fmt.Errorf("%q is not a SHA-256: it has %d hexadecimal digits, a SHA-256 has 64", shown, len(h))
	}
	return h, nil
}

// FindHash returns every released text whose canonical SHA-256 is hash (see
// ParseHash for the forms it may take), from the lock, which Load has
// checked against the releases.
func (p *Portal) FindHash(hash string) ([]Match, error) {
	hash, err := ParseHash(hash)
	if err != nil {
		return nil, err
	}
	var out []Match
	for i := range p.Model.Releases {
		r := &p.Model.Releases[i]
		entry, ok := p.Lock.Find(r.Version)
		if !ok {
			continue
		}
		for _, doc := range append(slices.Clone(canonical.Documents), canonical.Agreement) {
			for _, lang := range p.Model.Site.Languages {
				locked, ok := entry.Texts[canonical.Key(doc, lang)]
				if !ok && doc == canonical.Agreement {
					// a release that stores no agreement text has the one
					// its locked texts give
					text, err := canonical.Released(r, doc, lang, p.Strings)
					if err != nil {
						return nil, err
					}
					locked = canonical.Hash(text)
				}
				if locked == hash {
					out = append(out, Match{Release: r, Doc: doc, Lang: lang})
				}
			}
		}
	}
	return out, nil
}
