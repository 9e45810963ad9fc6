package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// Draft pages: with Options.Drafts (serve, build --drafts), a project with
// releases whose working copy differs from its latest release also gets the
// working copy as a draft of each document, /de/dpa/draft/ …, its checklist,
// and a redline against the version shown at the unversioned URLs (the one
// in effect), /de/diff/2.0/draft/. They are previews for the legal team, not
// part of the published portal: each carries a banner and noindex, is left
// out of the sitemap, and appears in no feed, manifest, version list or PDF;
// no canonical text or hash is shown for it. Only the version blocks and a
// notice on the home page link to it, and only in this mode.

// DraftSegment is the version segment of the draft pages. Versions are
// numbers (model.CompareVersions), so it never names a release.
const DraftSegment = "draft"

// draft is the working copy as shown in draft pages.
type draft struct {
	working *model.Release // the working copy, versioned DraftSegment
	base    *model.Release // the version it is compared with: the one shown
}

// previewView marks a draft page: its front matter's preview, which the
// layouts show as a banner (and a robots noindex).
type previewView struct {
	Title        string `json:"title"`
	Text         string `json:"text"`
	RedlineURL   string `json:"redline_url"`
	RedlineTitle string `json:"redline_title"`
}

// prepareDraft decides whether the portal has draft pages: only with
// releases, and only if the working copy differs from the latest one.
func (e *emitter) prepareDraft() error {
	tl := e.tl
	if len(tl.Releases) == 0 {
		return nil // the working copy is shown as the draft anyway
	}
	latest := tl.Releases[len(tl.Releases)-1]
	working := &model.Release{Version: DraftSegment, Docs: e.p.Docs}
	c, err := e.compare(e.langs[0], latest, working)
	if err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	if !c.Changed() {
		return nil
	}
	base := tl.Current
	if base == nil {
		base = tl.Upcoming[0]
	}
	e.draft = &draft{working: working, base: base}
	return nil
}

// isDraftPage reports whether the page at path (dpa/draft, diff/2.0/draft,
// dpa/draft/checklist) is a draft page.
func isDraftPage(path string) bool {
	return slices.Contains(strings.Split(path, "/"), DraftSegment)
}

// redlineURL is where the draft's redline against its base is published.
func (e *emitter) draftRedlineURL(lang model.Lang) string {
	return e.u.page(lang, "diff/"+e.draft.base.Version+"/"+DraftSegment)
}

// preview is the banner of the draft pages in lang.
func (e *emitter) preview(lang model.Lang) *previewView {
	version := map[string]string{"Version": e.draft.base.Version}
	return &previewView{
		Title:        e.s.T(lang, "previewTitle", nil),
		Text:         e.s.T(lang, "previewBanner", version),
		RedlineURL:   e.draftRedlineURL(lang),
		RedlineTitle: e.s.T(lang, "previewRedline", version),
	}
}

// draftsNotice is the home page's notice of the draft pages in lang.
func (e *emitter) draftsNotice(lang model.Lang) *previewView {
	v := e.preview(lang)
	v.Title, v.Text = e.s.T(lang, "previewHomeTitle", nil), e.s.T(lang, "previewHomeText", nil)
	return v
}

// draftLink is the link from the page of doc to its draft, nil without
// draft pages.
func (e *emitter) draftLink(lang model.Lang, doc string) *link {
	if e.draft == nil {
		return nil
	}
	return &link{Title: e.s.T(lang, "previewLink", nil), URL: e.u.doc(lang, doc, DraftSegment)}
}

// draftPages writes the draft pages in lang, if the portal has any.
func (e *emitter) draftPages(lang model.Lang) error {
	if e.draft == nil {
		return nil
	}
	base := e.draft.base.Version
	view := func(doc string) *versionView {
		return &versionView{
			Status:      "draft",
			StatusLabel: e.s.T(lang, "statusDraft", nil),
			Notice:      e.s.T(lang, "previewNotice", map[string]string{"Version": base}),
			DiffPrev:    &link{Title: e.s.T(lang, "previewRedline", map[string]string{"Version": base}), URL: e.draftRedlineURL(lang) + "#" + doc},
			ArchiveURL:  e.u.page(lang, "versions"),
		}
	}
	if err := e.docPages(lang, nil, DraftSegment, view, nil); err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	if err := e.checklistPage(lang, &e.p.Docs, nil, DraftSegment); err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	return e.draftRedline(lang)
}

// draftRedline writes the redline of the working copy against the
// version in effect, as the diff pages show one between versions.
func (e *emitter) draftRedline(lang model.Lang) error {
	a, b := e.draft.base, e.draft.working
	c, err := e.compare(lang, a, b)
	if err != nil {
		return err
	}
	v := diffView{
		Old:     e.releaseLink(lang, a),
		New:     versionLink{Number: e.s.T(lang, "previewWorkingCopy", nil), URL: e.u.doc(lang, "dpa", DraftSegment), StatusLabel: e.s.T(lang, "statusDraft", nil)},
		Changed: c.Changed(),
	}
	if v.Summary, v.Documents, err = e.redline(lang, c); err != nil {
		return err
	}
	title := e.s.T(lang, "previewRedlineTitle", map[string]string{"Version": a.Version})
	return e.page(lang, "diff/"+a.Version+"/"+DraftSegment, "draftdiff", title, v)
}
