// Package emit turns a validated portal into a Hugo project: a site
// configuration, the built-in theme, and one generated page per document and
// language whose front matter holds everything its template shows, already
// numbered, resolved, localised and rendered. Templates only arrange it.
//
// The project is returned as a set of files (Files) so that a build writes
// it once and the development server can rewrite only what changed.
package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
	"github.com/trustportal/trustportal/generator/release"
)

// ThemeName is the directory of the built-in theme in the Hugo project.
const ThemeName = "trustportal"

// AnchorProcessingAnnex is the anchor of Annex 1 on the DPA page.
const AnchorProcessingAnnex = refs.AnchorProcessingAnnex

// Navigation lists the generated pages in the order the navigation and the
// home page show them.
var Navigation = []string{"dpa", "toms", "subprocessors", "versions", "processor"}

// Options says what to emit.
type Options struct {
	Portal  *model.Portal
	Strings *l10n.Strings
	// ReleaseStrings are the strings a release's pages are made with, by
	// version, for the releases that store them (see forRelease).
	ReleaseStrings map[string]*l10n.Strings
	// Theme holds the built-in layouts/, i18n/ and assets/.
	Theme fs.FS
	// Today decides which release is current and which are upcoming.
	Today model.Date
	// PDF links every version page to a PDF of it, which the caller prints
	// (Project.PDFs lists them).
	PDF bool
	// Drafts also emits the draft pages of a working copy that differs
	// from the latest release (see drafts.go): for serve and build
	// --drafts, never for the published portal.
	Drafts bool
	// Memo, if set, keeps what emitting computed from the releases for
	// the next Emit (see Memo): serve's.
	Memo *Memo
	// Source is the absolute path of the portal project. Its layouts/,
	// i18n/, assets/, static/ and further content/ are mounted over the
	// theme and the generated pages, so a company can override any template.
	Source string
}

// Files is a Hugo project: slash-separated path → content.
type Files map[string][]byte

// Project is an emitted Hugo project.
type Project struct {
	Files Files
	// PDFs are the PDFs the pages link to (with Options.PDF): the caller
	// prints them into the rendered site.
	PDFs []PDF
	// Generated are the files the generator writes itself (the manifest,
	// the canonical texts), by path below the published site's root: the
	// rendered site must carry exactly these bytes.
	Generated map[string][]byte
	// Expected are the files the rendered site must contain, PDFs
	// included (see expected.go).
	Expected []string
	// CSP is the Content-Security-Policy every page carries; FormAction
	// the one URL outside the portal a form may post to (subscribe.go).
	CSP, FormAction string
	// Versioned are the pages of released versions and the redlines
	// between them, sorted by content file: a build may take what Hugo
	// rendered for them last time (see package pagecache).
	Versioned []VersionedPage
}

// VersionedPage is a page of a released version, or a redline between two,
// in one language. Its layout reads nothing but the page itself, the
// site's configuration, layouts, strings and data, and of other pages
// their titles, addresses and output formats: so what Hugo renders for it
// depends on nothing else in the project.
type VersionedPage struct {
	// Content is the page's content file in Files; Translations the
	// content files of the same page in the other languages.
	Content      string
	Translations []string
	// Outputs are the files Hugo publishes for it, below the site root.
	Outputs []string
	// Linked is a content file to put in Content's place when the page is
	// not to be rendered: Hugo then lists it and links to it, with the
	// same title and output formats, but writes none of its files.
	Linked []byte
}

// PDF is a page to print and where its PDF goes.
type PDF struct {
	Page   string // root-relative URL of the page
	File   string // root-relative URL of the PDF
	Footer string // HTML of the PDF's footer
	Header string // HTML of the PDF's header; "" for none
}

// Emit emits the Hugo project for opts.
func Emit(opts Options) (*Project, error) {
	e, err := newEmitter(opts)
	if err != nil {
		return nil, err
	}
	if err := e.words(opts.ReleaseStrings); err != nil {
		return nil, err
	}
	if opts.Drafts {
		if err := e.prepareDraft(); err != nil {
			return nil, err
		}
	}
	if err := e.theme(opts.Theme); err != nil {
		return nil, err
	}
	brandViews, err := e.brand()
	if err != nil {
		return nil, err
	}
	if err := e.config(opts.Source, brandViews); err != nil {
		return nil, err
	}
	if err := e.diffPages(); err != nil {
		return nil, err
	}
	// What the comparisons were made from, and each language's comparisons
	// once its pages are written, are garbage.
	e.comparer.Forget()
	for _, lang := range e.langs {
		if err := e.pages(lang); err != nil {
			return nil, err
		}
		e.forgetComparisons(lang)
	}
	for _, s := range append([]*l10n.Must{e.s}, slices.Collect(maps.Values(e.releaseStrings))...) {
		if err := s.Err(); err != nil {
			return nil, err
		}
	}
	e.memo.end(e.tl.Releases)
	return &Project{Files: e.files, PDFs: e.pdfs, Generated: e.generated, Expected: e.expectedFiles(), CSP: e.policy(), FormAction: e.formAction(), Versioned: e.versionedPages()}, nil
}

