package emit

import (
	_ "embed"
	"fmt"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/model"
)

// The manifest (/api/dpa.json) tells a signup flow which DPA version to show
// and record: its id, permanent and embed URLs and the SHA-256 of its
// canonical text, per language. docs/acceptance.md documents every field.

type manifestView struct {
	// Schema is the URL of the JSON Schema of this format of the manifest
	// (SchemaPath), published with it.
	Schema          string `json:"$schema"`
	Format          int    `json:"format"`
	Portal          string `json:"portal"`
	Processor       string `json:"processor"`
	BindingLanguage string `json:"binding_language"`
	// Unofficial are the languages marked unofficial translations in
	// data/portal.toml; absent when there are none.
	Unofficial []model.Lang   `json:"unofficial_translations,omitempty"`
	AsOf       string         `json:"as_of"`
	Current    *manifestEntry `json:"current"`
	// RenewalRequiredSince is the current version's RenewalRequiredSince:
	// an acceptance of this version or a later one is sufficient today;
	// null before the first version takes effect.
	RenewalRequiredSince *string         `json:"renewal_required_since"`
	Upcoming             []manifestEntry `json:"upcoming"`
	Versions             []manifestEntry `json:"versions"`
}

type manifestEntry struct {
	Version   string `json:"version"`
	Effective string `json:"effective"`
	Announced string `json:"announced"`
	Status    string `json:"status"`
	Material  bool   `json:"material"`
	// RenewalRequiredSince is the latest version up to this one that was
	// released as material, or the first version if none was: while this
	// version is in effect, an acceptance of that version or a later one is
	// sufficient (see renewalRequiredSince).
	RenewalRequiredSince string `json:"renewal_required_since"`
	// ExistingCustomers is how the version binds customers who agreed to
	// an earlier one (model.AmendModes), absent where the DPA's data do
	// not say and for the first version; ObjectionDays the period for
	// "no-objection", where the DPA names one.
	ExistingCustomers string `json:"existing_customers,omitempty"`
	ObjectionDays     int    `json:"existing_customers_objection_days,omitempty"`
	// BindingLanguage is the language whose version of this version
	// prevails, as the release says.
	BindingLanguage string `json:"binding_language"`
	// Unofficial are the languages that were unofficial translations of
	// this version, as it recorded them; absent when there are none.
	Unofficial []model.Lang                       `json:"unofficial_translations,omitempty"`
	Notes      map[string]string                  `json:"notes,omitempty"`
	Languages  map[string]manifestText            `json:"languages"`
	Annexes    map[string]map[string]manifestText `json:"annexes"`
}

type manifestText struct {
	URL      string `json:"url"`
	EmbedURL string `json:"embed_url,omitempty"`
	TextURL  string `json:"text_url"`
	PDFURL   string `json:"pdf_url,omitempty"` // with build --pdf
	SHA256   string `json:"sha256"`
	// The agreement text of the version in this language (DPA and
	// annexes) and its hash: on the DPA's entries only.
	AgreementURL    string `json:"agreement_url,omitempty"`
	AgreementSHA256 string `json:"agreement_sha256,omitempty"`
	AgreementPDFURL string `json:"agreement_pdf_url,omitempty"` // with build --pdf: the DPA with its annexes in one PDF
	// What an acceptance in a language other than the binding one records
	// too: the binding language's hashes of the DPA and the agreement.
	BindingSHA256          string `json:"binding_sha256,omitempty"`
	BindingAgreementSHA256 string `json:"binding_agreement_sha256,omitempty"`
}

// ManifestPath is where the manifest is published, below the base URL.
const ManifestPath = "/api/dpa.json"

// SchemaPath is where the JSON Schema of the manifest's format is
// published, below the base URL; the manifest names it in "$schema".
const SchemaPath = "/api/dpa.schema.json"

// ManifestSchema is the JSON Schema (draft 2020-12) of the manifest in
// format model.LockFormat, written by hand; a new format gets a new schema.
//
//go:embed dpa.schema.json
var ManifestSchema []byte

