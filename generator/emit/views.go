package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/trustportal/trustportal/generator/address"
	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// The views below are the front matter params of the generated pages: the
// contract between the generator and the templates (see docs/templates.md).

// contentKey returns the SHA-256 of v's JSON: the cache_key of the DPA's
// text, a TOM section or a subprocessor, by which the layouts render each
// of them once per build, language and release's words (partialCached),
// however many pages show it unchanged (the DPA's page and its embeddable
// view; the versions that list a subprocessor unchanged). The key names all
// the entry says, so two entries with one key render alike; it is taken
// before v's own cache_key is set (see docs/templates.md).
func contentKey(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("emit: content key of %T: %v", v, err)) // views are plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Text  string `json:"text,omitempty"`
}

type homeView struct {
	IntroHTML string `json:"intro_html"`
	Documents []link `json:"documents"`
	// Overview is the state of the documents, contacts and
	// certifications (see overview.go).
	Overview *overviewView `json:"overview"`
}

func (e *emitter) homePage(lang model.Lang, r *refs.Resolver) (homeView, error) {
	intro, err := markdown.Render(e.p.Home.Body.In(lang), r)
	if err != nil {
		return homeView{}, fmt.Errorf("content/_index.%s.md: %w", lang, err)
	}
	overview, err := e.overview(lang)
	if err != nil {
		return homeView{}, err
	}
	v := homeView{IntroHTML: intro, Overview: overview}
	for _, doc := range Navigation {
		v.Documents = append(v.Documents, link{
			Title: e.s.T(lang, "nav_"+doc, nil),
			URL:   e.u.page(lang, doc),
			Text:  e.s.T(lang, "summary_"+doc, nil),
		})
	}
	return v, nil
}

type dpaView struct {
	CacheKey     string `json:"cache_key"` // see contentKey
	PreambleHTML string `json:"preamble_html"`
	// Parties is the generated parties block; absent where the DPA names
	// its parties itself (parties_block = false in data/dpa.toml).
	Parties *partiesView `json:"parties,omitempty"`
	Clauses []clauseView `json:"clauses"`
	// Annex is the block of processing details; absent when a clause
	// states them (processing_clause in data/dpa.toml).
	Annex   *processingView `json:"annex,omitempty"`
	Annexes []link          `json:"annexes"`
}

type partiesView struct {
	Processor addressView `json:"processor"`
	Customer  string      `json:"customer"`
	// The roles under each party, with the DPA's defined terms if
	// data/dpa.toml gives them.
	CustomerRole  string `json:"customer_role"`
	ProcessorRole string `json:"processor_role"`
}

type clauseView struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	// Label is the number as the heading shows it: "3.", "§ 3", "Section 3".
	Label      string          `json:"label"`
	Title      string          `json:"title"`
	IntroHTML  string          `json:"intro_html,omitempty"`
	SubClauses []subClauseView `json:"subclauses"`
}

type subClauseView struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Label  string `json:"label"` // "3.2", "(2)", "(b)"
	Title  string `json:"title,omitempty"`
	HTML   string `json:"html"`
}

type processingView struct {
	ID                string         `json:"id"`
	Label             string         `json:"label"`
	Heading           string         `json:"heading"` // "Anlage 1: Einzelheiten der Verarbeitung"
	Subject           string         `json:"subject"`
	Duration          string         `json:"duration,omitempty"`
	Nature            string         `json:"nature"`
	Purpose           string         `json:"purpose"`
	DataCategories    []categoryView `json:"data_categories"`
	SpecialCategories []categoryView `json:"special_categories"`
	// SpecialCategoriesNone is set where the DPA states that no special
	// categories are processed; without it and without special
	// categories, the annex says nothing about them.
	SpecialCategoriesNone bool           `json:"special_categories_none,omitempty"`
	DataSubjects          []categoryView `json:"data_subjects"`
	Locations             []placeView    `json:"locations"`
}

type categoryView struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
}

type placeView struct {
	Country     string `json:"country,omitempty"`
	Region      string `json:"region,omitempty"` // "eu", "eea": a region instead of a country
	CountryName string `json:"country_name"`     // the country's or the region's name
	City        string `json:"city,omitempty"`
	Description string `json:"description,omitempty"`
}

type addressView struct {
	Name        string   `json:"name"`
	Lines       []string `json:"lines"`
	Country     string   `json:"country"`
	CountryName string   `json:"country_name"`
}