// newEmitter returns the emitter of opts, with nothing emitted yet.
func newEmitter(opts Options) (*emitter, error) {
	p := opts.Portal
	u, err := newURLs(p.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	e := &emitter{p: p, langs: p.Site.Languages, d: &p.Docs, tl: release.NewTimeline(p, opts.Today), u: u, s: &l10n.Must{S: opts.Strings},
		files: Files{}, generated: map[string][]byte{}, texts: map[string]string{}, hashes: map[string]string{}, comparisons: map[string]*diff.Comparison{}, summaries: map[string]*changeSummary{}, reports: map[*model.Documents]legal.Report{}, figures: legal.NewFigures(), pdf: opts.PDF}
	e.project = e.s
	e.comparer = diff.NewComparer(opts.Strings)
	e.memo = opts.Memo
	e.memo.begin(opts.Strings, e.langs)
	e.releaseStrings = e.frozenStrings(opts.ReleaseStrings)
	return e, nil
}

type emitter struct {
	p     *model.Portal
	langs []model.Lang     // the portal's languages
	d     *model.Documents // the version being emitted
	// objection is the objection period of the version being emitted (see
	// objectionDays).
	objection int
	tl        *release.Timeline
	u         urls
	// s are the strings of the pages being emitted: project are the
	// project's (tool's and project's i18n/), releaseStrings those of each
	// release's pages (see forRelease).
	s              *l10n.Must
	project        *l10n.Must
	releaseStrings map[string]*l10n.Must
	// releaseWords names, by version, the release whose stored words the
	// version's pages take (see frozenStrings and words); wordsKeys gives,
	// by that release, the key of its words' data file.
	releaseWords map[string]string
	wordsKeys    map[string]string
	files        Files
	// generated are the files written by the generator itself, see generate
	generated map[string][]byte
	texts     map[string]string // canonical texts by version/doc.lang, see canonicalText
	hashes    map[string]string // their SHA-256, by the same key, see canonicalHash
	// comparisons by lang/old/new, see compare
	comparisons map[string]*diff.Comparison
	comparer    *diff.Comparer // makes them, each version's sections once
	// summaries of the comparisons the pages read, by the same key
	summaries map[string]*changeSummary
	memo      *Memo // keeps them and the reports for the next Emit, or nil
	// reports are the legal checks of each version, see checklistPage
	reports map[*model.Documents]legal.Report
	// figures are the figures of the texts the legal checks have read
	figures *legal.Figures
	pdf     bool  // link and list PDFs of the version pages
	pdfs    []PDF // the PDFs to print

	pageFiles []string        // what Hugo publishes for the generated pages, see expectPage
	versioned []VersionedPage // see Project.Versioned
	draft     *draft          // the draft pages' working copy, nil for none (drafts.go)
}

// urls builds the portal's root-relative URLs, under the base URL's path.
type urls struct {
	origin string // scheme and host of the base URL
	base   string // its path, without the final slash
}

func newURLs(baseURL string) (urls, error) {
	b, err := url.Parse(baseURL)
	if err != nil {
		return urls{}, fmt.Errorf("base_url: %w", err)
	}
	return urls{origin: b.Scheme + "://" + b.Host, base: strings.TrimSuffix(b.Path, "/")}, nil
}

// absolute turns a root-relative URL of the portal into an absolute one.
func (u urls) absolute(path string) string { return u.origin + path }

// page returns the URL of page path ("" for home, "dpa", "versions" …) in
// language l.
func (u urls) page(l model.Lang, path string) string {
	if path == "" || path == "home" {
		return u.base + "/" + string(l) + "/"
	}
	return u.base + "/" + string(l) + "/" + path + "/"
}

// doc returns the URL of document doc at version segment seg ("" for the
// current version's unversioned URL).
func (u urls) doc(l model.Lang, doc, seg string) string {
	if seg == "" {
		return u.page(l, doc)
	}
	return u.page(l, doc+"/"+seg)
}

func (e *emitter) theme(theme fs.FS) error {
	return fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		e.files[path.Join("themes", ThemeName, p)] = data
		return nil
	})
}

