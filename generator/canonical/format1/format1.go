// Package format1 renders canonical texts in format 1, frozen: the format
// of every release made before releases stored their canonical texts
// (docs/canonical.md). Customers recorded the SHA-256 of these texts, so
// this package must never change what it outputs for any input: it has its
// own copy of the strings (i18n/, as the tool shipped them when the format
// was frozen, with the project's own overrides on top), of the country
// names and of the reference labels. Releases made since store their
// canonical texts and are never rendered again; package canonical renders
// the working copy in the current format.
package format1

import (
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
)

// Languages are the languages format 1 was written in.
var Languages = []model.Lang{model.DE, model.EN}

//go:embed i18n
var frozen embed.FS

// frozenStrings are the strings format 1 renders with (made once per
// project's strings, see l10n.Strings.Frozen).
func frozenStrings(project *l10n.Strings) (*l10n.Strings, error) {
	return project.Frozen(frozen, Languages)
}

// Meta is what the header of a canonical text states besides the content.
type Meta struct {
	Version   string
	Effective model.Date
}

// Text returns the format 1 canonical text of document doc ("dpa", "toms",
// "subprocessors") of d in language lang. project are the project's
// strings: the messages it overrides in its own i18n/ apply, as they did
// when the text was released.
func Text(d *model.Documents, doc string, lang model.Lang, meta Meta, project *l10n.Strings) (string, error) {
	key := doc + "." + string(lang)
	s, err := frozenStrings(project)
	if err != nil {
		return "", err
	}
	must := &l10n.Must{S: s}
	w := &writer{d: d, lang: lang, s: must, refs: newResolver(d, lang, must)}
	switch doc {
	case "dpa":
		w.dpa(meta)
	case "toms":
		w.toms(meta)
	case "subprocessors":
		w.subprocessors(meta)
	default:
		return "", fmt.Errorf("canonical: unknown document %q", doc)
	}
	if err := w.err(); err != nil {
		return "", fmt.Errorf("canonical text of %s: %w", key, err)
	}
	text := Finish(w.b.String())
	if line := InvalidLine(text); line != "" {
		return "", fmt.Errorf("canonical text of %s: %q is not valid UTF-8", key, line)
	}
	return text, nil
}

