package emit

import (
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
)

// versionView is the version block of a document page: which version it
// shows, its status, the canonical text and its hash, the other versions
// and the diffs.
type versionView struct {
	Number      string   `json:"number"`
	Effective   dateView `json:"effective"`
	Status      string   `json:"status"` // current, upcoming, superseded, draft
	StatusLabel string   `json:"status_label"`
	Material    bool     `json:"material"`
	// NotMaterial and Historical are sentences stating what the release
	// recorded: why a changed DPA needs no new acceptance, that the
	// version was recorded afterwards.
	NotMaterial string `json:"not_material,omitempty"`
	Historical  string `json:"historical,omitempty"`
	// Applies says whom the version binds: new contracts from its date,
	// and existing customers as the DPA's change clause says.
	Applies   string `json:"applies,omitempty"`
	Notes     string `json:"notes,omitempty"`
	Permalink string `json:"permalink,omitempty"`
	Canonical string `json:"canonical,omitempty"` // Permalink as an absolute URL
	TextURL   string `json:"text_url,omitempty"`
	PDFURL    string `json:"pdf_url,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	// Agreement is the agreement text of the version in this language
	// (the DPA with its annexes, see canonical.AgreementText).
	Agreement *agreementView `json:"agreement,omitempty"`
	// Binding is the binding language's version of this page's document
	// and agreement, on the pages of any other language: what an
	// acceptance in this language records beside its own hashes.
	Binding     *bindingView  `json:"binding,omitempty"`
	Versions    []versionLink `json:"versions,omitempty"`
	DiffPrev    *link         `json:"diff_previous,omitempty"`
	DiffCurrent *link         `json:"diff_current,omitempty"`
	Upcoming    *versionLink  `json:"upcoming,omitempty"`
	ArchiveURL  string        `json:"archive_url"`
	// Notice replaces the draft notice of a project without releases on
	// the draft pages (drafts.go); Draft links a version's page to its
	// document's draft page, where there is one.
	Notice string `json:"notice,omitempty"`
	Draft  *link  `json:"draft,omitempty"`
	// DocNotes are the release notes of this page's document (Notes
	// those of the version as a whole); Unchanged says that the version
	// did not change the document.
	DocNotes  string `json:"document_notes,omitempty"`
	Unchanged string `json:"unchanged,omitempty"`
}

type agreementView struct {
	TextURL string `json:"text_url"`
	SHA256  string `json:"sha256"`
	PDFURL  string `json:"pdf_url,omitempty"` // the DPA with its annexes in one PDF (only with --pdf)
}

type bindingView struct {
	Language        string `json:"language"`      // "de"
	LanguageName    string `json:"language_name"` // "Deutsch", in the page's language
	SHA256          string `json:"sha256"`        // of the document's text in the binding language
	AgreementSHA256 string `json:"agreement_sha256"`
}

type versionLink struct {
	Number string `json:"number"`
	// Label names the version in the page's words ("Version 1.0"), where
	// a page lists versions: one lookup here, not one per page in Hugo.
	Label       string   `json:"label,omitempty"`
	URL         string   `json:"url"`
	Effective   dateView `json:"effective"`
	StatusLabel string   `json:"status_label"`
	Selected    bool     `json:"selected,omitempty"`
	DiffURL     string   `json:"diff_url,omitempty"`
}

// versions writes the documents' pages of every release and the current
// one, the canonical texts, the archive and the diff pages. A project
// without releases shows its working copy as an unreleased draft.
func (e *emitter) versions(lang model.Lang) error {
	tl := e.tl
	if len(tl.Releases) == 0 {
		draft := &versionView{Status: "draft", StatusLabel: e.s.T(lang, "statusDraft", nil), ArchiveURL: e.u.page(lang, "versions")}
		if err := e.docPages(lang, nil, "", func(string) *versionView { return draft }, nil); err != nil {
			return err
		}
		if err := e.checklistPage(lang, &e.p.Docs, nil, ""); err != nil {
			return err
		}
		return e.archive(lang)
	}
	// The unversioned URLs show the version in effect, or before any is,
	// the one that comes first.
	shown := tl.Current
	if shown == nil {
		shown = tl.Upcoming[0]
	}
	subFeed, err := e.subprocessorFeed(lang)
	if err != nil {
		return err
	}
	if err := e.docPages(lang, shown, "", func(doc string) *versionView { return e.versionView(lang, shown, doc) },
		map[string]feedView{"subprocessors": subFeed}); err != nil {
		return fmt.Errorf("release %s: %w", shown.Version, err)
	}
	for _, r := range tl.Releases {
		if err := e.docPages(lang, r, r.Version, func(doc string) *versionView { return e.versionView(lang, r, doc) }, nil); err != nil {
			return fmt.Errorf("release %s: %w", r.Version, err)
		}
		if err := e.checklistPage(lang, &r.Docs, r, r.Version); err != nil {
			return fmt.Errorf("release %s: %w", r.Version, err)
		}
		for _, doc := range canonical.Documents {
			text, err := e.canonicalText(lang, r, doc)
			if err != nil {
				return err
			}
			e.generate(e.textURL(lang, doc, r.Version), []byte(text))
			if doc == "dpa" {
				agreement, err := e.canonicalText(lang, r, canonical.Agreement)
				if err != nil {
					return err
				}
				e.generate(e.textURL(lang, canonical.Agreement, r.Version), []byte(agreement))
			}
			if e.pdf {
				title := r.Docs.DPA.Title.In(lang)
				if doc != "dpa" {
					title = e.forRelease(r).s.T(lang, "nav_"+doc, nil)
				}
				if err := e.listPDF(lang, r, doc, title); err != nil {
					return err
				}
			}
		}
	}
	if err := e.archive(lang); err != nil {
		return err
	}
	if lang == e.p.Docs.Processor.Contract.BindingLanguage {
		if err := e.manifest(); err != nil {
			return err
		}
	}
	// (The diff pages are written by diffPages.)
	if err := e.draftPages(lang); err != nil {
		return err
	}
	// The diff pages' parent section is no page of its own.
	return e.writeJSON("content/diff/_index."+string(lang)+".md", map[string]any{
		"title": "diff", "build": map[string]string{"render": "never", "list": "never"}})
}

// canonicalText returns the canonical text of doc in release r, as the
// release stores it or format 1 renders it (canonical.Released), once per
// build. Load has checked it against the lock, so its hash is the one
// recorded there.
func (e *emitter) canonicalText(lang model.Lang, r *model.Release, doc string) (string, error) {
	key := textKey(lang, r, doc)
	if t, ok := e.texts[key]; ok {
		return t, nil
	}
	if _, stored := r.Texts[canonical.Key(doc, lang)]; doc == canonical.Agreement && !stored {
		// The agreement text of a release that did not store one is made
		// of its documents' texts: those this build has already.
		texts := map[string]string{}
		for _, d := range canonical.Documents {
			t, err := e.canonicalText(lang, r, d)
			if err != nil {
				return "", err
			}
			texts[d] = t
		}
		t := canonical.AgreementText(r.Version, lang, texts)
		e.texts[key] = t
		return t, nil
	}
	// The project's strings, with which format 1 texts were released and
	// the lock was checked.
	t, err := canonical.Released(r, doc, lang, e.project.S)
	if err == nil {
		e.texts[key] = t
	}
	return t, err
}

// pdfURL is where the PDF of doc at version v is published.
func (e *emitter) pdfURL(lang model.Lang, doc, v string) string {
	return e.u.doc(lang, doc, v) + doc + "-" + v + "." + string(lang) + ".pdf"
}

// listPDF records the PDF of doc in release r for printing, with a footer
// naming the document, version and hash, and the page numbers.
func (e *emitter) listPDF(lang model.Lang, r *model.Release, doc, title string) error {
	return e.listPDFOf(lang, r, doc, title, e.u.doc(lang, doc, r.Version), e.pdfURL(lang, doc, r.Version), "")
}

// listPDFOf records the PDF file of page, the text doc (a document or
// canonical.Agreement) of release r, with the footer of listPDF and the
// HTML of a header ("" for none).
func (e *emitter) listPDFOf(lang model.Lang, r *model.Release, doc, title, pageURL, file, header string) error {
	hash, err := e.canonicalHash(lang, r, doc)
	if err != nil {
		return err
	}
	s := e.forRelease(r).s // the release's words, as on its pages
	footer := s.T(lang, "pdfFooter", map[string]string{
		"Title": html.EscapeString(title), "Version": html.EscapeString(r.Version), "Hash": hash})
	page := s.T(lang, "pdfPage", map[string]string{
		"Page": `<span class="pageNumber"></span>`, "Pages": `<span class="totalPages"></span>`})
	e.pdfs = append(e.pdfs, PDF{
		Page:   pageURL,
		File:   file,
		Header: header,
		Footer: `<div style="box-sizing:border-box;width:100%;padding:0 0.6in;display:flex;justify-content:space-between;gap:2em;font:7pt sans-serif;color:#333">` +
			`<span>` + footer + `</span><span style="white-space:nowrap">` + page + `</span></div>`,
	})
	return nil
}

// textURL is where the canonical text of doc at version v is published;
// the agreement text is published beside the DPA's.
func (e *emitter) textURL(lang model.Lang, doc, v string) string {
	dir := doc
	if doc == canonical.Agreement {
		dir = "dpa"
	}
	return e.u.doc(lang, dir, v) + canonical.FileName(doc, v, lang)
}

// hash returns the SHA-256 of the canonical text of doc (or the
// agreement) of release r in lang; "" if it cannot be had, which the
// texts' own publication reports.
func (e *emitter) hash(lang model.Lang, r *model.Release, doc string) string {
	h, err := e.canonicalHash(lang, r, doc)
	if err != nil {
		return ""
	}
	return h
}

// textKey is the key of the canonical text of doc of release r in lang
// in e.texts and e.hashes: version/doc.lang.
func textKey(lang model.Lang, r *model.Release, doc string) string {
	return r.Version + "/" + canonical.Key(doc, lang)
}

// canonicalHash is the SHA-256 of canonicalText, computed once per text:
// the pages, the manifest, the archive and the PDFs of a version all state
// it.
func (e *emitter) canonicalHash(lang model.Lang, r *model.Release, doc string) (string, error) {
	key := textKey(lang, r, doc)
	if h, ok := e.hashes[key]; ok {
		return h, nil
	}
	text, err := e.canonicalText(lang, r, doc)
	if err != nil {
		return "", err
	}
	h := canonical.Hash(text)
	e.hashes[key] = h
	return h, nil
}

// bindingLanguage is the language whose version of release r prevails,
// as the release's own processor.toml says.
func bindingLanguage(r *model.Release) model.Lang { return r.Docs.Processor.Contract.BindingLanguage }

// binding returns the hashes of doc and the agreement of release r in its
// binding language, for a page in another language; nil on the binding
// language's own pages and in a portal that does not publish it.
func (e *emitter) binding(lang model.Lang, r *model.Release, doc string) *bindingView {
	b := bindingLanguage(r)
	if b == lang || !slices.Contains(e.langs, b) {
		return nil
	}
	return &bindingView{Language: string(b), LanguageName: e.s.T(lang, "languageIn_"+string(b), nil),
		SHA256: e.hash(b, r, doc), AgreementSHA256: e.hash(b, r, canonical.Agreement)}
}

// notMaterial states why release r needs no new acceptance, if it says.
func (e *emitter) notMaterial(lang model.Lang, r *model.Release) string {
	if r.NotMaterial == "" {
		return ""
	}
	return e.s.T(lang, "notMaterial", map[string]string{"Reason": r.NotMaterial})
}

// historical states that release r records a version of the past.
func (e *emitter) historical(lang model.Lang, r *model.Release) string {
	if !r.Historical {
		return ""
	}
	return e.s.T(lang, "historicalNotice", map[string]string{"Date": e.s.Date(lang, r.Recorded)})
}

// existingCustomers is how release r binds customers who agreed to an
// earlier version, as its own DPA's change clause says (the release's
// processor.toml, so a later change of the clause does not rewrite it):
// one of model.AmendModes, or "" for the first version and where the data
// do not say.
func (e *emitter) existingCustomers(r *model.Release) string {
	if e.tl.Predecessor(r) == nil {
		return ""
	}
	return r.Docs.Processor.Contract.Amendments.For(r.Material)
}

// applies says whom release r binds: new contracts from its effective
// date, which is certain, and existing customers where its DPA says how.
func (e *emitter) applies(lang model.Lang, r *model.Release) string {
	date := e.s.Date(lang, r.Effective)
	out := e.s.T(lang, "appliesNew", map[string]string{"Date": date})
	mode := e.existingCustomers(r)
	if mode == "" {
		return out
	}
	key := "appliesExisting_" + mode
	days := r.Docs.Processor.Contract.Amendments.ObjectionDays
	if mode == model.AmendNoObjection && days > 0 {
		key += "_days"
	}
	return out + " " + e.s.T(lang, key, map[string]string{"Date": date, "Days": fmt.Sprint(days)})
}

func (e *emitter) statusLabel(lang model.Lang, r *model.Release) string {
	return e.s.T(lang, "status_"+e.tl.Status(r), map[string]string{"Date": e.s.Date(lang, r.Effective)})
}

func (e *emitter) versionView(lang model.Lang, r *model.Release, doc string) *versionView {
	e = e.forRelease(r)
	tl := e.tl
	v := &versionView{
		Number:      r.Version,
		Effective:   e.date(lang, r.Effective),
		Status:      tl.Status(r),
		StatusLabel: e.statusLabel(lang, r),
		Material:    r.Material,
		NotMaterial: e.notMaterial(lang, r),
		Historical:  e.historical(lang, r),
		Applies:     e.applies(lang, r),
		Notes:       r.Notes.In(lang),
		DocNotes:    r.DocNotes[doc].In(lang),
		Permalink:   e.u.doc(lang, doc, r.Version),
		Canonical:   e.u.absolute(e.u.doc(lang, doc, r.Version)),
		TextURL:     e.textURL(lang, doc, r.Version),
		ArchiveURL:  e.u.page(lang, "versions"),
	}
	v.SHA256 = e.hash(lang, r, doc)
	v.Agreement = &agreementView{TextURL: e.textURL(lang, canonical.Agreement, r.Version), SHA256: e.hash(lang, r, canonical.Agreement)}
	if e.pdf {
		v.Agreement.PDFURL = e.agreementPDFURL(lang, r.Version)
	}
	v.Binding = e.binding(lang, r, doc)
	v.Draft = e.draftLink(lang, doc)
	if e.pdf {
		v.PDFURL = e.pdfURL(lang, doc, r.Version)
	}
	for _, o := range tl.Releases {
		v.Versions = append(v.Versions, versionLink{Number: o.Version, Label: e.s.T(lang, "versionLabel", map[string]string{"Version": o.Version}),
			URL: e.u.doc(lang, doc, o.Version), Effective: e.date(lang, o.Effective), StatusLabel: e.statusLabel(lang, o), Selected: o == r})
	}
	if prev := tl.Predecessor(r); prev != nil {
		// (An error of the comparison fails the diff page that makes it.)
		if changed, err := e.changes(lang, r, doc); err == nil && !changed {
			v.Unchanged = e.s.T(lang, "versionUnchanged", map[string]string{"Version": r.Version, "Previous": prev.Version})
		}
		v.DiffPrev = &link{Title: e.s.T(lang, "diffToPrevious", map[string]string{"Version": prev.Version}), URL: e.diffURL(lang, prev, r) + "#" + doc}
	}
	// The comparison with the current version, unless it is the one with
	// the predecessor already linked.
	if cur := tl.Current; cur != nil && cur != r && tl.Predecessor(r) != cur {
		a, b := r, cur
		if tl.Status(r) == "upcoming" {
			a, b = cur, r
		}
		v.DiffCurrent = &link{Title: e.s.T(lang, "diffToCurrent", map[string]string{"Version": cur.Version}), URL: e.diffURL(lang, a, b) + "#" + doc}
	}
	if r == tl.Current {
		if len(tl.Upcoming) > 0 && tl.Upcoming[0] != r {
			up := tl.Upcoming[0]
			v.Upcoming = &versionLink{Number: up.Version, URL: e.u.doc(lang, doc, up.Version), Effective: e.date(lang, up.Effective),
				StatusLabel: e.statusLabel(lang, up), DiffURL: e.diffURL(lang, r, up) + "#" + doc}
		}
	}
	return v
}

// docNotes returns the notes r gives single documents, in the documents'
// order, each with the document's name as Title and the note as Text.
func (e *emitter) docNotes(lang model.Lang, r *model.Release) []link {
	var out []link
	for _, doc := range canonical.Documents {
		if note := r.DocNotes[doc].In(lang); note != "" {
			out = append(out, link{Title: e.forRelease(r).s.T(lang, "nav_"+doc, nil), Text: note})
		}
	}
	return out
}

func (e *emitter) diffURL(lang model.Lang, a, b *model.Release) string {
	return e.u.page(lang, "diff/"+a.Version+"/"+b.Version)
}

// diffPairs are the comparisons the portal publishes: every release with
// its predecessor, and every other release with the current one (older
// ones as from→current, upcoming ones as current→to).
func (e *emitter) diffPairs() [][2]*model.Release {
	tl := e.tl
	var pairs [][2]*model.Release
	add := func(a, b *model.Release) {
		p := [2]*model.Release{a, b}
		if a != nil && b != nil && a != b && !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	for _, r := range tl.Releases {
		add(tl.Predecessor(r), r)
	}
	if cur := tl.Current; cur != nil {
		for _, r := range tl.Releases {
			if tl.Status(r) == "upcoming" {
				add(cur, r)
			} else {
				add(r, cur)
			}
		}
	}
	return pairs
}

type archiveView struct {
	Intro    string        `json:"intro"`
	Releases []releaseView `json:"releases"`
}

type releaseView struct {
	versionLink
	Material    bool   `json:"material"`
	NotMaterial string `json:"not_material,omitempty"`
	Historical  string `json:"historical,omitempty"`
	Applies     string `json:"applies,omitempty"`
	Notes       string `json:"notes,omitempty"`
	Documents   []link `json:"documents"`
	Texts       []link `json:"texts"`
	// DocNotes are the notes of single documents: {title, text}.
	DocNotes []link `json:"document_notes,omitempty"`
}

func (e *emitter) archive(lang model.Lang) error {
	v := archiveView{Intro: e.s.T(lang, "versionsIntro", nil)}
	for _, r := range slices.Backward(e.tl.Releases) {
		rv := releaseView{
			versionLink: versionLink{Number: r.Version, Effective: e.date(lang, r.Effective), StatusLabel: e.statusLabel(lang, r)},
			Material:    r.Material,
			NotMaterial: e.notMaterial(lang, r),
			Historical:  e.historical(lang, r),
			Applies:     e.applies(lang, r),
			Notes:       r.Notes.In(lang),
			DocNotes:    e.docNotes(lang, r),
		}
		if prev := e.tl.Predecessor(r); prev != nil {
			rv.DiffURL = e.diffURL(lang, prev, r)
		}
		for _, doc := range canonical.Documents {
			rv.Documents = append(rv.Documents, link{Title: e.s.T(lang, "nav_"+doc, nil), URL: e.u.doc(lang, doc, r.Version)})
			t := link{Title: e.s.T(lang, "nav_"+doc, nil), URL: e.textURL(lang, doc, r.Version)}
			if h, err := e.canonicalHash(lang, r, doc); err == nil {
				t.Text = h
			}
			rv.Texts = append(rv.Texts, t)
		}
		v.Releases = append(v.Releases, rv)
	}
	if len(e.tl.Releases) == 0 {
		return e.page(lang, "versions", "versions", e.s.T(lang, "nav_versions", nil), map[string]any{"doc": v})
	}
	return e.page(lang, "versions", "versions", e.s.T(lang, "nav_versions", nil),
		map[string]any{"doc": v, "feed": e.versionFeed(lang)}, "html", "atom", "jsonfeed")
}

type diffView struct {
	Old       versionLink   `json:"old"`
	New       versionLink   `json:"new"`
	Summary   []summaryView `json:"summary"`
	Documents []diffDocView `json:"documents"`
	Changed   bool          `json:"changed"`
}

type summaryView struct {
	Key     string     `json:"key"`
	Title   string     `json:"title"`
	Changes []itemView `json:"changes"`
	None    string     `json:"none,omitempty"`
}

type itemView struct {
	Anchor string `json:"anchor"`
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Note   string `json:"note"`
}

type diffDocView struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	HTML  string `json:"html"`
}

// compare returns the comparison of releases a and b in lang, computed once
// per build for the diff pages and the feeds. The comparisons in all
// languages are aligned (diff.Align): a change made in one language only is
// listed in each, so the pages of a redline have the same sections.
func (e *emitter) compare(lang model.Lang, a, b *model.Release) (*diff.Comparison, error) {
	if c, ok := e.comparisons[comparisonKey(lang, a, b)]; ok {
		return c, nil
	}
	all, err := e.compareAll(a, b)
	if err != nil {
		return nil, err
	}
	for i, l := range e.langs {
		e.comparisons[comparisonKey(l, a, b)] = all[i]
	}
	return e.comparisons[comparisonKey(lang, a, b)], nil
}

// comparisonKey is the key of the comparison of a and b in lang in
// e.comparisons.
func comparisonKey(lang model.Lang, a, b *model.Release) string {
	return string(lang) + "/" + a.Version + "/" + b.Version
}

// compareAll returns the comparisons of releases a and b in the portal's
// languages, aligned, from the memo or made anew. It is safe for
// concurrent use.
func (e *emitter) compareAll(a, b *model.Release) ([]*diff.Comparison, error) {
	if all := e.memo.comparisonsOf(a, b, e.langs); all != nil {
		return all, nil
	}
	all := make([]*diff.Comparison, len(e.langs))
	for i, l := range e.langs {
		c, err := e.comparer.Compare(&a.Docs, &b.Docs, l)
		if err != nil {
			return nil, err
		}
		all[i] = c
	}
	diff.Align(all...)
	e.memo.keepComparisons(a, b, e.langs, all)
	return all, nil
}

// forgetComparisons drops the comparisons in lang (compare makes them
// again if asked).
func (e *emitter) forgetComparisons(lang model.Lang) {
	maps.DeleteFunc(e.comparisons, func(key string, _ *diff.Comparison) bool {
		return strings.HasPrefix(key, string(lang)+"/")
	})
}

func (e *emitter) diffPage(lang model.Lang, a, b *model.Release) error {
	c, err := e.compare(lang, a, b)
	if err != nil {
		return err
	}
	v := diffView{Old: e.releaseLink(lang, a), New: e.releaseLink(lang, b), Changed: c.Changed()}
	if v.Summary, v.Documents, err = e.redline(lang, c); err != nil {
		return err
	}
	title := e.s.T(lang, "diffTitle", map[string]string{"Old": a.Version, "New": b.Version})
	return e.page(lang, "diff/"+a.Version+"/"+b.Version, "diff", title, v)
}

// releaseLink is a diff page's link to the DPA of release r.
func (e *emitter) releaseLink(lang model.Lang, r *model.Release) versionLink {
	return versionLink{Number: r.Version, URL: e.u.doc(lang, "dpa", r.Version), Effective: e.date(lang, r.Effective), StatusLabel: e.statusLabel(lang, r)}
}

// redline returns the summary of the changes of c and the redline of each
// document, as a diff page shows them.
func (e *emitter) redline(lang model.Lang, c *diff.Comparison) ([]summaryView, []diffDocView, error) {
	var summary []summaryView
	var docs []diffDocView
	for _, d := range c.Documents {
		sv := summaryView{Key: d.Key, Title: d.Title}
		for _, s := range d.Sections {
			if s.Status == diff.Unchanged {
				continue
			}
			item := itemView{Anchor: diff.Anchor(d.Key, s.ID), Label: e.sectionLabel(lang, d.Key, s),
				Kind: s.Status.String(), Note: e.s.T(lang, statusKeys[s.Status], nil)}
			if s.ReplacedBy != "" {
				item.Note += ", " + e.s.T(lang, "diffReplacedBy", map[string]string{"Name": s.ReplacedBy})
			} else if s.Replaces != "" {
				item.Note += ", " + e.s.T(lang, "diffReplaces", map[string]string{"Name": s.Replaces})
			}
			if s.Translation {
				item.Kind, item.Note = "translation", e.s.T(lang, "diffTranslationOnly", nil)
			} else if s.RenumberedVisibly() {
				renumbered := e.s.T(lang, "diffRenumbered", map[string]string{"Old": s.OldLabel, "New": s.NewLabel})
				if s.OnlyRenumbered() {
					item.Kind, item.Note = "renumbered", renumbered
				} else {
					item.Note += ", " + renumbered
				}
			}
			sv.Changes = append(sv.Changes, item)
		}
		if len(sv.Changes) == 0 {
			sv.None = e.s.T(lang, "diffNoChanges", nil)
		}
		summary = append(summary, sv)
		html, ok := e.memo.redline(c, d.Key)
		if !ok {
			var err error
			if html, err = diff.RenderDocument(c, d, lang, e.s.S); err != nil {
				return nil, nil, err
			}
			e.memo.keepRedline(c, d.Key, html)
		}
		docs = append(docs, diffDocView{Key: d.Key, Title: d.Title, HTML: html})
	}
	return summary, docs, nil
}

// sectionLabel names a changed section in the summary: "Ziffer 4 Weisungen",
// "Bereich 3 Zugangskontrolle", or the subprocessor's name.
func (e *emitter) sectionLabel(lang model.Lang, doc string, s diff.Section) string {
	title := diff.New(s.Title)
	if s.Status == diff.Removed {
		title = diff.Old(s.Title)
	}
	n := s.Label()
	if n == "" {
		return title
	}
	return n + " " + title
}

// statusKeys are the i18n keys of the statuses of changed sections.
var statusKeys = map[diff.Status]string{diff.Changed: "diffChanged", diff.Added: "diffAdded", diff.Removed: "diffRemoved"}
