package legal

import (
	"fmt"
	"slices"

	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Annex 1 (the details of the processing, with its locations) and Annex 3
// (the subprocessors, with theirs) describe the same processing: where a
// subprocessor processes data is a place of processing, and a place
// outside the EU/EEA is one only if someone processes data there, a
// subprocessor or the processor itself.

func init() { checkers = append(checkers, checkAnnexes) }

func checkAnnexes(d *model.Documents, ctx Context, r *Report) {
	p := &d.Processing
	annex1 := processingRef(d)
	file := p.Src.File
	if file == "" {
		file = "data/processing.toml"
	}

	// Every subprocessor location is among Annex 1's locations.
	res := Result{Rule: Rule{ID: "annex-subprocessor-locations", Group: "consistency", Source: "Art. 28(3)(a), Art. 28(3)(d) GDPR"}}
	if len(p.Locations) == 0 && len(d.Subprocessors.List) > 0 {
		res.NotJudged = true
		res.Gaps = []Gap{{Key: "legalGap_noLocations", Ref: annex1}}
		res.Problems.Add(problem.Problem{File: file, Field: "location",
			Message: "the details of the processing name no locations, so the checks cannot tell whether they agree with the subprocessors' locations",
			Hint:    `list every place of processing as [[location]] with country = "…" or region = "eu"/"eea" (docs/data.md)`})
	} else {
		for _, s := range d.Subprocessors.List {
			for _, l := range s.Locations {
				if covered(p.Locations, l.Country, l.Region) {
					continue
				}
				place := placeCode(l.Country, l.Region)
				res.Gaps = append(res.Gaps, Gap{Key: "legalGap_subprocessorLocation", Ref: "subprocessor:" + s.ID, Place: place})
				res.Problems.Add(problem.Problem{File: l.Src.File, Line: l.Src.Line, Col: l.Src.Col, Field: l.Src.FieldPath(""),
					Message: fmt.Sprintf("subprocessor %q processes data in %s, which the details of the processing (%s) do not name as a place of processing", s.ID, place, annex1),
					Hint:    fmt.Sprintf(`add a [[location]] with %s to %s, describing what is done there, or correct the subprocessor's locations`, placeKey(l.Country, l.Region), file)})
			}
		}
		res.Met = len(res.Problems) == 0
		if res.Met {
			res.Where = []string{annex1, "annex:" + model.PartSubprocessors}
		}
	}
	r.Results = append(r.Results, res)

	// Every place outside the EU/EEA in Annex 1 has someone processing
	// data there.
	res = Result{Rule: Rule{ID: "annex-third-countries", Group: "consistency", Source: "Art. 28(3)(a), Art. 44 GDPR"}}
	for _, l := range p.Locations {
		if l.Country == "" || country.InEEA(l.Country) {
			continue
		}
		if l.ProcessorSite || l.Country == d.Processor.Address.Country {
			res.Where = append(res.Where, annex1)
			continue
		}
		var by []string
		for _, s := range d.Subprocessors.List {
			if slices.ContainsFunc(s.Locations, func(sl model.SubLocation) bool { return sl.Country == l.Country }) {
				by = append(by, "subprocessor:"+s.ID)
			}
		}
		if len(by) > 0 {
			res.Where = append(res.Where, by...)
			continue
		}
		res.Gaps = append(res.Gaps, Gap{Key: "legalGap_thirdCountry", Ref: annex1, Place: l.Country})
		res.Problems.Add(problem.Problem{File: l.Src.File, Line: l.Src.Line, Col: l.Src.Col, Field: l.Src.FieldPath("country"),
			Message: fmt.Sprintf("%s, outside the EU/EEA, is named as a place of processing, but no subprocessor processes data there", l.Country),
			Hint:    "remove the location if no data are processed there any more; list the subprocessor that processes them there in data/subprocessors.toml; or, if the processor does so at a site of its own, add processor_site = true"})
	}
	res.Met = len(res.Problems) == 0
	res.Where = unique(res.Where)
	r.Results = append(r.Results, res)
}

// covered reports whether Annex 1's locations include a subprocessor's
// location, a country or a region: a region covers its member states, the
// EEA the EU.
func covered(locs []model.Location, code string, region model.Region) bool {
	for _, l := range locs {
		switch {
		case code != "" && l.Country == code:
			return true
		case code != "" && l.Region == model.RegionEEA && country.InEEA(code):
			return true
		case code != "" && l.Region == model.RegionEU && inEU(code):
			return true
		case region != "" && (l.Region == region || l.Region == model.RegionEEA):
			return true
		}
	}
	return false
}

// inEU reports whether code is a member state of the EU: the EEA less
// Iceland, Liechtenstein and Norway.
func inEU(code string) bool {
	return country.InEEA(code) && code != "IS" && code != "LI" && code != "NO"
}

// placeCode is a country code or a region, for messages and gaps.
func placeCode(code string, region model.Region) string {
	if region != "" {
		return string(region)
	}
	return code
}

// placeKey is how data/processing.toml writes a place.
func placeKey(code string, region model.Region) string {
	if region != "" {
		return fmt.Sprintf("region = %q", region)
	}
	return fmt.Sprintf("country = %q", code)
}

// unique returns refs without repetitions, in their first order.
func unique(refs []string) []string {
	var out []string
	for _, r := range refs {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
