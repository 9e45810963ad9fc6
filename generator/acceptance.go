package generator

import (
	"github.com/trustportal/trustportal/generator/acceptance"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
)

// Acceptance answers for a recorded hash from the checkout as a portal
// built on day (zero: today) does in its manifest: every released text
// whose canonical SHA-256 is hash, restricted to version and lang ("" for
// any), with its version's status that day. acceptance.Manifest gives the
// same answer from a published manifest.
func (p *Portal) Acceptance(hash, version string, lang model.Lang, day model.Date) (*acceptance.Answer, error) {
	found, err := p.FindHash(hash)
	if err != nil {
		return nil, err
	}
	day = today(day)
	tl := release.NewTimeline(p.Model, day)
	all := make([]acceptance.Match, 0, len(found))
	for _, m := range found {
		all = append(all, acceptance.Match{Version: m.Release.Version, Effective: m.Release.Effective.String(),
			Status: acceptance.Status(tl.Status(m.Release)), Doc: m.Doc, Lang: string(m.Lang)})
	}
	inEffect := ""
	if tl.Current != nil {
		inEffect = tl.Current.Version
	}
	hash, _ = ParseHash(hash) // FindHash parsed it
	return acceptance.NewAnswer(hash, all, inEffect, day.String(), version, string(lang)), nil
}
