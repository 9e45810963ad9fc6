package emit

import (
	"strings"

	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// The checklist page of a version: every rule of package legal, its
// source, what in the documents meets it (linked) and what is missing. It
// is published below the version's DPA page, /<lang>/dpa/<version>/checklist/
// (/<lang>/dpa/checklist/ for the draft of a portal without releases), and
// the DPA page links it.

// ChecklistSegment is the last segment of a checklist page's path.
const ChecklistSegment = "checklist"

type checklistView struct {
	Intro   string           `json:"intro"`
	Summary string           `json:"summary"`
	DPA     link             `json:"dpa"`
	Groups  []checklistGroup `json:"groups"`
}

type checklistGroup struct {
	Key   string          `json:"key"`
	Title string          `json:"title"`
	Rules []checklistRule `json:"rules"`
}

type checklistRule struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Source      string `json:"source"`
	Status      string `json:"status"` // met, missing, not-judged
	StatusLabel string `json:"status_label"`
	Where       []link `json:"where"` // never null
	Gaps        []link `json:"gaps"`  // a gap's sentence, linked where it names something
}

// checklistURL is the URL of the checklist of the version at seg ("" for
// the draft).
func (e *emitter) checklistURL(lang model.Lang, seg string) string {
	return e.u.doc(lang, "dpa", strings.TrimPrefix(seg+"/"+ChecklistSegment, "/"))
}

// checklistSeg is the version segment of the checklist of release r: its
// version, or for the working copy (nil) the segment of its pages, seg
// ("" before the first release, DraftSegment for the draft pages).
func checklistSeg(r *model.Release, seg string) string {
	if r == nil {
		return seg
	}
	return r.Version
}

// checklistPage writes the checklist of the documents d, the version at
// seg (r is nil for the draft).
func (e *emitter) checklistPage(lang model.Lang, d *model.Documents, r *model.Release, seg string) error {
	ctx := legal.Context{Effective: e.tl.Today, Languages: e.langs, Adequacy: e.p.Adequacy.Decisions}
	title := e.s.T(lang, "checklistDraftTitle", nil)
	if r != nil {
		ctx.Effective, ctx.Historical = r.Effective, r.Historical
		title = e.s.T(lang, "checklistTitle", map[string]string{"Version": r.Version})
	}
	// The report is the same in every language: made once per version.
	report, ok := e.reports[d]
	if !ok {
		if report, ok = e.memo.report(r, ctx); !ok {
			// (Not in the memo's key: the memory of figures is this
			// Emit's, shared by the checks of all its versions.)
			withFigures := ctx
			withFigures.Figures = e.figures
			report = legal.Check(d, withFigures)
			e.memo.keepReport(r, ctx, report)
		}
		e.reports[d] = report
	}
	resolver := refs.New(d, lang, e.s, e.linker(lang, seg, ""))
	v := checklistView{
		Intro: e.s.T(lang, "checklistIntro", nil),
		DPA:   link{Title: d.DPA.Title.In(lang), URL: e.u.doc(lang, "dpa", seg)},
	}
	met := 0
	for _, res := range report.Results {
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].Key != res.Rule.Group {
			v.Groups = append(v.Groups, checklistGroup{Key: res.Rule.Group, Title: e.s.T(lang, "legalGroup_"+res.Rule.Group, nil)})
		}
		rv := checklistRule{ID: res.Rule.ID, Title: e.s.T(lang, ruleTitleKey(res.Rule), nil), Source: res.Rule.Source,
			Status: "met", Where: []link{}, Gaps: []link{}}
		if s, err := e.s.S.T(lang, "legalSource_"+res.Rule.ID, nil); err == nil {
			rv.Source = s // the source as the language cites it
		}
		switch {
		case res.Met:
			met++
		case res.NotJudged:
			rv.Status = "not-judged"
		default:
			rv.Status = "missing"
		}
		rv.StatusLabel = e.s.T(lang, "checklistStatus_"+rv.Status, nil)
		for _, w := range res.Where {
			rv.Where = append(rv.Where, e.refLink(resolver, d, lang, w))
		}
		gaps := res.Gaps
		if !res.Met && len(gaps) == 0 {
			gaps = []legal.Gap{{Key: "legalGap_notMet"}} // a rule that says no more
		}
		for _, g := range gaps {
			data := map[string]string{}
			for k, val := range g.Data {
				data[k] = val
			}
			var l link
			if g.Ref != "" {
				l = e.refLink(resolver, d, lang, g.Ref)
				data["Ref"] = l.Title
			}
			if g.Place != "" {
				data["Place"] = e.placeName(g.Place, placeRegion(g.Place), lang)
			}
			l.Title = e.s.T(lang, g.Key, data)
			rv.Gaps = append(rv.Gaps, l)
		}
		v.Groups[len(v.Groups)-1].Rules = append(v.Groups[len(v.Groups)-1].Rules, rv)
	}
	v.Summary = e.s.T(lang, "checklistSummary", map[string]int{"Met": met, "Rules": len(report.Results)})
	return e.page(lang, "dpa/"+strings.TrimPrefix(seg+"/"+ChecklistSegment, "/"), "checklist", title, map[string]any{"doc": v})
}

// ruleTitleKey is the i18n key of a rule's short description.
func ruleTitleKey(r legal.Rule) string {
	if r.Title != "" {
		return r.Title
	}
	return "legal_" + r.ID
}

// refLink names and links a reference of a rule ("clause:instructions"):
// a clause with its number and title, an annex, a TOM area, a subprocessor.
func (e *emitter) refLink(r *refs.Resolver, d *model.Documents, lang model.Lang, ref string) link {
	scheme, id, _ := strings.Cut(ref, ":")
	href, text, ok := r.Resolve(markdown.Ref{Scheme: scheme, ID: id})
	if !ok {
		return link{Title: ref}
	}
	if scheme == markdown.SchemeClause {
		if t := clauseTitle(d, id, lang); t != "" {
			text += " (" + t + ")"
		}
	}
	return link{Title: text, URL: href}
}

// clauseTitle is the title of clause id, or of the clause a sub-clause id
// belongs to, with the sub-clause's own heading if it has one.
func clauseTitle(d *model.Documents, id string, lang model.Lang) string {
	for _, c := range d.DPA.Clauses {
		if c.ID == id {
			return c.Title.In(lang)
		}
		for _, sc := range c.SubClauses {
			if sc.ID == id {
				if t := sc.Title.In(lang); t != "" {
					return c.Title.In(lang) + ", " + t
				}
				return c.Title.In(lang)
			}
		}
	}
	return ""
}

// placeRegion returns the region a gap's place names, or "" for a country.
func placeRegion(place string) model.Region {
	for _, r := range model.Regions {
		if string(r) == place {
			return r
		}
	}
	return ""
}
