package release

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/deadline"
	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/sourcetext"
)

// settle fills in the request's defaults (today, the announcement) and
// checks its dates against the rules a release must keep
// (docs/releases.md, "Dates and notice"):
//
//   - a version is announced today or later, and takes effect today or
//     later; a version of the past is recorded with Historical, which the
//     release states;
//   - a version that adds, removes or changes subprocessors takes effect no
//     sooner than the objection period after its announcement, so that
//     customers can object before it applies (Art. 28(2) GDPR and the DPA);
//   - a version whose DPA changed says whether customers must accept it
//     anew (Material) or why not (NotMaterial).
func (req *Request) settle(p *model.Portal, s *l10n.Strings) error {
	if req.Today.IsZero() {
		req.Today = model.NewDate(time.Now().UTC().Date())
	}
	if req.Material && req.NotMaterial != "" {
		return errors.New("--material and --not-material contradict each other: give one")
	}
	if flaws := sourcetext.Check([]byte(req.NotMaterial)); len(flaws) > 0 {
		return fmt.Errorf("--not-material: %s: %s", flaws[0].Message(), flaws[0].Why())
	}
	if req.Announced.IsZero() {
		req.Announced = req.Today
		if req.Historical {
			req.Announced = req.Effective
		}
	}
	if req.Effective.Before(req.Announced) {
		return fmt.Errorf("a version cannot take effect (%s) before it is announced (%s): customers are told of a version before it applies; "+
			"give a later --effective, or --announced with the day customers were told (it defaults to today)", req.Effective, req.Announced)
	}
	if !req.Historical {
		switch {
		case req.Announced.Before(req.Today):
			return fmt.Errorf("--announced %s is in the past: a release announces its version today (%s) or later; "+
				"to record a version that was published before the portal existed, add --historical (the release says so)", req.Announced, req.Today)
		case req.Effective.Before(req.Today):
			return fmt.Errorf("--effective %s is in the past: a new version takes effect today (%s) or later; "+
				"to record a version that was in effect before the portal existed, add --historical (the release says so)", req.Effective, req.Today)
		}
	}
	if len(p.Releases) == 0 {
		return nil
	}
	last := &p.Releases[len(p.Releases)-1]
	changed, err := changedDocuments(last, p, s)
	if err != nil {
		return err
	}
	if d, ok := changed["subprocessors"]; ok && !req.Historical {
		if err := req.noticePeriod(p, last, d); err != nil {
			return err
		}
	}
	if d, ok := changed["dpa"]; ok && !req.Material && req.NotMaterial == "" {
		return fmt.Errorf("the DPA changed since release %s (%s): say whether customers must accept version %s anew: "+
			"--material, or --not-material \"REASON\" (e.g. \"corrects a typing error\"), which the release records and shows",
			last.Version, changedSections(d), req.Version)
	}
	return nil
}

// changedDocuments returns the documents of the working copy that differ
// from release last in any of the portal's languages, by key, each as
// compared in the first language it changed in.
func changedDocuments(last *model.Release, p *model.Portal, s *l10n.Strings) (map[string]diff.Document, error) {
	changed := map[string]diff.Document{}
	for _, lang := range p.Site.Languages {
		c, err := diff.Compare(&last.Docs, &p.Docs, lang, s)
		if err != nil {
			return nil, err
		}
		for _, d := range c.Documents {
			if _, seen := changed[d.Key]; !seen && d.Changed() {
				changed[d.Key] = d
			}
		}
	}
	return changed, nil
}

// noticePeriod checks that a change of subprocessors takes effect no sooner
// than the objection period after it is announced.
func (req *Request) noticePeriod(p *model.Portal, last *model.Release, d diff.Document) error {
	days := p.Site.ObjectionDays
	if days <= 0 { // the DPA sets no period: the feeds state none either
		return nil
	}
	// The deadline as the feeds state it: moved past a weekend or public
	// holiday where the DPA says so (deadline_holidays).
	due := deadline.Rule{Days: days, From: p.Site.ObjectionFrom, Holidays: p.Site.DeadlineHolidays}.Due(req.Announced)
	earliest := due.Day
	if req.Effective.Before(earliest) {
		moved := ""
		if !due.Moved.IsZero() {
			moved = fmt.Sprintf(" (%s falls on a weekend or public holiday in %s, so the period ends on the next working day)", due.Moved, p.Site.DeadlineHolidays)
		}
		return fmt.Errorf("version %s changes the subprocessors (%s) since release %s: customers may object within %d days of the announcement (objection_period_days in data/portal.toml), "+
			"so announced on %s it can take effect on %s at the earliest%s: give --effective %s or later",
			req.Version, changedSections(d), last.Version, days, req.Announced, earliest, moved, earliest)
	}
	return nil
}

// changedSections names the top-level sections of d that changed: "added
// mailgun, changed hetzner".
func changedSections(d diff.Document) string {
	var parts []string
	for _, s := range d.Sections {
		if s.Status != diff.Unchanged {
			parts = append(parts, s.Status.String()+" "+s.ID)
		}
	}
	if len(parts) > 5 {
		parts = append(parts[:5], fmt.Sprintf("%d more", len(parts)-5))
	}
	return strings.Join(parts, ", ")
}
