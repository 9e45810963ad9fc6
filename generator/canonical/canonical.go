// Package canonical writes the canonical text of each document and
// language: the plain text a version's SHA-256 is computed over, so that a
// customer's acceptance can be tied to exactly the text it saw and anyone
// can recompute the hash from the published file (docs/canonical.md).
//
// Text renders the working copy in the current format; trustportal release
// stores what it rendered in the release, and the release's text is that
// file forever after (Released). Releases made before texts were stored are
// rendered by package format1, frozen. So the current format may evolve
// without changing any released text.
package canonical

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	postal "github.com/trustportal/trustportal/generator/address"
	"github.com/trustportal/trustportal/generator/canonical/format1"
	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// Documents are the keys of the versioned documents, in order.
var Documents = []string{"dpa", "toms", "subprocessors"}

// Key names a document in a language, as the lock and the manifest do:
// "dpa.de".
func Key(doc string, lang model.Lang) string { return doc + "." + string(lang) }

// Meta is what the header of a canonical text states besides the content.
type Meta struct {
	Version   string
	Effective model.Date
}

// Texts returns the canonical text of every document of d in each of
// languages langs, and the agreement text of each language, by Key.
func Texts(d *model.Documents, langs []model.Lang, meta Meta, s *l10n.Strings) (map[string]string, error) {
	out := map[string]string{}
	for _, lang := range langs {
		texts := map[string]string{}
		for _, doc := range Documents {
			t, err := Text(d, doc, lang, meta, s)
			if err != nil {
				return nil, err
			}
			out[Key(doc, lang)], texts[doc] = t, t
		}
		out[Key(Agreement, lang)] = AgreementText(meta.Version, lang, texts)
	}
	return out, nil
}

// SplitKey splits a key ("dpa.de", "agreement.de") into its document (or
// Agreement) and language.
func SplitKey(key string) (doc string, lang model.Lang, ok bool) {
	doc, l, ok := strings.Cut(key, ".")
	if !ok || !(slices.Contains(Documents, doc) || doc == Agreement) || model.CheckLang(l) != nil {
		return "", "", false
	}
	return doc, model.Lang(l), true
}

// Released returns the canonical text of document doc of release r in
// language lang: the text stored with the release, or for a release made
// before texts were stored, its text in format 1. s are the project's
// strings. doc may be Agreement: a release that stores no agreement text
// has the one its documents' texts give (AgreementText).
func Released(r *model.Release, doc string, lang model.Lang, s *l10n.Strings) (string, error) {
	key := Key(doc, lang)
	if t, ok := r.Texts[key]; ok {
		return t, nil
	}
	if doc == Agreement {
		texts := map[string]string{}
		for _, d := range Documents {
			t, err := Released(r, d, lang, s)
			if err != nil {
				return "", err
			}
			texts[d] = t
		}
		return AgreementText(r.Version, lang, texts), nil
	}
	if r.Texts != nil {
		return "", fmt.Errorf("release %s has no canonical text %s in %s/canonical/", r.Version, key, r.Dir)
	}
	return format1.Text(&r.Docs, doc, lang, format1.Meta{Version: r.Version, Effective: r.Effective}, s)
}

// Hash returns the SHA-256 of a canonical text, in hex.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Text returns the canonical text of document doc ("dpa", "toms",
// "subprocessors") in language lang.
func Text(d *model.Documents, doc string, lang model.Lang, meta Meta, s *l10n.Strings) (string, error) {
	must := &l10n.Must{S: s}
	w := &writer{d: d, lang: lang, s: must, refs: refs.New(d, lang, must, nil), labels: labels.New(d.Structure, lang, must)}
	switch doc {
	case "dpa":
		w.dpa(meta)
	case "toms":
		w.toms(meta)
	case "subprocessors":
		w.subprocessors(meta)
	default:
		return "", fmt.Errorf("canonical: unknown document %q", doc)
	}
	if err := w.err(); err != nil {
		return "", fmt.Errorf("canonical text of %s: %w", Key(doc, lang), err)
	}
	text := format1.Finish(w.b.String())
	if line := format1.InvalidLine(text); line != "" {
		return "", fmt.Errorf("canonical text of %s: %q is not valid UTF-8", Key(doc, lang), line)
	}
	return text, nil
}

