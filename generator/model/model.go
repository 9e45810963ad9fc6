// Package model holds the portal's content as one value: the processor, the
// processing, the TOM annex, the subprocessors and the DPA's clauses, every
// reader-facing text in both languages and every entity with a stable id and
// the source position it was read from.
//
// The model is built by package load, checked by package validate and only
// read after that.
package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Lang is a portal language, an ISO 639-1 code ("de", "en", "fr" …).
type Lang string

// The languages the tool ships its own strings for.
const (
	DE Lang = "de"
	EN Lang = "en"
)

// DefaultLanguages are a portal's languages when data/portal.toml declares
// none: German and English, in that order.
var DefaultLanguages = []Lang{DE, EN}

// Name returns the language's English name, for messages.
func (l Lang) Name() string {
	if n := display.English.Languages().Name(language.Make(string(l))); n != "" {
		return n
	}
	return string(l)
}

// JoinLangs lists language codes for messages: "de, en".
func JoinLangs(langs []Lang) string {
	s := make([]string, len(langs))
	for i, l := range langs {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// CheckLang says what is wrong with a language code, if anything: a
// portal's languages are lower-case ISO 639-1 codes.
func CheckLang(code string) error {
	if len(code) != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z' {
		return fmt.Errorf("%q is not a language code: use two lower-case letters (ISO 639-1), e.g. de, en, fr", code)
	}
	b, err := language.ParseBase(code)
	if err != nil || b.String() != code {
		return fmt.Errorf("%q is not an ISO 639-1 language code", code)
	}
	return nil
}

// Text is a reader-facing text in each of the portal's languages.
type Text struct {
	byLang   map[Lang]string
	shapeErr string
}

// NewText returns a text from language–text pairs:
// NewText("de", "Vertrag", "en", "Agreement").
func NewText(pairs ...string) Text {
	if len(pairs)%2 != 0 {
		panic("model.NewText: odd number of arguments")
	}
	var t Text
	for i := 0; i < len(pairs); i += 2 {
		t.Set(Lang(pairs[i]), pairs[i+1])
	}
	return t
}

// In returns the text in language l, "" if it has none.
func (t Text) In(l Lang) string { return t.byLang[l] }

// Has reports whether the text was given in language l (possibly empty).
func (t Text) Has(l Lang) bool {
	_, ok := t.byLang[l]
	return ok
}

// Set sets the text in language l.
func (t *Text) Set(l Lang, s string) {
	if t.byLang == nil {
		t.byLang = map[Lang]string{}
	}
	t.byLang[l] = s
}

// Langs returns the languages the text was given in, sorted.
func (t Text) Langs() []Lang {
	out := make([]Lang, 0, len(t.byLang))
	for l := range t.byLang {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// IsZero reports whether the text is absent in every language.
func (t Text) IsZero() bool {
	for _, s := range t.byLang {
		if s != "" {
			return false
		}
	}
	return true
}

// Equal reports whether t and u say the same in every language.
func (t Text) Equal(u Text) bool {
	for l, s := range t.byLang {
		if u.byLang[l] != s {
			return false
		}
	}
	for l, s := range u.byLang {
		if t.byLang[l] != s {
			return false
		}
	}
	return true
}

// Pos is a position in a source file.
type Pos struct {
	File      string // relative to the source directory, forward slashes
	Line, Col int    // 1-based; 0 when unknown
}

// Src records where an entity was read from: its own position and that of
// each of its fields, so that problems can point at the exact line.
type Src struct {
	Pos
	Path   string         // the entity's key path, e.g. "subprocessor[2]"
	Fields map[string]Pos // field name → position of its key
	// Texts maps a string field ("goal.de") to where its text starts, for
	// problems inside a Markdown text.
	Texts map[string]Pos
	// Keys, if set, are the positions of every key of the entity's file,
	// shared by all its entities: a field not in Fields or Texts is found
	// there by its key path (FieldPath). A file's keys are held once, not
	// again by each entity for the keys below it.
	Keys *Keys
}

// Keys are where the keys of one file are written, by key path
// ("subprocessor[2].address.country").
type Keys struct {
	File string
	// Pos is the position of each key, Texts where the text of each
	// string value starts.
	Pos, Texts map[string]LineCol
}

// LineCol is a 1-based line and column.
type LineCol struct{ Line, Col int }

// Lookup returns the position of field's key, if the source has it.
func (s Src) Lookup(field string) (Pos, bool) {
	if p, ok := s.Fields[field]; ok {
		return p, true
	}
	if s.Keys != nil {
		if lc, ok := s.Keys.Pos[s.FieldPath(field)]; ok {
			return Pos{File: s.Keys.File, Line: lc.Line, Col: lc.Col}, true
		}
	}
	return Pos{}, false
}

// TextAt returns where the text of string field starts, or the field's
// position when that is unknown.
func (s Src) TextAt(field string) Pos {
	if p, ok := s.Texts[field]; ok {
		return p
	}
	if s.Keys != nil {
		if lc, ok := s.Keys.Texts[s.FieldPath(field)]; ok {
			return Pos{File: s.Keys.File, Line: lc.Line, Col: lc.Col}
		}
	}
	return s.At(field)
}

// At returns the position of field, or the entity's own when the field is
// absent from the source.
func (s Src) At(field string) Pos {
	if p, ok := s.Lookup(field); ok {
		return p
	}
	return s.Pos
}

// FieldPath returns the key path of field, for messages.
func (s Src) FieldPath(field string) string {
	if s.Path == "" {
		return field
	}
	if field == "" {
		return s.Path
	}
	return s.Path + "." + field
}

// Portal is everything the portal publishes: its own settings and pages,
// the working copy of the documents and every released version of them.
type Portal struct {
	Site     Site
	Home     Page
	Docs     Documents // the working copy
	Releases []Release // in version order, oldest first
	// Pages are the further pages of content/, Static the files of
	// static/, which Hugo publishes as they are.
	Pages, Static []UserFile
	// Adequacy are the project's own adequacy decisions (data/adequacy.toml,
	// optional), which extend or override the tool's list.
	Adequacy AdequacyFile
	// Certifications are the processor's certifications and audit
	// reports (data/certifications.toml, optional); not part of any
	// version of the documents.
	Certifications CertificationsFile
}

// Documents are the legal documents as one versioned whole: the DPA with its
// annexes and the parties' data they rely on.
type Documents struct {
	Processor     Processor
	Processing    Processing
	TOMs          TOMs
	Subprocessors Subprocessors
	DPA           Document
	// Structure is how the DPA is numbered, names the parties and lays
	// out its annexes (data/dpa.toml; zero when absent).
	Structure Structure
}

// Key identifies the documents of r by its directory and the SHA-256 of
// each of its files, which load has checked: the same files give the same
// documents. It is "" for a release with no files (the working copy
// dressed as a release for the draft pages).
func (r *Release) Key() string {
	if len(r.Files) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(r.Version + "\x00" + r.Dir)
	for _, name := range slices.Sorted(maps.Keys(r.Files)) {
		b.WriteString("\x00" + name + "=" + r.Files[name])
	}
	return b.String()
}

// Release is a published version of the documents. Its content never
// changes once released.
type Release struct {
	Version   string
	Effective Date
	// Announced is when customers were told of the version: the day it was
	// released, or the effective date for releases that do not record it.
	Announced Date
	Material  bool // customers must accept it anew
	// NotMaterial says why a version whose DPA changed needs no new
	// acceptance, as the release recorded it; "" if it did not.
	NotMaterial string
	// ObjectionDays is the objection period in force when the version was
	// released, as its release.toml records it; nil for releases that
	// did not record it, which use the portal's current setting.
	ObjectionDays *int
	// ObjectionFrom and DeadlineHolidays are how the objection period was
	// counted when the version was released (see Site); "" for releases
	// that did not record them, whose deadlines are the plain count from
	// the announcement, as they were published.
	ObjectionFrom    string
	DeadlineHolidays string
	// Unofficial are the languages whose version was an unofficial
	// translation when the version was released, as its release.toml
	// records them (unofficial_translations); nil for releases that did
	// not record it.
	Unofficial *[]Lang
	// Historical marks a version of the past recorded afterwards, on
	// Recorded: its dates were not checked against the notice rules.
	Historical bool
	Recorded   Date
	Notes      Text
	Docs       Documents
	Dir        string            // where its files are, relative to the project
	Src        Src               // its release.toml
	Files      map[string]string // SHA-256 (hex) of each of its files, by path relative to Dir
	// Texts are the canonical texts stored with the release, by key
	// ("dpa.de"), as published: a release's text never changes whatever
	// the tool's format does later. Nil for a release made before texts
	// were stored: package canonical/format1 renders those.
	Texts map[string]string
	// DocNotes are the release notes of single documents ("dpa", "toms",
	// "subprocessors"), each shown on its document's pages only; Notes
	// are those of the version as a whole, which every document's pages
	// show (releases made before DocNotes have only these).
	DocNotes map[string]Text
}

// Site is the portal's own settings (data/portal.toml).
type Site struct {
	BaseURL string `toml:"base_url"`
	// Languages are the portal's languages, in display order: every text
	// is required in each of them and only in them. Package load sets
	// DefaultLanguages when portal.toml declares none.
	Languages []Lang `toml:"languages"`
	Title     Text   `toml:"title"`
	// Unofficial are the languages whose version is an unofficial
	// translation: its pages say so and that the binding language's
	// version prevails. Never the binding language.
	Unofficial []Lang `toml:"unofficial_translations"`
	// ObjectionDays is how long customers have to object to a change of
	// subprocessors after it is announced (Art. 28(2) GDPR), as the DPA
	// says; the feeds state the deadline.
	ObjectionDays int `toml:"objection_period_days"`
	// ObjectionFrom is what the objection period counts from, as the DPA
	// says: "announcement" (the default) or "receipt" of the notice.
	ObjectionFrom string `toml:"objection_counted_from"`
	// DeadlineHolidays is the place (ISO 3166-2, "DE-HH") whose public
	// holidays, with weekends, move a deadline's last day to the next
	// working day (§ 193 BGB), where the DPA says so; "" for none.
	DeadlineHolidays string `toml:"deadline_holidays"`
	// Subscribe offers readers who are not customers yet to sign up for
	// notices of changes; nil when the portal offers none.
	Subscribe *Subscribe `toml:"subscribe"`
	// Brand is the company's look ([brand]); zero for the theme's own.
	Brand Brand `toml:"brand"`
	Src   Src   `toml:"-"`
}

// Subscribe is where the home and subprocessor pages let a reader sign up
// for notices ([subscribe] in data/portal.toml): a form that posts the
// reader's address to the company's own mailing tool, or a mailto link.
// Nothing of it needs a server of the portal.
type Subscribe struct {
	FormAction string `toml:"form_action"` // an http(s) URL
	Mailto     string `toml:"mailto"`      // an e-mail address
	Src        Src    `toml:"-"`
}

// Brand is a company's look on its portal (data/portal.toml, [brand]):
// every field optional. Files are paths in the project's assets/ or
// static/, read by package load into Files.
type Brand struct {
	Logo    string `toml:"logo"`
	LogoAlt Text   `toml:"logo_alt"`
	// Colour is the brand colour, "#RRGGBB", for links and accents on the
	// light scheme; ColourDark the dark scheme's, derived from Colour
	// when "".
	Colour     string `toml:"colour"`
	ColourDark string `toml:"colour_dark"`
	Favicon    string `toml:"favicon"`
	// Font is a WOFF2 file for headings, published with the portal;
	// FontLicence the licence it is used under, which is published next
	// to it.
	Font        string `toml:"font"`
	FontLicence string `toml:"font_licence"`
	// Files are the contents of the files named above, by path.
	Files map[string][]byte `toml:"-"`
	Src   Src               `toml:"-"`
}

// BrandFiles names the fields of Brand that are files, in the order they
// are read and reported.
var BrandFiles = []string{"logo", "favicon", "font", "font_licence"}

// File returns the path a file field of the brand names.
func (b *Brand) File(field string) string {
	switch field {
	case "logo":
		return b.Logo
	case "favicon":
		return b.Favicon
	case "font":
		return b.Font
	case "font_licence":
		return b.FontLicence
	}
	return ""
}

// IsUnofficial reports whether the portal's pages in lang are an
// unofficial translation.
func (s *Site) IsUnofficial(lang Lang) bool { return slices.Contains(s.Unofficial, lang) }

// Address is a postal address.
type Address struct {
	Street     string `toml:"street"`
	PostalCode string `toml:"postal_code"`
	City       string `toml:"city"`
	Region     string `toml:"region"`  // state, province or county, as the country writes it ("CA")
	Country    string `toml:"country"` // ISO 3166-1 alpha-2
	Src        Src    `toml:"-"`
}

// IsZero reports whether no field of the address is given.
func (a Address) IsZero() bool {
	return a.Street == "" && a.PostalCode == "" && a.City == "" && a.Region == "" && a.Country == ""
}

// Contact is a person or team to contact, as Annex IV of the standard
// contractual clauses asks: name, position and contact details. Every field
// is optional; validate asks for at least one way to reach the contact.
type Contact struct {
	Name         string  `toml:"name"`
	Organisation string  `toml:"organisation"`
	Role         Text    `toml:"role"`
	Email        string  `toml:"email"`
	Phone        string  `toml:"phone"`
	URL          string  `toml:"url"`
	Address      Address `toml:"address"`
	Src          Src     `toml:"-"`

	decodeProblems []FieldProblem
}

// Reachable reports whether the contact has a way to reach it: an e-mail
// address, a phone number, a URL or a postal address.
func (c Contact) Reachable() bool {
	return c.Email != "" || c.Phone != "" || c.URL != "" || !c.Address.IsZero()
}

// Contacts are the contacts of one role, as written: a single table
// ([dpo]) or an array of tables ([[dpo]]); nil when the role has none.
// Its UnmarshalTOML (contacts.go) accepts both forms.
type Contacts []Contact

// Processor is the company publishing the portal (data/processor.toml).
type Processor struct {
	Name            string           `toml:"name"`
	Website         string           `toml:"website"`
	Phone           string           `toml:"phone"`
	Address         Address          `toml:"address"`
	Register        *Register        `toml:"register"`
	Representatives []Representative `toml:"representative"`
	DPO             Contacts         `toml:"dpo"`
	Instructions    Contacts         `toml:"instructions"`
	Contract        Contract         `toml:"contract"`
	Src             Src              `toml:"-"`
}

// Register is the processor's entry in the commercial register.
type Register struct {
	Court  Text   `toml:"court"`
	Number string `toml:"number"`
	VATID  string `toml:"vat_id"`
	Src    Src    `toml:"-"`
}

// Representative is a legal representative of the processor.
type Representative struct {
	Name string `toml:"name"`
	Role Text   `toml:"role"`
	Src  Src    `toml:"-"`
}

// Contract holds the DPA's terms that are data rather than prose.
type Contract struct {
	BindingLanguage Lang   `toml:"binding_language"`
	GoverningLaw    string `toml:"governing_law"` // ISO 3166-1 alpha-2
	Jurisdiction    Text   `toml:"jurisdiction"`
	// Amendments says how a new version binds customers who agreed to an
	// earlier one, as the DPA's change clause says; nil where the data do
	// not say, and then the portal says only when a version takes effect
	// for new contracts.
	Amendments *Amendments `toml:"amendments"`
	// SubprocessorAuthorisation is the kind of authorisation the DPA
	// grants for subprocessors (Art. 28(2) GDPR): "general" or "specific";
	// "" where the data do not say, and the annex then claims neither.
	SubprocessorAuthorisation string `toml:"subprocessor_authorisation"`
	Src                       Src    `toml:"-"`
}

// Amendments is how a new version of the DPA binds existing customers, for
// material versions (release --material) and for all others.
type Amendments struct {
	Material string `toml:"material"`
	Other    string `toml:"other"`
	// ObjectionDays is, for AmendNoObjection, how many days after the
	// notice customers may object; 0 where the DPA names no period.
	ObjectionDays int `toml:"objection_period_days"`
	Src           Src `toml:"-"`
}

// How a new version binds existing customers (Amendments).
const (
	// AmendAcceptance: only once they accept it; until then the version
	// they agreed applies to them.
	AmendAcceptance = "acceptance"
	// AmendNoObjection: from its effective date, unless they object after
	// the notice.
	AmendNoObjection = "no-objection"
	// AmendImmediately: from its effective date, like new contracts.
	AmendImmediately = "immediately"
)

// AmendModes lists the values of Amendments.Material and Other.
var AmendModes = []string{AmendAcceptance, AmendNoObjection, AmendImmediately}

// For returns how a version binds existing customers, by whether it is
// material; "" where the DPA does not say (a nil a says nothing).
func (a *Amendments) For(material bool) string {
	if a == nil {
		return ""
	}
	if material {
		return a.Material
	}
	return a.Other
}

// Subprocessor authorisations (Contract.SubprocessorAuthorisation).
const (
	AuthorisationGeneral  = "general"
	AuthorisationSpecific = "specific"
)

// Processing describes the processing on behalf of the customer: Annex 1
// (data/processing.toml).
type Processing struct {
	Subject           Text              `toml:"subject"`
	Duration          Text              `toml:"duration"`
	Nature            Text              `toml:"nature"`
	Purpose           Text              `toml:"purpose"`
	DataCategories    []DataCategory    `toml:"data_category"`
	SpecialCategories []SpecialCategory `toml:"special_category"`
	// SpecialCategoriesStated is "none" where the DPA states that no
	// special categories are processed (special_categories = "none"); ""
	// where it says nothing, and then the portal says nothing either.
	SpecialCategoriesStated string        `toml:"special_categories"`
	DataSubjects            []DataSubject `toml:"data_subject"`
	Locations               []Location    `toml:"location"`
	Src                     Src           `toml:"-"`
}

// DataCategory is a category of personal data.
type DataCategory struct {
	ID       string `toml:"id"`
	Title    Text   `toml:"title"`
	Examples Text   `toml:"examples"`
	Src      Src    `toml:"-"`
}

// SpecialCategory is a special category of personal data (Art. 9 GDPR).
type SpecialCategory struct {
	ID         string `toml:"id"`
	Title      Text   `toml:"title"`
	Safeguards Text   `toml:"safeguards"`
	Src        Src    `toml:"-"`
}

// DataSubject is a category of data subjects.
type DataSubject struct {
	ID    string `toml:"id"`
	Title Text   `toml:"title"`
	Src   Src    `toml:"-"`
}

// SpecialCategoriesNone is the value of special_categories that states that
// no special categories of personal data are processed.
const SpecialCategoriesNone = "none"

// Location is a country, or a region such as the EU/EEA, where data are
// processed: exactly one of Country and Region is given.
type Location struct {
	Country     string `toml:"country"`
	Region      Region `toml:"region"`
	Description Text   `toml:"description"`
	// ProcessorSite says that the processor processes the data there
	// itself (an office or data centre of its own), so that no
	// subprocessor need cover a place outside the EU/EEA (package legal).
	ProcessorSite bool `toml:"processor_site"`
	Src           Src  `toml:"-"`
}

// Region is a group of countries a contract may name as a place of
// processing instead of a country.
type Region string

// The regions.
const (
	RegionEU  Region = "eu"  // the member states of the European Union
	RegionEEA Region = "eea" // the European Economic Area: the EU, Iceland, Liechtenstein, Norway
)

// Regions lists every region.
var Regions = []Region{RegionEU, RegionEEA}

// Objective is a protection objective of Art. 32(1) GDPR.
type Objective string

// The objectives, in the order of Art. 32(1).
const (
	ObjectiveEncryption      Objective = "encryption"
	ObjectiveConfidentiality Objective = "confidentiality"
	ObjectiveIntegrity       Objective = "integrity"
	ObjectiveAvailability    Objective = "availability"
	ObjectiveRecoverability  Objective = "recoverability"
	ObjectiveReview          Objective = "review"
)

// Objectives lists every objective in the order of Art. 32(1).
var Objectives = []Objective{
	ObjectiveEncryption, ObjectiveConfidentiality, ObjectiveIntegrity,
	ObjectiveAvailability, ObjectiveRecoverability, ObjectiveReview,
}

// TOMOrder is how the TOM annex orders its areas.
type TOMOrder string

// The orders.
const (
	// OrderByObjective lists the areas under their Art. 32(1) objective, in
	// the order of the article, and as written within one: the default, and
	// the meaning of every toms.toml written before the order existed.
	OrderByObjective TOMOrder = "by-objective"
	// OrderAsWritten keeps the annex as written: areas, groups and measures
	// in document order, objectives only metadata.
	OrderAsWritten TOMOrder = "as-written"
)

// TOMOrders lists every order.
var TOMOrders = []TOMOrder{OrderByObjective, OrderAsWritten}

// TOMs is the annex of technical and organisational measures: Annex 2
// (data/toms.toml). Its areas are in the order the annex shows them (see
// TOMOrder) and numbered in that order: areas 1, 2 …, their groups 1.1,
// 1.2 …, measures 1.1.1 in a group or 1.1 directly in an area.
type TOMs struct {
	Order    TOMOrder `toml:"order"` // "" is OrderByObjective
	Preamble Text     `toml:"preamble"`
	Areas    []Area   `toml:"area"`
	Src      Src      `toml:"-"`
}

// AsWritten reports whether the annex keeps its written order.
func (t *TOMs) AsWritten() bool { return t.Order == OrderAsWritten }

// Area is a control area: the first level of the annex. It holds either
// measures or groups of measures.
type Area struct {
	ID     string `toml:"id"`
	Number string `toml:"-"` // from its place in the annex
	// Objective is the one Art. 32(1) objective of an area in an annex
	// ordered by objective; Objectives lists one or several as metadata.
	// Either may be given; AllObjectives joins them.
	Objective  Objective   `toml:"objective"`
	Objectives []Objective `toml:"objectives"`
	Title      Text        `toml:"title"`
	Goal       Text        `toml:"goal"` // Markdown, optional
	Groups     []Group     `toml:"group"`
	Measures   []Measure   `toml:"measure"`
	Src        Src         `toml:"-"`
}

// AllObjectives returns the area's objectives, objective first.
func (a *Area) AllObjectives() []Objective {
	var out []Objective
	if a.Objective != "" {
		out = append(out, a.Objective)
	}
	for _, o := range a.Objectives {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// AllMeasures returns the measures of the area, of its groups included, in
// document order.
func (a *Area) AllMeasures() []Measure {
	out := slices.Clone(a.Measures)
	for _, g := range a.Groups {
		out = append(out, g.Measures...)
	}
	return out
}

// Group is the second level of the annex: measures under a heading within
// an area.
type Group struct {
	ID       string    `toml:"id"`
	Number   string    `toml:"-"` // area number and place, "3.2"
	Title    Text      `toml:"title"`
	Goal     Text      `toml:"goal"` // Markdown, optional
	Measures []Measure `toml:"measure"`
	Src      Src       `toml:"-"`
}

// Measure is one technical or organisational measure: the last level.
type Measure struct {
	ID     string `toml:"id"`
	Number string `toml:"-"`    // "3.2" in an area, "3.2.1" in a group
	Text   Text   `toml:"text"` // Markdown
	Src    Src    `toml:"-"`
}

// Safeguard is the legal basis of a transfer outside the EU/EEA.
type Safeguard string

// The safeguards.
const (
	SafeguardEUEEA    Safeguard = "eu-eea"   // no transfer
	SafeguardAdequacy Safeguard = "adequacy" // Art. 45 GDPR
	SafeguardDPF      Safeguard = "dpf"      // EU-US Data Privacy Framework
	SafeguardSCC      Safeguard = "scc"      // Art. 46(2)(c) GDPR
	SafeguardBCR      Safeguard = "bcr"      // Art. 47 GDPR
	// SafeguardPrivacyShield is the EU-US Privacy Shield, invalid since
	// 16 July 2020: only versions of before that day may name it.
	SafeguardPrivacyShield Safeguard = "privacy-shield"
)

// Safeguards lists every safeguard.
var Safeguards = []Safeguard{SafeguardEUEEA, SafeguardAdequacy, SafeguardDPF, SafeguardSCC, SafeguardBCR, SafeguardPrivacyShield}

// Subprocessors is Annex 3 (data/subprocessors.toml).
type Subprocessors struct {
	List []Subprocessor `toml:"subprocessor"`
	Src  Src            `toml:"-"`
}

// Subprocessor is a further processor engaged by the processor.
type Subprocessor struct {
	ID               string        `toml:"id"`
	Name             string        `toml:"name"`
	Address          Address       `toml:"address"`
	Contact          Contacts      `toml:"contact"`
	Locations        []SubLocation `toml:"locations"`
	Purpose          Text          `toml:"purpose"`
	Responsibilities Text          `toml:"responsibilities"`
	DataCategories   []string      `toml:"data_categories"`
	Safeguard        Safeguard     `toml:"safeguard"`
	SafeguardNote    Text          `toml:"safeguard_note"`
	Transfer         Transfer      `toml:"transfer"` // what the safeguard rests on
	Certifications   []string      `toml:"certifications"`
	DPADate          Date          `toml:"dpa_date"`
	Since            Date          `toml:"since"`
	URL              string        `toml:"url"`
	Scope            Text          `toml:"scope"`
	Src              Src           `toml:"-"`
}

// SubLocation is a place where a subprocessor processes data: a country
// (and perhaps a city in it) or a region.
type SubLocation struct {
	Country string `toml:"country"`
	Region  Region `toml:"region"`
	City    string `toml:"city"`
	Src     Src    `toml:"-"`
}

// Page is a page written in Markdown in both languages, such as the home page.
type Page struct {
	Title Text
	Body  Text // Markdown
	Src   map[Lang]Src
}

// Document is the DPA: a preamble and numbered clauses.
type Document struct {
	Title    Text
	Preamble Text // Markdown
	Clauses  []Clause
	Src      map[Lang]Src // the _index files
}

// Clause is one numbered clause of the DPA. Its Number is assigned from its
// place in the document, its ID never changes.
type Clause struct {
	ID         string
	Number     string
	Weight     int
	Title      Text
	Intro      Text // Markdown before the first sub-clause; may be empty
	SubClauses []SubClause
	// Fulfils are the requirements (Requirements) the clause as a whole
	// meets, as its front matter tags them; Src[first language] has the
	// tag's position as field "fulfils".
	Fulfils []string
	Src     map[Lang]Src
}

// SubClause is a numbered paragraph of a clause.
type SubClause struct {
	ID     string
	Number string
	Title  Text
	Body   Text // Markdown
	// Fulfils are the requirements the sub-clause meets, as the clause's
	// front matter tags them (subclause_fulfils).
	Fulfils []string
	Src     map[Lang]Src
}

// UnmarshalTOML reads a text from a TOML table { de = "…", en = "…" }. It
// never fails, so that decoding goes on and every problem is reported: a value
// of the wrong shape is kept as ShapeError for package validate, which also
// checks the languages against the portal's.
func (t *Text) UnmarshalTOML(v any) error {
	*t = Text{}
	m, ok := v.(map[string]any)
	if !ok {
		t.shapeErr = "a text needs its languages as a table, e.g. { de = \"…\", en = \"…\" }, not a single value"
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s, ok := m[k].(string)
		switch {
		case CheckLang(k) != nil:
			if t.shapeErr == "" {
				t.shapeErr = fmt.Sprintf("%q is not a language code: the keys of a text are the portal's languages, e.g. de, en", k)
			}
		case !ok:
			if t.shapeErr == "" {
				t.shapeErr = "the " + k + " text must be a string"
			}
		default:
			t.Set(Lang(k), s)
		}
	}
	return nil
}

// ShapeError says what was wrong with the TOML value the text was read from,
// or "" if it was a proper table of languages.
func (t Text) ShapeError() string { return t.shapeErr }

// Date is a calendar date without time of day.
type Date struct {
	t        time.Time // midnight UTC; zero when absent
	shapeErr string
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether the date is absent.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// String formats the date as ISO 8601, YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// UnmarshalTOML reads a TOML local date (2024-05-01) or a string in that form.
// Like Text, it never fails and keeps a problem as ShapeError.
func (d *Date) UnmarshalTOML(v any) error {
	*d = Date{}
	switch v := v.(type) {
	case time.Time:
		*d = NewDate(v.Date())
	case string:
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			d.shapeErr = fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", v)
			return nil
		}
		*d = NewDate(t.Date())
	default:
		d.shapeErr = fmt.Sprintf("%v is not a date", v)
	}
	return nil
}

// ShapeError says what was wrong with the TOML value, or "".
func (d Date) ShapeError() string { return d.shapeErr }
