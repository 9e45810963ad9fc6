// Package labels words the DPA's own structure in one language, as its
// data/dpa.toml (model.Structure) says: the numbers of clauses and
// sub-clauses in headings and references ("3.2", "§ 3 (2)", "§ 3 Abs. 2",
// "Section 3(2)"), the annexes' labels and titles ("Anlage 2", "Annex A")
// and the parties' defined terms. The words come from the i18n tables, so
// that a language adds its own; pages, canonical texts and diffs all take
// them from here.
package labels

import (
	"strconv"
	"strings"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
)

// Labels words one version's structure in one language.
type Labels struct {
	st      model.Structure
	lang    model.Lang
	s       *l10n.Must
	style   string
	letters bool
}

// New returns the labels of structure st in language lang.
func New(st model.Structure, lang model.Lang, s *l10n.Must) *Labels {
	style := st.Numbering.In(lang)
	if style == "" {
		style = model.NumberingZiffer
	}
	return &Labels{st: st, lang: lang, s: s, style: style, letters: st.SubClauses == model.SubClauseLetters}
}

func (l *Labels) t(id string, data any) string { return l.s.T(l.lang, id, data) }

// split splits a structural number, "3" or "3.2" (model.Clause.Number,
// model.SubClause.Number), into the clause's number and the sub-clause's
// as the style counts it: "2" or "b".
func (l *Labels) split(num string) (clause, sub string) {
	clause, sub, _ = strings.Cut(num, ".")
	if sub != "" && l.letters {
		if n, err := strconv.Atoi(sub); err == nil && n > 0 {
			sub = Letter(n)
		}
	}
	return clause, sub
}

// Letter returns the letter of the n-th lettered item: a … z, then aa,
// bb … as contracts count on.
func Letter(n int) string {
	return strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
}

func (l *Labels) key(kind string, sub bool) string {
	switch {
	case !sub:
		return kind + "_" + l.style
	case l.letters:
		return kind + "Letter_" + l.style
	}
	return kind + "Sub_" + l.style
}

// Heading returns the label a clause or sub-clause's heading starts with:
// "3." and "3.2", "§ 3" and "(2)", "Section 3" and "3.2", "(b)" …
func (l *Labels) Heading(num string) string {
	clause, sub := l.split(num)
	return l.t(l.key("heading", sub != ""), map[string]string{"Clause": clause, "Sub": sub})
}

// Number returns a clause's or sub-clause's number as a diff shows it: its
// heading label without a closing period ("3", "3.2", "§ 3", "(2)").
func (l *Labels) Number(num string) string {
	return strings.TrimSuffix(l.Heading(num), ".")
}

// Ref returns how the text refers to a clause or sub-clause: "Ziffer 3.2",
// "§ 3 Abs. 2", "Section 3(2)", "Point 3 (b)" …
func (l *Labels) Ref(num string) string {
	clause, sub := l.split(num)
	return l.t(l.key("ref", sub != ""), map[string]string{"Clause": clause, "Sub": sub})
}

// annexName returns "Anlage 2", or "Anlage" for an annex without a number.
func (l *Labels) annexName(a model.Annex) string {
	if a.Number == "" {
		return l.t("annexUnnumbered", nil)
	}
	return l.t("annexNumbered", map[string]string{"Number": a.Number})
}

// Annex returns the label of part (model.PartTOMs …): "Anlage 2" for the
// first part of an annex, "Anlage 1, Abschnitt „Unterauftragsverarbeiter“"
// for a further one; "" for a part no annex holds.
func (l *Labels) Annex(part string) string {
	a, i, ok := l.st.Place(part)
	if !ok {
		return ""
	}
	if i == 0 {
		return l.annexName(a)
	}
	return l.t("annexSection", map[string]string{"Annex": l.annexName(a), "Title": l.defaultTitle(part)})
}

// Title returns the title of part: the annex's own title for its first
// part if the annex has one, else the tool's title of the part.
func (l *Labels) Title(part string) string {
	if a, i, ok := l.st.Place(part); ok && i == 0 && a.Title.In(l.lang) != "" {
		return a.Title.In(l.lang)
	}
	return l.defaultTitle(part)
}

func (l *Labels) defaultTitle(part string) string {
	if part == model.PartProcessing {
		return l.t("annexProcessingTitle", nil)
	}
	return l.t("nav_"+part, nil)
}

// AnnexHeading returns "Anlage 2: Technische und organisatorische Maßnahmen" for
// the first part of an annex and the label alone for a further one, which
// names its title already.
func (l *Labels) AnnexHeading(part string) string {
	if _, i, ok := l.st.Place(part); ok && i > 0 {
		return l.Annex(part)
	}
	return l.Annex(part) + ": " + l.Title(part)
}

// InAnnex reports whether an annex holds part.
func (l *Labels) InAnnex(part string) bool {
	_, _, ok := l.st.Place(part)
	return ok
}

// Controller returns the DPA's term for the controller, "" if it defines
// none (then the tool's own wording is used).
func (l *Labels) Controller() string { return l.st.Parties.Controller.In(l.lang) }

// Processor returns the DPA's term for the processor, "" if it defines none.
func (l *Labels) Processor() string { return l.st.Parties.Processor.In(l.lang) }
