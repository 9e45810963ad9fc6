package legal

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/adequacy"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// The rules for transfers outside the EU/EEA (Chapter V GDPR), in checklist
// order. validate has already checked that every subprocessor outside the
// EU/EEA names a safeguard that fits its countries; these rules check that
// the safeguard rests on an instrument valid on the version's effective
// date and that the references a customer's counsel asks for are given.
var (
	ruleAdequacy = Rule{ID: "transfer-adequacy", Group: "transfers",
		Source: "Art. 45 GDPR; the Commission's adequacy decisions"}
	ruleDPF = Rule{ID: "transfer-dpf", Group: "transfers",
		Source: "Art. 45 GDPR; Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)"}
	ruleSCC = Rule{ID: "transfer-scc", Group: "transfers",
		Source: "Art. 46(2)(c) GDPR; Commission Implementing Decision (EU) 2021/914, Art. 4"}
	ruleTIA = Rule{ID: "transfer-tia", Group: "transfers",
		Source: "CJEU C-311/18 (Schrems II), para. 134; Clause 14 of the standard contractual clauses (EU) 2021/914; EDPB Recommendations 01/2020"}
	ruleBCR = Rule{ID: "transfer-bcr", Group: "transfers",
		Source: "Art. 46(2)(b) and 47 GDPR"}
	rulePrivacyShield = Rule{ID: "transfer-privacy-shield", Group: "transfers",
		Source: "CJEU C-311/18 (Schrems II), 16 July 2020; Commission Implementing Decision (EU) 2016/1250"}
)

// The days the rules turn on.
var (
	// The clauses of 2021/914 entered into force on 27 June 2021 (its
	// Art. 4(1)); the old decisions were repealed from 27 September 2021
	// (Art. 4(2)), and contracts concluded on them before that day
	// remained appropriate safeguards until 27 December 2022 (Art. 4(4)).
	scc2021InForce = model.NewDate(2021, time.June, 27)
	oldSCCRepealed = model.NewDate(2021, time.September, 27)
	oldSCCLastDay  = model.NewDate(2022, time.December, 27)
	// The Privacy Shield decision (EU) 2016/1250 was adopted on 12 July
	// 2016; the CJEU declared it invalid on 16 July 2020 (C-311/18).
	privacyShieldAdopted = model.NewDate(2016, time.July, 12)
	privacyShieldInvalid = model.NewDate(2020, time.July, 16)
)

func init() { checkers = append(checkers, checkTransfers) }

// transferCheck collects the results of the transfer rules for one version.
type transferCheck struct {
	ctx       Context
	decisions adequacy.List
	results   map[string]*Result
}

func checkTransfers(d *model.Documents, ctx Context, r *Report) {
	rules := []Rule{ruleAdequacy, ruleDPF, ruleSCC, ruleTIA, ruleBCR, rulePrivacyShield}
	c := transferCheck{ctx: ctx, decisions: adequacy.With(ctx.Adequacy), results: map[string]*Result{}}
	for _, rule := range rules {
		c.results[rule.ID] = &Result{Rule: rule}
	}
	for i := range d.Subprocessors.List {
		s := &d.Subprocessors.List[i]
		switch s.Safeguard {
		case model.SafeguardAdequacy:
			c.adequacy(s)
		case model.SafeguardDPF:
			c.dpf(s)
		case model.SafeguardSCC:
			c.scc(s)
			c.tia(s)
		case model.SafeguardBCR:
			c.bcr(s)
			c.tia(s)
		case model.SafeguardPrivacyShield:
			c.privacyShield(s)
		}
	}
	for _, rule := range rules {
		res := c.results[rule.ID]
		res.Met = len(res.Problems) == 0
		r.Results = append(r.Results, *res)
	}
}

// met records that s meets the rule.
func (c *transferCheck) met(rule Rule, s *model.Subprocessor) {
	res := c.results[rule.ID]
	if ref := "subprocessor:" + s.ID; !slices.Contains(res.Where, ref) {
		res.Where = append(res.Where, ref)
	}
}

// fail records a problem of s with the rule at field: "safeguard" on the
// subprocessor, anything else in its [subprocessor.transfer] table.
func (c *transferCheck) fail(rule Rule, s *model.Subprocessor, field, msg, hint string) {
	src := s.Src
	if field != "safeguard" {
		src = s.Transfer.Src
		if src.File == "" { // no [subprocessor.transfer] table yet
			src = s.Src
			src.Path = s.Src.FieldPath("transfer")
			src.Fields, src.Texts, src.Keys = nil, nil, nil
		}
	}
	pos := src.At(field)
	c.results[rule.ID].Problems.Add(problem.Problem{File: pos.File, Line: pos.Line, Col: pos.Col,
		Field: src.FieldPath(field), Message: fmt.Sprintf("subprocessor %q: %s", s.ID, msg), Hint: hint})
}

