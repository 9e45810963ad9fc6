// Package verify checks a rendered portal before it is published, reading
// its HTML with goquery: every page is paired with its translations through
// hreflang, translations carry the same anchors (clause, measure and
// subprocessor ids) in the same order, every internal link and anchor
// resolves, and no page, SVG or stylesheet loads anything from another host
// (every URL-bearing attribute, every URL in CSS, read with a CSS tokenizer).
// Every page declares the Content-Security-Policy and keeps to it: no inline
// script, event handler or inline style. Feeds link only to the portal, and
// the files the generator wrote itself (the acceptance manifest, the
// canonical texts) are published byte for byte.
//
// Its problems point at the rendered file: they are faults of the templates,
// not of the data.
package verify

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Site is a rendered portal in a directory.
type Site struct {
	Dir     string
	BaseURL *url.URL
	langs   []model.Lang
	pages   map[string]*page // slash path relative to Dir → page
	// formAction is the one URL on another host a form may post to.
	formAction string
	facts      Facts // nil for none
}

// page is what the checks across pages need of one HTML page, read once
// (see read): the parsed document itself is not kept, so that a site of
// thousands of pages is never held in memory at once.
type page struct {
	path    string
	ids     []string            // the ids in <main>, in document order
	anchors map[string]struct{} // every id on the page
	links   []string            // the href of every <a>, in document order
	alts    map[string]string   // hreflang → path
	isAlias bool
	// own are the page's problems found on it alone: what it loads and
	// runs, its Content-Security-Policy; dups its ids used twice.
	own, dups problem.List
}

// Generated is what the generator itself put into the site.
type Generated struct {
	// Files are the files the generator wrote (the acceptance manifest,
	// the canonical texts) by path below the site's root: the site must
	// carry exactly these bytes, whatever a template or static/ does.
	Files map[string][]byte
	// Sums are more such files, by the SHA-256 of their bytes (see
	// Digest).
	Sums map[string][sha256.Size]byte
	// CSP is the Content-Security-Policy every HTML page must declare in
	// a <meta http-equiv> before anything it loads.
	CSP string
	// FormAction is the one URL on another host that a form may post to
	// (the subscribe form of data/portal.toml); "" for none.
	FormAction string
	// Languages are the portal's languages: every page names its
	// translation in each of them, and in no other.
	Languages []model.Lang
}

// Digest returns gen with the bytes of each generated file replaced by
// their SHA-256 in Sums, but for the acceptance manifests (.json), whose
// links the checks read: the canonical texts of a long history take
// megabytes that need not be kept while Hugo renders.
func (gen Generated) Digest() Generated {
	files := map[string][]byte{}
	sums := maps.Clone(gen.Sums)
	if sums == nil {
		sums = map[string][sha256.Size]byte{}
	}
	for name, data := range gen.Files {
		if path.Ext(name) == ".json" {
			files[name] = data
		} else {
			sums[name] = sha256.Sum256(data)
		}
	}
	gen.Files, gen.Sums = files, sums
	return gen
}

// Check verifies the portal rendered into dir for baseURL against what the
// generator wrote.
func Check(dir, baseURL string, gen Generated) error { return CheckWith(dir, baseURL, gen, nil) }

