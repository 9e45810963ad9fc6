package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/tomlpos"
)

// Further pages. Hugo publishes every file of content/ but the generator's
// own (the home page's _index.<lang>.md and content/dpa/) as it is. The
// loader reads each of them, so that a page cannot pose as one the generator
// writes: it must be Markdown with TOML front matter, in both languages, and
// set only front matter that changes neither where nor how it is rendered.
// Where it is published follows from its path alone; validate keeps it out of
// the generated sections.

// StaticDir holds files the portal publishes as they are.
const StaticDir = "static"

// PageFrontMatter are the front matter keys a further page may set, as Hugo
// spells them (Hugo reads keys in any case). Any other key is refused: url,
// slug, aliases, layout, type, outputs, cascade, build, params … would change
// where or how the page is rendered.
var PageFrontMatter = []string{"title", "linkTitle", "description", "summary", "keywords",
	"date", "lastmod", "publishDate", "expiryDate", "weight", "draft"}

// pageFile is one language's file of a further page.
type pageFile struct {
	lang model.Lang
	page model.UserFile
}

// userPages reads the further pages of content/.
func (l *loader) userPages() []model.UserFile {
	byBase := map[string]map[model.Lang]*pageFile{}
	var bases []string
	err := fs.WalkDir(l.fsys, HomeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == HomeDir {
			return err
		}
		rel := strings.TrimPrefix(p, HomeDir+"/")
		switch {
		case d.IsDir() && rel == "dpa":
			return fs.SkipDir // the DPA's clauses, read by document
		case d.IsDir() || !d.Type().IsRegular():
			return nil // links and other non-regular files: see Symlinks
		case path.Dir(rel) == "." && strings.HasPrefix(d.Name(), "_index."):
			return nil // the home page, read by page
		}
		f := l.userPage(p)
		if f == nil {
			return nil
		}
		base := strings.TrimSuffix(strings.TrimSuffix(p, ".md"), "."+string(f.lang))
		if byBase[base] == nil {
			byBase[base] = map[model.Lang]*pageFile{}
			bases = append(bases, base)
		}
		byBase[base][f.lang] = f
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.ioErr = cmpErr(l.ioErr, fmt.Errorf("read %s: %w", HomeDir, err))
	}
	var pages []model.UserFile
	for _, base := range bases {
		for _, lang := range l.langs {
			if f := byBase[base][lang]; f != nil {
				pages = append(pages, f.page)
				continue
			}
			for _, other := range byBase[base] {
				l.problems.Add(problem.Problem{File: other.page.Src.File, Line: 1,
					Message: fmt.Sprintf("page has no %s version", lang.Name()),
					Hint:    fmt.Sprintf("every page is published in each of the portal's languages: add %s.%s.md", base, lang)})
			}
		}
	}
	return pages
}

// contentFormats are the files Hugo renders as pages besides Markdown.
var contentFormats = []string{".html", ".htm", ".markdown", ".mdown", ".mkd", ".adoc", ".asciidoc", ".ad", ".org", ".pandoc", ".pdc", ".rst"}

// userPage reads one further page, or reports why it cannot be one.
func (l *loader) userPage(name string) *pageFile {
	ext := path.Ext(name)
	if ext != ".md" {
		hint := "content/ holds Markdown pages only; put files to download in static/ (published at the same path below the site's root)"
		if slices.Contains(contentFormats, strings.ToLower(ext)) {
			hint = "write the page in Markdown, as <name>.de.md and <name>.en.md: Hugo would render this file as a page, raw HTML and scripts included"
		}
		l.problems.Add(problem.Problem{File: name, Message: "not a Markdown page (.md)", Hint: hint})
		return nil
	}
	base, lang, ok := splitLangName(path.Base(name))
	if !ok {
		l.problems.Add(problem.Problem{File: name, Message: "page file name has no language",
			Hint: "name pages " + l.fileNames("<name>")})
		return nil
	}
	if !slices.Contains(l.langs, lang) {
		l.problems.Add(problem.Problem{File: name, Message: fmt.Sprintf("page is in %s, which is not one of the portal's languages (%s)", lang.Name(), model.JoinLangs(l.langs)),
			Hint: fmt.Sprintf("name it %s.%s.md, or add %q to languages in %s", base, l.langs[0], lang, SiteFile)})
		return nil
	}
	data, ok := l.read(name)
	if !ok {
		return nil
	}
	var fm anyFrontMatter
	md, ok := l.markdown(name, data, &fm)
	if !ok {
		return nil
	}
	title, ok := l.pageFrontMatter(md, fm)
	if !ok {
		return nil
	}
	return &pageFile{lang: lang, page: model.UserFile{
		Src:   model.Src{Pos: model.Pos{File: name, Line: 1}},
		Lang:  lang,
		URL:   PageURL(strings.TrimPrefix(name, HomeDir+"/"), lang),
		Title: title,
	}}
}