// Finish applies the format's rules for the bytes: Unicode NFC, LF line
// ends, no trailing white space on a line, no empty lines at either end,
// one final LF. A CR before a line's end goes with the white space, so that
// no line ends in CR LF, whatever CRs and spaces precede the LF. Every
// later format keeps these rules.
func Finish(s string) string {
	lines := strings.Split(norm.NFC.String(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n") + "\n"
}

// InvalidLine returns the first line of text that is not valid UTF-8, or
// "". The format is UTF-8: a text that is not is refused, not hashed.
func InvalidLine(text string) string {
	for line := range strings.Lines(text) {
		if !utf8.ValidString(line) {
			return strings.TrimSuffix(line, "\n")
		}
	}
	return ""
}

// countryName names a country as format 1 did.
func countryName(code string, lang model.Lang) string {
	if n, ok := countryNames[string(lang)][code]; ok {
		return n
	}
	return code
}

type writer struct {
	d     *model.Documents
	lang  model.Lang
	s     *l10n.Must
	refs  *resolver
	b     strings.Builder
	mdErr error
}

func (w *writer) err() error {
	if w.mdErr != nil {
		return w.mdErr
	}
	return w.s.Err()
}

func (w *writer) t(id string, data any) string { return w.s.T(w.lang, id, data) }

// block writes a block of text followed by an empty line; empty blocks are
// left out.
func (w *writer) block(text string) {
	if text = strings.TrimSpace(text); text != "" {
		w.b.WriteString(text)
		w.b.WriteString("\n\n")
	}
}

func (w *writer) heading(level int, text string) {
	w.block(strings.Repeat("#", level) + " " + strings.TrimSpace(text))
}

func (w *writer) markdown(src string) {
	text, err := markdown.PlainText(src, w.refs)
	if err != nil && w.mdErr == nil {
		w.mdErr = err
	}
	w.block(text)
}

// oneLine joins a text's lines: data texts are single paragraphs.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (w *writer) header(title string, meta Meta, extra ...string) {
	w.heading(1, title)
	lines := []string{w.t("canonVersion", map[string]string{"Version": meta.Version, "Date": w.s.Date(w.lang, meta.Effective)})}
	p := w.d.Processor
	lines = append(lines, w.t("canonProcessor", map[string]string{"Name": p.Name, "Address": address(p.Address, w.lang)}))
	lines = append(lines, extra...)
	w.block(strings.Join(lines, "\n"))
}

func address(a model.Address, lang model.Lang) string {
	return strings.Join([]string{a.Street, strings.TrimSpace(a.PostalCode + " " + a.City), countryName(a.Country, lang)}, ", ")
}

func (w *writer) dpa(meta Meta) {
	doc := w.d.DPA
	w.header(doc.Title.In(w.lang), meta)
	w.markdown(doc.Preamble.In(w.lang))
	for _, c := range doc.Clauses {
		w.heading(2, c.Number+". "+c.Title.In(w.lang))
		w.markdown(c.Intro.In(w.lang))
		for _, sc := range c.SubClauses {
			w.heading(3, sc.Number+" "+sc.Title.In(w.lang))
			w.markdown(sc.Body.In(w.lang))
		}
	}
	p := w.d.Processing
	w.heading(2, w.t("annexProcessing", nil)+": "+w.t("annexProcessingTitle", nil))
	for _, f := range []struct {
		label string
		text  model.Text
	}{{"subjectMatter", p.Subject}, {"duration", p.Duration}, {"nature", p.Nature}, {"purpose", p.Purpose}} {
		w.heading(3, w.t(f.label, nil))
		w.block(oneLine(f.text.In(w.lang)))
	}
	w.heading(3, w.t("dataCategories", nil))
	var items []string
	for _, c := range p.DataCategories {
		items = append(items, item(c.Title.In(w.lang), c.Examples.In(w.lang)))
	}
	w.block(strings.Join(items, "\n"))
	w.heading(3, w.t("specialCategories", nil))
	items = nil
	for _, c := range p.SpecialCategories {
		items = append(items, item(c.Title.In(w.lang), c.Safeguards.In(w.lang)))
	}
	if len(items) == 0 {
		items = []string{w.t("specialCategoriesNone", nil)}
	}
	w.block(strings.Join(items, "\n"))
	w.heading(3, w.t("dataSubjects", nil))
	items = nil
	for _, s := range p.DataSubjects {
		items = append(items, item(s.Title.In(w.lang), ""))
	}
	w.block(strings.Join(items, "\n"))
	w.heading(3, w.t("locations", nil))
	items = nil
	for _, l := range p.Locations {
		items = append(items, item(countryName(l.Country, w.lang), l.Description.In(w.lang)))
	}
	w.block(strings.Join(items, "\n"))
}

// item is a list item "- title: detail".
func item(title, detail string) string {
	if detail = oneLine(detail); detail != "" {
		return "- " + oneLine(title) + ": " + detail
	}
	return "- " + oneLine(title)
}

func (w *writer) toms(meta Meta) {
	w.header(w.t("nav_toms", nil), meta, w.t("annexToms", nil)+" · "+w.t("annexOfDPA", nil))
	var last model.Objective
	for _, a := range w.d.TOMs.Areas {
		if a.Objective != last {
			w.heading(2, w.t("objective_"+string(a.Objective), nil)+" ("+w.t("objectiveArticle_"+string(a.Objective), nil)+")")
			last = a.Objective
		}
		w.heading(3, a.Number+" "+a.Title.In(w.lang))
		w.block(oneLine(a.Goal.In(w.lang)))
		var items []string
		for _, m := range a.Measures {
			items = append(items, "- "+m.Number+" "+oneLine(m.Text.In(w.lang)))
		}
		w.block(strings.Join(items, "\n"))
	}
}

// subprocessorFields are the fields of a subprocessor, in order, by the
// i18n key of their label.
var subprocessorFields = []string{"address", "contact", "thLocations", "thPurpose", "responsibilities",
	"dataCategories", "thSafeguard", "certifications", "scope", "dpaDate", "thSince", "website"}

func (w *writer) subprocessorField(s model.Subprocessor, key string) string {
	lang := w.lang
	switch key {
	case "address":
		return address(s.Address, lang)
	case "contact":
		// Every release in format 1 has exactly one contact per
		// subprocessor: the field was a required single table then.
		var c model.Contact
		if len(s.Contact) > 0 {
			c = s.Contact[0]
		}
		parts := []string{c.Name}
		if r := c.Role.In(lang); r != "" {
			parts[0] += " (" + r + ")"
		}
		for _, p := range []string{c.Organisation, c.Email, c.Phone, c.URL} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, ", ")
	case "thLocations":
		var places []string
		for _, l := range s.Locations {
			if l.City != "" {
				places = append(places, l.City+" ("+countryName(l.Country, lang)+")")
			} else {
				places = append(places, countryName(l.Country, lang))
			}
		}
		return strings.Join(places, ", ")
	case "thPurpose":
		return oneLine(s.Purpose.In(lang))
	case "responsibilities":
		return oneLine(s.Responsibilities.In(lang))
	case "dataCategories":
		titles := map[string]string{}
		for _, c := range w.d.Processing.DataCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		for _, c := range w.d.Processing.SpecialCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		var out []string
		for _, id := range s.DataCategories {
			out = append(out, titles[id])
		}
		return strings.Join(out, ", ")
	case "thSafeguard":
		t := w.t("safeguard_"+string(s.Safeguard), nil)
		if n := oneLine(s.SafeguardNote.In(lang)); n != "" {
			t += "; " + n
		}
		return t
	case "certifications":
		if len(s.Certifications) == 0 {
			return w.t("none", nil)
		}
		return strings.Join(s.Certifications, ", ")
	case "scope":
		if sc := oneLine(s.Scope.In(lang)); sc != "" {
			return sc
		}
		return w.t("scopeAll", nil)
	case "dpaDate":
		return w.s.Date(lang, s.DPADate)
	case "thSince":
		return w.s.Date(lang, s.Since)
	case "website":
		return s.URL
	}
	return ""
}