// CheckWith is Check, taking what reading a page gave from facts where an
// earlier check read the same bytes at the same path in the same site (see
// Facts); facts may be nil.
func CheckWith(dir, baseURL string, gen Generated, facts Facts) error {
	base, err := url.Parse(baseURL)
	if err != nil {
		return err
	}
	s := &Site{Dir: dir, BaseURL: base, langs: gen.Languages, pages: map[string]*page{}, formAction: gen.FormAction, facts: facts}
	problems := s.generated(gen.Files, gen.Sums)
	var htmlFiles []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		ext := path.Ext(rel)
		if ext == ".html" {
			htmlFiles = append(htmlFiles, rel)
			return nil
		}
		if ext != ".css" && ext != ".svg" && ext != ".xml" && ext != ".json" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch ext {
		case ".css":
			for _, u := range cssURLs(string(data)) {
				if s.external(u) {
					problems.Add(s.problem(rel, fmt.Sprintf("stylesheet loads %q from another host", u),
						"ship the file with the portal (assets/ or static/)"))
				} else if why, hint := s.ownURL(rel, u); why != "" {
					problems.Add(s.problem(rel, fmt.Sprintf("stylesheet loads %q, which %s", u, why), hint))
				}
			}
		case ".svg":
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			problems.Merge(s.contentPolicy(rel, doc, true))
		default:
			problems.Merge(s.feedLinks(rel, data))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.readPages(htmlFiles, gen.CSP); err != nil {
		return err
	}
	problems.Merge(s.searchIndexes())
	for _, rel := range s.sortedPages() {
		pg := s.pages[rel]
		problems.Merge(pg.own)
		if pg.isAlias {
			continue
		}
		problems.Merge(s.links(pg))
		problems.Merge(pg.dups)
		if path.Base(rel) != "404.html" {
			problems.Merge(s.translations(pg))
		}
	}
	return problems.Err()
}

// readPages reads the HTML pages rel into s.pages, on every core, each
// parsed once and checked on its own (page.own, page.dups) against policy.
func (s *Site) readPages(rels []string, policy string) error {
	pages := make([]*page, len(rels))
	errs := make([]error, len(rels))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(rels), 1)) {
		wg.Go(func() {
			for i := range next {
				pages[i], errs[i] = s.read(rels[i], policy)
			}
		})
	}
	for i := range rels {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, rel := range rels {
		s.pages[rel] = pages[i]
	}
	return nil
}