// anyFrontMatter takes every key of a front matter, nested tables included,
// so that the keys are checked here rather than reported as unknown.
type anyFrontMatter map[string]any

// UnmarshalTOML implements toml.Unmarshaler.
func (f *anyFrontMatter) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("front matter is %T, not a table", v)
	}
	*f = m
	return nil
}

// pageFrontMatter checks a further page's front matter: only the keys of
// PageFrontMatter, each of its type, and a title.
func (l *loader) pageFrontMatter(md markdownFile, fm anyFrontMatter) (title string, ok bool) {
	ix, err := tomlpos.Build([]byte(md.front))
	if err != nil {
		ix, _ = tomlpos.Build(nil)
	}
	keys := make([]string, 0, len(fm))
	for k := range fm {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := len(l.problems)
	for _, k := range keys {
		pos := topKeyPos(ix, k)
		if pos.Line > 0 {
			pos.Line++ // the front matter starts on the file's second line
		}
		add := func(msg, hint string) {
			l.problems.Add(problem.Problem{File: md.name, Line: pos.Line, Col: pos.Col, Field: k, Message: msg, Hint: hint})
		}
		i := slices.IndexFunc(PageFrontMatter, func(a string) bool { return strings.EqualFold(a, k) })
		if i < 0 {
			add(fmt.Sprintf("front matter field %q is not allowed in a page", k),
				"a page may set only "+strings.Join(PageFrontMatter, ", ")+
					": where a page is published follows from its path, and how it looks from the portal's layouts (docs/data.md, further pages)")
			continue
		}
		if want := frontMatterType(PageFrontMatter[i], fm[k]); want != "" {
			add("wrong type of value: "+k+" must be "+want, "see docs/data.md, further pages")
			continue
		}
		if PageFrontMatter[i] == "title" {
			title = fm[k].(string)
		}
	}
	if strings.TrimSpace(title) == "" && len(l.problems) == n {
		l.problems.Add(problem.Problem{File: md.name, Line: 1, Field: "title", Message: "page has no title",
			Hint: `add title = "…" to the front matter`})
	}
	return title, len(l.problems) == n
}

// frontMatterType returns what type key's value v must have, or "" if it
// has it.
func frontMatterType(key string, v any) string {
	switch key {
	case "weight":
		if _, ok := v.(int64); !ok {
			return "a whole number"
		}
	case "draft":
		if _, ok := v.(bool); !ok {
			return "true or false"
		}
	case "date", "lastmod", "publishDate", "expiryDate":
		if _, ok := v.(time.Time); !ok {
			return "a date, written 2026-05-01 without quotes"
		}
	case "keywords":
		list, ok := v.([]any)
		for _, e := range list {
			if _, isString := e.(string); !isString {
				ok = false
			}
		}
		if !ok {
			return `a list of strings, ["…", "…"]`
		}
	default:
		if _, ok := v.(string); !ok {
			return "a string"
		}
	}
	return ""
}

// topKeyPos returns where the top-level key k is first written (line 0 if
// it cannot tell).
func topKeyPos(ix *tomlpos.Index, k string) tomlpos.Position {
	for _, p := range ix.Paths() {
		top := p
		if i := strings.IndexAny(p, ".["); i >= 0 {
			top = p[:i]
		}
		if strings.Trim(top, `"`) == k {
			pos, _ := ix.Lookup(p)
			return pos
		}
	}
	return tomlpos.Position{}
}

// PageURL is where Hugo publishes the page content/<rel> in lang, below the
// site's root: its path lower-cased, spaces as hyphens, a bundle's or
// section's index at its directory.
func PageURL(rel string, lang model.Lang) string {
	dir, file := path.Split(rel)
	base, _, _ := splitLangName(file)
	p := dir
	if base != "_index" && base != "index" {
		p += base + "/"
	}
	p = strings.ToLower(strings.ReplaceAll(p, " ", "-"))
	return "/" + string(lang) + "/" + p
}

// staticFiles lists the files of static/ with where they are published.
func (l *loader) staticFiles() []model.UserFile {
	var files []model.UserFile
	err := fs.WalkDir(l.fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		files = append(files, model.UserFile{Src: model.Src{Pos: model.Pos{File: p}}, URL: strings.TrimPrefix(p, StaticDir)})
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.ioErr = cmpErr(l.ioErr, fmt.Errorf("read %s: %w", StaticDir, err))
	}
	return files
}
