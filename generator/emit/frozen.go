package emit

import (
	"slices"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
)

// A release's pages state what the release froze, never today's settings:
// its documents and the settings of data/portal.toml its release.toml
// records (the objection period, the unofficial translations). A later
// change of a setting affects only later releases.

// recorded returns a setting of data/portal.toml as release r recorded it
// (get returns nil where r did not). A release made before the tool
// recorded the setting takes what the oldest later release recorded, which
// no later change can alter either; only while no release records it does
// the working copy's setting, current, apply.
func recorded[T any](tl *release.Timeline, r *model.Release, get func(*model.Release) *T, current T) T {
	for _, o := range tl.Releases[max(slices.Index(tl.Releases, r), 0):] {
		if v := get(o); v != nil {
			return *v
		}
	}
	return current
}

// unofficial reports whether the pages of release r in lang are an
// unofficial translation, as the release recorded it.
func (e *emitter) unofficial(r *model.Release, lang model.Lang) bool {
	return slices.Contains(recorded(e.tl, r, func(r *model.Release) *[]model.Lang { return r.Unofficial }, e.p.Site.Unofficial), lang)
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
