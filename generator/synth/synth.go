// Package synth writes synthetic portal projects of a chosen size, for the
// benchmarks of a portal with a long released history: a DPA of many clauses,
// a large TOM annex and subprocessor list, in German and English, and as
// many released versions as asked for, each made by the real release path
// (generator.Release), so that its lock entry, stored canonical texts and
// stored words are those a legal team's release would have.
//
// The same Size (seed included) always gives the same project, byte for
// byte. Every text is made up here from a small vocabulary; the company and
// its subprocessors are fictional.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
)

// Size is the shape of a synthetic portal.
type Size struct {
	Clauses       int // DPA clauses
	SubClauses    int // numbered paragraphs per clause
	Areas         int // TOM areas
	Measures      int // measures per area
	Subprocessors int
	Versions      int // released versions
	Seed          uint64
}

// Large is the portal of issue 12: 40 clauses of 6 sub-clauses, 25 TOM
// areas of 12 measures, 150 subprocessors, with versions releases.
func Large(versions int) Size {
	return Size{Clauses: 40, SubClauses: 6, Areas: 25, Measures: 12, Subprocessors: 150, Versions: versions, Seed: 1}
}

// first is the day the first version is announced; each later one follows
// interval days after it.
var first = model.NewDate(2015, 1, 5)

const (
	interval = 61 // days between two announcements
	notice   = 45 // days from announcement to effect: more than the objection period
)

// announced returns the day version i (from 0) is announced.
func announced(i int) model.Date { return addDays(first, i*interval) }

// Today is a day on which every version of a portal of size s is in
// effect or past: the day a build of it should be made on, for
// reproducible output.
func (s Size) Today() model.Date {
	return addDays(announced(s.Versions), 1)
}

// Version is the name of release i (from 0): 1.0, 1.1, … 1.9, 2.0, …
func Version(i int) string { return fmt.Sprintf("%d.%d", 1+i/10, i%10) }

// Write writes the portal project of size s into dir, which must be new or
// empty, and releases its s.Versions versions, changing the working copy
// before each: a few sub-clauses reworded, measures reworded, added and
// removed, subprocessors changed, added and removed. The working copy is
// left as the last release has it.
func Write(dir string, s Size) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err != nil {
		return err
	} else if len(entries) > 0 {
		return fmt.Errorf("synth: %s is not empty", dir)
	}
	// Each release loads the project: its releases are read once.
	load.RememberReleases(true)
	defer load.RememberReleases(false)
	p := newPortal(s)
	if err := p.write(dir); err != nil {
		return err
	}
	for i := range s.Versions {
		if i > 0 {
			p.change(i)
			if err := p.write(dir); err != nil {
				return err
			}
		}
		day := announced(i)
		req := release.Request{
			Version:   Version(i),
			Today:     day,
			Announced: day,
			Effective: addDays(day, notice),
			Material:  true,
			Notes:     model.NewText("de", fmt.Sprintf("Fassung %s mit überarbeiteten Klauseln.", Version(i)), "en", fmt.Sprintf("Version %s with revised clauses.", Version(i))),
		}
		if _, err := generator.Release(dir, req); err != nil {
			return fmt.Errorf("synth: release %s: %w", req.Version, err)
		}
	}
	return nil
}

// portal is the working copy of a synthetic portal.
type portal struct {
	size    Size
	rng     *rand.Rand
	clauses []clause
	areas   []area
	subs    []subprocessor
	serial  int // for the ids of what is added later
}

type clause struct {
	id    string
	title pair
	subs  []subClause
}

type subClause struct {
	id   string
	text pair
}

type area struct {
	id       string
	title    pair
	goal     pair
	measures []measure
}

type measure struct {
	id   string
	text pair
}

type subprocessor struct {
	id, name string
	country  country
	since    model.Date
	purpose  pair
	duties   pair
	certs    []string
	cats     []string
}