// dated reports whether the version's effective date is known: without it
// (a context that sets none) no rule judges by date.
func (c *transferCheck) dated() bool { return !c.ctx.Effective.IsZero() }

// after reports whether the version takes effect after day.
func (c *transferCheck) after(day model.Date) bool { return c.dated() && day.Before(c.ctx.Effective) }

// before reports whether the version takes effect before day.
func (c *transferCheck) before(day model.Date) bool { return c.dated() && c.ctx.Effective.Before(day) }

// thirdCountries are the countries outside the EU/EEA s is in or processes
// data in.
func thirdCountries(s *model.Subprocessor) []string {
	var out []string
	codes := []string{s.Address.Country}
	for _, l := range s.Locations {
		codes = append(codes, l.Country)
	}
	for _, code := range codes {
		if code != "" && country.Check(code) == nil && !country.InEEA(code) && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// adequacy: every country outside the EU/EEA has a decision that applies
// on the version's effective date.
func (c *transferCheck) adequacy(s *model.Subprocessor) {
	ok := true
	for _, code := range thirdCountries(s) {
		all := c.decisions.For(code, "")
		if len(all) == 0 {
			ok = false // validate reports a country without any decision
			continue
		}
		if !c.dated() {
			continue
		}
		if _, applies := c.decisions.On(code, "", c.ctx.Effective); applies {
			continue
		}
		ok = false
		first, last := all[0], all[len(all)-1]
		hint := `check whether a newer decision applies (add one the tool does not know yet to data/adequacy.toml), or use "scc" or "bcr"`
		if c.ctx.Effective.Before(first.Date) {
			c.fail(ruleAdequacy, s, "safeguard", fmt.Sprintf("the adequacy decision for %s (%s) was adopted after this version takes effect (%s)",
				country.Name(code, model.EN), adequacy.Title(first), c.ctx.Effective), hint)
			continue
		}
		c.fail(ruleAdequacy, s, "safeguard", fmt.Sprintf("the adequacy decision for %s (%s) applied until %s; this version takes effect on %s",
			country.Name(code, model.EN), adequacy.Title(last), last.Until, c.ctx.Effective), hint)
	}
	if ok {
		c.met(ruleAdequacy, s)
	}
}

// dpf: a US recipient, its entry on the Data Privacy Framework List, and
// the decision of 10 July 2023 in force.
func (c *transferCheck) dpf(s *model.Subprocessor) {
	ok := true
	if s.Address.Country != "US" {
		ok = false
		c.fail(ruleDPF, s, "safeguard", fmt.Sprintf("the EU-US Data Privacy Framework certifies organisations in the US, but the recipient's seat is in %s", s.Address.Country),
			`certification covers the US organisation itself: name it, or use "scc" or "bcr"`)
	}
	switch listing := s.Transfer.DPFListing; {
	case listing == "":
		ok = false
		c.fail(ruleDPF, s, "dpf_listing", "no reference to the recipient's entry in the Data Privacy Framework List",
			`add dpf_listing = "https://www.dataprivacyframework.gov/list/…" to [subprocessor.transfer]: the certification is what the transfer rests on`)
	case !isDPFList(listing):
		ok = false
		c.fail(ruleDPF, s, "dpf_listing", fmt.Sprintf("%q is not an entry of the Data Privacy Framework List", listing),
			"link the recipient's entry on https://www.dataprivacyframework.gov/, the list the Department of Commerce keeps")
	}
	if c.dated() {
		if _, applies := c.decisions.On("US", model.SafeguardDPF, c.ctx.Effective); !applies {
			ok = false
			c.fail(ruleDPF, s, "safeguard", fmt.Sprintf("no decision on the EU-US Data Privacy Framework applies on %s, when this version takes effect (Implementing Decision (EU) 2023/1795 applies from 10 July 2023)", c.ctx.Effective),
				`name the safeguard the transfer rested on then: "scc", or for a version of before 16 July 2020 recorded with --historical "privacy-shield"`)
		}
	}
	if ok {
		c.met(ruleDPF, s)
	}
}

func isDPFList(link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "www.dataprivacyframework.gov" || host == "dataprivacyframework.gov"
}

// scc: the decision of the clauses and, for 2021/914, the module; the old
// clauses only while Art. 4 of 2021/914 still let them apply.
func (c *transferCheck) scc(s *model.Subprocessor) {
	t := s.Transfer
	ok := true
	switch {
	case t.SCCDecision == "":
		ok = false
		c.fail(ruleSCC, s, "scc_decision", "the standard contractual clauses are not named",
			`add scc_decision = "2021/914" and scc_module = 3 (processor to processor) to [subprocessor.transfer]`)
	case t.SCCDecision == model.SCC2021:
		if t.SCCModule == 0 {
			ok = false
			c.fail(ruleSCC, s, "scc_module", "the module of the standard contractual clauses 2021/914 is not named",
				"add scc_module = 3 (processor to processor, the module for a subprocessor), or 1, 2 or 4 as concluded")
		}
		if c.before(scc2021InForce) {
			ok = false
			c.fail(ruleSCC, s, "scc_decision", fmt.Sprintf("the clauses of 2021/914 apply from 27 June 2021, after this version takes effect (%s)", c.ctx.Effective),
				"name the clauses concluded then (2010/87 for a processor)")
		}
	case slices.Contains(model.SCCDecisions, t.SCCDecision): // an old set
		switch {
		case c.after(oldSCCLastDay):
			ok = false
			c.fail(ruleSCC, s, "scc_decision", fmt.Sprintf("the standard contractual clauses of %s are no safeguard for a version in effect after 27 December 2022 (this one: %s): Implementing Decision (EU) 2021/914 repealed them", t.SCCDecision, c.ctx.Effective),
				`conclude the clauses of 2021/914 and write scc_decision = "2021/914", scc_module = 3 (Art. 4(4) of 2021/914)`)
		case c.after(oldSCCRepealed) && !s.DPADate.IsZero() && !s.DPADate.Before(oldSCCRepealed):
			ok = false
			c.fail(ruleSCC, s, "scc_decision", fmt.Sprintf("the clauses of %s could not be concluded after 27 September 2021, and the contract with the subprocessor is of %s", t.SCCDecision, s.DPADate),
				`conclude the clauses of 2021/914: scc_decision = "2021/914" (Art. 4(2) and (4) of 2021/914)`)
		}
	default:
		ok = false // validate reports an unknown decision
	}
	if ok {
		c.met(ruleSCC, s)
	}
}

// tia: a transfer on standard contractual clauses or binding corporate
// rules rests on an assessment of the law and practice of the country of
// destination, documented (Clause 14(b) and (d) of the clauses).
func (c *transferCheck) tia(s *model.Subprocessor) {
	t := s.Transfer
	switch {
	case t.TIADate.IsZero():
		c.fail(ruleTIA, s, "tia_date", "no transfer impact assessment is recorded",
			`record the documented assessment of the laws and practices of the country of destination in [subprocessor.transfer]: tia_date = 2025-06-30, tia_reference = "TIA-2025-07"`)
	case c.before(t.TIADate):
		c.fail(ruleTIA, s, "tia_date", fmt.Sprintf("the transfer impact assessment is of %s, after this version takes effect (%s)", t.TIADate, c.ctx.Effective),
			"the assessment precedes the transfer: check its date")
	default:
		c.met(ruleTIA, s)
	}
}

// bcr: a reference to the approved binding corporate rules.
func (c *transferCheck) bcr(s *model.Subprocessor) {
	if strings.TrimSpace(s.Transfer.BCRReference) == "" {
		c.fail(ruleBCR, s, "bcr_reference", "no reference to the approved binding corporate rules",
			`add bcr_reference = "…" to [subprocessor.transfer]: the approving supervisory authority and its decision, or a link to the approved rules (Art. 47(1) GDPR)`)
		return
	}
	c.met(ruleBCR, s)
}

// privacyShield: invalid since 16 July 2020; only a version of before that
// day, recorded afterwards with --historical, may name it.
func (c *transferCheck) privacyShield(s *model.Subprocessor) {
	hint := `use "dpf" for a recipient certified under the EU-US Data Privacy Framework (with dpf_listing), or "scc" with scc_decision = "2021/914"`
	switch {
	case !c.ctx.Historical || !c.before(privacyShieldInvalid):
		c.fail(rulePrivacyShield, s, "safeguard", "the EU-US Privacy Shield is no safeguard: the CJEU declared it invalid on 16 July 2020 (C-311/18, Schrems II)",
			hint+"; only a version recorded with --historical that took effect before 16 July 2020 may name it")
	case c.before(privacyShieldAdopted):
		c.fail(rulePrivacyShield, s, "safeguard", fmt.Sprintf("the EU-US Privacy Shield was adopted on 12 July 2016, after this version takes effect (%s)", c.ctx.Effective),
			"name the safeguard the transfer rested on then")
	default:
		c.met(rulePrivacyShield, s)
	}
}
