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
	"fmt"
	"slices"

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
	// NotJudged is set when the documents lack what the rule needs to be
	// judged at all (no clause is tagged, the TOMs name no objectives):
	// the rule is not met, and Problems say what to add.
	NotJudged bool
	// Gaps say the same as Problems for the checklist page, in the
	// reader's language.
	Gaps []Gap
}

// Gap is one thing missing or wrong, as the checklist page says it: the
// i18n key of its sentence and what the sentence names.
type Gap struct {
	Key string // "legalGap_untagged" …
	// Ref is what the gap concerns, as a reference the page links and
	// names ("clause:instructions", "subprocessor:hoster"; the sentence's
	// .Ref); Place a country code or region (its .Place, named in the
	// reader's language); Data the sentence's other values.
	Ref   string
	Place string
	Data  map[string]string
}

// Report is the result of every rule for one version of the documents,
// in checklist order.
type Report struct {
	Results []Result
}

// Findings returns the problems of every rule that is not met, each
// message led by the rule's source and id: "Art. 28(3)(b) GDPR
// (art28-3-b): …".
func (r Report) Findings() problem.List {
	var out problem.List
	for _, res := range r.Results {
		if res.Met {
			continue
		}
		for _, p := range res.Problems {
			p.Message = fmt.Sprintf("%s (%s): %s", res.Rule.Source, res.Rule.ID, p.Message)
			out.Add(p)
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
	// Figures, if set, remembers the figures of every text the parity
	// rule reads, for the checks of many versions whose texts are mostly
	// the same (each release of a portal repeats most of its clauses,
	// measures and subprocessors); nil reads each text anew.
	Figures *Figures
}

// checker is one rule set: it appends its results to the report.
type checker func(d *model.Documents, ctx Context, r *Report)

// checkers are the rule sets, in checklist order. Each file of the package
// adds its own (art28.go, art32.go, transfers.go …).
var checkers []checker

// Groups are the groups of rules in checklist order.
var Groups = []string{"art28", "art32", "transfers", "consistency", "languages"}

// Check checks d against every rule. The results are in checklist order:
// by group (Groups), then as the rule sets add them.
func Check(d *model.Documents, ctx Context) Report {
	var r Report
	for _, c := range checkers {
		c(d, ctx, &r)
	}
	rank := func(res Result) int {
		if i := slices.Index(Groups, res.Rule.Group); i >= 0 {
			return i
		}
		return len(Groups)
	}
	slices.SortStableFunc(r.Results, func(a, b Result) int { return rank(a) - rank(b) })
	return r
}
