package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// structure checks data/dpa.toml: the numbering style, the parties' terms
// and the annexes, and that every part of the documents has one place.
func (c *checker) structure(d *model.Documents) {
	st := &d.Structure
	if st.Src.File == "" {
		return // no data/dpa.toml: the defaults
	}
	c.numbering(st)
	switch st.SubClauses {
	case "", model.SubClauseNumbers, model.SubClauseLetters:
	default:
		c.at(st.Src, "subclauses", fmt.Sprintf("unknown sub-clause counting %q", st.SubClauses),
			`write subclauses = "numbers" (3.1, 3.2 …) or subclauses = "letters" ((a), (b) …)`)
	}
	c.text(st.Parties.Src, "controller", st.Parties.Controller, false)
	c.text(st.Parties.Src, "processor", st.Parties.Processor, false)
	if id := st.ProcessingClause; id != "" && !slices.ContainsFunc(d.DPA.Clauses, func(cl model.Clause) bool { return cl.ID == id }) {
		c.at(st.Src, "processing_clause", fmt.Sprintf("no clause %q", id),
			"give the id of the clause that states the details of the processing: its file name in content/dpa/ without the language, e.g. \"details\" for details.de.md")
	}
	c.annexes(st, len(d.Subprocessors.List))
}

func (c *checker) numbering(st *model.Structure) {
	n := st.Numbering
	if e := n.ShapeError(); e != "" {
		c.at(st.Src, "numbering", e, `write numbering = "paragraph", or one per language: numbering = { de = "paragraph", en = "section" }`)
		return
	}
	check := func(style, in string) {
		if style != "" && !slices.Contains(model.NumberingStyles, style) {
			c.at(st.Src, "numbering", fmt.Sprintf("unknown numbering style %q%s", style, in),
				"the styles are "+joinQuoted(model.NumberingStyles)+" (see docs/data.md)")
		}
	}
	check(n.All, "")
	if n.ByLang == nil {
		return
	}
	for _, l := range slices.Sorted(maps.Keys(n.ByLang)) {
		if !slices.Contains(c.langs, l) {
			c.at(st.Src, "numbering", fmt.Sprintf("style for %s (%s), which is not one of the portal's languages (%s)", l.Name(), l, model.JoinLangs(c.langs)),
				fmt.Sprintf("remove it, or add %q to languages in data/portal.toml", l))
			continue
		}
		check(n.ByLang[l], " for "+l.Name())
	}
	for _, l := range c.langs {
		if _, ok := n.ByLang[l]; !ok {
			c.at(st.Src, "numbering", fmt.Sprintf("no numbering style for %s", l.Name()),
				fmt.Sprintf("give a style for each of the portal's languages, e.g. %s = \"paragraph\", or one for all: numbering = \"paragraph\"", l))
		}
	}
}

func (c *checker) annexes(st *model.Structure, subprocessors int) {
	held := map[string]model.Pos{}
	numbers := map[string]model.Pos{}
	for _, a := range st.Annexes {
		if len(a.Holds) == 0 {
			c.missing(a.Src, "holds", `["toms"]`)
		}
		for _, part := range a.Holds {
			pos := a.Src.At("holds")
			switch {
			case !slices.Contains(model.Parts, part):
				c.add(pos, a.Src.FieldPath("holds"), fmt.Sprintf("unknown part %q", part),
					"an annex holds one or more of "+joinQuoted(model.Parts))
			case isHeld(held, part):
				prev := held[part]
				c.add(pos, a.Src.FieldPath("holds"), fmt.Sprintf("%q is already held by the annex at %s:%d", part, prev.File, prev.Line),
					"each part is in one annex: remove it from one of them")
			case part == model.PartProcessing && st.ProcessingClause != "":
				c.add(pos, a.Src.FieldPath("holds"), fmt.Sprintf("the details of the processing are in clause %q (processing_clause)", st.ProcessingClause),
					`remove "processing" from holds, or remove processing_clause to state them in this annex`)
			default:
				held[part] = pos
			}
		}
		if num := strings.TrimSpace(a.Number); num != "" {
			if prev, ok := numbers[num]; ok {
				c.at(a.Src, "number", fmt.Sprintf("annex number %q is already used at %s:%d", num, prev.File, prev.Line),
					"give each annex its own number or letter")
			} else {
				numbers[num] = a.Src.At("number")
			}
		}
		c.text(a.Src, "title", a.Title, false)
	}
	if len(st.Annexes) == 0 {
		if st.ProcessingClause != "" {
			c.at(st.Src, "processing_clause", "the annexes are not listed",
				`with the details of the processing in a clause, list the DPA's annexes: [[annex]] holds = ["toms"] number = "1", and one for "subprocessors" (see docs/data.md)`)
		}
		return
	}
	for _, part := range model.Parts {
		if _, ok := held[part]; ok || (part == model.PartProcessing && st.ProcessingClause != "") {
			continue
		}
		// A DPA under which no subprocessor is engaged may have no annex
		// for them: the portal's list then says none is listed, and no
		// annex is claimed for it.
		if part == model.PartSubprocessors && subprocessors == 0 {
			continue
		}
		hint := fmt.Sprintf(`add %q to the holds of an annex, or add an [[annex]] with holds = [%q]`, part, part)
		if part == model.PartSubprocessors {
			hint += " (only a DPA without subprocessors may leave them out)"
		}
		if part == model.PartProcessing {
			hint += `; if a clause of the DPA states them, set processing_clause = "<clause id>"`
		}
		c.at(st.Src, "annex", fmt.Sprintf("no annex holds %q", part), hint)
	}
}

func isHeld(held map[string]model.Pos, part string) bool {
	_, ok := held[part]
	return ok
}