// ownedSections are the directories of a project's content/ that the
// generator writes itself: the documents' (read by load) and its own pages.
var ownedSections = []string{"dpa", "toms", "subprocessors", "processor", "search"}

// ProjectContent reports whether rel, a file of a project's content/ (a
// path with slashes), is published by Hugo as it is: anything but the
// home page and the sections the generator writes.
func ProjectContent(rel string) bool {
	first, _, nested := strings.Cut(rel, "/")
	if !nested {
		return !strings.HasPrefix(first, "_index.")
	}
	return !slices.Contains(ownedSections, first)
}

func (e *emitter) config(source string, brandViews map[model.Lang]*brandView) error {
	p := e.p
	type mount struct {
		Source string   `json:"source"`
		Target string   `json:"target"`
		Files  []string `json:"files,omitempty"`
	}
	mounts := []mount{{Source: "content", Target: "content"}, {Source: "static", Target: "static"}}
	if source != "" {
		// The generator owns the home page and the DPA's files; everything
		// else in content/ is published by Hugo as it is.
		for _, dir := range []string{"content", "layouts", "i18n", "assets", "static"} {
			abs := filepath.Join(source, dir)
			if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
				continue
			}
			m := mount{Source: abs, Target: dir}
			if dir == "content" {
				// The generator owns the home page and the documents;
				// everything else in content/ is published as it is.
				m.Files = []string{"! /_index.*"}
				for _, section := range ownedSections {
					m.Files = append(m.Files, "! /"+section+"/**")
				}
			}
			mounts = append(mounts, m)
		}
	}
	languages := map[string]any{}
	for i, lang := range e.langs {
		var nav []map[string]string
		for _, doc := range Navigation {
			nav = append(nav, map[string]string{"key": doc, "title": e.s.T(lang, "nav_"+doc, nil), "url": e.u.page(lang, doc)})
		}
		languages[string(lang)] = map[string]any{
			"weight": i + 1,
			"label":  e.s.T(lang, "languageName", nil),
			"locale": e.s.T(lang, "locale", nil),
			"title":  p.Site.Title.In(lang),
			"params": map[string]any{
				"portal_title":     p.Site.Title.In(lang),
				"processor_name":   p.Docs.Processor.Name,
				"binding_language": string(p.Docs.Processor.Contract.BindingLanguage),
				"binding_notice":   e.bindingNotice(lang, p.Docs.Processor.Contract.BindingLanguage, p.Site.IsUnofficial(lang)),
				"unofficial":       len(e.langs) > 1 && p.Site.IsUnofficial(lang),
				"home_url":         e.u.page(lang, "home"),
				"pdf":              e.pdf,
				"csp":              e.policy(),
				"subscribe":        e.subscribeParams(),
				"nav":              nav,
				"brand":            brandViews[lang], // null without a brand
				"search_url":       e.u.page(lang, "search"),
			},
		}
	}
	cfg := map[string]any{
		"baseURL":                        p.Site.BaseURL,
		"defaultContentLanguage":         string(p.Docs.Processor.Contract.BindingLanguage),
		"defaultContentLanguageInSubdir": true,
		"disableKinds":                   []string{"taxonomy", "term", "rss"},
		"theme":                          ThemeName,
		"timeZone":                       "UTC",
		"enableRobotsTXT":                false,
		"languages":                      languages,
		"module":                         map[string]any{"mounts": mounts},
		// No raw HTML, and highlighted code with classes: inline styles
		// are against the Content-Security-Policy.
		"markup": map[string]any{"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false}},
			"highlight": map[string]any{"noClasses": false}},
		"security": map[string]any{"funcs": map[string]any{"getenv": []string{}}},
		"mediaTypes": map[string]any{
			"application/atom+xml":  map[string]any{"suffixes": []string{"xml"}},
			"application/feed+json": map[string]any{"suffixes": []string{"json"}},
		},
		"outputFormats": map[string]any{
			// …/dpa/2.0/embed.html: the DPA for an iframe in a signup form.
			"embed": map[string]any{"mediaType": "text/html", "baseName": "embed", "isHTML": true, "noUgly": true, "notAlternative": true},
			"atom":  map[string]any{"mediaType": "application/atom+xml", "baseName": "feed", "rel": "alternate"},
			"jsonfeed": map[string]any{"mediaType": "application/feed+json", "baseName": "feed", "rel": "alternate",
				"isPlainText": true},
			// …/search/index.json: the search page's index (search.go).
			"searchindex": map[string]any{"mediaType": "application/json", "baseName": "index", "isPlainText": true, "notAlternative": true},
		},
	}
	return e.writeJSON("hugo.json", cfg)
}

