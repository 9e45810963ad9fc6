package testportal

import (
	"slices"

	"github.com/trustportal/trustportal/generator/model"
)

// WithTexts returns a copy of d, for fuzz tests, whose every document holds
// title and body (in both languages): title as the first clause's and
// sub-clause's title, the first area's title and the first subprocessor's
// name; body as the preamble, the first sub-clause's body, the first
// measure's text and the first subprocessor's purpose. d is left as it is;
// it needs a clause with a sub-clause, an area with a measure and a
// subprocessor, as the minimal fixture has.
func WithTexts(d *model.Documents, title, body string) *model.Documents {
	both := model.NewText("de", title, "en", title)
	text := model.NewText("de", body, "en", body)
	c := *d

	c.DPA.Preamble = text
	c.DPA.Clauses = slices.Clone(d.DPA.Clauses)
	clause := &c.DPA.Clauses[0]
	clause.Title = both
	clause.SubClauses = slices.Clone(clause.SubClauses)
	clause.SubClauses[0].Title = both
	clause.SubClauses[0].Body = text

	c.TOMs.Areas = slices.Clone(d.TOMs.Areas)
	area := &c.TOMs.Areas[0]
	area.Title = both
	area.Measures = slices.Clone(area.Measures)
	area.Measures[0].Text = text

	c.Subprocessors.List = slices.Clone(d.Subprocessors.List)
	c.Subprocessors.List[0].Name = title
	c.Subprocessors.List[0].Purpose = text
	return &c
}

// TextSeeds are (title, body) pairs to start fuzzing WithTexts from: sample
// text, white space and line ends of every kind, decomposed umlauts, a
// reference to nothing, bytes that are not UTF-8.
var TextSeeds = [][2]string{
	{"Gegenstand", "Der Auftragsverarbeiter verarbeitet Daten wie in [](annex:processing) beschrieben."},
	{"", ""},
	{"  Titel mit Rand \t", "Zeile  \nmit hartem Umbruch\\\nund *Betonung*\n\n- eins\n- zwei\n\n\n\n1. drei"},
	{"Windows\r\nZeile", "Absatz\r\n\r\nnoch einer\r\n"},
	{"\u0075\u0308ber", "Ma\u0308ngel"},
	{"a\r \nb", "x\r\r\ny"},
	{"\xff", "\xfe\xff"},
	{"Titel", "[](clause:nowhere)"},
	{"Titel", "    code\n\n\n    mehr code  "},
}
