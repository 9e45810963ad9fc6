package legal

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

func day(s string) model.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return model.NewDate(t.Date())
}

// subprocessor returns a subprocessor with its seat in seat, the safeguard
// and the transfer table, as load reads it from data/subprocessors.toml.
func subprocessor(seat string, safeguard model.Safeguard, transfer model.Transfer) model.Subprocessor {
	s := model.Subprocessor{ID: "recipient", Name: "Recipient Ltd", Address: model.Address{Country: seat}, Safeguard: safeguard, Transfer: transfer,
		Src: model.Src{Pos: model.Pos{File: "data/subprocessors.toml", Line: 10, Col: 1}, Path: "subprocessor[0]",
			Fields: map[string]model.Pos{"safeguard": {File: "data/subprocessors.toml", Line: 14, Col: 1}}}}
	if !transfer.IsZero() {
		s.Transfer.Src = model.Src{Pos: model.Pos{File: "data/subprocessors.toml", Line: 20, Col: 3}, Path: "subprocessor[0].transfer",
			Fields: map[string]model.Pos{}}
	}
	return s
}

const listing = "https://www.dataprivacyframework.gov/list/participant/7Q2XK000000TIDZ"

var (
	scc3     = model.Transfer{SCCDecision: "2021/914", SCCModule: 3, TIADate: day("2025-05-12"), TIAReference: "TIA-2025-03"}
	oldSCC   = model.Transfer{SCCDecision: "2010/87", TIADate: day("2019-02-01"), TIAReference: "TIA-2019-01"}
	oldSCCOf = func(dpaDate string) model.Subprocessor {
		s := subprocessor("US", model.SafeguardSCC, oldSCC)
		s.DPADate = day(dpaDate)
		return s
	}
)

