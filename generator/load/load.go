// Package load reads a portal project (data/*.toml and content/**/*.md) into
// a model.Portal, keeping the file, line and column of every value so that
// problems can point at them. It checks form (syntax, types, unknown fields,
// files missing in one language); package validate checks meaning.
package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// The portal's own files, relative to the project.
const (
	SiteFile = "data/portal.toml"
	HomeDir  = "content"
)

// AdequacyFile holds the project's own adequacy decisions, which extend or
// override the tool's (optional).
const AdequacyFile = "data/adequacy.toml"

// CertificationsFile lists the processor's certifications and audit
// reports (optional).
const CertificationsFile = "data/certifications.toml"

// Layout says where the files of one version of the documents are.
type Layout struct {
	Processor, Processing, TOMs, Subprocessors string // TOML files
	DPA                                        string // directory of the DPA's Markdown files
	Structure                                  string // the optional TOML file of the DPA's structure
}

// WorkingCopy is where the legal team edits the documents.
var WorkingCopy = Layout{
	Processor:     "data/processor.toml",
	Processing:    "data/processing.toml",
	TOMs:          "data/toms.toml",
	Subprocessors: "data/subprocessors.toml",
	DPA:           "content/dpa",
	Structure:     "data/dpa.toml",
}

// ReleaseLayout is where a release snapshot in dir keeps the same files.
func ReleaseLayout(dir string) Layout {
	return Layout{
		Processor:     path.Join(dir, "processor.toml"),
		Processing:    path.Join(dir, "processing.toml"),
		TOMs:          path.Join(dir, "toms.toml"),
		Subprocessors: path.Join(dir, "subprocessors.toml"),
		DPA:           path.Join(dir, "dpa"),
		Structure:     path.Join(dir, "dpa.toml"),
	}
}

// Load reads the portal project in fsys. It returns the problems of form it
// found, and the portal unless one of them (a TOML syntax or type error, a
// missing file) leaves the model incomplete: then there is nothing to
// validate. Clauses with problems are kept with the languages and sub-clauses
// that could be read, so that references to them do not cascade into more
// problems; such a portal is only for validation, never for emitting. I/O
// errors other than missing files are returned as err.
func Load(fsys fs.FS) (p *model.Portal, problems problem.List, err error) {
	l := &loader{fsys: fsys}
	p = &model.Portal{}
	l.toml(SiteFile, &p.Site)
	l.langs = l.languages(&p.Site)
	l.brandFiles(&p.Site.Brand)
	p.Home = l.page(HomeDir, "_index")
	p.Pages, p.Static = l.userPages(), l.staticFiles()
	p.Docs = l.documents(WorkingCopy)
	l.optionalTOML(AdequacyFile, &p.Adequacy)
	l.optionalTOML(CertificationsFile, &p.Certifications)
	p.Releases = l.releases()
	if l.ioErr != nil {
		return nil, nil, l.ioErr
	}
	if l.fatal {
		return nil, l.problems, nil
	}
	return p, l.problems, nil
}

// Documents reads one version of the documents laid out as in layout, in
// languages langs.
func Documents(fsys fs.FS, layout Layout, langs []model.Lang) (*model.Documents, problem.List, error) {
	l := &loader{fsys: fsys, langs: langs}
	d := l.documents(layout)
	if l.ioErr != nil {
		return nil, nil, l.ioErr
	}
	if l.fatal {
		return nil, l.problems, nil
	}
	return &d, l.problems, nil
}

func (l *loader) documents(layout Layout) model.Documents {
	var d model.Documents
	l.toml(layout.Processor, &d.Processor)
	l.toml(layout.Processing, &d.Processing)
	l.toml(layout.TOMs, &d.TOMs)
	numberTOMs(&d.TOMs)
	l.toml(layout.Subprocessors, &d.Subprocessors)
	d.DPA = l.document(layout.DPA)
	l.optionalTOML(layout.Structure, &d.Structure)
	// In a portal of one language, that language's text is the binding
	// one: the contract need not say so.
	if c := &d.Processor.Contract; c.BindingLanguage == "" && len(l.langs) == 1 {
		c.BindingLanguage = l.langs[0]
	}
	return d
}