func newPortal(s Size) *portal {
	p := &portal{size: s, rng: rand.New(rand.NewPCG(s.Seed, 0x7472757374))}
	for c := range s.Clauses {
		cl := clause{id: fmt.Sprintf("clause-%02d", c+1), title: clauseTitle(c)}
		for k := range s.SubClauses {
			cl.subs = append(cl.subs, subClause{id: fmt.Sprintf("%s-%d", cl.id, k+1), text: p.paragraph(3)})
		}
		p.clauses = append(p.clauses, cl)
	}
	for a := range s.Areas {
		ar := area{id: fmt.Sprintf("area-%02d", a+1), title: areaTitle(a), goal: p.sentence()}
		for m := range s.Measures {
			ar.measures = append(ar.measures, measure{id: fmt.Sprintf("%s-m%02d", ar.id, m+1), text: p.paragraph(2)})
		}
		p.areas = append(p.areas, ar)
	}
	for i := range s.Subprocessors {
		p.subs = append(p.subs, p.subprocessor(fmt.Sprintf("sub-%03d", i+1), addDays(announced(0), -400+i)))
	}
	return p
}

// change makes the edits of the working copy before release i.
func (p *portal) change(i int) {
	for range 3 {
		c := &p.clauses[p.rng.IntN(len(p.clauses))]
		sc := &c.subs[p.rng.IntN(len(c.subs))]
		sc.text = p.paragraph(3)
	}
	for range 4 {
		a := &p.areas[p.rng.IntN(len(p.areas))]
		m := &a.measures[p.rng.IntN(len(a.measures))]
		m.text = p.paragraph(2)
	}
	for range 2 {
		s := &p.subs[p.rng.IntN(len(p.subs))]
		s.purpose = p.sentence()
	}
	if i%3 == 0 && len(p.subs) > 2 {
		// One subprocessor replaced by a new one: never the first, which
		// the DPA names.
		gone := 1 + p.rng.IntN(len(p.subs)-1)
		p.subs = slices.Delete(p.subs, gone, gone+1)
		p.serial++
		p.subs = append(p.subs, p.subprocessor(fmt.Sprintf("sub-new-%03d", p.serial), announced(i)))
	}
	if i%4 == 0 {
		// A measure moves out and another comes in: never the first of an
		// area, which the DPA may name.
		a := &p.areas[p.rng.IntN(len(p.areas))]
		if len(a.measures) > 2 {
			gone := 1 + p.rng.IntN(len(a.measures)-1)
			a.measures = slices.Delete(a.measures, gone, gone+1)
		}
		p.serial++
		a.measures = append(a.measures, measure{id: fmt.Sprintf("%s-new-%03d", a.id, p.serial), text: p.paragraph(2)})
	}
}

