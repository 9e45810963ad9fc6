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
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// ThemeName is the directory of the built-in theme in the Hugo project.
const ThemeName = "trustportal"

// AnchorProcessingAnnex is the anchor of Annex 1 on the DPA page.
const AnchorProcessingAnnex = refs.AnchorProcessingAnnex

// Documents are the generated pages, in navigation order, by key.
var Documents = []string{"home", "dpa", "toms", "subprocessors", "processor"}

// Options says what to emit.
type Options struct {
	Portal  *model.Portal
	Strings *l10n.Strings
	// Theme holds the built-in layouts/, i18n/ and assets/.
	Theme fs.FS
	// Source is the absolute path of the portal project. Its layouts/,
	// i18n/, assets/, static/ and further content/ are mounted over the
	// theme and the generated pages, so a company can override any template.
	Source string
}

// Files is a Hugo project: slash-separated path → content.
type Files map[string][]byte

// Project emits the Hugo project for opts.
func Project(opts Options) (Files, error) {
	p := opts.Portal
	u, err := newURLs(p.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	e := &emitter{p: p, d: &p.Docs, u: u, s: &l10n.Must{S: opts.Strings}, files: Files{}}
	if err := e.theme(opts.Theme); err != nil {
		return nil, err
	}
	if err := e.config(opts.Source); err != nil {
		return nil, err
	}
	for _, lang := range model.Langs {
		if err := e.pages(lang); err != nil {
			return nil, err
		}
	}
	if err := e.s.Err(); err != nil {
		return nil, err
	}
	return e.files, nil
}

type emitter struct {
	p     *model.Portal
	d     *model.Documents // the version being emitted
	u     urls
	s     *l10n.Must
	files Files
}

// urls builds the portal's root-relative URLs, under the base URL's path.
type urls struct{ base string }

func newURLs(baseURL string) (urls, error) {
	b, err := url.Parse(baseURL)
	if err != nil {
		return urls{}, fmt.Errorf("base_url: %w", err)
	}
	return urls{base: strings.TrimSuffix(b.Path, "/")}, nil
}

// page returns the URL of document doc in language l.
func (u urls) page(l model.Lang, doc string) string {
	if doc == "home" {
		return u.base + "/" + string(l) + "/"
	}
	return u.base + "/" + string(l) + "/" + doc + "/"
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

func (e *emitter) config(source string) error {
	p := e.p
	type mount struct {
		Source string   `json:"source"`
		Target string   `json:"target"`
		Files  []string `json:"files,omitempty"`
	}
	mounts := []mount{{Source: "content", Target: "content"}}
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
				m.Files = []string{"! /_index.*", "! /dpa/**", "! /toms/**", "! /subprocessors/**", "! /processor/**"}
			}
			mounts = append(mounts, m)
		}
	}
	languages := map[string]any{}
	for i, lang := range model.Langs {
		var nav []map[string]string
		for _, doc := range Documents[1:] {
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
				"binding_notice":   e.s.T(lang, "bindingNotice_"+string(p.Docs.Processor.Contract.BindingLanguage), nil),
				"home_url":         e.u.page(lang, "home"),
				"nav":              nav,
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
		"markup":                         map[string]any{"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false}}},
		"security":                       map[string]any{"funcs": map[string]any{"getenv": []string{}}},
	}
	return e.writeJSON("hugo.json", cfg)
}

func (e *emitter) writeJSON(name string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("emit %s: %w", name, err)
	}
	e.files[name] = buf.Bytes()
	return nil
}

// frontMatter is a generated page: Hugo reads JSON front matter, and the page
// has no body.
type frontMatter struct {
	Title  string `json:"title"`
	Layout string `json:"layout"`
	Params any    `json:"params"`
}

func (e *emitter) page(lang model.Lang, doc, title string, params any) error {
	name := "content/_index." + string(lang) + ".md"
	if doc != "home" {
		name = "content/" + doc + "/_index." + string(lang) + ".md"
	}
	return e.writeJSON(name, frontMatter{Title: title, Layout: doc, Params: params})
}

func (e *emitter) pages(lang model.Lang) error {
	// Links on the DPA page itself stay on the page (#anchor); from anywhere
	// else they lead to the document's page.
	linker := func(onPage string) refs.URLs {
		return func(doc, anchor string) string {
			u := e.u.page(lang, doc)
			if doc == onPage {
				u = ""
			}
			if anchor != "" {
				u += "#" + anchor
			}
			return u
		}
	}
	home, err := e.homePage(lang, refs.New(e.d, lang, e.s, linker("")))
	if err != nil {
		return err
	}
	if err := e.page(lang, "home", e.p.Home.Title.In(lang), home); err != nil {
		return err
	}
	dpa, err := e.dpaPage(lang, refs.New(e.d, lang, e.s, linker("dpa")))
	if err != nil {
		return err
	}
	if err := e.page(lang, "dpa", e.d.DPA.Title.In(lang), dpa); err != nil {
		return err
	}
	if err := e.page(lang, "toms", e.s.T(lang, "nav_toms", nil), e.tomsPage(lang)); err != nil {
		return err
	}
	if err := e.page(lang, "subprocessors", e.s.T(lang, "nav_subprocessors", nil), e.subprocessorsPage(lang)); err != nil {
		return err
	}
	return e.page(lang, "processor", e.s.T(lang, "nav_processor", nil), e.processorPage(lang))
}
