package model

// Transfer is what a subprocessor's transfer safeguard rests on
// ([subprocessor.transfer] in data/subprocessors.toml): the references a
// customer's counsel asks for first. Every field is optional to load;
// package legal says which a safeguard needs.
type Transfer struct {
	// SCCDecision is the Commission decision whose standard contractual
	// clauses are used: "2021/914", or one of the old sets ("2010/87",
	// "2004/915", "2001/497").
	SCCDecision string `toml:"scc_decision"`
	// SCCModule is the module of the clauses of 2021/914 (1 controller to
	// controller, 2 controller to processor, 3 processor to processor,
	// 4 processor to controller); 0 when not given.
	SCCModule int `toml:"scc_module"`
	// DPFListing is the recipient's entry in the Data Privacy Framework
	// List (https://www.dataprivacyframework.gov/…).
	DPFListing string `toml:"dpf_listing"`
	// BCRReference names the approved binding corporate rules: the
	// approving authority's decision or a link to the rules.
	BCRReference string `toml:"bcr_reference"`
	// TIADate and TIAReference record the transfer impact assessment.
	TIADate      Date   `toml:"tia_date"`
	TIAReference string `toml:"tia_reference"`
	Src          Src    `toml:"-"`
}

// IsZero reports whether no field of the transfer is given.
func (t Transfer) IsZero() bool {
	return t.SCCDecision == "" && t.SCCModule == 0 && t.DPFListing == "" && t.BCRReference == "" &&
		t.TIADate.IsZero() && t.TIAReference == ""
}

// AdequacyFile is a list of adequacy decisions: the tool's own, or a
// project's data/adequacy.toml that extends or overrides it.
type AdequacyFile struct {
	Decisions []AdequacyDecision `toml:"decision"`
	Src       Src                `toml:"-"`
}

// AdequacyDecision is a decision of the European Commission under Art. 45
// GDPR that a third country, or an international organisation, ensures an
// adequate level of protection.
type AdequacyDecision struct {
	// Country is the ISO 3166-1 alpha-2 code of the country, or
	// Organisation the id of the international organisation ("epo"):
	// exactly one of them.
	Country      string `toml:"country"`
	Organisation string `toml:"organisation"`
	Name         string `toml:"name"`   // in English, for messages: "Japan"
	Number       string `toml:"number"` // "2019/419", "2002/2/EC"
	Date         Date   `toml:"date"`   // adopted; the decision applies from then
	// Scope is what the decision covers, in English, when it does not
	// cover every recipient there ("commercial organisations subject to
	// PIPEDA").
	Scope string `toml:"scope"`
	// Safeguard is "dpf" for a decision that covers only recipients
	// certified under a framework (the EU-US Data Privacy Framework), ""
	// for an adequacy decision in the ordinary sense.
	Safeguard Safeguard `toml:"safeguard"`
	// Until is the last day the decision applies (a sunset clause, a
	// repeal or an invalidation); zero when it has no end.
	Until Date `toml:"until"`
	// Review is the next periodic review set by the decision, if any.
	Review Date `toml:"review"`
	// Unconfirmed says which detail of the entry is not confirmed and
	// where to confirm it; "" when every detail is.
	Unconfirmed string `toml:"unconfirmed"`
	Source      string `toml:"source"` // where the decision is published
	Src         Src    `toml:"-"`
}

// AppliesOn reports whether the decision applies on day d.
func (a AdequacyDecision) AppliesOn(d Date) bool {
	return !d.Before(a.Date) && (a.Until.IsZero() || !a.Until.Before(d))
}

// Key returns the country code or the organisation id the decision is for.
func (a AdequacyDecision) Key() string {
	if a.Country != "" {
		return a.Country
	}
	return a.Organisation
}

// The Commission decisions of standard contractual clauses for transfers
// (Art. 46(2)(c) GDPR, before it Art. 26(4) of Directive 95/46/EC).
const (
	SCC2021 = "2021/914" // the clauses in force, in four modules
	SCC2010 = "2010/87"  // controller to processor, repealed by 2021/914
	SCC2004 = "2004/915" // controller to controller (set II), repealed by 2021/914
	SCC2001 = "2001/497" // controller to controller (set I), repealed by 2021/914
)

// SCCDecisions lists every decision of standard contractual clauses, the one
// in force first.
var SCCDecisions = []string{SCC2021, SCC2010, SCC2004, SCC2001}