// write writes the working copy into dir.
func (p *portal) write(dir string) error {
	files := map[string]string{
		"data/portal.toml":        portalTOML,
		"data/processor.toml":     processorTOML,
		"data/processing.toml":    processingTOML(),
		"data/toms.toml":          p.tomsTOML(),
		"data/subprocessors.toml": p.subprocessorsTOML(),
		"content/_index.de.md":    "+++\ntitle = \"Willkommen\"\n+++\n\nHier finden Sie den [Vertrag](clause:clause-01).\n",
		"content/_index.en.md":    "+++\ntitle = \"Welcome\"\n+++\n\nHere you find the [agreement](clause:clause-01).\n",
		"content/dpa/_index.de.md": "+++\ntitle = \"Auftragsverarbeitungsvertrag\"\n+++\n\n" +
			"Dieser Vertrag regelt die Verarbeitung personenbezogener Daten durch Synthetik Werke im Auftrag des Kunden.\n",
		"content/dpa/_index.en.md": "+++\ntitle = \"Data Processing Agreement\"\n+++\n\n" +
			"This agreement governs the processing of personal data by Synthetik Werke on behalf of the Customer.\n",
	}
	for i, c := range p.clauses {
		for _, lang := range []model.Lang{model.DE, model.EN} {
			files[fmt.Sprintf("content/dpa/%s.%s.md", c.id, lang)] = p.clauseMarkdown(i, c, lang)
		}
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (p *portal) clauseMarkdown(i int, c clause, lang model.Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nweight = %d\n+++\n", c.title.in(lang), 10*(i+1))
	for k, sc := range c.subs {
		fmt.Fprintf(&b, "\n{#%s}\n%s", sc.id, sc.text.in(lang))
		// A few references, to things that stay: the annexes, the first
		// measure of an area, the first subprocessor, the next clause.
		switch {
		case k == 0 && i == 0:
			b.WriteString(pick(lang, " Einzelheiten stehen in [](annex:processing).", " The details are set out in [](annex:processing)."))
		case k == 1:
			fmt.Fprintf(&b, pick(lang, " Es gilt [](measure:%s) aus [](annex:toms).", " [](measure:%s) of [](annex:toms) applies."), p.areas[i%len(p.areas)].measures[0].id)
		case k == 2 && i+1 < len(p.clauses):
			fmt.Fprintf(&b, pick(lang, " Siehe auch [](clause:%s).", " See also [](clause:%s)."), p.clauses[i+1].subs[0].id)
		case k == 3 && i == 1:
			fmt.Fprintf(&b, pick(lang, " Dazu gehört [](subprocessor:%s) aus [](annex:subprocessors).", " This includes [](subprocessor:%s) of [](annex:subprocessors)."), p.subs[0].id)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (p *portal) tomsTOML() string {
	var b strings.Builder
	b.WriteString("# Synthetic TOM annex (generator/synth).\n")
	for i, a := range p.areas {
		fmt.Fprintf(&b, "\n[[area]]\nid = %q\nobjective = %q\ntitle = %s\ngoal = %s\n", a.id, model.Objectives[i%len(model.Objectives)], a.title.toml(), a.goal.toml())
		for _, m := range a.measures {
			fmt.Fprintf(&b, "\n  [[area.measure]]\n  id = %q\n  text = %s\n", m.id, m.text.toml())
		}
	}
	return b.String()
}

func (p *portal) subprocessorsTOML() string {
	var b strings.Builder
	b.WriteString("# Synthetic subprocessors (generator/synth); every company is fictional.\n")
	for _, s := range p.subs {
		safeguard := "eu-eea"
		if s.country.code == "US" {
			safeguard = "dpf"
		}
		fmt.Fprintf(&b, "\n[[subprocessor]]\nid = %q\nname = %q\nsince = %s\ndpa_date = %s\nurl = \"https://%s.example/\"\nsafeguard = %q\n",
			s.id, s.name, s.since, addDays(s.since, -14), s.id, safeguard)
		fmt.Fprintf(&b, "certifications = [%s]\ndata_categories = [%s]\n", quoteAll(s.certs), quoteAll(s.cats))
		fmt.Fprintf(&b, "locations = [{ country = %q, city = %q }]\npurpose = %s\nresponsibilities = %s\n", s.country.code, s.country.city, s.purpose.toml(), s.duties.toml())
		fmt.Fprintf(&b, "\n  [subprocessor.address]\n  street = %q\n  postal_code = %q\n  city = %q\n  country = %q\n", s.country.street, s.country.postal, s.country.city, s.country.code)
		fmt.Fprintf(&b, "\n  [subprocessor.contact]\n  name = \"Privacy Office\"\n  email = \"privacy@%s.example\"\n", s.id)
	}
	return b.String()
}

func (p *portal) subprocessor(id string, since model.Date) subprocessor {
	c := countries[p.rng.IntN(len(countries))]
	cats := []string{categories[0].id}
	for _, cat := range categories[1:] {
		if p.rng.IntN(2) == 0 {
			cats = append(cats, cat.id)
		}
	}
	return subprocessor{
		id:      id,
		name:    companyName(p.rng) + " " + c.form,
		country: c,
		since:   since,
		purpose: p.sentence(),
		duties:  p.paragraph(2),
		certs:   certifications[:1+p.rng.IntN(len(certifications))],
		cats:    cats,
	}
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func pick(lang model.Lang, de, en string) string {
	if lang == model.DE {
		return de
	}
	return en
}
