package legal

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

var langs = []model.Lang{model.DE, model.EN}

// complete returns documents that meet every rule: each requirement of
// Art. 28(3) tagged on a clause or sub-clause, each objective of Art. 32(1)
// with a measure, the annexes in agreement, the languages stating the same.
func complete() *model.Documents {
	d := &model.Documents{}
	d.Processor.Address.Country = "DE"
	d.Processing = model.Processing{
		Subject:        model.NewText("de", "Kundenservice-Software", "en", "Customer service software"),
		Duration:       model.NewText("de", "Laufzeit des Hauptvertrags", "en", "Term of the main agreement"),
		Nature:         model.NewText("de", "Speichern", "en", "Storage"),
		Purpose:        model.NewText("de", "Bearbeitung von Anfragen", "en", "Handling of requests"),
		DataCategories: []model.DataCategory{{ID: "contact"}},
		DataSubjects:   []model.DataSubject{{ID: "customers"}},
		Locations:      []model.Location{{Country: "DE"}, {Country: "US"}, {Region: model.RegionEU}},
	}
	d.Subprocessors.List = []model.Subprocessor{
		{ID: "hoster", Locations: []model.SubLocation{{Country: "DE"}, {Country: "FR"}}},
		{ID: "cdn", Locations: []model.SubLocation{{Country: "US"}}},
	}
	for _, o := range model.Objectives {
		d.TOMs.Areas = append(d.TOMs.Areas, model.Area{ID: "area-" + string(o), Objective: o,
			Measures: []model.Measure{{ID: "m-" + string(o), Text: model.NewText("de", "Maßnahme", "en", "Measure")}}})
	}
	var tagged []string
	for _, req := range model.Requirements {
		if !slices.Contains(model.ProcessingFacts, req) {
			tagged = append(tagged, req)
		}
	}
	d.DPA.Clauses = []model.Clause{
		{ID: "instructions", Fulfils: slices.Clone(tagged[:3]), Title: model.NewText("de", "Weisungen", "en", "Instructions")},
		{ID: "rest", Title: model.NewText("de", "Übriges", "en", "Other"), SubClauses: []model.SubClause{
			{ID: "breach", Fulfils: slices.Clone(tagged[3:]), Body: model.NewText("de", "binnen 48 Stunden an dpo@example.com", "en", "within 48 hours to dpo@example.com")},
		}},
	}
	return d
}

func TestCompleteDocumentsMeetEveryRule(t *testing.T) {
	r := Check(complete(), Context{Languages: langs})
	n := 0
	for _, res := range r.Results {
		if res.Rule.Group == "transfers" {
			continue // no transfer to judge: see transfers_test.go
		}
		n++
		if !res.Met || res.NotJudged || len(res.Problems) > 0 || len(res.Gaps) > 0 || len(res.Where) == 0 && res.Rule.Group != "languages" {
			t.Errorf("%s: met %v, not judged %v, where %v, problems %v", res.Rule.ID, res.Met, res.NotJudged, res.Where, res.Problems)
		}
	}
	if n != len(model.Requirements)+len(model.Objectives)+3 {
		t.Errorf("%d results besides the transfer rules", n)
	}
	if err := r.Findings().Err(); err != nil {
		t.Error(err)
	}
}

