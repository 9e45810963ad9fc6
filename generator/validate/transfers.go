package validate

import (
	"fmt"
	"slices"

	"github.com/trustportal/trustportal/generator/adequacy"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
)

// transferFields names the safeguard each field of [subprocessor.transfer]
// belongs to; the transfer impact assessment belongs to any transfer.
var transferFields = []struct {
	field     string
	safeguard model.Safeguard
	given     func(model.Transfer) bool
}{
	{"scc_decision", model.SafeguardSCC, func(t model.Transfer) bool { return t.SCCDecision != "" }},
	{"scc_module", model.SafeguardSCC, func(t model.Transfer) bool { return t.SCCModule != 0 }},
	{"dpf_listing", model.SafeguardDPF, func(t model.Transfer) bool { return t.DPFListing != "" }},
	{"bcr_reference", model.SafeguardBCR, func(t model.Transfer) bool { return t.BCRReference != "" }},
}

// transfer checks the form of a subprocessor's [subprocessor.transfer]:
// each field belongs to its safeguard, a known decision, a module of 1–4.
// Whether a safeguard has what it needs is package legal's question.
func (c *checker) transfer(s model.Subprocessor) {
	t := s.Transfer
	if t.IsZero() && t.TIADate.ShapeError() == "" {
		return
	}
	src := t.Src
	for _, f := range transferFields {
		if f.given(t) && s.Safeguard != f.safeguard {
			c.at(src, f.field, fmt.Sprintf("%s belongs to safeguard %q, but the safeguard is %q", f.field, f.safeguard, s.Safeguard),
				fmt.Sprintf("remove %s, or set safeguard = %q", f.field, f.safeguard))
		}
	}
	if t.SCCDecision != "" && !slices.Contains(model.SCCDecisions, t.SCCDecision) {
		c.at(src, "scc_decision", fmt.Sprintf("%q is not a decision of standard contractual clauses", t.SCCDecision),
			"use "+joinQuoted(model.SCCDecisions)+`; the clauses in force are "2021/914"`)
	}
	if t.SCCModule != 0 {
		if t.SCCModule < 1 || t.SCCModule > 4 {
			c.at(src, "scc_module", fmt.Sprintf("module %d does not exist", t.SCCModule),
				"the clauses of 2021/914 have modules 1 (controller to controller), 2 (controller to processor), 3 (processor to processor) and 4 (processor to controller); a subprocessor is usually module 3")
		} else if t.SCCDecision != "" && t.SCCDecision != model.SCC2021 {
			c.at(src, "scc_module", fmt.Sprintf("the clauses of %s have no modules", t.SCCDecision), `modules exist only in the clauses of "2021/914": remove scc_module or use them`)
		}
	}
	c.link(src, "dpf_listing", t.DPFListing, false)
	c.date(src, "tia_date", t.TIADate, false)
	if (t.TIADate.IsZero() && t.TIADate.ShapeError() == "") != (t.TIAReference == "") {
		c.at(src, "tia_date", "a transfer impact assessment is recorded with its date and its reference",
			`give both: tia_date = 2025-06-30 and tia_reference = "TIA-2025-07"`)
	}
	if s.Safeguard == model.SafeguardEUEEA && (!t.TIADate.IsZero() || t.TIAReference != "") {
		c.at(src, "tia_date", "no transfer outside the EU/EEA, so there is no transfer impact assessment to record", "remove tia_date and tia_reference, or check the safeguard")
	}
}

// adequacyFile checks a project's own adequacy decisions (data/adequacy.toml).
func (c *checker) adequacyFile(f *model.AdequacyFile) {
	for _, d := range f.Decisions {
		src := d.Src
		switch {
		case d.Country != "" && d.Organisation != "":
			c.at(src, "organisation", "a decision is for a country or an international organisation, not both", `keep country = "…" or organisation = "…"`)
		case d.Country != "":
			c.country(src, "country", d.Country)
			if country.InEEA(d.Country) {
				c.at(src, "country", fmt.Sprintf("%s is in the EU/EEA and needs no adequacy decision", d.Country), "remove the entry")
			}
		case d.Organisation != "":
			if !idRe.MatchString(d.Organisation) {
				c.at(src, "organisation", fmt.Sprintf("%q is not an id", d.Organisation), `use lower-case letters, digits and hyphens, e.g. "epo"`)
			}
		default:
			c.at(src, "country", "the decision names no country or organisation", `add country = "BR" (ISO 3166-1 alpha-2) or organisation = "epo"`)
		}
		c.str(src, "name", d.Name, `"Brazil"`)
		c.date(src, "date", d.Date, true)
		c.date(src, "until", d.Until, false)
		c.date(src, "review", d.Review, false)
		if !d.Until.IsZero() && !d.Date.IsZero() && d.Until.Before(d.Date) {
			c.at(src, "until", fmt.Sprintf("the decision ends (%s) before it was adopted (%s)", d.Until, d.Date), "check both dates")
		}
		switch {
		case d.Number == "" && d.Unconfirmed == "":
			c.missing(src, "number", `"(EU) 2026/179" (as the Official Journal writes it), or say in unconfirmed = "…" why it is not known yet`)
		case d.Number != "" && !adequacy.NumberPattern.MatchString(d.Number):
			c.at(src, "number", fmt.Sprintf("%q is not a decision number as the Official Journal writes it", d.Number), `write e.g. "(EU) 2026/179" or "2000/518/EC"`)
		}
		if d.Safeguard != "" && d.Safeguard != model.SafeguardDPF {
			c.at(src, "safeguard", fmt.Sprintf("%q: a decision covers a country as such (no safeguard) or a framework's certified recipients (\"dpf\")", d.Safeguard), `remove safeguard, or write safeguard = "dpf"`)
		}
		c.link(src, "source", d.Source, false)
	}
}