type loader struct {
	fsys     fs.FS
	langs    []model.Lang // the portal's languages, the first the reference
	problems problem.List
	fatal    bool
	ioErr    error
	// files, if set, are the files of the release this loader reads, read
	// ahead: read takes them from there.
	files *releaseFiles
}

func (l *loader) read(name string) ([]byte, bool) {
	if data, ok := l.files.file(name); ok {
		return data, true
	}
	data, err := fs.ReadFile(l.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil && l.ioErr == nil {
		l.ioErr = fmt.Errorf("read %s: %w", name, err)
	}
	return data, err == nil
}

func (l *loader) toml(name string, v any) {
	data, ok := l.read(name)
	if !ok {
		if l.ioErr == nil {
			hint := "every portal needs it; see docs/data.md for its fields"
			if path.Base(name) == "subprocessors.toml" {
				hint += " (a DPA without subprocessors has the file with `subprocessor = []`)"
			}
			l.problems.Add(problem.Problem{File: name, Message: "file is missing", Hint: hint})
			l.fatal = true
		}
		return
	}
	f := readTOML(name, data, v)
	l.problems.Merge(f.problems)
	l.fatal = l.fatal || f.fatal
}

// optionalTOML reads the TOML file name into v if it exists; v keeps its
// zero value, the defaults, if not.
func (l *loader) optionalTOML(name string, v any) {
	if _, err := fs.Stat(l.fsys, name); errors.Is(err, fs.ErrNotExist) {
		return
	}
	l.toml(name, v)
}

// page reads a page given as <base>.de.md and <base>.en.md in dir.
func (l *loader) page(dir, base string) model.Page {
	pg := model.Page{Src: map[model.Lang]model.Src{}}
	for _, lang := range l.langs {
		name := path.Join(dir, base+"."+string(lang)+".md")
		data, ok := l.read(name)
		if !ok {
			if l.ioErr == nil {
				l.problems.Add(problem.Problem{File: name, Message: "file is missing",
					Hint: "every page is written in each of the portal's languages: " + l.fileNames(base)})
			}
			continue
		}
		var fm struct {
			Title string `toml:"title"`
		}
		md, ok := l.markdown(name, data, &fm)
		if !ok {
			continue
		}
		pg.Src[lang] = withField(md.src, "body", md.bodyStart)
		setText(&pg.Title, lang, fm.Title)
		setText(&pg.Body, lang, md.body)
	}
	return pg
}

// withField returns s with the position of field set to line.
func withField(s model.Src, field string, line int) model.Src {
	return withPos(s, field, model.Pos{File: s.File, Line: line})
}

// withPos returns s with field at pos.
func withPos(s model.Src, field string, pos model.Pos) model.Src {
	fields := map[string]model.Pos{}
	for k, v := range s.Fields {
		fields[k] = v
	}
	fields[field] = pos
	s.Fields = fields
	return s
}

func setText(t *model.Text, lang model.Lang, s string) { t.Set(lang, s) }

// fileNames lists the names of page base's file in each language:
// "scope.de.md and scope.en.md".
func (l *loader) fileNames(base string) string {
	names := make([]string, len(l.langs))
	for i, lang := range l.langs {
		names[i] = base + "." + string(lang) + ".md"
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// languages returns the portal's languages as site declares them, or the
// default, after checking each code; a bad code is reported and left out.
func (l *loader) languages(site *model.Site) []model.Lang {
	if site.Languages == nil {
		site.Languages = slices.Clone(model.DefaultLanguages)
		return site.Languages
	}
	at := site.Src.At("languages")
	var langs []model.Lang
	for _, lang := range site.Languages {
		switch {
		case model.CheckLang(string(lang)) != nil:
			l.problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: "languages",
				Message: model.CheckLang(string(lang)).Error()})
		case slices.Contains(langs, lang):
			l.problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: "languages",
				Message: fmt.Sprintf("%q is listed twice", lang), Hint: "list each language once"})
		default:
			langs = append(langs, lang)
		}
	}
	if len(langs) == 0 {
		l.problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: "languages",
			Message: "the portal has no language", Hint: `list at least one, e.g. languages = ["de"], or remove the line for German and English`})
		l.fatal = true
		langs = slices.Clone(model.DefaultLanguages)
	}
	site.Languages = langs
	return langs
}

