package release

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/sourcetext"
	"github.com/trustportal/trustportal/generator/sshsig"
	"github.com/trustportal/trustportal/generator/workdir"
)

// Request is what trustportal release asks for.
type Request struct {
	Version   string
	Effective model.Date
	Announced model.Date // when customers are told; zero for the effective date
	Material  bool
	// NotMaterial is why a version whose DPA changed needs no new
	// acceptance (--not-material): recorded in release.toml and shown.
	NotMaterial string
	// Historical records a version of the past (--historical): its dates
	// may lie before Today and the notice rules are not checked; the
	// release records and shows that it was recorded afterwards.
	Historical bool
	// Today is the day of the release; zero for the current date (UTC).
	Today model.Date
	// Notes are the notes of the version as a whole (--note LANG=TEXT),
	// DocNotes those of one document (--note DOC:LANG=TEXT), by document
	// (canonical.Documents).
	Notes    model.Text
	DocNotes map[string]model.Text
	// SignKey, if set, is the SSH key (a private key file, or a public one
	// whose private key is in ssh-agent) that signs the new lock: see
	// package sshsig. A signed lock must be signed again.
	SignKey string
}

// Create freezes the working copy of the project in dir (already loaded and
// validated as p, with its lock) as release req.Version: it copies the
// documents' files to data/releases/<version>/, writes release.toml and
// records the hashes in the lock, signed with req.SignKey if given. It
// refuses a version that exists or is not above every released one, an
// effective date not after the latest release's, and an unsigned lock
// replacing a signed one.
func Create(dir string, p *model.Portal, lock *model.Lock, s *l10n.Strings, req Request) (*model.LockEntry, error) {
	if err := model.CheckVersion(req.Version); err != nil {
		return nil, err
	}
	if req.Effective.IsZero() {
		return nil, errors.New("an effective date is needed: --effective YYYY-MM-DD")
	}
	langs := p.Site.Languages
	if err := checkNotes("", req.Notes, langs); err != nil {
		return nil, err
	}
	for _, doc := range slices.Sorted(maps.Keys(req.DocNotes)) {
		if !slices.Contains(canonical.Documents, doc) {
			return nil, fmt.Errorf("--note %s:…: %q is not a document: write dpa, toms or subprocessors", doc, doc)
		}
		if err := checkNotes(doc+":", req.DocNotes[doc], langs); err != nil {
			return nil, err
		}
	}
	if n := len(p.Releases); n > 0 {
		last := p.Releases[n-1]
		if model.CompareVersions(req.Version, last.Version) <= 0 {
			return nil, fmt.Errorf("version %s is not above the latest release, %s: released versions never change, choose a higher number", req.Version, last.Version)
		}
		if req.Effective.Before(last.Effective) {
			return nil, fmt.Errorf("effective date %s is before that of release %s (%s)", req.Effective, last.Version, last.Effective)
		}
		if req.Effective.Time().Equal(last.Effective.Time()) {
			return nil, fmt.Errorf("version %s would take effect on %s, the same day as release %s, which would then never be in effect: choose a later effective date", req.Version, req.Effective, last.Version)
		}
	}
	if err := req.settle(p, s); err != nil {
		return nil, err
	}
	lockFile := filepath.Join(dir, filepath.FromSlash(load.LockFile))
	if err := checkSigning(lockFile, req.SignKey); err != nil {
		return nil, err
	}
	texts, err := canonical.Texts(&p.Docs, langs, canonical.Meta{Version: req.Version, Effective: req.Effective}, s)
	if err != nil {
		return nil, err
	}

	releases := filepath.Join(dir, filepath.FromSlash(load.ReleasesDir))
	if err := os.MkdirAll(releases, 0o755); err != nil {
		return nil, err
	}
	// The release is assembled in a working directory and renamed into
	// place whole. What a killed release left behind is removed first.
	if _, err := workdir.Clean(releases, newPrefix); err != nil {
		return nil, err
	}
	work, err := workdir.New(releases, newPrefix+req.Version+"-")
	if err != nil {
		return nil, err
	}
	defer work.Remove()
	tmp := filepath.Join(work.Path, req.Version)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := snapshot(dir, tmp, req, &p.Site); err != nil {
		return nil, err
	}
	// The release keeps the words of its pages: every message of the
	// tool and the project as they are now, so that a later change of the
	// project's i18n/ (or of the tool's) does not reword a released page.
	for _, lang := range langs {
		if err := copyData(filepath.Join(tmp, filepath.FromSlash(load.ReleaseStringsFile(lang))), []byte(FormatStrings(req.Version, lang, s.Table(lang)))); err != nil {
			return nil, err
		}
	}
	// The release keeps its canonical texts: they are what its pages
	// publish and its hashes are of, whatever later versions of the tool
	// render.
	for k, t := range texts {
		if err := copyData(filepath.Join(tmp, filepath.FromSlash(load.ReleaseTextFile(k))), []byte(t)); err != nil {
			return nil, err
		}
	}
	entry := model.LockEntry{Version: req.Version, Texts: map[string]string{}, Files: map[string]string{}}
	for k, t := range texts {
		entry.Texts[k] = canonical.Hash(t)
	}
	if entry.Files, err = hashDir(tmp); err != nil {
		return nil, err
	}
	final := filepath.Join(releases, req.Version)
	if err := os.Rename(tmp, final); err != nil {
		return nil, fmt.Errorf("release %s: %w", req.Version, err)
	}
	newLock := &model.Lock{Format: model.LockFormat, Releases: append(slices.Clone(lock.Releases), entry)}
	if err := writeLock(lockFile, FormatLock(newLock), req.SignKey); err != nil {
		os.RemoveAll(final)
		return nil, err
	}
	return &entry, nil
}

