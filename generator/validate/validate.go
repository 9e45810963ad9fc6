// Package validate checks the meaning of a loaded portal: required fields,
// both languages of every text, unique ids, country codes, transfer
// safeguards, links, and references between clauses, measures and
// subprocessors. It reports every problem at once.
package validate

import (
	"fmt"
	"net/mail"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/adequacy"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/deadline"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// Portal checks p and returns every problem found as a problem.List, or nil.
func Portal(p *model.Portal) error { return Problems(p).Err() }

// Problems checks p and returns every problem found.
func Problems(p *model.Portal) problem.List { return (*Memo)(nil).Problems(p) }

// A Memo keeps, from one check of a project to the next (serve's, after
// every saved edit), the problems of each release's documents: a release
// never changes, so the same release (model.Release.Key) checked in the
// same languages against the same adequacy decisions has the same
// problems. A Memo serves one check at a time.
type Memo struct {
	langs     []model.Lang
	decisions []model.AdequacyDecision
	releases  map[string]problem.List
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// Problems is the function Problems, taking each release's problems from
// m where they were found before (m may be nil).
func (m *Memo) Problems(p *model.Portal) problem.List {
	decisions := adequacy.With(p.Adequacy.Decisions)
	c := newChecker(p.Site.Languages, decisions)
	c.adequacyFile(&p.Adequacy)
	c.site(&p.Site)
	c.brand(&p.Site.Brand)
	c.certifications(&p.Certifications)
	c.unofficial(&p.Site, p.Docs.Processor.Contract.BindingLanguage)
	c.page("home page", p.Home.Title, p.Home.Body, p.Home.Src)
	c.documents(&p.Docs)
	c.published(p)
	known := m.begin(p.Site.Languages, p.Adequacy.Decisions)
	for i := range p.Releases {
		key := p.Releases[i].Key()
		found, ok := known[key]
		if !ok || key == "" {
			r := newChecker(p.Site.Languages, decisions)
			r.documents(&p.Releases[i].Docs)
			r.docNotes(&p.Releases[i])
			found = r.problems
		}
		m.keep(key, found)
		c.problems.Merge(found)
	}
	return c.problems
}

// begin returns the releases' problems found before in langs with
// decisions, forgetting them all if m saw other languages or decisions.
func (m *Memo) begin(langs []model.Lang, decisions []model.AdequacyDecision) map[string]problem.List {
	if m == nil {
		return nil
	}
	if !slices.Equal(m.langs, langs) || !reflect.DeepEqual(m.decisions, decisions) {
		m.langs, m.decisions = slices.Clone(langs), slices.Clone(decisions)
		m.releases = nil
	}
	known := m.releases
	m.releases = map[string]problem.List{} // what this check sees: releases gone are forgotten
	return known
}

func (m *Memo) keep(key string, problems problem.List) {
	if m != nil && key != "" {
		m.releases[key] = problems
	}
}

// Documents checks one version of the documents, such as the working copy
// before it is released, in languages langs.
func Documents(d *model.Documents, langs []model.Lang) problem.List {
	c := newChecker(langs, adequacy.With(nil))
	c.documents(d)
	return c.problems
}

func newChecker(langs []model.Lang, decisions adequacy.List) *checker {
	return &checker{langs: langs, decisions: decisions, ids: map[string]map[string]model.Pos{}}
}

func (c *checker) documents(d *model.Documents) {
	c.processor(&d.Processor)
	c.processing(&d.Processing, d.Structure.ProcessingClause)
	c.toms(&d.TOMs)
	c.subprocessors(&d.Subprocessors, &d.Processing)
	c.document(&d.DPA)
	c.structure(d)
	c.references(d)
}

type checker struct {
	langs    []model.Lang // the portal's languages
	problems problem.List
	// decisions are the adequacy decisions: the tool's and the project's
	decisions adequacy.List
	// ids per namespace: "dpa" (clauses and sub-clauses), "toms" (areas and
	// measures), "subprocessor", "category"; id → where first defined
	ids map[string]map[string]model.Pos
	// refs made in Markdown, checked once every id is known
	refs []refAt
}

type refAt struct {
	markdown.Ref
	field string // the TOML field the reference is in, "" in Markdown files
	pos   model.Pos
}

func (c *checker) add(pos model.Pos, field, msg, hint string) {
	c.problems.Add(problem.Problem{File: pos.File, Line: pos.Line, Col: pos.Col, Field: field, Message: msg, Hint: hint})
}

func (c *checker) at(s model.Src, field, msg, hint string) {
	c.add(s.At(field), s.FieldPath(field), msg, hint)
}

func (c *checker) missing(s model.Src, field, example string) {
	c.at(s, field, "required field is missing", "add "+field+" = "+example)
}

// text checks a reader-facing text: given in both languages, or (if optional)
// in none.
func (c *checker) text(s model.Src, field string, t model.Text, required bool) {
	example := c.textExample()
	if e := t.ShapeError(); e != "" {
		c.at(s, field, e, `write `+field+` = `+example)
		return
	}
	for _, l := range t.Langs() {
		if !slices.Contains(c.langs, l) {
			c.at(s, field, fmt.Sprintf("text in %s (%s), which is not one of the portal's languages (%s)", l.Name(), l, model.JoinLangs(c.langs)),
				fmt.Sprintf("remove the %s text, or add %q to languages in data/portal.toml", l, l))
		}
	}
	if t.IsZero() {
		if required {
			c.missing(s, field, example)
		}
		return
	}
	for _, l := range c.langs {
		if strings.TrimSpace(t.In(l)) == "" {
			c.at(s, field, fmt.Sprintf("text has no %s version", l.Name()),
				fmt.Sprintf(`every text needs each of the portal's languages: %s = %s; pages never fall back to another language`, field, example))
		}
	}
}

// textExample shows a text in the portal's languages: { de = "…", en = "…" }.
func (c *checker) textExample() string {
	parts := make([]string, len(c.langs))
	for i, l := range c.langs {
		parts[i] = string(l) + ` = "…"`
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (c *checker) str(s model.Src, field, v, example string) {
	if strings.TrimSpace(v) == "" {
		c.missing(s, field, example)
	}
}

var idRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// id checks an id's form and that it is unique in its namespace.
func (c *checker) id(s model.Src, field, namespace, id string) {
	pos := s.At(field)
	if id == "" {
		c.missing(s, field, `"some-stable-id"`)
		return
	}
	if !idRe.MatchString(id) {
		c.add(pos, s.FieldPath(field), fmt.Sprintf("id %q is not valid", id),
			"use lower-case letters, digits and single hyphens, e.g. \"badge-access\"")
		return
	}
	if reason := reserved(id); reason != "" {
		c.add(pos, s.FieldPath(field), fmt.Sprintf("id %q is reserved: %s", id, reason), "choose another id")
		return
	}
	c.unique(pos, s.FieldPath(field), namespace, id)
}

func (c *checker) unique(pos model.Pos, field, namespace, id string) {
	seen := c.ids[namespace]
	if seen == nil {
		seen = map[string]model.Pos{}
		c.ids[namespace] = seen
	}
	if first, dup := seen[id]; dup {
		c.add(pos, field, fmt.Sprintf("duplicate id %q: already used at %s:%d", id, first.File, first.Line),
			"ids must be unique; give one of them a new id (never rename an id that was already published)")
		return
	}
	seen[id] = pos
}

// link checks a URL from data: only https, http and mailto.
func (c *checker) link(s model.Src, field, v string, required bool) {
	if v == "" {
		if required {
			c.missing(s, field, `"https://…"`)
		}
		return
	}
	if err := checkURL(v); err != nil {
		c.at(s, field, err.Error(), "only https://, http:// and mailto: links are accepted")
	}
}

// webURL returns v parsed if it is an http(s) address with a host.
func webURL(v string) (*url.URL, bool) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, false
	}
	return u, true
}

func checkURL(v string) error {
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Errorf("%q is not a valid URL", v)
	}
	switch u.Scheme {
	case "https", "http":
		if u.Host == "" {
			return fmt.Errorf("URL %q has no host", v)
		}
		return nil
	case "mailto":
		if u.Opaque == "" {
			return fmt.Errorf("mailto link %q has no address", v)
		}
		return nil
	case "":
		return fmt.Errorf("link %q has no scheme", v)
	}
	return fmt.Errorf("link scheme %q is not allowed", u.Scheme)
}

// email checks an optional e-mail address.
func (c *checker) email(s model.Src, field, v string) {
	if v == "" {
		return
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v || a.Name != "" {
		c.at(s, field, fmt.Sprintf("%q is not an e-mail address", v), `write the bare address, e.g. "privacy@example.com"`)
	}
}

func (c *checker) country(s model.Src, field, code string) {
	if code == "" {
		c.missing(s, field, `"DE"`)
		return
	}
	if err := country.Check(code); err != nil {
		c.at(s, field, err.Error(), "see https://www.iso.org/obp/ui/#search for the codes")
	}
}

func (c *checker) date(s model.Src, field string, d model.Date, required bool) {
	if e := d.ShapeError(); e != "" {
		c.at(s, field, e, "write dates as TOML dates without quotes: "+field+" = 2024-05-01")
		return
	}
	if d.IsZero() && required {
		c.missing(s, field, "2024-05-01")
	}
}

func (c *checker) site(s *model.Site) {
	c.link(s.Src, "base_url", s.BaseURL, true)
	if u, err := url.Parse(s.BaseURL); err == nil && u.Scheme == "mailto" {
		c.at(s.Src, "base_url", "base_url must be an https:// or http:// URL", `e.g. base_url = "https://trust.example.com/"`)
	}
	c.text(s.Src, "title", s.Title, true)
	if s.ObjectionDays < 0 || s.ObjectionDays > 365 {
		c.at(s.Src, "objection_period_days", fmt.Sprintf("%d is not a number of days between 0 and 365", s.ObjectionDays),
			"give the objection period of the DPA's subprocessor clause, e.g. 30")
	}
	if s.ObjectionFrom != "" && !slices.Contains(deadline.CountedFrom, s.ObjectionFrom) {
		c.at(s.Src, "objection_counted_from", fmt.Sprintf("%q is not what a period counts from", s.ObjectionFrom),
			`write what the DPA's subprocessor clause says: "announcement" (within N days of the announcement) or "receipt" (within N days of receiving the information)`)
	}
	if s.DeadlineHolidays != "" {
		if msg := deadline.CheckPlace(s.DeadlineHolidays); msg != "" {
			c.at(s.Src, "deadline_holidays", msg,
				`name the place whose public holidays count, as an ISO 3166-2 code: "DE" for Germany's national holidays, "DE-HH" for Hamburg's`)
		}
	}
	if s.ObjectionDays == 0 && (s.ObjectionFrom != "" || s.DeadlineHolidays != "") {
		field := "objection_counted_from"
		if s.ObjectionFrom == "" {
			field = "deadline_holidays"
		}
		c.at(s.Src, field, "says how the objection period is counted, but objection_period_days gives none",
			"add objection_period_days = N as the DPA's subprocessor clause says, or remove this field")
	}
	c.subscribe(s.Subscribe)
}

// subscribe checks the sign-up for notices: a form's http(s) address or
// an e-mail address, one of them.
func (c *checker) subscribe(s *model.Subscribe) {
	if s == nil {
		return
	}
	switch {
	case s.FormAction == "" && s.Mailto == "":
		c.at(s.Src, "", "[subscribe] gives neither form_action nor mailto",
			`give form_action = "https://…" (the address your mailing tool takes sign-ups at) or mailto = "notices@example.com", or remove [subscribe]`)
	case s.FormAction != "" && s.Mailto != "":
		c.at(s.Src, "mailto", "[subscribe] gives both form_action and mailto; the pages offer one way to sign up",
			"keep form_action (a form on the pages) or mailto (a link that opens the reader's mail program)")
	case s.FormAction != "":
		if u, ok := webURL(s.FormAction); !ok || u.User != nil {
			c.at(s.Src, "form_action", fmt.Sprintf("%q is not an http(s) URL", s.FormAction),
				`give the address your mailing tool takes sign-ups at, e.g. form_action = "https://lists.example.com/subscribe/trust"`)
		}
	default:
		if a, err := mail.ParseAddress(s.Mailto); err != nil || a.Address != s.Mailto {
			c.at(s.Src, "mailto", fmt.Sprintf("%q is not an e-mail address", s.Mailto),
				`give the bare address, e.g. mailto = "notices@example.com"`)
		}
	}
}

// unofficial checks the languages marked as unofficial translations: each
// one of the portal's languages, once, and never the binding one.
func (c *checker) unofficial(s *model.Site, binding model.Lang) {
	seen := map[model.Lang]bool{}
	for _, lang := range s.Unofficial {
		switch {
		case !slices.Contains(c.langs, lang):
			c.at(s.Src, "unofficial_translations", fmt.Sprintf("%q is not one of the portal's languages (%s)", lang, model.JoinLangs(c.langs)),
				"list only languages of languages = […]")
		case lang == binding:
			c.at(s.Src, "unofficial_translations", fmt.Sprintf("%q is the binding language (binding_language in data/processor.toml), not a translation", lang),
				"list only the languages whose pages are translations of the binding version")
		case seen[lang]:
			c.at(s.Src, "unofficial_translations", fmt.Sprintf("%q is listed twice", lang), "list each language once")
		}
		seen[lang] = true
	}
}

// address checks a postal address; an absent one is reported only if
// required. Street, city and country make an address; the postal code and
// the region are written where the country has them.
func (c *checker) address(s model.Src, field string, a model.Address, required bool) {
	if a.Src.Path == "" && a.IsZero() { // the table is absent
		if required {
			c.missing(s, field, "{ street = …, postal_code = …, city = …, country = … } (or an ["+field+"] table)")
		}
		return
	}
	src := a.Src
	if src.Path == "" { // read by hand (a contact's address): report at the field
		src = model.Src{Pos: s.At(field), Path: s.FieldPath(field)}
	}
	c.str(src, "street", a.Street, `"Hafenstraße 12"`)
	c.str(src, "city", a.City, `"Hamburg"`)
	c.country(src, "country", a.Country)
}

// contacts checks the contacts of one role; none is a problem only if
// required.
func (c *checker) contacts(s model.Src, field string, cs model.Contacts, required bool) {
	if len(cs) == 0 {
		if required {
			c.missing(s, field, "a ["+field+"] table with name and email")
		}
		return
	}
	for _, ct := range cs {
		c.contact(s, field, ct)
	}
}

func (c *checker) contact(s model.Src, field string, ct model.Contact) {
	src := ct.Src
	if src.Path == "" {
		src = model.Src{Pos: s.At(field), Path: s.FieldPath(field), Fields: map[string]model.Pos{}}
	}
	if probs := ct.DecodeProblems(); len(probs) > 0 {
		for _, p := range probs {
			c.at(src, p.Field, p.Message, p.Hint)
		}
		return
	}
	c.text(src, "role", ct.Role, false)
	c.email(src, "email", ct.Email)
	c.link(src, "url", ct.URL, false)
	c.address(src, "address", ct.Address, false)
	if !ct.Reachable() {
		what := "the contact"
		if ct.Name != "" {
			what = fmt.Sprintf("contact %q", ct.Name)
		}
		c.at(src, "", what+" has no way to reach it",
			`give at least one of email = "…", phone = "…", url = "https://…" or address = { street = "…", city = "…", country = "DE" }`)
	}
}

func (c *checker) processor(p *model.Processor) {
	s := p.Src
	c.str(s, "name", p.Name, `"Example GmbH"`)
	c.link(s, "website", p.Website, false)
	c.address(s, "address", p.Address, true)
	if r := p.Register; r != nil {
		c.text(r.Src, "court", r.Court, false)
		if r.Court.IsZero() && r.Number == "" && r.VATID == "" {
			c.at(r.Src, "", "the register table is empty", `give court, number or vat_id, or remove [register]`)
		}
	}
	for _, r := range p.Representatives {
		c.str(r.Src, "name", r.Name, `"Jana Beispiel"`)
		c.text(r.Src, "role", r.Role, false)
	}
	c.contacts(s, "dpo", p.DPO, false)
	c.contacts(s, "instructions", p.Instructions, false)
	ct := p.Contract
	if ct.Src.Path == "" && len(c.langs) > 1 {
		c.missing(s, "contract", "a [contract] table with binding_language, the language whose text prevails")
		return
	}
	switch {
	case ct.BindingLanguage == "":
		c.missing(ct.Src, "binding_language", `"de"`)
	case !slices.Contains(c.langs, ct.BindingLanguage):
		c.at(ct.Src, "binding_language", fmt.Sprintf("%q is not one of the portal's languages (%s)", ct.BindingLanguage, model.JoinLangs(c.langs)),
			fmt.Sprintf("use one of them, or add %q to languages in data/portal.toml", ct.BindingLanguage))
	}
	if ct.GoverningLaw != "" {
		c.country(ct.Src, "governing_law", ct.GoverningLaw)
	}
	c.text(ct.Src, "jurisdiction", ct.Jurisdiction, false)
	if a := ct.Amendments; a != nil {
		modes := `"acceptance" (only once they accept it), "no-objection" (unless they object after the notice) or "immediately"`
		for _, f := range [...]struct{ field, mode string }{{"material", a.Material}, {"other", a.Other}} {
			if f.mode != "" && !slices.Contains(model.AmendModes, f.mode) {
				c.at(a.Src, f.field, fmt.Sprintf("%q is not a way a new version binds existing customers", f.mode), "write what the DPA's change clause says: "+modes)
			}
		}
		if a.Material == "" && a.Other == "" {
			c.at(a.Src, "material", "[contract.amendments] says nothing", "give material = … and other = …, each "+modes+", or remove the table")
		}
		if a.ObjectionDays < 0 || a.ObjectionDays > 365 {
			c.at(a.Src, "objection_period_days", fmt.Sprintf("%d is not a number of days between 0 and 365", a.ObjectionDays), "give the objection period of the DPA's change clause, e.g. 42")
		}
		if a.ObjectionDays > 0 && a.Material != model.AmendNoObjection && a.Other != model.AmendNoObjection {
			c.at(a.Src, "objection_period_days", `an objection period, but neither material nor other is "no-objection"`, "remove it, or say which versions bind unless customers object")
		}
	}
	if auth := ct.SubprocessorAuthorisation; auth != "" && auth != model.AuthorisationGeneral && auth != model.AuthorisationSpecific {
		c.at(ct.Src, "subprocessor_authorisation", fmt.Sprintf("%q is no kind of authorisation under Art. 28(2) GDPR", auth),
			`write what the DPA's subprocessor clause grants: "general" (a general written authorisation) or "specific" (each subprocessor authorised on its own)`)
	}
}

// art28 is the hint for a detail of the processing that Art. 28(3) GDPR
// requires the contract to set out.
func art28(field, example string) string {
	return "Art. 28(3) GDPR requires the contract to set out the subject matter, nature and purpose of the processing, the types of personal data and the categories of data subjects: add " + field + " = " + example
}

// processing checks the details of the processing. Where a clause states
// them (inClause, processing_clause in data/dpa.toml), the contract sets
// them out there, as Art. 28(3) asks, and data/processing.toml only holds
// what other parts refer to: none of its facts is required then.
func (c *checker) processing(p *model.Processing, inClause string) {
	s := p.Src
	required := inClause == ""
	for _, f := range []struct {
		field string
		text  model.Text
	}{{"subject", p.Subject}, {"nature", p.Nature}, {"purpose", p.Purpose}} {
		if f.text.IsZero() && f.text.ShapeError() == "" {
			if required {
				c.at(s, f.field, "required field is missing", art28(f.field, c.textExample()))
			}
			continue
		}
		c.text(s, f.field, f.text, true)
	}
	c.text(s, "duration", p.Duration, false)
	if len(p.DataCategories) == 0 && required {
		c.at(s, "data_category", "required field is missing", art28("[[data_category]]", "entries with id and title"))
	}
	for _, d := range p.DataCategories {
		c.id(d.Src, "id", "category", d.ID)
		c.text(d.Src, "title", d.Title, true)
		c.text(d.Src, "examples", d.Examples, false)
	}
	switch p.SpecialCategoriesStated {
	case "":
	case model.SpecialCategoriesNone:
		if len(p.SpecialCategories) > 0 {
			c.at(s, "special_categories", `special_categories = "none" contradicts the [[special_category]] entries`,
				"remove the line if special categories are processed, or the entries if none are")
		}
	default:
		c.at(s, "special_categories", fmt.Sprintf("%q is not a value of special_categories", p.SpecialCategoriesStated),
			`write special_categories = "none" where the DPA states that no special categories are processed; list those processed as [[special_category]] entries; where the DPA says nothing, leave both out`)
	}
	for _, d := range p.SpecialCategories {
		c.id(d.Src, "id", "category", d.ID)
		c.text(d.Src, "title", d.Title, true)
		c.text(d.Src, "safeguards", d.Safeguards, false)
	}
	if len(p.DataSubjects) == 0 && required {
		c.at(s, "data_subject", "required field is missing", art28("[[data_subject]]", "entries with id and title"))
	}
	for _, d := range p.DataSubjects {
		c.id(d.Src, "id", "subject", d.ID)
		c.text(d.Src, "title", d.Title, true)
	}
	for _, l := range p.Locations {
		c.place(l.Src, l.Country, l.Region)
		c.text(l.Src, "description", l.Description, false)
	}
}

// place checks a place of processing: a country or a region, not both.
func (c *checker) place(s model.Src, code string, region model.Region) {
	switch {
	case code != "" && region != "":
		c.at(s, "region", "a place is a country or a region, not both", `keep country = "…" or region = "…"`)
	case region != "":
		if !slices.Contains(model.Regions, region) {
			c.at(s, "region", fmt.Sprintf("unknown region %q", region), "use one of "+joinQuoted(model.Regions)+", or a country")
		}
	case code == "":
		c.at(s, "country", "the place has no country or region", `add country = "DE" (ISO 3166-1 alpha-2) or region = "eea" (the EU/EEA)`)
	default:
		c.country(s, "country", code)
	}
}

func (c *checker) toms(t *model.TOMs) {
	if t.Order != "" && !slices.Contains(model.TOMOrders, t.Order) {
		c.at(t.Src, "order", fmt.Sprintf("unknown order %q", t.Order),
			`use "as-written" to keep the annex's own order and numbers, or "by-objective" (the default) to list the areas under their Art. 32(1) objective`)
	}
	c.text(t.Src, "preamble", t.Preamble, false)
	c.tomText(t.Src, "preamble", t.Preamble)
	if len(t.Areas) == 0 {
		c.missing(t.Src, "area", "[[area]] entries")
	}
	for _, a := range t.Areas {
		c.id(a.Src, "id", "toms", a.ID)
		c.objectives(t, a)
		c.text(a.Src, "title", a.Title, true)
		c.text(a.Src, "goal", a.Goal, false)
		c.tomText(a.Src, "goal", a.Goal)
		switch {
		case len(a.Measures) == 0 && len(a.Groups) == 0 && a.Goal.IsZero():
			c.at(a.Src, "measure", fmt.Sprintf("area %q is empty", a.ID),
				"add [[area.measure]] entries, groups of them in [[area.group]], or a text in goal (a list in Markdown, say)")
		case len(a.Measures) > 0 && len(a.Groups) > 0:
			c.at(a.Src, "", fmt.Sprintf("area %q has both measures and groups", a.ID),
				"an area holds either [[area.measure]] entries or [[area.group]] entries with their measures: put the area's own measures into a group of their own")
		}
		c.measures(a.Measures)
		for _, g := range a.Groups {
			c.id(g.Src, "id", "toms", g.ID)
			c.text(g.Src, "title", g.Title, true)
			c.text(g.Src, "goal", g.Goal, false)
			c.tomText(g.Src, "goal", g.Goal)
			if len(g.Measures) == 0 && g.Goal.IsZero() {
				c.at(g.Src, "measure", fmt.Sprintf("group %q is empty", g.ID),
					"add [[area.group.measure]] entries below it or a text in goal, or remove the group")
			}
			c.measures(g.Measures)
		}
	}
}

func (c *checker) measures(ms []model.Measure) {
	for _, m := range ms {
		c.id(m.Src, "id", "toms", m.ID)
		c.text(m.Src, "text", m.Text, true)
		c.tomText(m.Src, "text", m.Text)
	}
}

// objectives checks an area's Art. 32(1) objectives: in an annex ordered by
// objective exactly one, given as objective; as written none, one or
// several, as metadata.
func (c *checker) objectives(t *model.TOMs, a model.Area) {
	valid := "use one of the Art. 32(1) GDPR objectives: " + joinQuoted(model.Objectives)
	if a.Objective != "" && !slices.Contains(model.Objectives, a.Objective) {
		c.at(a.Src, "objective", fmt.Sprintf("unknown objective %q", a.Objective), valid)
	}
	for i, o := range a.Objectives {
		field := fmt.Sprintf("objectives[%d]", i)
		switch {
		case !slices.Contains(model.Objectives, o):
			c.at(a.Src, "objectives", fmt.Sprintf("%s: unknown objective %q", field, o), valid)
		case slices.Index(a.Objectives, o) < i || o == a.Objective:
			c.at(a.Src, "objectives", fmt.Sprintf("%s: objective %q is listed twice", field, o), "list each objective once")
		}
	}
	if t.AsWritten() {
		return
	}
	switch {
	case len(a.Objectives) > 0:
		c.at(a.Src, "objectives", "an annex ordered by objective lists each area under one objective",
			`write objective = "…" with the one objective the area is listed under, or set order = "as-written" at the top of the file to keep the annex's own order and give areas several objectives as metadata`)
	case a.Objective == "":
		c.at(a.Src, "objective", "required field is missing",
			`add objective = "confidentiality" (the annex lists its areas by Art. 32(1) objective), or set order = "as-written" at the top of the file to keep the annex's own order, where objectives are optional`)
	}
}

// tomText checks the Markdown of a text of the TOM annex in each language
// and records its references.
func (c *checker) tomText(s model.Src, field string, t model.Text) {
	for _, l := range c.langs {
		if src := t.In(l); src != "" {
			c.markdownIn(s.TextAt(field+"."+string(l)), s.FieldPath(field), src)
		}
	}
}

func (c *checker) subprocessors(sp *model.Subprocessors, proc *model.Processing) {
	categories := map[string]bool{}
	for _, d := range proc.DataCategories {
		categories[d.ID] = true
	}
	for _, d := range proc.SpecialCategories {
		categories[d.ID] = true
	}
	for _, s := range sp.List {
		src := s.Src
		c.id(src, "id", "subprocessor", s.ID)
		c.str(src, "name", s.Name, `"Example Hosting GmbH"`)
		c.address(src, "address", s.Address, true)
		c.contacts(src, "contact", s.Contact, false)
		for _, l := range s.Locations {
			c.place(l.Src, l.Country, l.Region)
			if l.City != "" && l.Region != "" {
				c.at(l.Src, "city", "a city belongs to a country, not to a region", `write { country = "…", city = "…" }`)
			}
		}
		c.text(src, "purpose", s.Purpose, true)
		c.text(src, "responsibilities", s.Responsibilities, false)
		for _, id := range s.DataCategories {
			if !categories[id] {
				c.at(src, "data_categories",
					fmt.Sprintf("unknown data category %q", id),
					"use the id of a [[data_category]] or [[special_category]] in data/processing.toml")
			}
		}
		c.safeguard(s)
		c.text(src, "safeguard_note", s.SafeguardNote, false)
		c.transfer(s)
		for _, cert := range s.Certifications {
			if strings.TrimSpace(cert) == "" {
				c.at(src, "certifications", "empty certification", "remove the empty string")
			}
		}
		c.date(src, "dpa_date", s.DPADate, false)
		c.date(src, "since", s.Since, false)
		if !s.DPADate.IsZero() && !s.Since.IsZero() && s.Since.Before(s.DPADate) {
			c.at(src, "dpa_date", fmt.Sprintf("the DPA with the subprocessor (%s) is dated after it started processing (%s)", s.DPADate, s.Since),
				"Art. 28(4) GDPR requires the contract before processing starts: check both dates")
		}
		c.link(src, "url", s.URL, false)
		c.text(src, "scope", s.Scope, false)
	}
}

// safeguard checks that the transfer safeguard covers every country outside
// the EU/EEA the subprocessor is in or processes data in.
func (c *checker) safeguard(s model.Subprocessor) {
	src := s.Src
	var third []string // countries outside the EU/EEA
	for _, code := range append([]string{s.Address.Country}, locationCountries(s)...) {
		if code != "" && country.Check(code) == nil && !country.InEEA(code) && !slices.Contains(third, code) {
			third = append(third, code)
		}
	}
	if s.Safeguard == "" {
		// Only a transfer needs a legal basis (Art. 44 GDPR); where none
		// is involved, the DPA need not state one.
		if len(third) > 0 {
			c.at(src, "safeguard", fmt.Sprintf("subprocessor is in or processes data in %s, outside the EU/EEA, and has no safeguard", strings.Join(third, ", ")),
				`name the transfer's legal basis (Art. 44 ff. GDPR): safeguard = "adequacy", "dpf" (US, certified), "scc" or "bcr"`)
		}
		return
	}
	if !slices.Contains(model.Safeguards, s.Safeguard) {
		c.at(src, "safeguard", fmt.Sprintf("unknown safeguard %q", s.Safeguard), "use one of "+joinQuoted(model.Safeguards))
		return
	}
	switch s.Safeguard {
	case model.SafeguardEUEEA:
		if len(third) > 0 {
			c.at(src, "safeguard", fmt.Sprintf("subprocessor is in or processes data in %s, outside the EU/EEA, so \"eu-eea\" is wrong", strings.Join(third, ", ")),
				`name the transfer's legal basis: "adequacy", "dpf" (US, certified), "scc" or "bcr"`)
		}
	case model.SafeguardAdequacy:
		for _, code := range third {
			if len(c.decisions.For(code, "")) == 0 {
				hint := `use "scc" or "bcr"; a decision the tool does not know yet goes into data/adequacy.toml (docs/data.md)`
				if code == "US" {
					hint = `for a US recipient certified under the EU-US Data Privacy Framework use "dpf"; otherwise "scc"`
				}
				c.at(src, "safeguard", fmt.Sprintf("%s has no adequacy decision of the European Commission", code), hint)
			}
		}
		if len(third) == 0 {
			c.at(src, "safeguard", "no country outside the EU/EEA is involved, so no adequacy decision is needed", `use "eu-eea"`)
		}
	case model.SafeguardDPF, model.SafeguardPrivacyShield:
		framework := "EU-US Data Privacy Framework"
		if s.Safeguard == model.SafeguardPrivacyShield {
			framework = "EU-US Privacy Shield"
		}
		for _, code := range third {
			if code != "US" {
				c.at(src, "safeguard", fmt.Sprintf("the %s covers only the US, not %s", framework, code),
					`use "scc", "bcr" or, where the Commission decided so, "adequacy"`)
			}
		}
		if !slices.Contains(third, "US") {
			c.at(src, "safeguard", fmt.Sprintf("the %s applies only to recipients in the US", framework), "check the address and locations, or the safeguard")
		}
	}
}

func locationCountries(s model.Subprocessor) []string {
	out := make([]string, len(s.Locations))
	for i, l := range s.Locations {
		out[i] = l.Country
	}
	return out
}

// page checks a Markdown page's title and body in every language.
func (c *checker) page(what string, title, body model.Text, src map[model.Lang]model.Src) {
	for _, l := range c.langs {
		s, ok := src[l]
		if !ok {
			continue // reported by load
		}
		if strings.TrimSpace(title.In(l)) == "" {
			c.add(s.Pos, "title", what+" has no title", `add title = "…" to the front matter`)
		}
		c.markdown(s.At("body"), body.In(l))
	}
}

// reservedAnchors are element ids the DPA, TOM and subprocessor pages use
// themselves, beside the ids of the data.
var reservedAnchors = []string{"toc", "preamble", "parties", "annexes", "main", "content"}

// reserved says why an id may not be used, or "": the pages derive element
// ids from entity ids ("scope-title" for the heading of clause "scope",
// "category-…" and "subject-…" in Annex 1, "objective-…" in Annex 2), so those
// forms would collide.
func reserved(id string) string {
	switch {
	case slices.Contains(reservedAnchors, id):
		return "the pages use it themselves"
	case strings.HasSuffix(id, "-title"):
		return "ids ending in -title name headings"
	case strings.HasPrefix(id, "category-"), strings.HasPrefix(id, "subject-"), strings.HasPrefix(id, "objective-"), strings.HasPrefix(id, "annex-"):
		return "ids starting with " + id[:strings.IndexByte(id, '-')+1] + " are used by the annexes"
	}
	return ""
}

func (c *checker) document(d *model.Document) {
	c.page("the DPA", d.Title, d.Preamble, d.Src)
	c.preamble(d)
	weights := map[int]string{}
	for _, cl := range d.Clauses {
		de := c.first(cl.Src)
		c.docID(de.Pos, "clause id (file name)", cl.ID)
		if other, dup := weights[cl.Weight]; dup {
			c.add(de.Pos, "weight", fmt.Sprintf("weight %d is also the weight of clause %q", cl.Weight, other),
				"give every clause its own weight, so that their order is clear")
		}
		weights[cl.Weight] = cl.ID
		c.fulfils(cl)
		for _, l := range c.langs {
			s, ok := cl.Src[l]
			if !ok {
				continue // the file is missing: reported by load
			}
			if strings.TrimSpace(cl.Title.In(l)) == "" {
				c.add(s.Pos, "title", "clause has no title", `add title = "…" to the front matter`)
			}
			if cl.Intro.In(l) != "" {
				c.markdown(s.At("intro"), cl.Intro.In(l))
			}
		}
		if len(cl.SubClauses) == 0 && cl.Intro.IsZero() {
			c.add(de.Pos, "", fmt.Sprintf("clause %q has no text", cl.ID), "write its text, or remove the clause in every language")
		}
		for _, sc := range cl.SubClauses {
			c.docID(c.first(sc.Src).Pos, "sub-clause id", sc.ID)
			titled := 0
			for _, l := range c.langs {
				if sc.Title.In(l) != "" {
					titled++
				}
			}
			for _, l := range c.langs {
				s, ok := sc.Src[l]
				if !ok {
					continue
				}
				if strings.TrimSpace(sc.Body.In(l)) == "" {
					c.add(s.Pos, "{#"+sc.ID+"}", "sub-clause has no text", "write its text below the {#id} line")
					continue
				}
				if len(sc.Src) == len(c.langs) && titled > 0 && titled < len(c.langs) && sc.Title.In(l) == "" {
					c.add(s.Pos, "{#"+sc.ID+"}", "sub-clause has a heading in some languages only", "give it a heading in every language or in none")
				}
				c.markdown(s.At("body"), sc.Body.In(l))
			}
		}
	}
}

// preamble checks that the DPA has a preamble in every language or in
// none: its page has a preamble section, with an anchor, only where there is
// one, and the build refuses translations whose anchors differ.
func (c *checker) preamble(d *model.Document) {
	if len(d.Src) != len(c.langs) {
		return // a file is missing: reported by load
	}
	var with model.Lang // a language with a preamble
	for _, l := range c.langs {
		if !markdown.Empty(d.Preamble.In(l)) {
			with = l
			break
		}
	}
	if with == "" {
		return
	}
	for _, l := range c.langs {
		if markdown.Empty(d.Preamble.In(l)) {
			s := d.Src[l]
			at := s.At("body")
			if strings.TrimSpace(d.Preamble.In(l)) == "" {
				at = s.Pos // no body: the file
			}
			c.add(at, "preamble", fmt.Sprintf("the DPA has a preamble in %s but none in %s", with.Name(), l.Name()),
				fmt.Sprintf("write the %s preamble below the front matter of %s, or remove the %s one: the DPA's pages in every language have the same sections", l.Name(), s.File, with.Name()))
		}
	}
}

// first returns the source of the first language an entity was read in.
func (c *checker) first(src map[model.Lang]model.Src) model.Src {
	for _, l := range c.langs {
		if s, ok := src[l]; ok {
			return s
		}
	}
	return model.Src{}
}

func (c *checker) docID(pos model.Pos, field, id string) {
	if !idRe.MatchString(id) {
		c.add(pos, field, fmt.Sprintf("id %q is not valid", id), "use lower-case letters, digits and single hyphens, e.g. \"oral-instructions\"")
		return
	}
	if reason := reserved(id); reason != "" {
		c.add(pos, field, fmt.Sprintf("id %q is reserved: %s", id, reason), "choose another id")
		return
	}
	c.unique(pos, field, "dpa", id)
}

// markdown checks a Markdown text whose first line is at pos and records its
// references for references().
func (c *checker) markdown(pos model.Pos, src string) { c.markdownIn(pos, "", src) }

// markdownIn checks the Markdown text of field, whose first line is at pos:
// a text of a TOML file, where line 1 starts at pos's column.
func (c *checker) markdownIn(pos model.Pos, field, src string) {
	refs, issues := markdown.Check(src)
	at := func(line int) model.Pos {
		if line == 1 {
			return pos
		}
		return model.Pos{File: pos.File, Line: pos.Line + line - 1}
	}
	for _, is := range issues {
		c.add(at(is.Line), field, is.Message, is.Hint)
	}
	for _, r := range refs {
		c.refs = append(c.refs, refAt{r.Ref, field, at(r.Line)})
	}
}

// references checks that every reference names something that exists.
func (c *checker) references(p *model.Documents) {
	if len(c.refs) == 0 {
		return
	}
	// The ids a reference may name, by scheme: a long annex has hundreds
	// of measures, and its texts as many references.
	areas, measures, subprocessors := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, a := range p.TOMs.Areas {
		areas[a.ID] = true
		for _, g := range a.Groups {
			areas[g.ID] = true
		}
		for _, m := range a.AllMeasures() {
			measures[m.ID] = true
		}
	}
	for _, s := range p.Subprocessors.List {
		subprocessors[s.ID] = true
	}
	for _, r := range c.refs {
		var ok bool
		var hint string
		switch r.Scheme {
		case markdown.SchemeClause:
			_, ok = c.ids["dpa"][r.ID]
			hint = "use the file name of a clause in content/dpa/ or a sub-clause's {#id}"
		case markdown.SchemeAnnex:
			ok = slices.Contains(markdown.Annexes, r.ID)
			hint = "the annexes are " + strings.Join(markdown.Annexes, ", ")
			if id := p.Structure.ProcessingClause; ok && r.ID == model.PartProcessing && id != "" {
				c.add(r.pos, "", fmt.Sprintf("reference to annex %q, but clause %q states the details of the processing (data/dpa.toml)", r.ID, id),
					fmt.Sprintf("refer to the clause: [](clause:%s)", id))
				continue
			}
			if _, _, held := p.Structure.Place(r.ID); ok && !held && r.ID == model.PartSubprocessors {
				c.add(r.pos, "", `reference to annex "subprocessors", but no annex of the DPA holds the subprocessor list (data/dpa.toml)`,
					`write the text without the reference, or add "subprocessors" to the holds of an annex`)
				continue
			}
		case markdown.SchemeArea:
			ok = areas[r.ID]
			hint = "use the id of an area or group in data/toms.toml"
		case markdown.SchemeMeasure:
			ok = measures[r.ID]
			hint = "use the id of a measure in data/toms.toml"
		case markdown.SchemeSubprocessor:
			ok = subprocessors[r.ID]
			hint = "use the id of a subprocessor in data/subprocessors.toml"
		}
		if !ok {
			c.add(r.pos, r.field, fmt.Sprintf("reference to unknown %s %q", r.Scheme, r.ID), hint)
		}
	}
}

func joinQuoted[T ~string](vs []T) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = `"` + string(v) + `"`
	}
	return strings.Join(q, ", ")
}