// clauseFile is one language's file of one clause.
type clauseFile struct {
	lang   model.Lang
	weight int
	title  string
	md     markdownFile
	subs   []subChunk
	intro  string
	// line of the intro's first line
	introLine int
	// fulfils and subFulfils are the requirements the front matter tags
	// the clause and its sub-clauses with (fulfils, subclause_fulfils);
	// tagAt has their positions by field ("fulfils",
	// "subclause_fulfils.<id>").
	fulfils    []string
	subFulfils map[string][]string
	tagAt      map[string]model.Pos
}

// document reads the DPA: dir/_index.<lang>.md and one file per clause and
// language, dir/<id>.<lang>.md.
func (l *loader) document(dir string) model.Document {
	idx := l.page(dir, "_index")
	doc := model.Document{Title: idx.Title, Preamble: idx.Body, Src: idx.Src}

	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && l.ioErr == nil {
			l.ioErr = fmt.Errorf("read %s: %w", dir, err)
		}
		return doc
	}
	files := map[string]map[model.Lang]*clauseFile{}
	refused := map[string]bool{}
	var ids []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "_index.") {
			continue
		}
		file := path.Join(dir, name)
		id, lang, ok := splitLangName(name)
		if !ok {
			l.problems.Add(problem.Problem{File: file, Message: "clause file name has no language",
				Hint: "name clause files <clause-id>.de.md and <clause-id>.en.md"})
			continue
		}
		cf := l.clauseFile(file, lang)
		if cf == nil {
			refused[id+"."+string(lang)] = true // its problems are reported
			continue
		}
		if files[id] == nil {
			files[id] = map[model.Lang]*clauseFile{}
			ids = append(ids, id)
		}
		files[id][lang] = cf
	}
	sort.Strings(ids)
	for _, id := range ids {
		if c, ok := l.clause(dir, id, files[id], refused); ok {
			doc.Clauses = append(doc.Clauses, c)
		}
	}
	slices.SortStableFunc(doc.Clauses, func(a, b model.Clause) int { return a.Weight - b.Weight })
	number(&doc)
	return doc
}

// splitLangName splits "scope.de.md" into "scope" and "de".
func splitLangName(name string) (base string, lang model.Lang, ok bool) {
	stem := strings.TrimSuffix(name, ".md")
	i := strings.LastIndexByte(stem, '.')
	if i < 0 {
		return "", "", false
	}
	lang = model.Lang(stem[i+1:])
	return stem[:i], lang, model.CheckLang(string(lang)) == nil
}

func (l *loader) clauseFile(name string, lang model.Lang) *clauseFile {
	data, ok := l.read(name)
	if !ok {
		return nil
	}
	var fm struct {
		Title            string              `toml:"title"`
		Weight           *int                `toml:"weight"`
		Fulfils          []string            `toml:"fulfils"`
		SubclauseFulfils map[string][]string `toml:"subclause_fulfils"`
	}
	md, ok := l.markdown(name, data, &fm)
	if !ok {
		return nil
	}
	cf := &clauseFile{lang: lang, title: fm.Title, md: md, fulfils: fm.Fulfils, subFulfils: fm.SubclauseFulfils}
	if fm.Fulfils != nil || fm.SubclauseFulfils != nil {
		cf.tagAt = tagPositions(md)
	}
	if fm.Weight == nil {
		l.problems.Add(problem.Problem{File: name, Line: md.src.Line, Field: "weight",
			Message: "front matter has no weight",
			Hint:    "add weight = <number>: clauses are ordered by ascending weight (10, 20, 30 …)"})
	} else {
		cf.weight = *fm.Weight
	}
	cf.intro, cf.introLine, cf.subs = splitSubClauses(md)
	return cf
}

