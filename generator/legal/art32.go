package legal

import (
	"fmt"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Art. 32(1) GDPR names what the measures must achieve, points (a) to (d);
// the TOM annex assigns its areas to these objectives (model.Objectives).
// Every objective needs at least one measure. An annex whose areas name no
// objective at all cannot be judged: the rule says so and invents nothing.

// objectiveRules are the rules of Art. 32(1), one per objective.
var objectiveRules = []struct {
	id     string
	source string
	o      model.Objective
}{
	{"art32-1-a", "Art. 32(1)(a) GDPR", model.ObjectiveEncryption},
	{"art32-1-b-confidentiality", "Art. 32(1)(b) GDPR", model.ObjectiveConfidentiality},
	{"art32-1-b-integrity", "Art. 32(1)(b) GDPR", model.ObjectiveIntegrity},
	{"art32-1-b-availability", "Art. 32(1)(b) GDPR", model.ObjectiveAvailability},
	{"art32-1-c", "Art. 32(1)(c) GDPR", model.ObjectiveRecoverability},
	{"art32-1-d", "Art. 32(1)(d) GDPR", model.ObjectiveReview},
}

func init() { checkers = append(checkers, checkArt32) }

func checkArt32(d *model.Documents, ctx Context, r *Report) {
	t := &d.TOMs
	where := map[model.Objective][]string{}
	assigned := false
	for _, a := range t.Areas {
		objectives := a.AllObjectives()
		assigned = assigned || len(objectives) > 0
		if len(a.AllMeasures()) == 0 {
			continue
		}
		for _, o := range objectives {
			where[o] = append(where[o], "area:"+a.ID)
		}
	}
	file := t.Src.File
	if file == "" {
		file = "data/toms.toml"
	}
	for _, rule := range objectiveRules {
		res := Result{Rule: Rule{ID: rule.id, Group: "art32", Source: rule.source}, Where: where[rule.o]}
		switch {
		case len(res.Where) > 0:
			res.Met = true
		case len(t.Areas) > 0 && !assigned:
			res.NotJudged = true
			res.Gaps = []Gap{{Key: "legalGap_noObjectives"}}
			res.Problems.Add(problem.Problem{File: file, Field: "area.objectives",
				Message: "cannot be checked: no area of the TOM annex names the objectives of Art. 32(1) its measures serve",
				Hint:    fmt.Sprintf("add %q to the objectives of the areas whose measures serve it: objectives = [%q] (docs/data.md)", rule.o, rule.o)})
		default:
			res.Gaps = []Gap{{Key: "legalGap_noMeasure"}}
			res.Problems.Add(problem.Problem{File: file, Field: "area.objectives",
				Message: fmt.Sprintf("no measure of the TOM annex serves the objective %q", rule.o),
				Hint:    fmt.Sprintf("describe the measures that serve it in an area with objectives = [%q] (or add %q to the objectives of the area whose measures do)", rule.o, rule.o)})
		}
		r.Results = append(r.Results, res)
	}
}