type writer struct {
	d      *model.Documents
	lang   model.Lang
	s      *l10n.Must
	refs   *refs.Resolver
	labels *labels.Labels
	b      strings.Builder
	mdErr  error
}

func (w *writer) err() error {
	if w.mdErr != nil {
		return w.mdErr
	}
	return w.s.Err()
}

func (w *writer) t(id string, data any) string { return w.s.T(w.lang, id, data) }

// block writes a block of text followed by an empty line; empty blocks are
// left out.
func (w *writer) block(text string) {
	if text = strings.TrimSpace(text); text != "" {
		w.b.WriteString(text)
		w.b.WriteString("\n\n")
	}
}

func (w *writer) heading(level int, text string) {
	w.block(strings.Repeat("#", level) + " " + strings.TrimSpace(text))
}

func (w *writer) markdown(src string) { w.block(w.plain(src)) }

// oneLine joins a text's lines: data texts are single paragraphs.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (w *writer) header(title string, meta Meta, extra ...string) {
	w.heading(1, title)
	lines := []string{w.t("canonVersion", map[string]string{"Version": meta.Version, "Date": w.s.Date(w.lang, meta.Effective)})}
	p := w.d.Processor
	party := map[string]string{"Name": p.Name, "Address": address(p.Address, w.lang)}
	if term := w.labels.Processor(); term != "" { // the DPA's own term for the processor
		party["Term"] = term
		lines = append(lines, w.t("canonParty", party))
	} else {
		lines = append(lines, w.t("canonProcessor", party))
	}
	lines = append(lines, extra...)
	w.block(strings.Join(lines, "\n"))
}

func address(a model.Address, lang model.Lang) string { return postal.OneLine(a, lang) }

// placeName names a place of processing: its country or its region.
func placeName(code string, region model.Region, lang model.Lang, s *l10n.Must) string {
	if region != "" {
		return s.T(lang, "region_"+string(region), nil)
	}
	return country.Name(code, lang)
}

func (w *writer) dpa(meta Meta) {
	doc := w.d.DPA
	w.header(doc.Title.In(w.lang), meta)
	w.markdown(doc.Preamble.In(w.lang))
	for _, c := range doc.Clauses {
		w.heading(2, w.labels.Heading(c.Number)+" "+c.Title.In(w.lang))
		w.markdown(c.Intro.In(w.lang))
		for _, sc := range c.SubClauses {
			w.heading(3, w.labels.Heading(sc.Number)+" "+sc.Title.In(w.lang))
			w.markdown(sc.Body.In(w.lang))
		}
	}
	if !w.labels.InAnnex(model.PartProcessing) {
		return // a clause carries the details of the processing
	}
	p := w.d.Processing
	w.heading(2, w.labels.AnnexHeading(model.PartProcessing))
	for _, f := range []struct {
		label string
		text  model.Text
	}{{"subjectMatter", p.Subject}, {"duration", p.Duration}, {"nature", p.Nature}, {"purpose", p.Purpose}} {
		if text := oneLine(f.text.In(w.lang)); text != "" { // a detail not given is left out
			w.heading(3, w.t(f.label, nil))
			w.block(text)
		}
	}
	w.heading(3, w.t("dataCategories", nil))
	var items []string
	for _, c := range p.DataCategories {
		items = append(items, item(c.Title.In(w.lang), c.Examples.In(w.lang)))
	}
	w.block(strings.Join(items, "\n"))
	items = nil
	for _, c := range p.SpecialCategories {
		items = append(items, item(c.Title.In(w.lang), c.Safeguards.In(w.lang)))
	}
	if len(items) == 0 && p.SpecialCategoriesStated == model.SpecialCategoriesNone {
		items = []string{w.t("none", nil)}
	}
	w.list(w.t("specialCategories", nil), items)
	w.heading(3, w.t("dataSubjects", nil))
	items = nil
	for _, s := range p.DataSubjects {
		items = append(items, item(s.Title.In(w.lang), ""))
	}
	w.block(strings.Join(items, "\n"))
	items = nil
	for _, l := range p.Locations {
		items = append(items, item(placeName(l.Country, l.Region, w.lang, w.s), l.Description.In(w.lang)))
	}
	w.list(w.t("locations", nil), items)
}

// list writes a heading and its list, or nothing if the list is empty.
func (w *writer) list(heading string, items []string) {
	if len(items) > 0 {
		w.heading(3, heading)
		w.block(strings.Join(items, "\n"))
	}
}