// checkSigning refuses to replace a signed lock by an unsigned one, whose
// old signature would no longer match, and a signing key that is missing.
func checkSigning(lockFile, key string) error {
	if key != "" {
		if _, err := os.Stat(key); err != nil {
			return fmt.Errorf("--sign-key: %w", err)
		}
		return nil
	}
	if _, err := os.Stat(lockFile + ".sig"); err == nil {
		return fmt.Errorf("%s is signed (%s.sig): sign the new lock too, with --sign-key and the SSH key of an allowed signer (e.g. --sign-key ~/.ssh/id_ed25519)", load.LockFile, load.LockFile)
	}
	return nil
}

// writeLock replaces the lock by text and, with a signing key, its
// signature by one of text, each file in one step.
func writeLock(name, text, signKey string) error {
	if signKey == "" {
		return writeFile(name, text)
	}
	tmp := name + ".tmp"
	os.Remove(tmp + ".sig") // left by an interrupted release
	defer os.Remove(tmp)
	defer os.Remove(tmp + ".sig")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	if err := sshsig.Sign(signKey, tmp); err != nil {
		return fmt.Errorf("sign %s: %w", load.LockFile, err)
	}
	if err := os.Rename(tmp+".sig", name+".sig"); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// newPrefix starts the names of the working directories in data/releases
// where releases are assembled; the loader skips them.
const newPrefix = ".new-"

// snapshot copies the working copy's documents into dst and writes
// release.toml.
func snapshot(src, dst string, req Request, site *model.Site) error {
	layout := load.ReleaseLayout(filepath.ToSlash(dst))
	w := load.WorkingCopy
	for from, to := range map[string]string{w.Processor: layout.Processor, w.Processing: layout.Processing, w.TOMs: layout.TOMs, w.Subprocessors: layout.Subprocessors} {
		if err := copyFile(filepath.Join(src, filepath.FromSlash(from)), filepath.FromSlash(to)); err != nil {
			return err
		}
	}
	// data/dpa.toml is optional: a release without it has the default
	// structure, as the working copy had.
	structure := filepath.Join(src, filepath.FromSlash(w.Structure))
	if _, err := os.Stat(structure); err == nil {
		if err := copyFile(structure, filepath.FromSlash(layout.Structure)); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dpa := filepath.Join(src, filepath.FromSlash(w.DPA))
	entries, err := os.ReadDir(dpa)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		if err := copyFile(filepath.Join(dpa, e.Name()), filepath.Join(filepath.FromSlash(layout.DPA), e.Name())); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dst, load.ReleaseFile), []byte(formatRelease(req, site)), 0o644)
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return copyData(to, data)
}

// copyData writes data to the new file to, making its directory.
func copyData(to string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// writeFile replaces name by data in one step.
func writeFile(name string, data string) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// hashDir returns the hash of every file below dir as the loader computes it
// (sourcetext.Hash), by path relative to dir.
func hashDir(dir string) (map[string]string, error) {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = sourcetext.Hash(data)
		return nil
	})
	return files, err
}

