package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/sourcetext"
)

// Where releases are kept, relative to the project.
const (
	ReleasesDir = "data/releases"
	LockFile    = "data/releases/lock.toml"
	// ReleaseFile holds a release's version, date and notes, inside its
	// directory.
	ReleaseFile = "release.toml"
	// ReleaseTextsDir holds a release's canonical texts, inside its
	// directory: <document>.<language>.txt.
	ReleaseTextsDir = "canonical"
)

// ReleaseStringsFile is where a release keeps the messages its pages in
// lang are made with, relative to its directory: an i18n table, read as a
// layer over the tool's and the project's (see generator.Load).
func ReleaseStringsFile(lang model.Lang) string { return "i18n/" + string(lang) + ".toml" }

// ReleaseTextFile is where a release keeps the canonical text key
// ("dpa.de"), relative to its directory.
func ReleaseTextFile(key string) string { return ReleaseTextsDir + "/" + key + ".txt" }

// releaseFile is the content of data/releases/<version>/release.toml.
type releaseFile struct {
	Version   string     `toml:"version"`
	Effective model.Date `toml:"effective"`
	Announced model.Date `toml:"announced"`
	Material  bool       `toml:"material"`
	// NotMaterial is why a changed DPA needs no new acceptance.
	NotMaterial string `toml:"not_material"`
	// ObjectionDays is the objection period when the version was
	// released; nil for releases that did not record it.
	ObjectionDays *int `toml:"objection_period_days"`
	// ObjectionFrom and DeadlineHolidays are how deadlines were counted.
	ObjectionFrom    string `toml:"objection_counted_from"`
	DeadlineHolidays string `toml:"deadline_holidays"`
	// Unofficial are the languages that were unofficial translations;
	// nil for releases that did not record it.
	Unofficial *[]model.Lang `toml:"unofficial_translations"`
	// Historical marks a version of the past, recorded on Recorded.
	Historical bool       `toml:"historical"`
	Recorded   model.Date `toml:"recorded"`
	Notes      model.Text `toml:"notes"`
	Src        model.Src  `toml:"-"`
	// DocNotes are the notes of single documents, by document.
	DocNotes map[string]model.Text `toml:"document_notes"`
}