// item is a list item "- title: detail".
func item(title, detail string) string {
	if detail = oneLine(detail); detail != "" {
		return "- " + oneLine(title) + ": " + detail
	}
	return "- " + oneLine(title)
}

func (w *writer) toms(meta Meta) {
	t := &w.d.TOMs
	w.header(w.labels.Title(model.PartTOMs), meta, w.labels.Annex(model.PartTOMs)+" · "+w.t("annexOfDPA", nil))
	w.markdown(t.Preamble.In(w.lang))
	level := 2 // as written, areas are the sections
	var last model.Objective
	for _, a := range t.Areas {
		if !t.AsWritten() {
			level = 3 // by objective, below the objective's heading
			if a.Objective != last {
				w.heading(2, w.t("objective_"+string(a.Objective), nil)+" ("+w.t("objectiveArticle_"+string(a.Objective), nil)+")")
				last = a.Objective
			}
		}
		w.heading(level, a.Number+" "+a.Title.In(w.lang))
		if t.AsWritten() && len(a.AllObjectives()) > 0 {
			w.block(ObjectivesLine(a.AllObjectives(), w.lang, w.s))
		}
		w.markdown(a.Goal.In(w.lang))
		w.measures(a.Measures)
		for _, g := range a.Groups {
			w.heading(level+1, g.Number+" "+g.Title.In(w.lang))
			w.markdown(g.Goal.In(w.lang))
			w.measures(g.Measures)
		}
	}
}

// ObjectivesLine is the line naming an area's Art. 32(1) objectives:
// "Schutzziele: Vertraulichkeit, Integrität".
func ObjectivesLine(objs []model.Objective, lang model.Lang, s *l10n.Must) string {
	titles := make([]string, len(objs))
	for i, o := range objs {
		titles[i] = s.T(lang, "objective_"+string(o), nil)
	}
	return s.T(lang, "objectivesLabel", nil) + ": " + strings.Join(titles, ", ")
}

// measures writes measures as a list, each item its number and its text;
// the lines after a text's first are indented to the text.
func (w *writer) measures(ms []model.Measure) {
	var items []string
	for _, m := range ms {
		items = append(items, MeasureItem(m.Number, w.plain(m.Text.In(w.lang))))
	}
	w.block(strings.Join(items, "\n"))
}

// MeasureItem is the list item of a measure numbered number whose text, as
// plain text, is text: "- 3.2 text", continuation lines indented by the
// width of "- 3.2 ".
func MeasureItem(number, text string) string {
	marker := "- " + number + " "
	return marker + strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", utf8.RuneCountInString(marker)))
}

// plain returns Markdown source as plain text (see markdown.PlainText).
func (w *writer) plain(src string) string {
	text, err := markdown.PlainText(src, w.refs)
	if err != nil && w.mdErr == nil {
		w.mdErr = err
	}
	return text
}

// SubprocessorFields are the fields of a subprocessor in the canonical text,
// in order, by the i18n key of their label. Package diff compares them one
// by one.
var SubprocessorFields = []string{"address", "contact", "thLocations", "thPurpose", "responsibilities",
	"dataCategories", "thSafeguard", "transfer", "certifications", "scope", "dpaDate", "thSince", "website"}