// checkNotes checks release notes given as --note PREFIXLANG=TEXT: in
// every language of the portal or in none, each a text the portal accepts.
func checkNotes(prefix string, notes model.Text, langs []model.Lang) error {
	for _, lang := range notes.Langs() {
		if !slices.Contains(langs, lang) {
			return fmt.Errorf("--note %s%s: %s is not one of the portal's languages (%s)", prefix, lang, lang.Name(), model.JoinLangs(langs))
		}
	}
	if notes.IsZero() {
		return nil
	}
	for _, lang := range langs {
		if notes.In(lang) == "" {
			return fmt.Errorf("release notes must be given in every language of the portal or in none: add --note %s%s=TEXT", prefix, lang)
		}
		if flaws := sourcetext.Check([]byte(notes.In(lang))); len(flaws) > 0 {
			return fmt.Errorf("--note %s%s: %s: %s", prefix, lang, flaws[0].Message(), flaws[0].Why())
		}
	}
	return nil
}

// formatRelease writes release.toml. It records the settings of
// data/portal.toml the release's pages state besides its documents, so that
// a later change of them does not rewrite what a released version said: the
// objection period, how its deadlines are counted and the unofficial
// translations. (The binding language is in the release's own
// processor.toml.)
func formatRelease(req Request, site *model.Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Release %s, made by trustportal release. Released versions never change:\n# the lock (../lock.toml) records the SHA-256 of every file.\n", req.Version)
	fmt.Fprintf(&b, "version = %s\neffective = %s\n", quote(req.Version), req.Effective)
	if !req.Announced.IsZero() {
		fmt.Fprintf(&b, "announced = %s\n", req.Announced)
	}
	fmt.Fprintf(&b, "material = %t\n", req.Material)
	fmt.Fprintf(&b, "objection_period_days = %d\n", site.ObjectionDays)
	if site.ObjectionFrom != "" {
		fmt.Fprintf(&b, "objection_counted_from = %s\n", quote(site.ObjectionFrom))
	}
	if site.DeadlineHolidays != "" {
		fmt.Fprintf(&b, "deadline_holidays = %s\n", quote(site.DeadlineHolidays))
	}
	unofficial := make([]string, len(site.Unofficial))
	for i, lang := range site.Unofficial {
		unofficial[i] = quote(string(lang))
	}
	fmt.Fprintf(&b, "unofficial_translations = [%s]\n", strings.Join(unofficial, ", "))
	if req.NotMaterial != "" {
		fmt.Fprintf(&b, "not_material = %s\n", quote(req.NotMaterial))
	}
	if req.Historical {
		fmt.Fprintf(&b, "historical = true\nrecorded = %s\n", req.Today)
	}
	if !req.Notes.IsZero() {
		fmt.Fprintf(&b, "notes = %s\n", formatText(req.Notes))
	}
	// The notes of single documents, in the documents' order.
	header := false
	for _, doc := range canonical.Documents {
		if notes := req.DocNotes[doc]; !notes.IsZero() {
			if !header {
				b.WriteString("\n[document_notes]\n")
				header = true
			}
			fmt.Fprintf(&b, "%s = %s\n", doc, formatText(notes))
		}
	}
	return b.String()
}

// formatText writes a text as an inline table: { de = "…", en = "…" }.
func formatText(t model.Text) string {
	var parts []string
	for _, lang := range t.Langs() {
		parts = append(parts, string(lang)+" = "+quote(t.In(lang)))
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// FormatStrings writes the messages a release's pages in lang are made
// with, as an i18n table (go-i18n's TOML, as i18n/*.toml), sorted by id.
func FormatStrings(version string, lang model.Lang, table map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The words of release %s's pages in %s, as trustportal release found them in\n"+
		"# the tool's and the project's i18n/ tables. Released versions never change.\n", version, lang.Name())
	for _, id := range slices.Sorted(maps.Keys(table)) {
		fmt.Fprintf(&b, "%s = %s\n", id, quote(table[id]))
	}
	return b.String()
}

// FormatLock writes the lock as TOML, in a stable order.
func FormatLock(l *model.Lock) string {
	var b strings.Builder
	b.WriteString("# Written by trustportal release. Do not edit: it records the SHA-256 of the\n" +
		"# canonical text of each released document and language (docs/canonical.md)\n" +
		"# and of every released file, so that any change to a release is refused.\n")
	fmt.Fprintf(&b, "format = %d\n", l.Format)
	for _, e := range l.Releases {
		fmt.Fprintf(&b, "\n[[release]]\nversion = %s\n\n  [release.texts]\n", quote(e.Version))
		for _, k := range slices.Sorted(maps.Keys(e.Texts)) {
			fmt.Fprintf(&b, "  %s = %s\n", quote(k), quote(e.Texts[k]))
		}
		b.WriteString("\n  [release.files]\n")
		for _, k := range slices.Sorted(maps.Keys(e.Files)) {
			fmt.Fprintf(&b, "  %s = %s\n", quote(k), quote(e.Files[k]))
		}
	}
	return b.String()
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