// TestRules: each rule, with what makes it fail; complete() is the
// passing example of every one.
func TestRules(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(d *model.Documents)
		rule      string
		notJudged bool
		want      string // in the finding, which also names the rule's source and id
		gap       string // the gap's key
	}{
		{"a requirement no clause is tagged with", func(d *model.Documents) {
			d.DPA.Clauses[1].SubClauses[0].Fulfils = slices.DeleteFunc(slices.Clone(d.DPA.Clauses[1].SubClauses[0].Fulfils), func(s string) bool { return s == "art33-2" })
		}, "art33-2", false, "Art. 33(2) GDPR (art33-2): no clause is tagged as setting out personal data breaches notified to the controller without undue delay", "legalGap_noClause"},
		{"the second subparagraph of Art. 28(3)", func(d *model.Documents) {
			d.DPA.Clauses[1].SubClauses[0].Fulfils = slices.DeleteFunc(slices.Clone(d.DPA.Clauses[1].SubClauses[0].Fulfils), func(s string) bool { return s == "art28-3-h-2" })
		}, "art28-3-h-2", false, `fulfils = ["art28-3-h-2"]`, "legalGap_noClause"},
		{"a detail of the processing neither in Annex 1 nor in a clause", func(d *model.Documents) {
			d.Processing.Duration = model.Text{}
		}, "art28-3-duration", false, "state it in data/processing.toml (Annex 1), or tag the clause", "legalGap_noClause"},
		{"no clause tagged at all: not judged", func(d *model.Documents) {
			for i := range d.DPA.Clauses {
				d.DPA.Clauses[i].Fulfils = nil
				for j := range d.DPA.Clauses[i].SubClauses {
					d.DPA.Clauses[i].SubClauses[j].Fulfils = nil
				}
			}
		}, "art28-3-a", true, `Art. 28(3)(a) GDPR (art28-3-a): cannot be checked: no clause of the DPA is tagged with the requirements it meets; tag the clause that sets out processing only on documented instructions`, "legalGap_untagged"},
		{"an objective of Art. 32(1) without a measure", func(d *model.Documents) {
			d.TOMs.Areas = slices.DeleteFunc(d.TOMs.Areas, func(a model.Area) bool { return a.Objective == model.ObjectiveReview })
		}, "art32-1-d", false, `Art. 32(1)(d) GDPR (art32-1-d): no measure of the TOM annex serves the objective "review"`, "legalGap_noMeasure"},
		{"an area of the objective without measures", func(d *model.Documents) {
			for i := range d.TOMs.Areas {
				if d.TOMs.Areas[i].Objective == model.ObjectiveEncryption {
					d.TOMs.Areas[i].Measures = nil
				}
			}
		}, "art32-1-a", false, `serves the objective "encryption"`, "legalGap_noMeasure"},
		{"an annex without objectives: not judged", func(d *model.Documents) {
			d.TOMs.Order = model.OrderAsWritten
			for i := range d.TOMs.Areas {
				d.TOMs.Areas[i].Objective = ""
			}
		}, "art32-1-b-integrity", true, `Art. 32(1)(b) GDPR (art32-1-b-integrity): cannot be checked: no area of the TOM annex names the objectives of Art. 32(1) its measures serve`, "legalGap_noObjectives"},
		{"a subprocessor location missing from Annex 1", func(d *model.Documents) {
			d.Subprocessors.List[1].Locations = append(d.Subprocessors.List[1].Locations, model.SubLocation{Country: "CH"})
		}, "annex-subprocessor-locations", false, `subprocessor "cdn" processes data in CH, which the details of the processing (annex:processing) do not name`, "legalGap_subprocessorLocation"},
		{"a subprocessor in Norway while Annex 1 names the EU", func(d *model.Documents) {
			d.Subprocessors.List[0].Locations = []model.SubLocation{{Country: "NO"}}
		}, "annex-subprocessor-locations", false, `processes data in NO`, "legalGap_subprocessorLocation"},
		{"Annex 1 without locations: not judged", func(d *model.Documents) {
			d.Processing.Locations = nil
		}, "annex-subprocessor-locations", true, "name no locations", "legalGap_noLocations"},
		{"a third country in Annex 1 no subprocessor covers", func(d *model.Documents) {
			d.Processing.Locations = append(d.Processing.Locations, model.Location{Country: "CH"})
		}, "annex-third-countries", false, "CH, outside the EU/EEA, is named as a place of processing, but no subprocessor processes data there", "legalGap_thirdCountry"},
		{"a subprocessor that moved from the US to the Netherlands", func(d *model.Documents) {
			d.Subprocessors.List[1].Locations = []model.SubLocation{{Country: "NL"}}
		}, "annex-third-countries", false, "US, outside the EU/EEA", "legalGap_thirdCountry"},
		{"a period that differs between the languages", func(d *model.Documents) {
			d.DPA.Clauses[1].SubClauses[0].Body = model.NewText("de", "binnen 48 Stunden an dpo@example.com", "en", "within 72 hours to dpo@example.com")
		}, "language-parity", false, "the German text states 48, the English text does not; the English text states 72, the German text does not", "legalGap_parity"},
		{"an e-mail address that differs between the languages", func(d *model.Documents) {
			d.DPA.Clauses[1].SubClauses[0].Body = model.NewText("de", "binnen 48 Stunden an dpo@example.com", "en", "within 48 hours to privacy@example.com")
		}, "language-parity", false, "dpo@example.com", "legalGap_parity"},
		{"a TOM measure's number that differs", func(d *model.Documents) {
			d.TOMs.Areas[0].Measures[0].Text = model.NewText("de", "Schlüssel mit 256 Bit", "en", "Keys of 128 bits")
		}, "language-parity", false, "states 256", "legalGap_parity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := complete()
			tt.edit(d)
			r := Check(d, Context{Languages: langs})
			res := result(t, r, tt.rule)
			if res.Met || res.NotJudged != tt.notJudged {
				t.Fatalf("met %v, not judged %v, want not met, not judged %v", res.Met, res.NotJudged, tt.notJudged)
			}
			findings := r.Findings().Error()
			if !strings.Contains(findings, tt.want) {
				t.Errorf("findings lack %q:\n%s", tt.want, findings)
			}
			if !strings.Contains(findings, res.Rule.Source+" ("+res.Rule.ID+"): ") {
				t.Errorf("findings do not name the source of %s:\n%s", res.Rule.ID, findings)
			}
			if len(res.Gaps) == 0 || res.Gaps[0].Key != tt.gap {
				t.Errorf("gaps %+v, want %s", res.Gaps, tt.gap)
			}
			for _, other := range r.Results {
				if other.Rule.ID != tt.rule && !other.Met && other.Rule.Group != res.Rule.Group {
					t.Errorf("%s is not met either: %v", other.Rule.ID, other.Problems)
				}
			}
		})
	}
}