// SubprocessorField returns the text of field key (one of SubprocessorFields)
// of s in language lang.
func SubprocessorField(d *model.Documents, s model.Subprocessor, key string, lang model.Lang, str *l10n.Must) string {
	switch key {
	case "address":
		return address(s.Address, lang)
	case "contact":
		var contacts []string
		for _, c := range s.Contact {
			contacts = append(contacts, contact(c, lang))
		}
		return strings.Join(contacts, "; ")
	case "thLocations":
		var places []string
		for _, l := range s.Locations {
			name := placeName(l.Country, l.Region, lang, str)
			if l.City != "" {
				name = l.City + " (" + name + ")"
			}
			places = append(places, name)
		}
		return strings.Join(places, ", ")
	case "thPurpose":
		return oneLine(s.Purpose.In(lang))
	case "responsibilities":
		return oneLine(s.Responsibilities.In(lang))
	case "dataCategories":
		titles := map[string]string{}
		for _, c := range d.Processing.DataCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		for _, c := range d.Processing.SpecialCategories {
			titles[c.ID] = c.Title.In(lang)
		}
		var out []string
		for _, id := range s.DataCategories {
			out = append(out, titles[id])
		}
		return strings.Join(out, ", ")
	case "thSafeguard":
		var parts []string
		if s.Safeguard != "" {
			parts = append(parts, str.T(lang, "safeguard_"+string(s.Safeguard), nil))
		}
		if n := oneLine(s.SafeguardNote.In(lang)); n != "" {
			parts = append(parts, n)
		}
		return strings.Join(parts, "; ")
	case "transfer":
		var parts []string
		for _, f := range TransferFacts(s, lang, str) {
			parts = append(parts, strings.TrimSpace(f.Text+" "+f.Link))
		}
		return strings.Join(parts, "; ")
	case "certifications":
		return strings.Join(s.Certifications, ", ")
	case "scope":
		return oneLine(s.Scope.In(lang))
	case "dpaDate":
		return date(str, lang, s.DPADate)
	case "thSince":
		return date(str, lang, s.Since)
	case "website":
		return s.URL
	}
	return ""
}

// TransferFact is one fact of what a subprocessor's transfer rests on
// ([subprocessor.transfer]): a text and, for the Data Privacy Framework
// List, the link to the recipient's entry.
type TransferFact struct {
	Text, Link string
}

// sccCitations are the decisions of standard contractual clauses as the
// Official Journal cites them.
var sccCitations = map[string]string{
	model.SCC2021: "(EU) 2021/914", model.SCC2010: "2010/87/EU", model.SCC2004: "2004/915/EC", model.SCC2001: "2001/497/EC",
}

// TransferFacts returns the facts of s's transfer the data give, in the
// order the canonical text and the subprocessor page state them.
func TransferFacts(s model.Subprocessor, lang model.Lang, str *l10n.Must) []TransferFact {
	t := s.Transfer
	var out []TransferFact
	if t.SCCDecision != "" {
		data := map[string]string{"Decision": sccCitations[t.SCCDecision]}
		key := "transferSCC"
		if t.SCCModule >= 1 && t.SCCModule <= 4 {
			key, data["Module"] = "transferSCCModule", str.T(lang, fmt.Sprintf("sccModule%d", t.SCCModule), nil)
		}
		out = append(out, TransferFact{Text: str.T(lang, key, data)})
	}
	if t.DPFListing != "" {
		out = append(out, TransferFact{Text: str.T(lang, "transferDPF", nil), Link: t.DPFListing})
	}
	if t.BCRReference != "" {
		out = append(out, TransferFact{Text: str.T(lang, "transferBCR", map[string]string{"Reference": t.BCRReference})})
	}
	if !t.TIADate.IsZero() {
		out = append(out, TransferFact{Text: str.T(lang, "transferTIA", map[string]string{"Date": date(str, lang, t.TIADate), "Reference": t.TIAReference})})
	}
	return out
}

// date writes d long, "" if it is not given.
func date(s *l10n.Must, lang model.Lang, d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return s.Date(lang, d)
}

// contact is one contact on a line: "name (role), organisation, e-mail,
// phone, URL, address", each part only where given.
func contact(c model.Contact, lang model.Lang) string {
	var parts []string
	name := c.Name
	if r := c.Role.In(lang); r != "" {
		name = strings.TrimSpace(name + " (" + r + ")")
	}
	for _, p := range []string{name, c.Organisation, c.Email, c.Phone, c.URL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if !c.Address.IsZero() {
		parts = append(parts, address(c.Address, lang))
	}
	return strings.Join(parts, ", ")
}

func (w *writer) subprocessors(meta Meta) {
	var annex []string // which annex the list is, unless no annex holds it
	if label := w.labels.Annex(model.PartSubprocessors); label != "" {
		annex = append(annex, label+" · "+w.t("annexOfDPA", nil))
	}
	w.header(w.labels.Title(model.PartSubprocessors), meta, annex...)
	for _, s := range w.d.Subprocessors.List {
		w.heading(2, s.Name)
		var items []string
		for _, key := range SubprocessorFields {
			if v := SubprocessorField(w.d, s, key, w.lang, w.s); v != "" {
				items = append(items, item(w.t(key, nil), v))
			}
		}
		w.block(strings.Join(items, "\n"))
	}
}