func (s *Site) sortedPages() []string {
	out := make([]string, 0, len(s.pages))
	for k := range s.pages {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// read parses the page at rel and keeps what the checks across pages need
// of it; the checks of the page alone it runs at once. A page read before
// (s.facts) is not parsed again.
func (s *Site) read(rel, policy string) (*page, error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	var key string
	if s.facts != nil {
		key = s.factsKey(rel, policy, data)
		if pg, ok := s.knownPage(key, rel); ok {
			return pg, nil
		}
	}
	pg, err := s.parse(rel, policy, data)
	if err == nil && s.facts != nil && len(pg.own) == 0 && len(pg.dups) == 0 {
		s.keepPage(key, pg) // a page with problems fails the build: never kept
	}
	return pg, err
}

// parse parses the page at rel, whose bytes are data.
func (s *Site) parse(rel, policy string, data []byte) (*page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	pg := &page{path: rel, anchors: map[string]struct{}{}, alts: map[string]string{}}
	pg.isAlias = doc.Find(`meta[http-equiv="refresh"]`).Length() > 0
	doc.Find("main [id]").Each(func(_ int, e *goquery.Selection) {
		pg.ids = append(pg.ids, e.AttrOr("id", ""))
	})
	doc.Find(`head link[rel="alternate"][hreflang]`).Each(func(_ int, e *goquery.Selection) {
		href := e.AttrOr("href", "")
		if t, ok := s.resolve(rel, href); ok && !t.foreign {
			if t.outside {
				pg.alts[e.AttrOr("hreflang", "")] = href // no page of the site: translations says so
			} else {
				pg.alts[e.AttrOr("hreflang", "")] = t.rel
			}
		}
	})
	doc.Find("a[href]").Each(func(_ int, e *goquery.Selection) {
		pg.links = append(pg.links, e.AttrOr("href", ""))
	})
	pg.own = s.contentPolicy(rel, doc, false)
	pg.own.Merge(s.csp(rel, doc, policy))
	pg.dups = s.duplicateIDs(rel, doc, pg.anchors)
	return pg, nil
}

func (s *Site) problem(rel, msg, hint string) problem.Problem {
	return problem.Problem{File: path.Join(filepath.Base(s.Dir), rel), Message: msg, Hint: hint}
}

// external reports whether u points at a host other than the portal's.
func (s *Site) external(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return true
	}
	if p.Scheme == "data" || (p.Host == "" && p.Scheme == "") {
		return false
	}
	return !strings.EqualFold(p.Host, s.BaseURL.Host)
}

// links reports internal links to files or anchors that do not exist.
func (s *Site) links(pg *page) problem.List {
	var out problem.List
	for _, href := range pg.links {
		u, err := url.Parse(href)
		if err != nil {
			out.Add(s.problem(pg.path, fmt.Sprintf("link %q is not a valid URL", href), ""))
			continue
		}
		target := pg
		if u.Path != "" || u.Host != "" {
			t, _ := s.resolve(pg.path, href)
			switch {
			case t.foreign:
				continue // another site: not ours to check
			case t.outside:
				// Another site on the portal's host (the company's home
				// page at /), unless it names a page or file of the
				// portal without the base path.
				if other := s.pages[t.rel]; (other != nil && !other.isAlias) || (other == nil && s.exists(t.rel)) {
					out.Add(s.problem(pg.path, fmt.Sprintf("link %q leads outside the portal's base path %s/ (its own page is %s/%s)", href, s.basePath(), s.basePath(), strings.TrimSuffix(t.rel, "index.html")), s.outsideHint()))
				}
				continue
			}
			if target = s.pages[t.rel]; target == nil {
				if !s.exists(t.rel) {
					out.Add(s.problem(pg.path, fmt.Sprintf("link %q leads to no page", href), "fix the template or the reference"))
				}
				continue
			}
		}
		if _, ok := target.anchors[u.Fragment]; u.Fragment != "" && !ok {
			out.Add(s.problem(pg.path, fmt.Sprintf("link %q points to anchor %q, which %s does not have", href, u.Fragment, target.path),
				"anchors are the stable ids of clauses, areas, measures and subprocessors"))
		}
	}
	return out
}

// duplicateIDs reports element ids used twice on the page at rel (an
// anchor must lead to one place), and puts every id into seen.
func (s *Site) duplicateIDs(rel string, doc *goquery.Document, seen map[string]struct{}) problem.List {
	var out problem.List
	doc.Find("[id]").Each(func(_ int, e *goquery.Selection) {
		id := e.AttrOr("id", "")
		if _, dup := seen[id]; dup {
			out.Add(s.problem(rel, fmt.Sprintf("id %q is used more than once", id), "anchors must be unique on a page"))
		}
		seen[id] = struct{}{}
	})
	return out
}

// translations checks that the page names a translation in every language,
// that those exist and name it back, and that they carry the same anchors.
func (s *Site) translations(pg *page) problem.List {
	var out problem.List
	for _, lang := range slices.Sorted(maps.Keys(pg.alts)) {
		if lang != "x-default" && !slices.Contains(s.langs, model.Lang(lang)) {
			out.Add(s.problem(pg.path, fmt.Sprintf("<link rel=\"alternate\" hreflang=%q> names a language the portal does not have", lang),
				"pages name translations in the portal's languages only"))
		}
	}
	if len(s.langs) < 2 {
		return out // a page in the portal's only language has no translation
	}
	for _, lang := range s.langs {
		alt, ok := pg.alts[string(lang)]
		if !ok {
			out.Add(s.problem(pg.path, fmt.Sprintf("no <link rel=\"alternate\" hreflang=%q>", lang),
				"every page is published in each of the portal's languages and names its translations"))
			continue
		}
		other := s.pages[alt]
		if other == nil {
			out.Add(s.problem(pg.path, fmt.Sprintf("hreflang %q points to %s, which is no page of the site", lang, alt), ""))
			continue
		}
		if other == pg {
			continue
		}
		if back := other.alts[pageLang(pg)]; back != pg.path {
			out.Add(s.problem(other.path, fmt.Sprintf("does not name %s as its translation", pg.path), "hreflang links must go both ways"))
		}
		if generated(pg.path) && !slices.Equal(pg.ids, other.ids) {
			out.Add(s.problem(pg.path, fmt.Sprintf("anchors differ from its translation %s: %s", other.path, diffIDs(pg.ids, other.ids)),
				"both languages must have the same clauses, measures and subprocessors, in the same order"))
		}
	}
	return out
}

// generated reports whether the page at rel (de/dpa/2.0/index.html) is one
// the generator writes, whose anchors are the documents' ids and so the
// same in every language. The further pages of content/ are the project's
// own prose: Hugo derives their headings' ids from the words, which differ
// between the languages.
func generated(rel string) bool {
	parts := strings.Split(rel, "/")
	if len(parts) == 2 {
		return parts[1] == "index.html" // a language's home page
	}
	_, ok := model.GeneratedSections[parts[1]]
	return len(parts) > 2 && ok
}

func pageLang(pg *page) string {
	for lang, p := range pg.alts {
		if p == pg.path {
			return lang
		}
	}
	return ""
}

func diffIDs(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("#%d is %q here and %q there", i+1, a[i], b[i])
		}
	}
	return fmt.Sprintf("%d anchors here, %d there", len(a), len(b))
}
