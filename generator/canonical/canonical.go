// Package canonical writes the canonical text of each document and
// language: the plain text a version's SHA-256 is computed over, so that a
// customer's acceptance can be tied to exactly the text it saw and anyone
// can recompute the hash from the published file (docs/canonical.md).
//
// Text renders the working copy in the current format; trustportal release
// stores what it rendered in the release, and the release's text is that
// file forever after (Released). Releases made before texts were stored are
// rendered by package format1, frozen. So the current format may evolve
// without changing any released text.
package canonical

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/canonical/format1"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// Documents are the keys of the versioned documents, in order.
var Documents = []string{"dpa", "toms", "subprocessors"}

// Key names a document in a language, as the lock and the manifest do:
// "dpa.de".
func Key(doc string, lang model.Lang) string { return doc + "." + string(lang) }

// Meta is what the header of a canonical text states besides the content.
type Meta struct {
	Version   string
	Effective model.Date
}

// Texts returns the canonical text of every document of d in each of
// languages langs, by Key.
func Texts(d *model.Documents, langs []model.Lang, meta Meta, s *l10n.Strings) (map[string]string, error) {
	out := map[string]string{}
	for _, doc := range Documents {
		for _, lang := range langs {
			t, err := Text(d, doc, lang, meta, s)
			if err != nil {
				return nil, err
			}
			out[Key(doc, lang)] = t
		}
	}
	return out, nil
}

// SplitKey splits a key ("dpa.de") into its document and language.
func SplitKey(key string) (doc string, lang model.Lang, ok bool) {
	doc, l, ok := strings.Cut(key, ".")
	if !ok || !slices.Contains(Documents, doc) || model.CheckLang(l) != nil {
		return "", "", false
	}
	return doc, model.Lang(l), true
}

// Released returns the canonical text of document doc of release r in
// language lang: the text stored with the release, or for a release made
// before texts were stored, its text in format 1. s are the project's
// strings.
func Released(r *model.Release, doc string, lang model.Lang, s *l10n.Strings) (string, error) {
	key := Key(doc, lang)
	if r.Texts != nil {
		t, ok := r.Texts[key]
		if !ok {
			return "", fmt.Errorf("release %s has no canonical text %s in %s/canonical/", r.Version, key, r.Dir)
		}
		return t, nil
	}
	return format1.Text(&r.Docs, doc, lang, format1.Meta{Version: r.Version, Effective: r.Effective}, s)
}

// Hash returns the SHA-256 of a canonical text, in hex.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Text returns the canonical text of document doc ("dpa", "toms",
// "subprocessors") in language lang.
func Text(d *model.Documents, doc string, lang model.Lang, meta Meta, s *l10n.Strings) (string, error) {
	w := &writer{d: d, lang: lang, s: &l10n.Must{S: s}, refs: refs.New(d, lang, &l10n.Must{S: s}, nil)}
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
		return "", fmt.Errorf("canonical text of %s: %w", Key(doc, lang), err)
	}
	text := format1.Finish(w.b.String())
	if line := format1.InvalidLine(text); line != "" {
		return "", fmt.Errorf("canonical text of %s: %q is not valid UTF-8", Key(doc, lang), line)
	}
	return text, nil
}

type writer struct {
	d     *model.Documents
	lang  model.Lang
	s     *l10n.Must
	refs  *refs.Resolver
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
	return strings.Join([]string{a.Street, strings.TrimSpace(a.PostalCode + " " + a.City), country.Name(a.Country, lang)}, ", ")
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
		items = append(items, item(country.Name(l.Country, w.lang), l.Description.In(w.lang)))
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

// SubprocessorFields are the fields of a subprocessor in the canonical text,
// in order, by the i18n key of their label. Package diff compares them one
// by one.
var SubprocessorFields = []string{"address", "contact", "thLocations", "thPurpose", "responsibilities",
	"dataCategories", "thSafeguard", "certifications", "scope", "dpaDate", "thSince", "website"}

// SubprocessorField returns the text of field key (one of SubprocessorFields)
// of s in language lang.
func SubprocessorField(d *model.Documents, s model.Subprocessor, key string, lang model.Lang, str *l10n.Must) string {
	switch key {
	case "address":
		return address(s.Address, lang)
	case "contact":
		c := s.Contact
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
				places = append(places, l.City+" ("+country.Name(l.Country, lang)+")")
			} else {
				places = append(places, country.Name(l.Country, lang))
			}
		}
		return strings.Join(places, ", ")
	case "thPurpose":
		return oneLine(s.Purpose.In(lang))
	case "responsibilities":
		return oneLine(s.Responsibilities.In(lang))
	case "dataCategories":
		titles := map[string]string{}
		for _, c := range d.Processing.DataCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		for _, c := range d.Processing.SpecialCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		var out []string
		for _, id := range s.DataCategories {
			out = append(out, titles[id])
		}
		return strings.Join(out, ", ")
	case "thSafeguard":
		t := str.T(lang, "safeguard_"+string(s.Safeguard), nil)
		if n := oneLine(s.SafeguardNote.In(lang)); n != "" {
			t += "; " + n
		}
		return t
	case "certifications":
		if len(s.Certifications) == 0 {
			return str.T(lang, "none", nil)
		}
		return strings.Join(s.Certifications, ", ")
	case "scope":
		if sc := oneLine(s.Scope.In(lang)); sc != "" {
			return sc
		}
		return str.T(lang, "scopeAll", nil)
	case "dpaDate":
		return str.Date(lang, s.DPADate)
	case "thSince":
		return str.Date(lang, s.Since)
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
		for _, key := range SubprocessorFields {
			if v := SubprocessorField(w.d, s, key, w.lang, w.s); v != "" {
				items = append(items, item(w.t(key, nil), v))
			}
		}
		w.block(strings.Join(items, "\n"))
	}
}
