// Package adequacy knows the European Commission's adequacy decisions
// (Art. 45 GDPR): the tool's own list, embedded from decisions.toml, and
// the decisions a project adds or overrides in data/adequacy.toml.
//
// Package validate asks it whether a country has a decision at all; package
// legal whether one applied on the day a version took effect.
package adequacy

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal/generator/model"
)

//go:embed decisions.toml
var builtInTOML []byte

// File is the name of the embedded list, for messages.
const File = "generator/adequacy/decisions.toml"

// Parse reads a list of decisions in the form of decisions.toml. Unknown
// fields are an error: the list is law, a misspelt "until" must not pass.
func Parse(data []byte) ([]model.AdequacyDecision, error) {
	var f model.AdequacyFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, err
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, fmt.Errorf("unknown field %q", u[0].String())
	}
	for i, d := range f.Decisions {
		for _, e := range []string{d.Date.ShapeError(), d.Until.ShapeError(), d.Review.ShapeError()} {
			if e != "" {
				return nil, fmt.Errorf("decision[%d] (%s): %s", i, d.Key(), e)
			}
		}
	}
	return f.Decisions, nil
}

var builtIn = sync.OnceValues(func() ([]model.AdequacyDecision, error) { return Parse(builtInTOML) })

// BuiltIn returns the tool's own list. Its tests make sure it parses.
func BuiltIn() []model.AdequacyDecision {
	list, err := builtIn()
	if err != nil {
		panic(fmt.Sprintf("%s: %v", File, err))
	}
	return slices.Clone(list)
}

// List is a set of decisions to look things up in.
type List []model.AdequacyDecision

// With returns the tool's list with a project's decisions: a project entry
// for the same country or organisation and the same number (or, for
// entries without a number, the same date) replaces the tool's, so that a
// project can correct or end one (until); any other is added.
func With(project []model.AdequacyDecision) List {
	list := List(BuiltIn())
	for _, p := range project {
		i := slices.IndexFunc(list, func(d model.AdequacyDecision) bool { return sameDecision(d, p) })
		if i >= 0 {
			list[i] = p
		} else {
			list = append(list, p)
		}
	}
	return list
}

func sameDecision(a, b model.AdequacyDecision) bool {
	if a.Key() != b.Key() {
		return false
	}
	if a.Number != "" || b.Number != "" {
		return a.Number == b.Number
	}
	return a.Date == b.Date
}

// For returns the decisions for a country code or an organisation id of
// the given kind ("" adequacy in the ordinary sense, "dpf" a framework's
// certified recipients), oldest first.
func (l List) For(key string, kind model.Safeguard) []model.AdequacyDecision {
	var out []model.AdequacyDecision
	for _, d := range l {
		if d.Key() == key && d.Safeguard == kind {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b model.AdequacyDecision) int { return a.Date.Time().Compare(b.Date.Time()) })
	return out
}

// On returns the decision of the kind for key that applies on day, if any.
func (l List) On(key string, kind model.Safeguard, day model.Date) (model.AdequacyDecision, bool) {
	for _, d := range slices.Backward(l.For(key, kind)) {
		if d.AppliesOn(day) {
			return d, true
		}
	}
	return model.AdequacyDecision{}, false
}

// Title names a decision for messages and pages: "(EU) 2019/419 of
// 2019-01-23", or "decision of 2025-12-19" when its number is not known.
func Title(d model.AdequacyDecision) string {
	if d.Number == "" {
		return "decision of " + d.Date.String()
	}
	return d.Number + " of " + d.Date.String()
}

// NumberPattern is the form of a decision's number as the Official Journal
// writes it: "2000/518/EC", "2010/625/EU", "(EU) 2019/419".
var NumberPattern = regexp.MustCompile(`^(\d{4}/\d{1,4}/(EC|EU)|\(EU\) \d{4}/\d{1,5})$`)