// renewalRequiredSince returns, for each release (in version order), the
// version from which an acceptance is sufficient while that release is in
// effect: the latest release up to it released as material, or the first
// release if none was. A customer whose accepted version compares
// numerically at least as high (model.CompareVersions) need not accept
// again.
func renewalRequiredSince(releases []*model.Release) map[*model.Release]string {
	out := make(map[*model.Release]string, len(releases))
	since := ""
	for i, r := range releases {
		if i == 0 || r.Material {
			since = r.Version
		}
		out[r] = since
	}
	return out
}

// manifest writes /api/dpa.json, one for all languages. The generator writes
// it itself, no template.
func (e *emitter) manifest() error {
	tl := e.tl
	lang := e.p.Docs.Processor.Contract.BindingLanguage
	m := manifestView{
		Schema:          e.u.absolute(e.u.base + SchemaPath),
		Format:          model.LockFormat,
		Portal:          e.p.Site.BaseURL,
		Processor:       e.p.Docs.Processor.Name,
		BindingLanguage: string(lang),
		Unofficial:      e.p.Site.Unofficial,
		AsOf:            tl.Today.String(),
		Upcoming:        []manifestEntry{},
		Versions:        []manifestEntry{},
	}
	since := renewalRequiredSince(tl.Releases)
	for _, r := range tl.Releases {
		entry, err := e.manifestEntry(r)
		if err != nil {
			return err
		}
		entry.RenewalRequiredSince = since[r]
		m.Versions = append(m.Versions, entry)
		switch tl.Status(r) {
		case "current":
			m.Current = &entry
			m.RenewalRequiredSince = &entry.RenewalRequiredSince
		case "upcoming":
			m.Upcoming = append(m.Upcoming, entry)
		}
	}
	data, err := indentedJSON(m)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	e.generate(e.u.base+ManifestPath, data)
	e.generate(e.u.base+SchemaPath, ManifestSchema)
	return nil
}

func (e *emitter) manifestEntry(r *model.Release) (manifestEntry, error) {
	entry := manifestEntry{
		Version:           r.Version,
		Effective:         r.Effective.String(),
		Announced:         r.Announced.String(),
		Status:            e.tl.Status(r),
		Material:          r.Material,
		ExistingCustomers: e.existingCustomers(r),
		BindingLanguage:   string(bindingLanguage(r)),
		Unofficial:        e.recordedUnofficial(r),
		Languages:         map[string]manifestText{},
		Annexes:           map[string]map[string]manifestText{},
	}
	if entry.ExistingCustomers == model.AmendNoObjection {
		entry.ObjectionDays = r.Docs.Processor.Contract.Amendments.ObjectionDays
	}
	if !r.Notes.IsZero() {
		entry.Notes = map[string]string{}
		for _, lang := range r.Notes.Langs() {
			entry.Notes[string(lang)] = r.Notes.In(lang)
		}
	}
	for _, doc := range canonical.Documents {
		texts := map[string]manifestText{}
		for _, lang := range e.langs {
			hash, err := e.canonicalHash(lang, r, doc)
			if err != nil {
				return entry, err
			}
			page := e.u.doc(lang, doc, r.Version)
			t := manifestText{URL: e.u.absolute(page), TextURL: e.u.absolute(e.textURL(lang, doc, r.Version)), SHA256: hash}
			if e.pdf {
				t.PDFURL = e.u.absolute(e.pdfURL(lang, doc, r.Version))
			}
			if doc == "dpa" {
				t.EmbedURL = e.u.absolute(page + "embed.html")
				t.AgreementURL = e.u.absolute(e.textURL(lang, canonical.Agreement, r.Version))
				if e.pdf {
					t.AgreementPDFURL = e.u.absolute(e.agreementPDFURL(lang, r.Version))
				}
				agreement, err := e.canonicalHash(lang, r, canonical.Agreement)
				if err != nil {
					return entry, err
				}
				t.AgreementSHA256 = agreement
				if b := e.binding(lang, r, doc); b != nil {
					t.BindingSHA256, t.BindingAgreementSHA256 = b.SHA256, b.AgreementSHA256
				}
			}
			texts[string(lang)] = t
		}
		if doc == "dpa" {
			entry.Languages = texts
		} else {
			entry.Annexes[doc] = texts
		}
	}
	return entry, nil
}
