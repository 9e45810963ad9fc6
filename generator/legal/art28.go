package legal

import (
	"fmt"
	"path"
	"slices"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Art. 28(3) GDPR: the contract sets out the details of the processing and
// binds the processor to points (a) to (h); Art. 33(2) adds the notice of a
// breach. A clause or sub-clause says which of them it meets with the tags
// of model.Requirements in its front matter; the details of the processing
// are met by data/processing.toml's facts or by the processing_clause.

// requirement is one element of Art. 28(3): its tag, its source and, for
// messages, what it asks for.
type requirement struct {
	id, source, asks string
}

var requirements = []requirement{
	{"art28-3-subject", "Art. 28(3), first sentence, GDPR", "the subject matter of the processing"},
	{"art28-3-duration", "Art. 28(3), first sentence, GDPR", "the duration of the processing"},
	{"art28-3-nature", "Art. 28(3), first sentence, GDPR", "the nature of the processing"},
	{"art28-3-purpose", "Art. 28(3), first sentence, GDPR", "the purpose of the processing"},
	{"art28-3-data-types", "Art. 28(3), first sentence, GDPR", "the type of personal data"},
	{"art28-3-data-subjects", "Art. 28(3), first sentence, GDPR", "the categories of data subjects"},
	{"art28-3-controller", "Art. 28(3), first sentence, GDPR", "the obligations and rights of the controller"},
	{"art28-3-a", "Art. 28(3)(a) GDPR", "processing only on documented instructions from the controller"},
	{"art28-3-a-transfers", "Art. 28(3)(a) GDPR", "transfers to a third country or an international organisation only on documented instructions"},
	{"art28-3-b", "Art. 28(3)(b) GDPR", "the persons authorised to process the data committed to confidentiality"},
	{"art28-3-c", "Art. 28(3)(c), Art. 32 GDPR", "the measures required by Art. 32 (security of processing)"},
	{"art28-3-d-2", "Art. 28(3)(d), Art. 28(2) GDPR", "another processor engaged only with the controller's prior authorisation; with a general authorisation, changes announced and the right to object"},
	{"art28-3-d-4", "Art. 28(3)(d), Art. 28(4) GDPR", "the same data protection obligations imposed on another processor, and the processor liable for it"},
	{"art28-3-e", "Art. 28(3)(e) GDPR", "assistance with requests of data subjects exercising their rights"},
	{"art28-3-f", "Art. 28(3)(f) GDPR", "assistance with the obligations of Art. 32 to 36 (security, breaches, impact assessment, prior consultation)"},
	{"art28-3-g", "Art. 28(3)(g) GDPR", "deletion or return of the data at the end of the services"},
	{"art28-3-h", "Art. 28(3)(h) GDPR", "all information necessary to demonstrate compliance, and audits and inspections"},
	{"art28-3-h-2", "Art. 28(3), second subparagraph, GDPR", "the controller informed at once if an instruction infringes data protection law"},
	{"art33-2", "Art. 33(2) GDPR", "personal data breaches notified to the controller without undue delay"},
}

func init() { checkers = append(checkers, checkArt28) }

func checkArt28(d *model.Documents, ctx Context, r *Report) {
	where := map[string][]string{} // tag → what meets it
	tagged := false
	for _, c := range d.DPA.Clauses {
		for _, tag := range c.Fulfils {
			where[tag] = append(where[tag], "clause:"+c.ID)
			tagged = true
		}
		for _, sc := range c.SubClauses {
			for _, tag := range sc.Fulfils {
				where[tag] = append(where[tag], "clause:"+sc.ID)
				tagged = true
			}
		}
	}
	facts := processingFacts(d)
	dir := dpaDir(d, ctx)
	for _, req := range requirements {
		res := Result{Rule: Rule{ID: req.id, Group: "art28", Source: req.source}}
		res.Where = append(res.Where, facts[req.id]...)
		res.Where = append(res.Where, where[req.id]...)
		switch {
		case len(res.Where) > 0:
			res.Met = true
		case !tagged:
			// A DPA whose clauses carry no tags (a version released
			// before they existed) cannot be judged clause by clause.
			res.NotJudged = true
			res.Gaps = []Gap{{Key: "legalGap_untagged"}}
			p := missingRequirement(dir, req)
			p.Message = "cannot be checked: no clause of the DPA is tagged with the requirements it meets; " + p.Hint
			p.Hint = "docs/legal-checks.md lists the requirements and how to tag them"
			res.Problems.Add(p)
		default:
			res.Gaps = []Gap{{Key: "legalGap_noClause"}}
			res.Problems.Add(missingRequirement(dir, req))
		}
		r.Results = append(r.Results, res)
	}
}

// missingRequirement is the finding for a requirement no clause is tagged
// with.
func missingRequirement(dir string, req requirement) problem.Problem {
	hint := fmt.Sprintf(`tag the clause that sets out %s: fulfils = ["%s"] in its front matter (in the file of the portal's first language), or for a sub-clause [subclause_fulfils] <id> = ["%s"]; if the DPA has no such clause, write one`, req.asks, req.id, req.id)
	if slices.Contains(model.ProcessingFacts, req.id) {
		hint = "state it in data/processing.toml (Annex 1), or " + hint
	}
	return problem.Problem{File: dir, Field: "fulfils", Message: "no clause is tagged as setting out " + req.asks, Hint: hint}
}

// processingFacts returns what states each detail of the processing: the
// processing_clause, or Annex 1 for each fact data/processing.toml gives.
func processingFacts(d *model.Documents) map[string][]string {
	out := map[string][]string{}
	if id := d.Structure.ProcessingClause; id != "" {
		for _, f := range model.ProcessingFacts {
			out[f] = []string{"clause:" + id}
		}
		return out
	}
	p := &d.Processing
	for f, given := range map[string]bool{
		"art28-3-subject":       !p.Subject.IsZero(),
		"art28-3-duration":      !p.Duration.IsZero(),
		"art28-3-nature":        !p.Nature.IsZero(),
		"art28-3-purpose":       !p.Purpose.IsZero(),
		"art28-3-data-types":    len(p.DataCategories) > 0 || len(p.SpecialCategories) > 0,
		"art28-3-data-subjects": len(p.DataSubjects) > 0,
	} {
		if given {
			out[f] = []string{processingRef(d)}
		}
	}
	return out
}

// processingRef is the reference to the details of the processing: Annex 1,
// or the clause that carries them.
func processingRef(d *model.Documents) string {
	if id := d.Structure.ProcessingClause; id != "" {
		return "clause:" + id
	}
	return "annex:" + model.PartProcessing
}

// dpaDir is the directory of the DPA's clause files, for findings about the
// DPA as a whole.
func dpaDir(d *model.Documents, ctx Context) string {
	for _, l := range ctx.Languages {
		if s, ok := d.DPA.Src[l]; ok && s.File != "" {
			return path.Dir(s.File)
		}
	}
	for _, s := range d.DPA.Src {
		return path.Dir(s.File)
	}
	return "content/dpa"
}
