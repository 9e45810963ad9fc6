package emit

import (
	"slices"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
)

// A release's pages state what the release froze, never today's settings:
// its documents, the settings of data/portal.toml its release.toml records
// (the objection period, the unofficial translations) and the words it
// stores (its i18n tables). A later change of a setting affects only later
// releases.

// recordedBy returns the release whose record of a setting applies to
// release r (has says whether a release recorded it): r itself, or for a
// release made before the tool recorded the setting, the oldest later
// release that did, whose record no later change can alter either; nil
// while no release records it, and the working copy's setting applies.
func recordedBy(tl *release.Timeline, r *model.Release, has func(*model.Release) bool) *model.Release {
	for _, o := range tl.Releases[max(slices.Index(tl.Releases, r), 0):] {
		if has(o) {
			return o
		}
	}
	return nil
}

// recorded returns a setting as it applies to release r (see recordedBy):
// *get(release), or current.
func recorded[T any](tl *release.Timeline, r *model.Release, get func(*model.Release) *T, current T) T {
	if o := recordedBy(tl, r, func(o *model.Release) bool { return get(o) != nil }); o != nil {
		return *get(o)
	}
	return current
}

// frozenStrings returns the strings of each release's pages, by version:
// those it stores (stored, by version; see recordedBy for a release that
// stores none), or the project's while no release stores any. It records
// in e.releaseWords which release's stored words each release's pages
// take, for the labels the layouts write (see words).
func (e *emitter) frozenStrings(stored map[string]*l10n.Strings) map[string]*l10n.Must {
	out := map[string]*l10n.Must{}
	e.releaseWords = map[string]string{}
	for _, r := range e.tl.Releases {
		if o := recordedBy(e.tl, r, func(o *model.Release) bool { return stored[o.Version] != nil }); o != nil {
			out[r.Version] = &l10n.Must{S: stored[o.Version]}
			e.releaseWords[r.Version] = o.Version
		}
	}
	return out
}

// forRelease returns the emitter for the pages and feed entries of release
// r: with the strings r's pages are made with.
func (e *emitter) forRelease(r *model.Release) *emitter {
	s, ok := e.releaseStrings[r.Version]
	if !ok {
		return e
	}
	re := *e
	re.s = s
	return &re
}

// recordedUnofficial returns the languages whose version of release r is
// an unofficial translation, as the release recorded them.
func (e *emitter) recordedUnofficial(r *model.Release) []model.Lang {
	return recorded(e.tl, r, func(r *model.Release) *[]model.Lang { return r.Unofficial }, e.p.Site.Unofficial)
}

// unofficial reports whether the pages of release r in lang are an
// unofficial translation, as the release recorded it.
func (e *emitter) unofficial(r *model.Release, lang model.Lang) bool {
	return slices.Contains(e.recordedUnofficial(r), lang)
}

// bindingNoticeView is what the pages of a release say about the binding
// language version: the notice and whether this language is an unofficial
// translation, as the release froze them: the page param binding_notice,
// which templates show instead of site.Params.binding_notice, the working
// copy's.
type bindingNoticeView struct {
	Notice     string `json:"notice"`
	Unofficial bool   `json:"unofficial"`
}

func (e *emitter) releaseBinding(lang model.Lang, r *model.Release) bindingNoticeView {
	unofficial := len(e.langs) > 1 && e.unofficial(r, lang)
	return bindingNoticeView{Notice: e.bindingNotice(lang, bindingLanguage(r), unofficial), Unofficial: unofficial}
}