func (w *writer) subprocessors(meta Meta) {
	w.header(w.t("nav_subprocessors", nil), meta, w.t("annexSubprocessors", nil)+" · "+w.t("annexOfDPA", nil))
	for _, s := range w.d.Subprocessors.List {
		w.heading(2, s.Name)
		var items []string
		for _, key := range subprocessorFields {
			if v := w.subprocessorField(s, key); v != "" {
				items = append(items, item(w.t(key, nil), v))
			}
		}
		w.block(strings.Join(items, "\n"))
	}
}

// resolver renders the references of clause text as format 1 did:
// "Ziffer 4.2", "Anlage 2" … from the frozen strings, without links.
type resolver struct {
	lang     model.Lang
	strings  *l10n.Must
	clauses  map[string]string // id → number
	areas    map[string]string
	measures map[string]string
	subs     map[string]string // id → name
}

func newResolver(d *model.Documents, lang model.Lang, s *l10n.Must) *resolver {
	r := &resolver{lang: lang, strings: s, clauses: map[string]string{},
		areas: map[string]string{}, measures: map[string]string{}, subs: map[string]string{}}
	for _, c := range d.DPA.Clauses {
		r.clauses[c.ID] = c.Number
		for _, sc := range c.SubClauses {
			r.clauses[sc.ID] = sc.Number
		}
	}
	for _, a := range d.TOMs.Areas {
		r.areas[a.ID] = a.Number
		for _, m := range a.Measures {
			r.measures[m.ID] = m.Number
		}
	}
	for _, s := range d.Subprocessors.List {
		r.subs[s.ID] = s.Name
	}
	return r
}

// Resolve implements markdown.Resolver.
func (r *resolver) Resolve(ref markdown.Ref) (href, text string, ok bool) {
	num := func(n string) map[string]string { return map[string]string{"Number": n} }
	switch ref.Scheme {
	case markdown.SchemeClause:
		n, ok := r.clauses[ref.ID]
		return "", r.strings.T(r.lang, "refClause", num(n)), ok
	case markdown.SchemeAnnex:
		switch ref.ID {
		case "processing":
			return "", r.strings.T(r.lang, "annexProcessing", nil), true
		case "toms":
			return "", r.strings.T(r.lang, "annexToms", nil), true
		case "subprocessors":
			return "", r.strings.T(r.lang, "annexSubprocessors", nil), true
		}
	case markdown.SchemeArea:
		n, ok := r.areas[ref.ID]
		return "", r.strings.T(r.lang, "refArea", num(n)), ok
	case markdown.SchemeMeasure:
		n, ok := r.measures[ref.ID]
		return "", r.strings.T(r.lang, "refMeasure", num(n)), ok
	case markdown.SchemeSubprocessor:
		name, ok := r.subs[ref.ID]
		return "", name, ok
	}
	return "", "", false
}
