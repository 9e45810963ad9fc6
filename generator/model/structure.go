package model

import (
	"fmt"
	"slices"
)

// Structure is how the DPA is built and worded (data/dpa.toml): the
// numbering style of its clauses, the parties' defined terms and its
// annexes. A portal or release without the file has the zero Structure,
// which reads as the tool's defaults: "Ziffer 3.2"/"clause 3.2", the
// parties "Kunde" and "Auftragsverarbeiter", Annexes 1–3 for processing
// details, TOMs and subprocessors.
type Structure struct {
	// Numbering is the clause numbering style, for every language or per
	// language; "" is NumberingZiffer.
	Numbering Numbering `toml:"numbering"`
	// SubClauses is how sub-clauses are counted: "numbers" (default) or
	// "letters".
	SubClauses string `toml:"subclauses"`
	// ProcessingClause is the id of the clause that carries the details of
	// the processing in its own text; no generated block is added then.
	ProcessingClause string  `toml:"processing_clause"`
	Parties          Parties `toml:"parties"`
	// PartiesBlock is false where the DPA names its parties in its own
	// words (a Rubrum in its preamble): the page then adds no parties
	// block of its own. Nil means true.
	PartiesBlock *bool `toml:"parties_block"`
	// Annexes are the annexes in the order the DPA lists them; none given
	// means DefaultAnnexes.
	Annexes []Annex `toml:"annex"`
	Src     Src     `toml:"-"`
}

// The numbering styles.
const (
	NumberingZiffer    = "ziffer"    // Ziffer 3.2 / clause 3.2
	NumberingParagraph = "paragraph" // § 3 (2), "§ 3 Abs. 2" / "Section 3(2)"
	NumberingSection   = "section"   // Section 3.2
	NumberingPoint     = "point"     // Point 3.2
)

// NumberingStyles lists every numbering style.
var NumberingStyles = []string{NumberingZiffer, NumberingParagraph, NumberingSection, NumberingPoint}

// The ways of counting sub-clauses.
const (
	SubClauseNumbers = "numbers" // 3.1, 3.2 … or (1), (2) …
	SubClauseLetters = "letters" // (a), (b) …
)

// Numbering is a numbering style, one for all languages ("paragraph") or
// one per language ({ de = "paragraph", en = "section" }).
type Numbering struct {
	All    string
	ByLang map[Lang]string
	// shapeErr says what was wrong with the TOML value, as for Text.
	shapeErr string
}

// In returns the style in language l; "" means the default.
func (n Numbering) In(l Lang) string {
	if s, ok := n.ByLang[l]; ok {
		return s
	}
	return n.All
}

// ShapeError says what was wrong with the TOML value, or "".
func (n Numbering) ShapeError() string { return n.shapeErr }

// UnmarshalTOML reads a style or a table of styles by language. Like
// Text, it never fails and keeps a problem for package validate.
func (n *Numbering) UnmarshalTOML(v any) error {
	*n = Numbering{}
	switch v := v.(type) {
	case string:
		n.All = v
	case map[string]any:
		n.ByLang = map[Lang]string{}
		for k, x := range v {
			s, ok := x.(string)
			switch {
			case CheckLang(k) != nil:
				n.shapeErr = fmt.Sprintf("%q is not a language code: give the style for all languages, e.g. \"paragraph\", or per language, e.g. { de = \"paragraph\", en = \"section\" }", k)
			case !ok:
				n.shapeErr = "the " + k + " style must be a string such as \"paragraph\""
			default:
				n.ByLang[Lang(k)] = s
			}
		}
	default:
		n.shapeErr = "the numbering is a style such as \"paragraph\", or one per language such as { de = \"paragraph\", en = \"section\" }"
	}
	return nil
}

// ShowsParties reports whether the DPA's page shows the generated parties
// block (see PartiesBlock).
func (s Structure) ShowsParties() bool { return s.PartiesBlock == nil || *s.PartiesBlock }

// Parties are the defined terms the DPA uses for the parties, per
// language: "Auftraggeber"/"Client", "Auftragnehmer"/"Contractor".
type Parties struct {
	Controller Text `toml:"controller"`
	Processor  Text `toml:"processor"`
	Src        Src  `toml:"-"`
}

// The parts an annex can hold, which are also the ids of [](annex:…).
const (
	PartProcessing    = "processing"
	PartTOMs          = "toms"
	PartSubprocessors = "subprocessors"
)

// Parts lists the parts in their default order.
var Parts = []string{PartProcessing, PartTOMs, PartSubprocessors}

// Annex is one annex of the DPA.
type Annex struct {
	// Holds are the parts of the annex in order: its first is the annex
	// itself, each further one a section of it.
	Holds []string `toml:"holds"`
	// Number is the annex's number or letter ("1", "A", "I"); "" for an
	// annex that has none.
	Number string `toml:"number"`
	// Title is the annex's title; none given means the title of its first
	// part.
	Title Text `toml:"title"`
	Src   Src  `toml:"-"`
}

// DefaultAnnexes are the annexes of a DPA whose data/dpa.toml lists none.
var DefaultAnnexes = []Annex{
	{Holds: []string{PartProcessing}, Number: "1"},
	{Holds: []string{PartTOMs}, Number: "2"},
	{Holds: []string{PartSubprocessors}, Number: "3"},
}

// AnnexList returns the annexes of the DPA: those listed, or the default.
func (s Structure) AnnexList() []Annex {
	if len(s.Annexes) == 0 {
		return DefaultAnnexes
	}
	return s.Annexes
}

// Place says where a part lives: the annex and the part's index in it.
// ok is false for a part no annex holds (the processing details when a
// clause carries them).
func (s Structure) Place(part string) (a Annex, index int, ok bool) {
	for _, a := range s.AnnexList() {
		if i := slices.Index(a.Holds, part); i >= 0 {
			return a, i, true
		}
	}
	return Annex{}, 0, false
}