// TestCoverage: what meets a rule besides a tagged clause.
func TestCoverage(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *model.Documents)
		rule string
		want []string
	}{
		{"the processing clause states the details", func(d *model.Documents) {
			d.Processing = model.Processing{Locations: d.Processing.Locations}
			d.Structure.ProcessingClause = "details"
		}, "art28-3-data-subjects", []string{"clause:details"}},
		{"a tagged clause beside Annex 1", func(d *model.Documents) {
			d.DPA.Clauses[0].Fulfils = append(d.DPA.Clauses[0].Fulfils, "art28-3-duration")
		}, "art28-3-duration", []string{"annex:processing", "clause:instructions"}},
		{"an area serving several objectives, as written", func(d *model.Documents) {
			d.TOMs.Order = model.OrderAsWritten
			d.TOMs.Areas[0].Objectives = []model.Objective{model.ObjectiveReview}
		}, "art32-1-d", []string{"area:area-encryption", "area:area-review"}},
		{"the processor's own site in a third country", func(d *model.Documents) {
			d.Processing.Locations = append(d.Processing.Locations, model.Location{Country: "CA", ProcessorSite: true})
		}, "annex-third-countries", []string{"subprocessor:cdn", "annex:processing"}},
		{"the processor's seat in a third country", func(d *model.Documents) {
			d.Processor.Address.Country = "GB"
			d.Processing.Locations = append(d.Processing.Locations, model.Location{Country: "GB"})
		}, "annex-third-countries", []string{"subprocessor:cdn", "annex:processing"}},
		{"the EEA covers a region and the EU's member states", func(d *model.Documents) {
			d.Processing.Locations = []model.Location{{Region: model.RegionEEA}, {Country: "US"}}
			d.Subprocessors.List[0].Locations = []model.SubLocation{{Region: model.RegionEU}, {Country: "NO"}}
		}, "annex-subprocessor-locations", []string{"annex:processing", "annex:subprocessors"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := complete()
			tt.edit(d)
			res := result(t, Check(d, Context{Languages: langs}), tt.rule)
			if !res.Met || !slices.Equal(res.Where, tt.want) {
				t.Errorf("met %v by %v, want met by %v; problems %v", res.Met, res.Where, tt.want, res.Problems)
			}
		})
	}
}

// TestOneLanguage: a portal of one language has nothing to compare.
func TestOneLanguage(t *testing.T) {
	for _, res := range Check(complete(), Context{Languages: []model.Lang{model.EN}}).Results {
		if res.Rule.ID == "language-parity" {
			t.Errorf("parity checked in a portal of one language: %+v", res)
		}
	}
}

func TestRequirementsHaveRules(t *testing.T) {
	var ids []string
	for _, r := range requirements {
		ids = append(ids, r.id)
	}
	if !slices.Equal(ids, model.Requirements) {
		t.Errorf("the rules of Art. 28(3) are %v, the tags model.Requirements %v", ids, model.Requirements)
	}
}

// TestFiguresRemembered: checks of several versions sharing one memory of
// figures report what checks without it report, each version its own
// differences, whatever was checked before it.
func TestFiguresRemembered(t *testing.T) {
	agreeing := complete()
	differing := complete()
	differing.DPA.Clauses[1].SubClauses[0].Body = model.NewText("de", "binnen 48 Stunden an dpo@example.com", "en", "within 72 hours to dpo@example.com")
	remembered := NewFigures()
	for i, d := range []*model.Documents{agreeing, differing, agreeing, differing} {
		got := Check(d, Context{Languages: langs, Figures: remembered})
		want := Check(d, Context{Languages: langs})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("check %d with remembered figures:\n%+v\nwithout:\n%+v", i, got, want)
		}
		parity := result(t, got, "language-parity")
		if parity.Met != (d == agreeing) {
			t.Errorf("check %d: parity met %v, want %v", i, parity.Met, d == agreeing)
		}
	}
	// one entry per text and language read: the sub-clause's two English
	// texts, everything else once
	agreeingOnly := NewFigures()
	Check(agreeing, Context{Languages: langs, Figures: agreeingOnly})
	if n, m := remembered.m.Len(), agreeingOnly.m.Len(); n != m+1 || m == 0 {
		t.Errorf("%d figures remembered over both versions, %d for one: want one more (the changed English sub-clause)", n, m)
	}
}