func (e *emitter) address(name string, a model.Address, lang model.Lang) addressView {
	v := addressView{Name: name, Lines: address.Lines(a, lang), Country: a.Country}
	if a.Country != "" {
		v.CountryName = country.Name(a.Country, lang)
	}
	return v
}

// placeName names a place of processing in lang: its country or its region.
func (e *emitter) placeName(code string, region model.Region, lang model.Lang) string {
	if region != "" {
		return e.s.T(lang, "region_"+string(region), nil)
	}
	return country.Name(code, lang)
}

func (e *emitter) dpaPage(lang model.Lang, r *refs.Resolver) (dpaView, error) {
	d := e.d.DPA
	render := func(src model.Src, field, md string) (string, error) {
		html, err := markdown.Render(md, r)
		if err != nil {
			pos := src.At(field)
			return "", fmt.Errorf("%s:%d: %w", pos.File, pos.Line, err)
		}
		return html, nil
	}
	preamble, err := render(d.Src[lang], "body", d.Preamble.In(lang))
	if err != nil {
		return dpaView{}, err
	}
	lb := labels.New(e.d.Structure, lang, e.s)
	v := dpaView{
		PreambleHTML: preamble,
		Parties:      e.parties(lang, lb),
	}
	if lb.InAnnex(model.PartProcessing) {
		pv := e.processing(lang, lb)
		v.Annex = &pv
	}
	for _, a := range e.d.Structure.AnnexList() {
		for _, part := range a.Holds {
			u := "#" + AnchorProcessingAnnex
			if part != model.PartProcessing {
				u = e.u.page(lang, part)
			}
			v.Annexes = append(v.Annexes, link{Title: lb.AnnexHeading(part), URL: u})
		}
	}
	for _, c := range d.Clauses {
		cv := clauseView{ID: c.ID, Number: c.Number, Label: lb.Heading(c.Number), Title: c.Title.In(lang)}
		if cv.IntroHTML, err = render(c.Src[lang], "intro", c.Intro.In(lang)); err != nil {
			return dpaView{}, err
		}
		for _, sc := range c.SubClauses {
			html, err := render(sc.Src[lang], "body", sc.Body.In(lang))
			if err != nil {
				return dpaView{}, err
			}
			cv.SubClauses = append(cv.SubClauses, subClauseView{ID: sc.ID, Number: sc.Number, Label: lb.Heading(sc.Number), Title: sc.Title.In(lang), HTML: html})
		}
		v.Clauses = append(v.Clauses, cv)
	}
	v.CacheKey = contentKey(v)
	return v, nil
}

// parties returns the parties block: the controller as the main agreement
// names it and the processor, each with its role and, if the DPA defines
// them, its term.
func (e *emitter) parties(lang model.Lang, lb *labels.Labels) *partiesView {
	if !e.d.Structure.ShowsParties() {
		return nil
	}
	v := &partiesView{
		Processor:     e.address(e.d.Processor.Name, e.d.Processor.Address, lang),
		Customer:      e.s.T(lang, "partyCustomer", nil),
		CustomerRole:  e.s.T(lang, "roleController", nil),
		ProcessorRole: e.s.T(lang, "roleProcessor", nil),
	}
	if term := lb.Controller(); term != "" {
		v.Customer = e.s.T(lang, "partyController", nil)
		v.CustomerRole = e.s.T(lang, "roleControllerAs", map[string]string{"Term": term})
	}
	if term := lb.Processor(); term != "" {
		v.ProcessorRole = e.s.T(lang, "roleProcessorAs", map[string]string{"Term": term})
	}
	return v
}

func (e *emitter) processing(lang model.Lang, lb *labels.Labels) processingView {
	p := e.d.Processing
	v := processingView{
		ID:       AnchorProcessingAnnex,
		Label:    lb.Annex(model.PartProcessing),
		Heading:  lb.AnnexHeading(model.PartProcessing),
		Subject:  p.Subject.In(lang),
		Duration: p.Duration.In(lang),
		Nature:   p.Nature.In(lang),
		Purpose:  p.Purpose.In(lang),

		SpecialCategoriesNone: p.SpecialCategoriesStated == model.SpecialCategoriesNone,
	}
	for _, c := range p.DataCategories {
		v.DataCategories = append(v.DataCategories, categoryView{ID: c.ID, Title: c.Title.In(lang), Detail: c.Examples.In(lang)})
	}
	for _, c := range p.SpecialCategories {
		v.SpecialCategories = append(v.SpecialCategories, categoryView{ID: c.ID, Title: c.Title.In(lang), Detail: c.Safeguards.In(lang)})
	}
	for _, s := range p.DataSubjects {
		v.DataSubjects = append(v.DataSubjects, categoryView{ID: s.ID, Title: s.Title.In(lang)})
	}
	for _, l := range p.Locations {
		v.Locations = append(v.Locations, placeView{Country: l.Country, Region: string(l.Region),
			CountryName: e.placeName(l.Country, l.Region, lang), Description: l.Description.In(lang)})
	}
	return v
}