func TestTransferRules(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rule       string
		effective  string
		historical bool
		project    []model.AdequacyDecision // data/adequacy.toml
		sub        model.Subprocessor
		want       string // "" the rule is met; else a part of the problem
		wantField  string
	}{
		// adequacy
		{name: "Japan", rule: "transfer-adequacy", effective: "2026-11-25", sub: subprocessor("JP", model.SafeguardAdequacy, model.Transfer{})},
		{name: "Brazil the day before its decision", rule: "transfer-adequacy", effective: "2026-01-25",
			sub: subprocessor("BR", model.SafeguardAdequacy, model.Transfer{}), want: "adequacy decision for Brazil ((EU) 2026/179 of 2026-01-26) was adopted after this version takes effect (2026-01-25)", wantField: "subprocessor[0].safeguard"},
		{name: "Brazil from its decision on", rule: "transfer-adequacy", effective: "2026-01-26", sub: subprocessor("BR", model.SafeguardAdequacy, model.Transfer{})},
		{name: "UK under the renewed decision", rule: "transfer-adequacy", effective: "2026-11-25", sub: subprocessor("GB", model.SafeguardAdequacy, model.Transfer{})},
		{name: "UK before its first decision", rule: "transfer-adequacy", effective: "2021-06-27",
			sub: subprocessor("GB", model.SafeguardAdequacy, model.Transfer{}), want: "was adopted after this version takes effect"},
		{name: "a decision a project ended", rule: "transfer-adequacy", effective: "2026-07-01",
			project: []model.AdequacyDecision{{Country: "CH", Name: "Switzerland", Number: "2000/518/EC", Date: day("2000-07-26"), Until: day("2026-06-30")}},
			sub:     subprocessor("CH", model.SafeguardAdequacy, model.Transfer{}), want: "applied until 2026-06-30; this version takes effect on 2026-07-01"},
		{name: "a decision a project added", rule: "transfer-adequacy", effective: "2026-12-01",
			project: []model.AdequacyDecision{{Country: "KE", Name: "Kenya", Number: "(EU) 2026/999", Date: day("2026-11-30")}},
			sub:     subprocessor("KE", model.SafeguardAdequacy, model.Transfer{})},

		// dpf
		{name: "certified US recipient", rule: "transfer-dpf", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardDPF, model.Transfer{DPFListing: listing})},
		{name: "no listing", rule: "transfer-dpf", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardDPF, model.Transfer{}),
			want: "no reference to the recipient's entry in the Data Privacy Framework List", wantField: "subprocessor[0].transfer.dpf_listing"},
		{name: "a listing elsewhere", rule: "transfer-dpf", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardDPF, model.Transfer{DPFListing: "https://recipient.example/dpf"}),
			want: "is not an entry of the Data Privacy Framework List", wantField: "subprocessor[0].transfer.dpf_listing"},
		{name: "a European entity", rule: "transfer-dpf", effective: "2026-11-25", sub: subprocessor("IE", model.SafeguardDPF, model.Transfer{DPFListing: listing}),
			want: "certifies organisations in the US, but the recipient's seat is in IE"},
		{name: "the day before the DPF decision", rule: "transfer-dpf", effective: "2023-07-09", historical: true,
			sub: subprocessor("US", model.SafeguardDPF, model.Transfer{DPFListing: listing}), want: "no decision on the EU-US Data Privacy Framework applies on 2023-07-09"},
		{name: "the day of the DPF decision", rule: "transfer-dpf", effective: "2023-07-10", sub: subprocessor("US", model.SafeguardDPF, model.Transfer{DPFListing: listing})},

		// scc
		{name: "clauses of 2021 with module", rule: "transfer-scc", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardSCC, scc3)},
		{name: "clauses not named", rule: "transfer-scc", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardSCC, model.Transfer{}),
			want: "the standard contractual clauses are not named", wantField: "subprocessor[0].transfer.scc_decision"},
		{name: "no module", rule: "transfer-scc", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardSCC, model.Transfer{SCCDecision: "2021/914"}),
			want: "module of the standard contractual clauses 2021/914 is not named", wantField: "subprocessor[0].transfer.scc_module"},
		{name: "old clauses on 27 December 2022", rule: "transfer-scc", effective: "2022-12-27", historical: true, sub: oldSCCOf("2020-03-01")},
		{name: "old clauses on 28 December 2022", rule: "transfer-scc", effective: "2022-12-28", historical: true, sub: oldSCCOf("2020-03-01"),
			want: "clauses of 2010/87 are no safeguard for a version in effect after 27 December 2022"},
		{name: "old clauses today", rule: "transfer-scc", effective: "2026-11-25", sub: oldSCCOf("2020-03-01"), want: "after 27 December 2022"},
		{name: "old clauses concluded after their repeal", rule: "transfer-scc", effective: "2022-06-01", historical: true, sub: oldSCCOf("2021-10-01"),
			want: "could not be concluded after 27 September 2021"},
		{name: "new clauses before they existed", rule: "transfer-scc", effective: "2021-06-26", historical: true, sub: subprocessor("US", model.SafeguardSCC, scc3),
			want: "apply from 27 June 2021"},

		// tia
		{name: "assessment recorded", rule: "transfer-tia", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardSCC, scc3)},
		{name: "no assessment", rule: "transfer-tia", effective: "2026-11-25", sub: subprocessor("US", model.SafeguardSCC, model.Transfer{SCCDecision: "2021/914", SCCModule: 3}),
			want: "no transfer impact assessment is recorded", wantField: "subprocessor[0].transfer.tia_date"},
		{name: "assessment after the version", rule: "transfer-tia", effective: "2025-05-11", sub: subprocessor("US", model.SafeguardSCC, scc3),
			want: "assessment is of 2025-05-12, after this version takes effect (2025-05-11)"},
		{name: "binding corporate rules need one too", rule: "transfer-tia", effective: "2026-11-25", sub: subprocessor("IN", model.SafeguardBCR, model.Transfer{BCRReference: "approved"}),
			want: "no transfer impact assessment"},

		// bcr
		{name: "approved rules named", rule: "transfer-bcr", effective: "2026-11-25",
			sub: subprocessor("IN", model.SafeguardBCR, model.Transfer{BCRReference: "Processor BCR approved by the lead authority on 2024-03-01 (ref. BCR-P-2024-17)"})},
		{name: "no reference", rule: "transfer-bcr", effective: "2026-11-25", sub: subprocessor("IN", model.SafeguardBCR, model.Transfer{}),
			want: "no reference to the approved binding corporate rules", wantField: "subprocessor[0].transfer.bcr_reference"},

		// privacy shield
		{name: "historical, the day before Schrems II", rule: "transfer-privacy-shield", effective: "2020-07-15", historical: true, sub: subprocessor("US", model.SafeguardPrivacyShield, model.Transfer{})},
		{name: "historical, the day of Schrems II", rule: "transfer-privacy-shield", effective: "2020-07-16", historical: true,
			sub: subprocessor("US", model.SafeguardPrivacyShield, model.Transfer{}), want: "invalid on 16 July 2020 (C-311/18, Schrems II)", wantField: "subprocessor[0].safeguard"},
		{name: "not historical", rule: "transfer-privacy-shield", effective: "2019-01-01",
			sub: subprocessor("US", model.SafeguardPrivacyShield, model.Transfer{}), want: "declared it invalid on 16 July 2020"},
		{name: "today", rule: "transfer-privacy-shield", effective: "2026-11-25",
			sub: subprocessor("US", model.SafeguardPrivacyShield, model.Transfer{}), want: "declared it invalid on 16 July 2020"},
		{name: "historical, before it existed", rule: "transfer-privacy-shield", effective: "2016-07-11", historical: true,
			sub: subprocessor("US", model.SafeguardPrivacyShield, model.Transfer{}), want: "adopted on 12 July 2016"},
	} {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			d := &model.Documents{Subprocessors: model.Subprocessors{List: []model.Subprocessor{tc.sub}}}
			report := Check(d, Context{Effective: day(tc.effective), Historical: tc.historical, Adequacy: tc.project})
			res := result(t, report, tc.rule)
			if tc.want == "" {
				if !res.Met || len(res.Problems) > 0 {
					t.Fatalf("not met: %v", res.Problems)
				}
				if len(res.Where) != 1 || res.Where[0] != "subprocessor:recipient" {
					t.Errorf("Where = %v, want [subprocessor:recipient]", res.Where)
				}
				return
			}
			if res.Met || len(res.Problems) != 1 {
				t.Fatalf("met %v, problems %v; want one problem %q", res.Met, res.Problems, tc.want)
			}
			p := res.Problems[0]
			if !strings.Contains(p.Message, tc.want) || !strings.Contains(p.Message, `subprocessor "recipient"`) {
				t.Errorf("message %q, want it to name the subprocessor and say %q", p.Message, tc.want)
			}
			if tc.wantField != "" && p.Field != tc.wantField {
				t.Errorf("field %q, want %q", p.Field, tc.wantField)
			}
			if p.File != "data/subprocessors.toml" || p.Line == 0 || p.Hint == "" {
				t.Errorf("problem without place or hint: %+v", p)
			}
			if len(report.Findings()) == 0 {
				t.Error("the report has no findings")
			}
		})
	}
}