// clause joins the language files of one clause.
//
// refused names the files ("<id>.<lang>") that exist but could not be read,
// whose problems are reported already: a clause is not said to lack them.
func (l *loader) clause(dir, id string, files map[model.Lang]*clauseFile, refused map[string]bool) (model.Clause, bool) {
	var some *clauseFile // a file that was read, for a partial clause
	for _, lang := range l.langs {
		if some == nil && files[lang] != nil {
			some = files[lang]
		}
	}
	if some == nil { // only files in languages the portal does not have
		for _, lang := range sortedLangs(files) {
			f := files[lang]
			l.problems.Add(problem.Problem{File: f.md.name, Line: 1,
				Message: fmt.Sprintf("clause file is in %s, which is not one of the portal's languages (%s)", lang.Name(), model.JoinLangs(l.langs)),
				Hint:    fmt.Sprintf("name it %s, or add %q to languages in %s", path.Join(dir, id+"."+string(l.langs[0])+".md"), lang, SiteFile)})
		}
		return model.Clause{}, false
	}
	for _, lang := range sortedLangs(files) {
		if !slices.Contains(l.langs, lang) {
			l.problems.Add(problem.Problem{File: files[lang].md.name, Line: 1,
				Message: fmt.Sprintf("clause %q is written in %s, which is not one of the portal's languages (%s)", id, lang.Name(), model.JoinLangs(l.langs)),
				Hint:    fmt.Sprintf("remove the file, or add %q to languages in %s", lang, SiteFile)})
		}
	}
	for _, lang := range l.langs {
		if files[lang] == nil {
			if refused[id+"."+string(lang)] {
				return partialClause(id, some), true
			}
			l.problems.Add(problem.Problem{
				File:    some.md.name,
				Line:    1,
				Message: fmt.Sprintf("clause %q has no %s version", id, lang.Name()),
				Hint:    fmt.Sprintf("add %s with the same sub-clauses, or remove the clause in every language", path.Join(dir, id+"."+string(lang)+".md")),
			})
			return partialClause(id, some), true
		}
	}
	c := model.Clause{ID: id, Src: map[model.Lang]model.Src{}}
	ref := files[l.langs[0]] // the first language is the reference
	for _, lang := range l.langs[1:] {
		f := files[lang]
		if f.weight != ref.weight {
			l.problems.Add(problem.Problem{File: f.md.name, Line: f.md.src.Line, Field: "weight",
				Message: fmt.Sprintf("weight %d differs from the %s file's %d", f.weight, ref.lang.Name(), ref.weight),
				Hint:    "a clause has one place in the DPA: give every language file the same weight"})
		}
		if !sameIDs(ref.subs, f.subs) {
			l.problems.Add(problem.Problem{File: f.md.name, Line: firstLine(f), Field: "sub-clauses",
				Message: fmt.Sprintf("sub-clauses %s differ from the %s file's %s", idList(f.subs), ref.lang.Name(), idList(ref.subs)),
				Hint:    "every language needs the same {#id} markers in the same order"})
			return partialClause(id, ref), true
		}
	}
	c.Weight = ref.weight
	l.sameTags(ref, files)
	l.unknownSubClauses(ref)
	c.Fulfils = ref.fulfils
	for _, lang := range l.langs {
		f := files[lang]
		c.Title.Set(lang, f.title)
		c.Intro.Set(lang, f.intro)
		c.Src[lang] = withField(f.md.src, "intro", f.introLine)
	}
	for field, at := range ref.tagAt {
		c.Src[ref.lang] = withPos(c.Src[ref.lang], field, at)
	}
	for i := range ref.subs {
		sc := model.SubClause{ID: ref.subs[i].id, Src: map[model.Lang]model.Src{}, Fulfils: ref.subFulfils[ref.subs[i].id]}
		for _, lang := range l.langs {
			f := files[lang]
			chunk := f.subs[i]
			sc.Title.Set(lang, chunk.title)
			sc.Body.Set(lang, chunk.body)
			sc.Src[lang] = withField(model.Src{Pos: model.Pos{File: f.md.name, Line: chunk.line}}, "body", chunk.bodyLine)
		}
		if at, ok := ref.tagAt["subclause_fulfils."+sc.ID]; ok {
			sc.Src[ref.lang] = withPos(sc.Src[ref.lang], "fulfils", at)
		}
		c.SubClauses = append(c.SubClauses, sc)
	}
	return c, true
}