type tomsView struct {
	Label string `json:"label"`
	// Intro is the tool's sentence on how the annex is ordered, shown by
	// objective when the annex has no preamble of its own; PreambleHTML is
	// the annex's preamble.
	Intro        string `json:"intro"`
	PreambleHTML string `json:"preamble_html"`
	// By objective, the areas are listed under their objective; as written,
	// Areas are the annex's sections.
	Objectives []objectiveView `json:"objectives"`
	Areas      []areaView      `json:"areas"`
	Count      int             `json:"count"`
}

type objectiveView struct {
	Key     string     `json:"key"`
	Title   string     `json:"title"`
	Article string     `json:"article"`
	Areas   []areaView `json:"areas"`
}

// areaView is an area or a group: a numbered section of the annex.
type areaView struct {
	CacheKey   string          `json:"cache_key"` // see contentKey
	ID         string          `json:"id"`
	Number     string          `json:"number"`
	Title      string          `json:"title"`
	GoalHTML   string          `json:"goal_html"`
	Objectives []objectiveView `json:"objectives"` // as written, the area's objectives as metadata
	Groups     []areaView      `json:"groups"`
	Measures   []measureView   `json:"measures"`
}

type measureView struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	TextHTML string `json:"text_html"`
}

func (e *emitter) tomsPage(lang model.Lang, r *refs.Resolver) (tomsView, error) {
	t := &e.d.TOMs
	var err error
	render := func(src model.Src, field string, text model.Text) string {
		html, rerr := markdown.Render(text.In(lang), r)
		if rerr != nil && err == nil {
			pos := src.TextAt(field + "." + string(lang))
			err = fmt.Errorf("%s:%d: %s: %w", pos.File, pos.Line, src.FieldPath(field), rerr)
		}
		return html
	}
	v := tomsView{Label: labels.New(e.d.Structure, lang, e.s).Annex(model.PartTOMs), PreambleHTML: render(t.Src, "preamble", t.Preamble)}
	if !t.AsWritten() && v.PreambleHTML == "" {
		v.Intro = e.s.T(lang, "tomsIntro", nil)
	}
	measures := func(ms []model.Measure) []measureView {
		var out []measureView
		for _, m := range ms {
			out = append(out, measureView{ID: m.ID, Number: m.Number, TextHTML: render(m.Src, "text", m.Text)})
			v.Count++
		}
		return out
	}
	area := func(a model.Area) areaView {
		av := areaView{ID: a.ID, Number: a.Number, Title: a.Title.In(lang), GoalHTML: render(a.Src, "goal", a.Goal), Measures: measures(a.Measures)}
		for _, g := range a.Groups {
			gv := areaView{ID: g.ID, Number: g.Number, Title: g.Title.In(lang),
				GoalHTML: render(g.Src, "goal", g.Goal), Measures: measures(g.Measures)}
			gv.CacheKey = contentKey(gv)
			av.Groups = append(av.Groups, gv)
		}
		if t.AsWritten() {
			for _, o := range a.AllObjectives() {
				av.Objectives = append(av.Objectives, e.objective(lang, o))
			}
		}
		av.CacheKey = contentKey(av)
		return av
	}
	if t.AsWritten() {
		for _, a := range t.Areas {
			v.Areas = append(v.Areas, area(a))
		}
		return v, err
	}
	for _, obj := range model.Objectives {
		ov := e.objective(lang, obj)
		for _, a := range t.Areas {
			if a.Objective == obj {
				ov.Areas = append(ov.Areas, area(a))
			}
		}
		if len(ov.Areas) > 0 {
			v.Objectives = append(v.Objectives, ov)
		}
	}
	return v, err
}

func (e *emitter) objective(lang model.Lang, o model.Objective) objectiveView {
	return objectiveView{Key: string(o), Title: e.s.T(lang, "objective_"+string(o), nil), Article: e.s.T(lang, "objectiveArticle_"+string(o), nil)}
}

