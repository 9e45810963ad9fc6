package load_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// edit is a replacement of old (which must occur once) by new in file.
type edit struct{ file, old, new string }

// editedAll returns the minimal project with every edit applied.
func editedAll(tb testing.TB, edits ...edit) fstest.MapFS {
	tb.Helper()
	fsys := minimalFS(tb, nil)
	for _, e := range edits {
		data := string(fsys[e.file].Data)
		if strings.Count(data, e.old) != 1 {
			tb.Fatalf("%s holds %q %d times", e.file, e.old, strings.Count(data, e.old))
		}
		fsys[e.file].Data = []byte(strings.Replace(data, e.old, e.new, 1))
	}
	return fsys
}

const (
	processorFile     = "data/processor.toml"
	processingFile    = "data/processing.toml"
	subprocessorsFile = "data/subprocessors.toml"
)

// TestOptionalFacts: what a real DPA may leave out can be left out, and the
// project stays valid.
func TestOptionalFacts(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
	}{
		{"instructions reachable by phone only", []edit{{processorFile, `email = "privacy@beispiel.example"`, `phone = "+49 30 1234567"`}}},
		{"contact with a postal address only", []edit{{processorFile, `email = "privacy@beispiel.example"`, `address = { street = "Teststraße 1", postal_code = "10115", city = "Berlin", country = "DE" }`}}},
		{"contact without a name", []edit{{processorFile, "name = \"Team Datenschutz\"\n", ""}}},
		{"several contacts for instructions", []edit{{processorFile, "[instructions]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"",
			"[[instructions]]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"\n\n[[instructions]]\nname = \"Rechtsabteilung\"\nphone = \"+49 30 7654321\""}}},
		{"no DPO, no instructions contact, no representative, no register", []edit{
			{processorFile, "[dpo]\nname = \"Max Schutz\"\nemail = \"dpo@beispiel.example\"\n", ""},
			{processorFile, "[instructions]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"\n", ""},
			{processorFile, "[[representative]]\nname = \"Erika Muster\"\nrole = { de = \"Geschäftsführerin\", en = \"Managing Director\" }\n", ""},
			{processorFile, "[register]\ncourt = { de = \"Amtsgericht Charlottenburg\", en = \"Charlottenburg Local Court\" }\nnumber = \"HRB 1\"\n", ""},
		}},
		{"contract without governing law and jurisdiction", []edit{
			{processorFile, "governing_law = \"DE\"\njurisdiction = { de = \"Berlin\", en = \"Berlin\" }\n", ""}}},
		{"processor phone and address region", []edit{{processorFile, "website = \"https://beispiel.example/\"", "website = \"https://beispiel.example/\"\nphone = \"+49 30 1\""},
			{processorFile, `city = "Berlin"`, "city = \"Berlin\"\nregion = \"Berlin\""}}},
		{"processing without duration and locations", []edit{
			{processingFile, "duration = { de = \"Laufzeit des Hauptvertrags\", en = \"Term of the main agreement\" }\n", ""},
			{processingFile, "[[location]]\ncountry = \"DE\"\ndescription = { de = \"Rechenzentrum in Berlin\", en = \"Data centre in Berlin\" }\n", ""}}},
		{"special categories stated as none", []edit{{processingFile, "subject = ", "special_categories = \"none\"\nsubject = "}}},
		{"location in a region, without description", []edit{{processingFile, "country = \"DE\"\ndescription = { de = \"Rechenzentrum in Berlin\", en = \"Data centre in Berlin\" }", `region = "eea"`}}},
		{"subprocessor with name, address and service only", []edit{{subprocessorsFile,
			"since = 2022-01-01\ndpa_date = 2021-12-01\nurl = \"https://hoster.example/\"\nsafeguard = \"eu-eea\"\ncertifications = [\"ISO/IEC 27001\"]\ndata_categories = [\"contact-data\", \"usage-data\"]\nlocations = [{ country = \"DE\", city = \"Berlin\" }]\n", ""},
			{subprocessorsFile, "responsibilities = { de = \"Betrieb der Server\", en = \"Operating the servers\" }\n", ""},
			{subprocessorsFile, "  [subprocessor.contact]\n  name = \"Datenschutz\"\n  email = \"privacy@hoster.example\"\n", ""}}},
		{"subprocessor location in a region", []edit{{subprocessorsFile, `locations = [{ country = "DE", city = "Berlin" }]`, `locations = [{ region = "eu" }]`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if problems := problemsOf(t, editedAll(t, tt.edits...)); len(problems) > 0 {
				t.Errorf("want no problems, got:\n%v", problems)
			}
		})
	}
}

// TestRequiredFacts: what a DPA must state, and what is written wrongly, is
// reported in house style: file, line, field, what is wrong, how to fix it.
func TestRequiredFacts(t *testing.T) {
	tests := []struct {
		name                       string
		edits                      []edit
		file                       string
		line                       int
		field, message, hint, none string // substrings; none must not appear in the message
	}{
		{name: "contact without a way to reach it",
			edits: []edit{{processorFile, "name = \"Max Schutz\"\nemail = \"dpo@beispiel.example\"", `name = "Max Schutz"`}},
			file:  processorFile, line: 18, field: "dpo", message: `contact "Max Schutz" has no way to reach it`, hint: "phone"},
		{name: "unknown field in a contact",
			edits: []edit{{processorFile, `email = "dpo@beispiel.example"`, `mail = "dpo@beispiel.example"`}},
			file:  processorFile, line: 20, field: "dpo.mail", message: `unknown field "mail"`},
		{name: "contact e-mail that is not a string",
			edits: []edit{{processorFile, `email = "dpo@beispiel.example"`, `email = ["dpo@beispiel.example"]`}},
			file:  processorFile, line: 20, field: "dpo.email", message: "email must be a string"},
		{name: "unknown field in one of several contacts",
			edits: []edit{{processorFile, "[instructions]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"",
				"[[instructions]]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"\n\n[[instructions]]\nname = \"Recht\"\nfax = \"1\""}},
			file: processorFile, line: 28, field: "instructions[1].fax", message: `unknown field "fax"`},
		{name: "contact given as a string",
			edits: []edit{{processorFile, "[dpo]\nname = \"Max Schutz\"\nemail = \"dpo@beispiel.example\"\n", ""},
				{processorFile, "name = \"Beispiel GmbH\"\n", "name = \"Beispiel GmbH\"\ndpo = \"Max Schutz\"\n"}},
			file: processorFile, line: 2, field: "dpo", message: "a contact is a table"},
		{name: "address written as an array of tables",
			edits: []edit{{processorFile, "[address]", "[[address]]"}},
			file:  processorFile, line: 4, field: "address", message: "expected a table ([name] or name = { … }), but found an array of tables [[…]]", none: "map["},
		{name: "list written as a string",
			edits: []edit{{subprocessorsFile, `certifications = ["ISO/IEC 27001"]`, `certifications = "ISO/IEC 27001"`}},
			file:  subprocessorsFile, line: 8, field: "certifications", message: "expected a list", none: "slice"},
		{name: "subject matter missing",
			edits: []edit{{processingFile, "subject = { de = \"Betrieb der Software\", en = \"Operation of the software\" }\n", ""}},
			file:  processingFile, line: 1, field: "subject", message: "required field is missing", hint: "Art. 28(3) GDPR"},
		{name: "data subjects missing",
			edits: []edit{{processingFile, "[[data_subject]]\nid = \"users\"\ntitle = { de = \"Nutzer\", en = \"Users\" }\n", ""}},
			file:  processingFile, line: 1, field: "data_subject", message: "required field is missing", hint: "Art. 28(3) GDPR"},
		{name: "special categories none and listed",
			edits: []edit{{processingFile, "subject = ", "special_categories = \"none\"\nsubject = "},
				{processingFile, "[[data_subject]]", "[[special_category]]\nid = \"health\"\ntitle = { de = \"Gesundheit\", en = \"Health\" }\n\n[[data_subject]]"}},
			file: processingFile, line: 1, field: "special_categories", message: "contradicts"},
		{name: "special categories with another value",
			edits: []edit{{processingFile, "subject = ", "special_categories = \"keine\"\nsubject = "}},
			file:  processingFile, line: 1, field: "special_categories", message: `"keine" is not a value`, hint: `special_categories = "none"`},
		{name: "location with country and region",
			edits: []edit{{processingFile, `country = "DE"`, "country = \"DE\"\nregion = \"eea\""}},
			file:  processingFile, line: 20, field: "location[0].region", message: "a country or a region, not both"},
		{name: "unknown region",
			edits: []edit{{processingFile, `country = "DE"`, `region = "europe"`}},
			file:  processingFile, line: 19, field: "location[0].region", message: `unknown region "europe"`, hint: `"eea"`},
		{name: "location with neither",
			edits: []edit{{processingFile, "country = \"DE\"\n", ""}},
			file:  processingFile, line: 18, field: "location[0].country", message: "no country or region"},
		{name: "outside the EU/EEA without a safeguard",
			edits: []edit{{subprocessorsFile, "safeguard = \"dpf\"\n", ""}},
			file:  subprocessorsFile, line: 24, field: "subprocessor[1].safeguard", message: "outside the EU/EEA, and has no safeguard", hint: `"dpf"`},
		{name: "subprocessor without a service",
			edits: []edit{{subprocessorsFile, "purpose = { de = \"Hosting\", en = \"Hosting\" }\n", ""}},
			file:  subprocessorsFile, line: 1, field: "subprocessor[0].purpose", message: "required field is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := problemsOf(t, editedAll(t, tt.edits...))
			for _, p := range problems {
				if p.File == tt.file && p.Line == tt.line && strings.Contains(p.Field, tt.field) &&
					strings.Contains(p.Message, tt.message) && strings.Contains(p.Hint, tt.hint) {
					if tt.none != "" && strings.Contains(p.Message, tt.none) {
						t.Errorf("message speaks of Go types: %s", p.Message)
					}
					return
				}
			}
			t.Errorf("no problem at %s:%d field %q message %q hint %q; got:\n%v", tt.file, tt.line, tt.field, tt.message, tt.hint, problems)
		})
	}
}