// TestTransferRulesListed: every transfer rule is on the checklist, with its
// source and its title in each language the tool ships, also when no subprocessor uses its safeguard (then it is met and
// names nothing).
func TestTransferRulesListed(t *testing.T) {
	d := &model.Documents{Subprocessors: model.Subprocessors{List: []model.Subprocessor{subprocessor("DE", model.SafeguardEUEEA, model.Transfer{})}}}
	report := Check(d, Context{Effective: day("2026-11-25")})
	tables := testportal.Strings(t)
	for _, id := range []string{"transfer-adequacy", "transfer-dpf", "transfer-scc", "transfer-tia", "transfer-bcr", "transfer-privacy-shield"} {
		res := result(t, report, id)
		if !res.Met || len(res.Where) != 0 || res.Rule.Group != "transfers" || res.Rule.Source == "" {
			t.Errorf("%s: %+v", id, res)
		}
		for _, lang := range model.DefaultLanguages {
			if title, err := tables.T(lang, "legal_"+id, nil); err != nil || title == "" {
				t.Errorf("%s: no checklist title in %s: %v", id, lang, err)
			}
		}
	}
}

func result(t *testing.T, r Report, id string) Result {
	t.Helper()
	for _, res := range r.Results {
		if res.Rule.ID == id {
			return res
		}
	}
	t.Fatalf("no result for rule %s", id)
	return Result{}
}

// TestSampleTransfers: the sample portal's working copy meets every
// transfer rule on the day of the check.
func TestSampleTransfers(t *testing.T) {
	d := testportal.Documents(t, testportal.Root(t))
	report := Check(d, Context{Effective: day("2026-11-25")})
	var used []string
	for _, res := range report.Results {
		if res.Rule.Group != "transfers" {
			continue
		}
		if !res.Met {
			t.Errorf("%s: %v", res.Rule.ID, res.Problems)
		}
		used = append(used, res.Where...)
	}
	for _, want := range []string{"subprocessor:swiftedge", "subprocessor:brightwave-relay", "subprocessor:kotoba-translate", "subprocessor:alpenbote-sms"} {
		if !slices.Contains(used, want) {
			t.Errorf("%s meets no transfer rule (met: %v)", want, used)
		}
	}
}