type subprocessorsView struct {
	Label         string             `json:"label"`
	Intro         string             `json:"intro"`
	Subprocessors []subprocessorView `json:"subprocessors"` // never null, empty if none
	// NoneListed says so when the list is empty: that none are listed,
	// not that the processor uses none (docs/data.md).
	NoneListed string `json:"none_listed,omitempty"`
}

type subprocessorView struct {
	CacheKey         string        `json:"cache_key"` // see contentKey
	ID               string        `json:"id"`
	Name             string        `json:"name"`
	Address          addressView   `json:"address"`
	Contacts         []contactView `json:"contacts"`
	Locations        []placeView   `json:"locations"`
	LocationsText    string        `json:"locations_text"`
	Purpose          string        `json:"purpose"`
	Responsibilities string        `json:"responsibilities,omitempty"`
	DataCategories   []string      `json:"data_categories"`
	Safeguard        safeguardView `json:"safeguard"`
	Certifications   []string      `json:"certifications"`
	DPADate          dateView      `json:"dpa_date"`
	Since            dateView      `json:"since"`
	URL              string        `json:"url,omitempty"`
	Scope            string        `json:"scope,omitempty"`
	ThirdCountry     bool          `json:"third_country"`

	// Transfer are the facts the transfer rests on ([subprocessor.transfer]).
	Transfer []transferFactView `json:"transfer,omitempty"`
}

type safeguardView struct {
	Key   string `json:"key,omitempty"`
	Label string `json:"label,omitempty"`
	Note  string `json:"note,omitempty"`
}

type transferFactView struct {
	Text string `json:"text"`
	Link string `json:"link,omitempty"`
}

type dateView struct {
	ISO     string `json:"iso,omitempty"` // both empty when the date is not given
	Display string `json:"display,omitempty"`
}

