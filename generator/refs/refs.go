// Package refs resolves the references of clause text ([](clause:id),
// [](annex:toms), [](measure:id) …) within one version of the documents:
// the text a reader sees ("Ziffer 4.2", "§ 4 Abs. 2", "Anlage 2, Maßnahme
// 3.1") comes from the i18n tables in the DPA's own structure (package
// labels), the link target from the caller, so that the same
// references serve the pages and the canonical text.
package refs

import (
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
)

// URLs gives the link target of a reference: the page of a document
// ("dpa", "toms", "subprocessors") and an anchor on it. A nil URLs gives
// no targets, for plain text.
type URLs func(doc, anchor string) string

// Resolver resolves references in one language.
type Resolver struct {
	lang     model.Lang
	urls     URLs
	strings  *l10n.Must
	labels   *labels.Labels
	clauses  map[string]string // id → structural number, labelled when referred to
	areas    map[string]string // areas and groups → number
	measures map[string]string
	subs     map[string]string // id → name
}

var _ markdown.Resolver = (*Resolver)(nil)

// New returns a resolver for the references of d in language lang.
func New(d *model.Documents, lang model.Lang, s *l10n.Must, urls URLs) *Resolver {
	r := &Resolver{lang: lang, urls: urls, strings: s, labels: labels.New(d.Structure, lang, s), clauses: map[string]string{},
		areas: map[string]string{}, measures: map[string]string{}, subs: map[string]string{}}
	for _, c := range d.DPA.Clauses {
		r.clauses[c.ID] = c.Number
		for _, sc := range c.SubClauses {
			r.clauses[sc.ID] = sc.Number
		}
	}
	for _, a := range d.TOMs.Areas {
		r.areas[a.ID] = a.Number
		for _, g := range a.Groups {
			r.areas[g.ID] = g.Number // a group is a section of the annex too
		}
		for _, m := range a.AllMeasures() {
			r.measures[m.ID] = m.Number
		}
	}
	for _, s := range d.Subprocessors.List {
		r.subs[s.ID] = s.Name
	}
	return r
}

// AnchorProcessingAnnex is the anchor of Annex 1 on the DPA page.
const AnchorProcessingAnnex = "annex-processing"

func (r *Resolver) url(doc, anchor string) string {
	if r.urls == nil {
		return ""
	}
	return r.urls(doc, anchor)
}

// Resolve implements markdown.Resolver.
func (r *Resolver) Resolve(ref markdown.Ref) (href, text string, ok bool) {
	inTOMs := func(n string) map[string]string {
		return map[string]string{"Annex": r.labels.Annex(model.PartTOMs), "Number": n}
	}
	switch ref.Scheme {
	case markdown.SchemeClause:
		n, ok := r.clauses[ref.ID]
		if !ok {
			return "", "", false
		}
		return r.url("dpa", ref.ID), r.labels.Ref(n), true
	case markdown.SchemeAnnex:
		switch ref.ID {
		case model.PartProcessing:
			// A clause that carries the processing details is not an
			// annex; validate refuses the reference then.
			return r.url("dpa", AnchorProcessingAnnex), r.labels.Annex(ref.ID), r.labels.InAnnex(ref.ID)
		case model.PartTOMs, model.PartSubprocessors:
			return r.url(ref.ID, ""), r.labels.Annex(ref.ID), r.labels.InAnnex(ref.ID)
		}
	case markdown.SchemeArea:
		n, ok := r.areas[ref.ID]
		return r.url("toms", ref.ID), r.strings.T(r.lang, "refAreaIn", inTOMs(n)), ok
	case markdown.SchemeMeasure:
		n, ok := r.measures[ref.ID]
		return r.url("toms", ref.ID), r.strings.T(r.lang, "refMeasureIn", inTOMs(n)), ok
	case markdown.SchemeSubprocessor:
		name, ok := r.subs[ref.ID]
		return r.url("subprocessors", ref.ID), name, ok
	}
	return "", "", false
}