// bindingNotice is what the pages in lang say about the binding language
// version: nothing in a portal of one language (there is no other version),
// that a version marked unofficial is an unofficial translation which the
// binding version prevails over, and otherwise which version is binding.
func (e *emitter) bindingNotice(lang, binding model.Lang, unofficial bool) string {
	if len(e.langs) < 2 {
		return ""
	}
	if unofficial {
		return e.s.T(lang, "unofficialNotice", map[string]string{"Binding": e.s.T(lang, "languageIn_"+string(binding), nil)})
	}
	return e.s.T(lang, "bindingNotice_"+string(binding), nil)
}

// writeJSON writes v as the file name of the Hugo project, in JSON without
// indentation, which Hugo reads as well and encoding writes in a third of
// the time (jq . shows a file of --hugo-source indented).
func (e *emitter) writeJSON(name string, v any) error {
	b, err := encodeJSON(v)
	if err != nil {
		return fmt.Errorf("emit %s: %w", name, err)
	}
	e.files[name] = b
	return nil
}

// encodeJSON returns v as the generated files write it: JSON without
// HTML escapes, and a newline.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	// A copy of the exact size: the buffer has grown to twice as much.
	return bytes.Clone(buf.Bytes()), nil
}

// frontMatter is a generated page: Hugo reads JSON front matter, and the page
// has no body.
type frontMatter struct {
	Title   string   `json:"title"`
	Layout  string   `json:"layout"`
	Outputs []string `json:"outputs,omitempty"`
	Params  any      `json:"params"`
	// Preview and Sitemap mark a draft page (drafts.go): a banner and
	// noindex, and no entry in the sitemap.
	Preview *previewView    `json:"preview,omitempty"`
	Sitemap map[string]bool `json:"sitemap,omitempty"`
	// Drafts is the home page's notice of the draft pages, in that mode.
	Drafts *previewView `json:"drafts,omitempty"`
}

// page writes the page at path (slash-separated below the language, ""
// for the home page) in language lang, rendered with layout.
func (e *emitter) page(lang model.Lang, path, layout, title string, params any, outputs ...string) error {
	name := "content/_index." + string(lang) + ".md"
	if section, _, _ := strings.Cut(path, "/"); path != "" && model.GeneratedSections[section] == "" {
		// validate keeps the project's pages out of these sections only
		return fmt.Errorf("emit: page %s is outside the generated sections (model.GeneratedSections)", path)
	}
	if path != "" {
		name = "content/" + path + "/_index." + string(lang) + ".md"
	}
	before := len(e.pageFiles)
	e.expectPage(lang, path, outputs)
	fm := frontMatter{Title: title, Layout: layout, Outputs: outputs, Params: params}
	if isDraftPage(path) {
		fm.Preview, fm.Sitemap = e.preview(lang), map[string]bool{"disable": true}
	} else if path == "" && e.draft != nil {
		fm.Drafts = e.draftsNotice(lang)
	} else if strings.Contains(path, "/") {
		// below a document's section: a version's page, or a redline
		linked, err := json.Marshal(linkedPage{Title: title, Layout: layout, Outputs: outputs, Build: linkOnly})
		if err != nil {
			return fmt.Errorf("emit %s: %w", name, err)
		}
		e.versioned = append(e.versioned, VersionedPage{Content: name, Outputs: slices.Clone(e.pageFiles[before:]), Linked: append(linked, '\n')})
	}
	return e.writeJSON(name, fm)
}

// linkedPage is a generated page that Hugo lists and links to but does not
// render (VersionedPage.Linked).
type linkedPage struct {
	Title   string       `json:"title"`
	Layout  string       `json:"layout"`
	Outputs []string     `json:"outputs,omitempty"`
	Build   buildOptions `json:"build"`
}

var linkOnly = buildOptions{List: "always", Render: "link", PublishResources: false}