type contactView struct {
	// Who is name, role and organisation on one line, as far as given:
	// "Jana Beispiel (Data protection officer), Example GmbH".
	Who          string   `json:"who,omitempty"`
	Name         string   `json:"name,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	Role         string   `json:"role,omitempty"`
	Email        string   `json:"email,omitempty"`
	Phone        string   `json:"phone,omitempty"`
	URL          string   `json:"url,omitempty"`
	Address      []string `json:"address,omitempty"` // its lines
}

// contacts returns the views of the contacts of one role, empty (never
// null) when there are none.
func contacts(cs model.Contacts, lang model.Lang) []contactView {
	out := []contactView{}
	for _, c := range cs {
		v := contactView{Name: c.Name, Organisation: c.Organisation, Role: c.Role.In(lang), Email: c.Email, Phone: c.Phone, URL: c.URL}
		who := c.Name
		if v.Role != "" {
			who = strings.TrimSpace(who + " (" + v.Role + ")")
		}
		if v.Organisation != "" {
			who = strings.TrimPrefix(who+", "+v.Organisation, ", ")
		}
		v.Who = who
		if !c.Address.IsZero() {
			v.Address = address.Lines(c.Address, lang)
		}
		out = append(out, v)
	}
	return out
}

func (e *emitter) date(lang model.Lang, d model.Date) dateView {
	if d.IsZero() {
		return dateView{}
	}
	return dateView{ISO: d.String(), Display: e.s.Date(lang, d)}
}

func (e *emitter) subprocessorsPage(lang model.Lang) subprocessorsView {
	titles := map[string]string{}
	for _, c := range e.d.Processing.DataCategories {
		titles[c.ID] = c.Title.In(lang)
	}
	for _, c := range e.d.Processing.SpecialCategories {
		titles[c.ID] = c.Title.In(lang)
	}
	v := subprocessorsView{Label: labels.New(e.d.Structure, lang, e.s).Annex(model.PartSubprocessors), Subprocessors: []subprocessorView{}}
	// The introduction states only what the data say: that these are the
	// subprocessors, the authorisation where processor.toml gives the
	// DPA's kind, and the objection period where portal.toml gives the
	// DPA's. Without the kind, whether the customer authorised them is for
	// the DPA's clauses.
	var intro []string
	if auth := e.d.Processor.Contract.SubprocessorAuthorisation; auth != "" {
		intro = append(intro, e.s.T(lang, "subprocessorsAuthorisation_"+auth, nil))
	}
	if len(e.d.Subprocessors.List) == 0 {
		v.NoneListed = e.s.T(lang, "subprocessorsNoneListed", nil)
	} else {
		intro = append(intro, e.s.T(lang, "subprocessorsIntro", nil))
	}
	if days := e.objection; days > 0 {
		intro = append(intro, e.s.T(lang, "subprocessorsObjection", map[string]string{"Days": strconv.Itoa(days)}))
	}
	v.Intro = strings.Join(intro, " ")
	for _, s := range e.d.Subprocessors.List {
		sv := subprocessorView{
			ID: s.ID, Name: s.Name,
			Address:          e.address(s.Name, s.Address, lang),
			Contacts:         contacts(s.Contact, lang),
			Purpose:          s.Purpose.In(lang),
			Responsibilities: s.Responsibilities.In(lang),
			Safeguard:        e.safeguard(s, lang),
			Transfer:         e.transferFacts(s, lang),
			Certifications:   s.Certifications,
			DPADate:          e.date(lang, s.DPADate),
			Since:            e.date(lang, s.Since),
			URL:              s.URL,
			Scope:            s.Scope.In(lang),
			ThirdCountry:     !country.InEEA(s.Address.Country),
		}
		var places []string
		for _, l := range s.Locations {
			pv := placeView{Country: l.Country, Region: string(l.Region), CountryName: e.placeName(l.Country, l.Region, lang), City: l.City}
			sv.Locations = append(sv.Locations, pv)
			if l.Country != "" && !country.InEEA(l.Country) {
				sv.ThirdCountry = true
			}
			if l.City != "" {
				places = append(places, l.City+" ("+pv.CountryName+")")
			} else {
				places = append(places, pv.CountryName)
			}
		}
		sv.LocationsText = strings.Join(places, ", ")
		for _, id := range s.DataCategories {
			sv.DataCategories = append(sv.DataCategories, titles[id])
		}
		sv.CacheKey = contentKey(sv)
		v.Subprocessors = append(v.Subprocessors, sv)
	}
	return v
}

type processorView struct {
	Address         addressView    `json:"address"`
	Website         string         `json:"website,omitempty"`
	Register        *registerView  `json:"register,omitempty"`
	Representatives []categoryView `json:"representatives"`
	Phone           string         `json:"phone,omitempty"`
	DPO             []contactView  `json:"dpo"`
	Instructions    []contactView  `json:"instructions"`
	Contract        contractView   `json:"contract"`
}

type registerView struct {
	Court  string `json:"court,omitempty"`
	Number string `json:"number,omitempty"`
	VATID  string `json:"vat_id,omitempty"`
}

type contractView struct {
	BindingLanguage string `json:"binding_language"`
	GoverningLaw    string `json:"governing_law,omitempty"`
	Jurisdiction    string `json:"jurisdiction,omitempty"`
}

func (e *emitter) processorPage(lang model.Lang) processorView {
	p := e.d.Processor
	v := processorView{
		Address:      e.address(p.Name, p.Address, lang),
		Website:      p.Website,
		Phone:        p.Phone,
		DPO:          contacts(p.DPO, lang),
		Instructions: contacts(p.Instructions, lang),
		Contract: contractView{
			BindingLanguage: e.s.T(lang, "languageIn_"+string(p.Contract.BindingLanguage), nil),
			Jurisdiction:    p.Contract.Jurisdiction.In(lang),
		},
	}
	if law := p.Contract.GoverningLaw; law != "" {
		v.Contract.GoverningLaw = country.Name(law, lang)
	}
	if r := p.Register; r != nil {
		v.Register = &registerView{Court: r.Court.In(lang), Number: r.Number, VATID: r.VATID}
	}
	for _, r := range p.Representatives {
		v.Representatives = append(v.Representatives, categoryView{Title: r.Name, Detail: r.Role.In(lang)})
	}
	return v
}

// transferFacts returns the facts of s's transfer, as the canonical text
// states them.
func (e *emitter) transferFacts(s model.Subprocessor, lang model.Lang) []transferFactView {
	var out []transferFactView
	for _, f := range canonical.TransferFacts(s, lang, e.s) {
		out = append(out, transferFactView{Text: f.Text, Link: f.Link})
	}
	return out
}

// safeguard returns the view of s's transfer safeguard, empty when the DPA
// names none (a subprocessor in the EU/EEA).
func (e *emitter) safeguard(s model.Subprocessor, lang model.Lang) safeguardView {
	v := safeguardView{Note: s.SafeguardNote.In(lang)}
	if s.Safeguard != "" {
		v.Key, v.Label = string(s.Safeguard), e.s.T(lang, "safeguard_"+string(s.Safeguard), nil)
	}
	return v
}