// sortedLangs returns the languages of files, sorted.
func sortedLangs(files map[model.Lang]*clauseFile) []model.Lang {
	out := make([]model.Lang, 0, len(files))
	for lang := range files {
		out = append(out, lang)
	}
	slices.Sort(out)
	return out
}

// partialClause is a clause read in one language only, kept so that its
// ids are known while the rest is validated.
func partialClause(id string, f *clauseFile) model.Clause {
	c := model.Clause{ID: id, Weight: f.weight, Src: map[model.Lang]model.Src{f.lang: withField(f.md.src, "intro", f.introLine)}}
	setText(&c.Title, f.lang, f.title)
	setText(&c.Intro, f.lang, f.intro)
	for _, s := range f.subs {
		sc := model.SubClause{ID: s.id, Src: map[model.Lang]model.Src{
			f.lang: withField(model.Src{Pos: model.Pos{File: f.md.name, Line: s.line}}, "body", s.bodyLine)}}
		setText(&sc.Title, f.lang, s.title)
		setText(&sc.Body, f.lang, s.body)
		c.SubClauses = append(c.SubClauses, sc)
	}
	return c
}

func firstLine(cf *clauseFile) int {
	if len(cf.subs) > 0 {
		return cf.subs[0].line
	}
	return cf.md.src.Line
}

func sameIDs(a, b []subChunk) bool {
	return slices.EqualFunc(a, b, func(x, y subChunk) bool { return x.id == y.id })
}

func idList(subs []subChunk) string {
	ids := make([]string, len(subs))
	for i, s := range subs {
		ids[i] = s.id
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

// numberTOMs puts the areas in the annex's order and numbers areas, groups
// and measures in it. By objective (the default), the areas are sorted by
// their Art. 32(1) objective, keeping the written order within one; an
// unknown or missing objective sorts last, and validate reports it. As
// written, nothing moves.
func numberTOMs(t *model.TOMs) {
	if !t.AsWritten() {
		rank := func(a model.Area) int {
			if i := slices.Index(model.Objectives, a.Objective); i >= 0 {
				return i
			}
			return len(model.Objectives)
		}
		slices.SortStableFunc(t.Areas, func(a, b model.Area) int { return rank(a) - rank(b) })
	}
	for i := range t.Areas {
		a := &t.Areas[i]
		a.Number = strconv.Itoa(i + 1)
		numberMeasures(a.Measures, a.Number)
		for j := range a.Groups {
			g := &a.Groups[j]
			g.Number = a.Number + "." + strconv.Itoa(len(a.Measures)+j+1)
			numberMeasures(g.Measures, g.Number)
		}
	}
}

// numberMeasures numbers measures under parent: "3.1", "3.2" ….
func numberMeasures(ms []model.Measure, parent string) {
	for i := range ms {
		ms[i].Number = parent + "." + strconv.Itoa(i+1)
	}
}

// number assigns clause numbers from the clauses' order.
func number(doc *model.Document) {
	for i := range doc.Clauses {
		c := &doc.Clauses[i]
		c.Number = strconv.Itoa(i + 1)
		for j := range c.SubClauses {
			c.SubClauses[j].Number = c.Number + "." + strconv.Itoa(j+1)
		}
	}
}