type buildOptions struct {
	List             string `json:"list"`
	Render           string `json:"render"`
	PublishResources bool   `json:"publishResources"`
}

// versionedPages returns e.versioned sorted, each with its translations.
func (e *emitter) versionedPages() []VersionedPage {
	out := slices.Clone(e.versioned)
	byDir := map[string][]string{}
	for _, p := range out {
		dir := path.Dir(p.Content)
		byDir[dir] = append(byDir[dir], p.Content)
	}
	for i := range out {
		for _, other := range byDir[path.Dir(out[i].Content)] {
			if other != out[i].Content {
				out[i].Translations = append(out[i].Translations, other)
			}
		}
		slices.Sort(out[i].Translations)
	}
	slices.SortFunc(out, func(a, b VersionedPage) int { return strings.Compare(a.Content, b.Content) })
	return out
}

// linker returns where references lead from a page of the version at seg
// ("" for the unversioned pages): to the same version of each document, and
// within the page itself to the bare #anchor.
func (e *emitter) linker(lang model.Lang, seg, onPage string) refs.URLs {
	return func(doc, anchor string) string {
		u := e.u.doc(lang, doc, seg)
		if doc == onPage {
			u = ""
		}
		if anchor != "" {
			u += "#" + anchor
		}
		return u
	}
}

func (e *emitter) pages(lang model.Lang) error {
	home, err := e.homePage(lang, refs.New(e.d, lang, e.s, e.linker(lang, "", "")))
	if err != nil {
		return err
	}
	if err := e.page(lang, "", "home", e.p.Home.Title.In(lang), home); err != nil {
		return err
	}
	if err := e.page(lang, "processor", "processor", e.s.T(lang, "nav_processor", nil), e.processorPage(lang)); err != nil {
		return err
	}
	if err := e.searchPage(lang); err != nil {
		return err
	}
	return e.versions(lang)
}

// docPages writes the pages of the three documents of d under seg ("" for
// the unversioned URLs); version gives each page its version block, feeds
// the feeds a page also renders (by document).
func (e *emitter) docPages(lang model.Lang, r *model.Release, seg string, version func(doc string) *versionView, feeds map[string]feedView) error {
	ve := *e
	d := &e.p.Docs // the working copy, before the first release
	ve.objection = e.p.Site.ObjectionDays
	if r != nil {
		ve = *e.forRelease(r)
		d, ve.objection = &r.Docs, e.objectionDays(r)
	}
	ve.d = d
	dpa, err := ve.dpaPage(lang, refs.New(d, lang, ve.s, e.linker(lang, seg, "dpa")))
	if err != nil {
		return err
	}
	toms, err := ve.tomsPage(lang, refs.New(d, lang, ve.s, e.linker(lang, seg, "toms")))
	if err != nil {
		return err
	}
	subs := ve.subprocessorsPage(lang)
	lb := labels.New(d.Structure, lang, ve.s)
	for _, pg := range []struct {
		doc, title string
		params     any
	}{
		{"dpa", d.DPA.Title.In(lang), dpa},
		{"toms", lb.Title(model.PartTOMs), toms},
		{"subprocessors", lb.Title(model.PartSubprocessors), subs},
	} {
		params := map[string]any{"doc": pg.params, "version": version(pg.doc)}
		if pg.doc == "dpa" {
			params["checklist_url"] = e.checklistURL(lang, checklistSeg(r, seg))
		}
		if r != nil {
			params["binding_notice"] = ve.releaseBinding(lang, r)
			if w := e.wordsParam(r.Version); w != "" {
				params["frozen_words"] = w
			}
		}
		var outputs []string
		if pg.doc == "dpa" && seg != "" && seg != DraftSegment {
			outputs = []string{"html", "embed"} // a version's permanent DPA page can be embedded
		}
		if f, ok := feeds[pg.doc]; ok {
			params["feed"] = f
			outputs = []string{"html", "atom", "jsonfeed"}
		}
		if err := e.page(lang, strings.TrimSuffix(pg.doc+"/"+seg, "/"), pg.doc, pg.title, params, outputs...); err != nil {
			return err
		}
	}
	if seg != "" && e.pdf {
		return e.agreementPage(&ve, lang, r, version("dpa"), []agreementPart{
			{"dpa", d.DPA.Title.In(lang), dpa}, {"toms", lb.Title(model.PartTOMs), toms}, {"subprocessors", lb.Title(model.PartSubprocessors), subs}})
	}
	return nil
}
