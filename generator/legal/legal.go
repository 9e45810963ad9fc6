// Package legal checks the substance of one version of the documents, as a
// data protection lawyer reads a DPA first: does it set out what Art. 28(3)
// GDPR requires, do the TOMs cover each objective of Art. 32(1), are
// transfers outside the EU/EEA based on a valid instrument, do the annexes
// agree with each other, do the language versions state the same numbers.
//
// Each rule names its source (article, decision, judgment). A rule that is
// not met is a Finding with the place to fix it; `check` reports findings
// as warnings (errors with --strict), and each version's checklist page
// lists every rule, met or not. docs/legal-checks.md describes the rules.
//
// Like validate, the package only reads the model; unlike validate, its
// findings do not stop a build: whether a contract is sufficient is the
// legal team's decision, the tool's part is to show what is missing.
package legal

import (
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Rule is one requirement the documents are checked against.
type Rule struct {
	ID string // stable, e.g. "art28-3-a", "art32-1-b", "transfer-scc-2021"
	// Group orders the checklist: "art28", "art32", "transfers",
	// "consistency", "languages".
	Group string
	// Source names the rule's legal source: "Art. 28(3)(a) GDPR",
	// "Commission Implementing Decision (EU) 2021/914",
	// "CJEU C-311/18 (Schrems II)".
	Source string
	// Title is the i18n key of the rule's short description on the
	// checklist page (legal_<ID> unless set).
	Title string
}

// Result is how the documents fare against one rule.
type Result struct {
	Rule Rule
	Met  bool
	// Where lists what meets the rule, as references the pages link:
	// "clause:instructions", "measure:tls", "subprocessor:hoster".
	Where []string
	// Problems say what is missing or wrong and where to fix it; empty
	// when the rule is met.
	Problems problem.List
}

// Report is the result of every rule for one version of the documents,
// in checklist order.
type Report struct {
	Results []Result
}

// Findings returns the problems of every rule that is not met.
func (r Report) Findings() problem.List {
	var out problem.List
	for _, res := range r.Results {
		if !res.Met {
			out.Merge(res.Problems)
		}
	}
	return out
}

// Context is what the rules need besides the documents.
type Context struct {
	// Effective is the day the version takes effect (for the working copy:
	// the day of the check): instruments valid then apply.
	Effective model.Date
	// Historical is set for a version recorded afterwards (release
	// --historical), which is judged by the law of its own time.
	Historical bool
	// Languages are the portal's languages (the parity rule compares them).
	Languages []model.Lang
	// Adequacy are the project's own adequacy decisions (model.Portal's
	// Adequacy, from data/adequacy.toml), which extend or override the
	// tool's list; nil: the tool's list alone.
	Adequacy []model.AdequacyDecision
}

// checker is one rule set: it appends its results to the report.
type checker func(d *model.Documents, ctx Context, r *Report)

// checkers are the rule sets, in checklist order. Each file of the package
// adds its own (art28.go, art32.go, transfers.go …).
var checkers []checker

// Check checks d against every rule.
func Check(d *model.Documents, ctx Context) Report {
	var r Report
	for _, c := range checkers {
		c(d, ctx, &r)
	}
	return r
}