// releases reads every release snapshot in data/releases, in version order.
// The releases are read on every core, each by a loader of its own; their
// problems are reported in the order of their directories, as if read one
// after another.
func (l *loader) releases() []model.Release {
	entries, err := fs.ReadDir(l.fsys, ReleasesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.ioErr = cmpErr(l.ioErr, fmt.Errorf("read %s: %w", ReleasesDir, err))
		return nil
	}
	var dirs []string
	for _, e := range entries {
		// Hidden directories are no releases: trustportal release
		// assembles a new one in .new-<version>-*, which a killed
		// release leaves behind until the next removes it.
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			dirs = append(dirs, e.Name())
		}
	}
	type read struct {
		loader  *loader
		release model.Release
		ok      bool
	}
	reads := make([]read, len(dirs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(dirs)) {
		wg.Go(func() {
			for i := range next {
				sub, r, ok := l.readCached(dirs[i])
				reads[i] = read{sub, r, ok}
			}
		})
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []model.Release
	for _, r := range reads {
		l.problems.Merge(r.loader.problems)
		l.fatal = l.fatal || r.loader.fatal
		l.ioErr = cmpErr(l.ioErr, r.loader.ioErr)
		if r.ok {
			out = append(out, r.release)
		}
	}
	slices.SortFunc(out, func(a, b model.Release) int { return model.CompareVersions(a.Version, b.Version) })
	return out
}

// release reads the release snapshot in data/releases/name.
func (l *loader) release(name string) (model.Release, bool) {
	dir := path.Join(ReleasesDir, name)
	var rf releaseFile
	if _, ok := l.read(path.Join(dir, ReleaseFile)); !ok {
		l.problems.Add(problem.Problem{File: path.Join(dir, ReleaseFile), Message: "release has no release.toml",
			Hint: "every directory in data/releases is a release made by trustportal release; restore the file from git or remove the directory if it was never published"})
		return model.Release{}, false
	}
	l.toml(path.Join(dir, ReleaseFile), &rf)
	if err := model.CheckVersion(name); err != nil {
		l.problems.Add(problem.Problem{File: dir, Message: err.Error(), Hint: "release directories are named by their version, e.g. data/releases/2.1"})
		return model.Release{}, false
	}
	if rf.Version != name {
		l.problems.Add(problem.Problem{File: path.Join(dir, ReleaseFile), Line: rf.Src.At("version").Line, Field: "version",
			Message: fmt.Sprintf("version %q does not match the directory name %q", rf.Version, name),
			Hint:    "released versions never change: restore the file from git"})
	}
	announced := rf.Announced
	if announced.IsZero() {
		announced = rf.Effective
	}
	files := l.hashFiles(dir) // before anything parses the bytes
	return model.Release{
		Version:          name,
		Effective:        rf.Effective,
		Announced:        announced,
		Material:         rf.Material,
		NotMaterial:      rf.NotMaterial,
		ObjectionDays:    rf.ObjectionDays,
		ObjectionFrom:    rf.ObjectionFrom,
		DeadlineHolidays: rf.DeadlineHolidays,
		Unofficial:       rf.Unofficial,
		Historical:       rf.Historical,
		Recorded:         rf.Recorded,
		Notes:            rf.Notes,
		DocNotes:         rf.DocNotes,
		Docs:             l.documents(ReleaseLayout(dir)),
		Dir:              dir,
		Src:              rf.Src,
		Files:            files,
		Texts:            l.releasedTexts(dir),
	}, true
}

// releasedTexts reads the canonical texts a release stores in its
// directory canonical/ (<doc>.<lang>.txt), by key; nil for a release made
// before releases stored them. A text is read as the canonical format
// defines it, with LF line ends, so that a checkout that turned them into
// CRLF still gives the released text and hash.
func (l *loader) releasedTexts(dir string) map[string]string {
	textsDir := path.Join(dir, ReleaseTextsDir)
	entries, err := fs.ReadDir(l.fsys, textsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.ioErr = cmpErr(l.ioErr, fmt.Errorf("read %s: %w", textsDir, err))
		return nil
	}
	texts := map[string]string{}
	for _, e := range entries {
		key, ok := strings.CutSuffix(e.Name(), ".txt")
		if e.IsDir() || !ok {
			l.problems.Add(problem.Problem{File: path.Join(textsDir, e.Name()), Message: "not a canonical text of the release",
				Hint: "a release's canonical/ directory holds only the texts trustportal release wrote (<document>.<language>.txt): restore it from git"})
			continue
		}
		if data, ok := l.read(path.Join(textsDir, e.Name())); ok {
			texts[key] = string(sourcetext.Normalize(data))
		}
	}
	return texts
}

// hashFiles returns the SHA-256 of every file below dir (of its normalised
// text, see sourcetext.Hash), by path relative to dir.
func (l *loader) hashFiles(dir string) map[string]string {
	files := map[string]string{}
	if l.files != nil && l.files.dir == dir {
		for rel, data := range l.files.data {
			files[rel] = sourcetext.Hash(data)
		}
		return files
	}
	err := eachFile(l.fsys, dir, func(rel string, data []byte) {
		files[rel] = sourcetext.Hash(data)
	})
	if err != nil {
		l.ioErr = cmpErr(l.ioErr, err)
	}
	return files
}

// releaseFiles are the files below one release directory, read once: they
// are hashed (for the lock and, in serve, to know the release again) and
// parsed from the same bytes, which are not changed.
type releaseFiles struct {
	dir   string            // the release's directory in the project
	paths []string          // relative to dir, in lexical order
	data  map[string][]byte // by path relative to dir
}

// readReleaseFiles reads every file below dir of fsys.
func readReleaseFiles(fsys fs.FS, dir string) (*releaseFiles, error) {
	rf := &releaseFiles{dir: dir, data: map[string][]byte{}}
	err := eachFile(fsys, dir, func(rel string, data []byte) {
		rf.paths = append(rf.paths, rel)
		rf.data[rel] = data
	})
	return rf, err
}

// file returns the bytes of the file name (a path in the project), if it
// is one of rf's.
func (rf *releaseFiles) file(name string) ([]byte, bool) {
	if rf == nil {
		return nil, false
	}
	rel, ok := strings.CutPrefix(name, rf.dir+"/")
	if !ok {
		return nil, false
	}
	data, ok := rf.data[rel]
	return data, ok
}

// eachFile calls fn with every file below dir, its path relative to dir,
// in lexical order.
func eachFile(fsys fs.FS, dir string, fn func(rel string, data []byte)) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fn(strings.TrimPrefix(p, dir+"/"), data)
		return nil
	})
}

func cmpErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// Lock reads data/releases/lock.toml; a project without releases has none.
func Lock(fsys fs.FS) (*model.Lock, problem.List, error) {
	data, err := fs.ReadFile(fsys, LockFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &model.Lock{Format: model.LockFormat}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var lock model.Lock
	f := readTOML(LockFile, data, &lock)
	if f.fatal {
		return nil, f.problems, nil
	}
	return &lock, f.problems, nil
}
