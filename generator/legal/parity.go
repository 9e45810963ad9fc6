package legal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// The language versions of a clause state the same terms: a period, an
// amount, a date, an address where the customer writes to. Each clause,
// sub-clause, TOM area, group and measure and each subprocessor's texts
// are compared with the first language's (see figures for what is compared
// and how forms of different languages are read).

func init() { checkers = append(checkers, checkParity) }

// parityUnit is one text compared across the languages: its texts by
// language, what it is (a reference the checklist page links) and where
// each language's text is.
type parityUnit struct {
	ref   string
	name  string // for messages: `sub-clause "breach-deadline"`
	texts func(model.Lang) string
	at    func(model.Lang) model.Pos
}

func checkParity(d *model.Documents, ctx Context, r *Report) {
	if len(ctx.Languages) < 2 {
		return // one language: nothing to compare
	}
	res := Result{Rule: Rule{ID: "language-parity", Group: "languages", Source: "§ 305c(2) BGB (ambiguous terms are construed against the processor)"}}
	ref := ctx.Languages[0]
	for _, u := range parityUnits(d) {
		want := ctx.Figures.of(u.texts(ref), ref)
		for _, l := range ctx.Languages[1:] {
			got := ctx.Figures.of(u.texts(l), l)
			missing, extra := difference(want, got), difference(got, want)
			if len(missing) == 0 && len(extra) == 0 {
				continue
			}
			at := u.at(l)
			res.Gaps = append(res.Gaps, Gap{Key: "legalGap_parity", Ref: u.ref, Data: map[string]string{
				"Lang": string(l), "RefLang": string(ref), "Missing": strings.Join(missing, ", "), "Extra": strings.Join(extra, ", ")}})
			var says []string
			if len(missing) > 0 {
				says = append(says, fmt.Sprintf("the %s text states %s, the %s text does not", ref.Name(), strings.Join(missing, ", "), l.Name()))
			}
			if len(extra) > 0 {
				says = append(says, fmt.Sprintf("the %s text states %s, the %s text does not", l.Name(), strings.Join(extra, ", "), ref.Name()))
			}
			res.Problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: u.name,
				Message: "the language versions differ in their numbers, dates or addresses: " + strings.Join(says, "; "),
				Hint:    "make every language state the same numbers, dates, periods, amounts, e-mail addresses and URLs (a number may be written as a word in German, English and French)"})
		}
	}
	res.Met = len(res.Problems) == 0
	r.Results = append(r.Results, res)
}

// difference returns the values of a that b lacks.
func difference(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// parityUnits lists the texts compared across languages.
func parityUnits(d *model.Documents) []parityUnit {
	var units []parityUnit
	text := func(ts ...model.Text) func(model.Lang) string {
		return func(l model.Lang) string {
			parts := make([]string, len(ts))
			for i, t := range ts {
				parts[i] = t.In(l)
			}
			return strings.Join(parts, "\n")
		}
	}
	byLang := func(src map[model.Lang]model.Src, field string) func(model.Lang) model.Pos {
		return func(l model.Lang) model.Pos { return src[l].At(field) }
	}
	inFile := func(s model.Src, field string) func(model.Lang) model.Pos {
		return func(l model.Lang) model.Pos { return s.TextAt(field + "." + string(l)) }
	}
	for _, c := range d.DPA.Clauses {
		units = append(units, parityUnit{ref: "clause:" + c.ID, name: fmt.Sprintf("clause %q", c.ID), texts: text(c.Title, c.Intro), at: byLang(c.Src, "intro")})
		for _, sc := range c.SubClauses {
			units = append(units, parityUnit{ref: "clause:" + sc.ID, name: fmt.Sprintf("sub-clause %q", sc.ID), texts: text(sc.Title, sc.Body), at: byLang(sc.Src, "body")})
		}
	}
	for _, a := range d.TOMs.Areas {
		units = append(units, parityUnit{ref: "area:" + a.ID, name: a.Src.FieldPath(""), texts: text(a.Title, a.Goal), at: inFile(a.Src, "goal")})
		for _, m := range a.Measures {
			units = append(units, parityUnit{ref: "measure:" + m.ID, name: m.Src.FieldPath("text"), texts: text(m.Text), at: inFile(m.Src, "text")})
		}
		for _, g := range a.Groups {
			units = append(units, parityUnit{ref: "area:" + g.ID, name: g.Src.FieldPath(""), texts: text(g.Title, g.Goal), at: inFile(g.Src, "goal")})
			for _, m := range g.Measures {
				units = append(units, parityUnit{ref: "measure:" + m.ID, name: m.Src.FieldPath("text"), texts: text(m.Text), at: inFile(m.Src, "text")})
			}
		}
	}
	for _, s := range d.Subprocessors.List {
		units = append(units, parityUnit{ref: "subprocessor:" + s.ID, name: s.Src.FieldPath(""),
			texts: text(s.Purpose, s.Responsibilities, s.Scope, s.SafeguardNote), at: inFile(s.Src, "purpose")})
	}
	for _, l := range d.Processing.Locations {
		units = append(units, parityUnit{ref: processingRef(d), name: l.Src.FieldPath("description"), texts: text(l.Description), at: inFile(l.Src, "description")})
	}
	return units
}
