package emit

import (
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
)

// resolver turns references in one language into links: clause references
// to anchors on the DPA page (docURL, "" when rendering the DPA page itself),
// the rest to the annex pages.
type resolver struct {
	lang    model.Lang
	docURL  string
	u       urls
	strings *l10n.Must
	clauses map[string]string // id → number
	areas   map[string]string
	measure map[string]string
	subs    map[string]string // id → name
}

func newResolver(d *model.Documents, lang model.Lang, u urls, s *l10n.Must, n numbering) *resolver {
	r := &resolver{lang: lang, u: u, strings: s, clauses: map[string]string{},
		areas: n.areas, measure: n.measures, subs: map[string]string{}}
	for _, c := range d.DPA.Clauses {
		r.clauses[c.ID] = c.Number
		for _, sc := range c.SubClauses {
			r.clauses[sc.ID] = sc.Number
		}
	}
	for _, s := range d.Subprocessors.List {
		r.subs[s.ID] = s.Name
	}
	return r
}

// on returns a copy of r for Markdown rendered on the page at docURL.
func (r *resolver) on(docURL string) *resolver {
	c := *r
	c.docURL = docURL
	return &c
}

var _ markdown.Resolver = (*resolver)(nil)

func (r *resolver) Resolve(ref markdown.Ref) (href, text string, ok bool) {
	switch ref.Scheme {
	case markdown.SchemeClause:
		n, ok := r.clauses[ref.ID]
		return r.docURL + "#" + ref.ID, r.strings.T(r.lang, "refClause", map[string]string{"Number": n}), ok
	case markdown.SchemeAnnex:
		switch ref.ID {
		case "processing":
			return r.docURL + "#" + AnchorProcessingAnnex, r.strings.T(r.lang, "annexProcessing", nil), true
		case "toms":
			return r.u.page(r.lang, "toms"), r.strings.T(r.lang, "annexToms", nil), true
		case "subprocessors":
			return r.u.page(r.lang, "subprocessors"), r.strings.T(r.lang, "annexSubprocessors", nil), true
		}
	case markdown.SchemeArea:
		n, ok := r.areas[ref.ID]
		return r.u.page(r.lang, "toms") + "#" + ref.ID, r.strings.T(r.lang, "refArea", map[string]string{"Number": n}), ok
	case markdown.SchemeMeasure:
		n, ok := r.measure[ref.ID]
		return r.u.page(r.lang, "toms") + "#" + ref.ID, r.strings.T(r.lang, "refMeasure", map[string]string{"Number": n}), ok
	case markdown.SchemeSubprocessor:
		name, ok := r.subs[ref.ID]
		return r.u.page(r.lang, "subprocessors") + "#" + ref.ID, name, ok
	}
	return "", "", false
}
