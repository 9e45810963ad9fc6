// Package release makes the documents' versions permanent: it freezes the
// working copy as a release, records hashes in the lock, checks that no
// released version has changed since, and says which version is in effect.
package release

import (
	"fmt"
	"maps"
	"slices"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Timeline is the releases seen from one day.
type Timeline struct {
	Today    model.Date
	Releases []*model.Release // all, in version order
	// Current is the latest release in effect on Today; nil before the
	// first takes effect.
	Current *model.Release
	// Upcoming are the releases that take effect after Today.
	Upcoming []*model.Release
}

// NewTimeline places the releases of p on the timeline of today.
func NewTimeline(p *model.Portal, today model.Date) *Timeline {
	t := &Timeline{Today: today}
	for i := range p.Releases {
		r := &p.Releases[i]
		t.Releases = append(t.Releases, r)
		if r.Effective.Time().After(today.Time()) {
			t.Upcoming = append(t.Upcoming, r)
		} else {
			t.Current = r
		}
	}
	return t
}

// Find returns the release of version v.
func (t *Timeline) Find(v string) *model.Release {
	for _, r := range t.Releases {
		if r.Version == v {
			return r
		}
	}
	return nil
}

// Predecessor returns the release before r, or nil for the first.
func (t *Timeline) Predecessor(r *model.Release) *model.Release {
	i := slices.Index(t.Releases, r)
	if i <= 0 {
		return nil
	}
	return t.Releases[i-1]
}

// Status says where r stands: "current", "upcoming" or "superseded".
func (t *Timeline) Status(r *model.Release) string {
	switch {
	case r == t.Current:
		return "current"
	case slices.Contains(t.Upcoming, r):
		return "upcoming"
	}
	return "superseded"
}

// Verify checks every release against the lock: its files are byte for
// byte those released, and its canonical texts (what customers accepted)
// have the hashes recorded. It also checks that versions take effect in
// their order. Every problem names the version and the file.
func Verify(p *model.Portal, lock *model.Lock, s *l10n.Strings) problem.List {
	var out problem.List
	add := func(file, field, msg, hint string) {
		out.Add(problem.Problem{File: file, Field: field, Message: msg, Hint: hint})
	}
	const immutable = "released versions never change: restore the file with git (git checkout -- <file>) and release a new version for the change"
	if lock.Format != model.LockFormat && len(lock.Releases) > 0 {
		add(load.LockFile, "format", fmt.Sprintf("lock format %d is not supported (this trustportal knows format %d)", lock.Format, model.LockFormat),
			"use the trustportal version that wrote the lock")
		return out
	}
	out.Merge(languageProblems(p, lock))
	for i := range p.Releases {
		r := &p.Releases[i]
		if e := r.Effective.ShapeError(); e != "" || r.Effective.IsZero() {
			add(r.Dir+"/"+load.ReleaseFile, "effective", "release has no valid effective date", immutable)
		}
		if i > 0 {
			prev := &p.Releases[i-1]
			at := r.Src.At("effective")
			dateProblem := func(msg, hint string) {
				out.Add(problem.Problem{File: r.Dir + "/" + load.ReleaseFile, Line: at.Line, Col: at.Col, Field: "effective", Message: msg, Hint: hint})
			}
			switch {
			case r.Effective.Before(prev.Effective):
				dateProblem(fmt.Sprintf("release %s takes effect (%s) before release %s (%s)", r.Version, r.Effective, prev.Version, prev.Effective),
					"a later version cannot take effect before an earlier one")
			case r.Effective.Time().Equal(prev.Effective.Time()) && !r.Effective.IsZero():
				dateProblem(fmt.Sprintf("release %s takes effect on the same day as release %s (%s), so release %s would never be in effect", r.Version, prev.Version, r.Effective, prev.Version),
					fmt.Sprintf("a later version must take effect after the one before it; if release %s is not merged yet, remove it and release it again with a later --effective date", r.Version))
			}
		}
		entry, ok := lock.Find(r.Version)
		if !ok {
			add(r.Dir, "", fmt.Sprintf("release %s is not in %s", r.Version, load.LockFile),
				"releases are made with trustportal release, which records them in the lock; a directory copied by hand is not a release")
			continue
		}
		before := len(out)
		for _, name := range slices.Sorted(maps.Keys(r.Files)) {
			want, locked := entry.Files[name]
			switch {
			case !locked:
				add(r.Dir+"/"+name, "", fmt.Sprintf("file was added to release %s after it was released", r.Version), immutable)
			case want != r.Files[name]:
				add(r.Dir+"/"+name, "", fmt.Sprintf("release %s was edited after it was released: the file's SHA-256 is %.12s…, the lock records %.12s…", r.Version, r.Files[name], want), immutable)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(entry.Files)) {
			if _, ok := r.Files[name]; !ok {
				add(r.Dir+"/"+name, "", fmt.Sprintf("file of release %s is missing", r.Version), immutable)
			}
		}
		if len(out) > before {
			continue // the edited files explain any change of the texts
		}
		for _, key := range slices.Sorted(maps.Keys(entry.Texts)) {
			doc, lang, ok := canonical.SplitKey(key)
			if !ok {
				add(load.LockFile, r.Version+"."+key, fmt.Sprintf("the lock names a text %q, which is no document and language", key), immutable)
				continue
			}
			text, err := canonical.Released(r, doc, lang, s)
			if err != nil {
				add(r.Dir, "", err.Error(), immutable)
				continue
			}
			if got := canonical.Hash(text); got != entry.Texts[key] {
				hint := "the text is stored in the release (" + r.Dir + "/" + load.ReleaseTextFile(key) + "): restore it from git; the published text of a release must stay byte for byte the same"
				if r.Texts == nil {
					hint = "the release's text is rendered in format 1, which depends on the messages the project overrides in its i18n/ (clause and annex labels, month names): undo the change there; the published text of a release must stay byte for byte the same"
				}
				add(load.LockFile, r.Version+"."+key,
					fmt.Sprintf("the canonical text of %s in release %s has changed (SHA-256 %.12s…, locked %.12s…) although its files have not", key, r.Version, got, entry.Texts[key]), hint)
			}
		}
		out = append(out, agreementProblems(r, s, immutable)...)
		for _, key := range slices.Sorted(maps.Keys(r.Texts)) {
			if _, ok := entry.Texts[key]; !ok {
				add(r.Dir+"/"+load.ReleaseTextFile(key), "", fmt.Sprintf("release %s stores a canonical text the lock does not record", r.Version), immutable)
			}
		}
	}
	for _, e := range lock.Releases {
		if !slices.ContainsFunc(p.Releases, func(r model.Release) bool { return r.Version == e.Version }) {
			add(load.ReleasesDir+"/"+e.Version, "", fmt.Sprintf("release %s is in the lock but its directory is missing", e.Version),
				"released versions stay published forever: restore data/releases/"+e.Version+" from git")
		}
	}
	return out
}
