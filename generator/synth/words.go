package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// pair is a text in German and English.
type pair struct{ de, en string }

func (p pair) in(lang model.Lang) string { return pick(lang, p.de, p.en) }

// toml writes p as a TOML inline table.
func (p pair) toml() string { return fmt.Sprintf("{ de = %q, en = %q }", p.de, p.en) }

func addDays(d model.Date, n int) model.Date {
	t := d.Time().AddDate(0, 0, n)
	return model.NewDate(t.Year(), t.Month(), t.Day())
}

// The vocabulary of the made-up sentences: "<who> <does> <what> <when>."
var (
	who = []pair{
		{"Der Auftragsverarbeiter", "The Processor"},
		{"Der Kunde", "The Customer"},
		{"Jeder Unterauftragsverarbeiter", "Each subprocessor"},
		{"Das Betriebsteam", "The operations team"},
		{"Die Sicherheitsbeauftragte", "The security officer"},
		{"Die Revision", "Internal audit"},
	}
	does = []pair{
		{"prüft", "reviews"},
		{"dokumentiert", "documents"},
		{"meldet", "reports"},
		{"beschränkt", "restricts"},
		{"verschlüsselt", "encrypts"},
		{"protokolliert", "records"},
		{"löscht", "deletes"},
		{"sichert", "backs up"},
	}
	what = []pair{
		{"die Zugriffsrechte", "the access rights"},
		{"jede Sicherungskopie", "every backup copy"},
		{"das Audit-Log", "the audit log"},
		{"alle Testsysteme", "all test systems"},
		{"die Vorfallsberichte", "the incident reports"},
		{"das Schlüsselmaterial", "the key material"},
		{"die Weisungen des Kunden", "the Customer's instructions"},
		{"die Verzeichnisse der Verarbeitung", "the records of processing"},
	}
	when = []struct{ de, en string }{
		{"alle %d Tage", "every %d days"},
		{"innerhalb von %d Stunden", "within %d hours"},
		{"mindestens %d-mal im Jahr", "at least %d times a year"},
		{"spätestens nach %d Wochen", "after %d weeks at the latest"},
	}
)

// sentence makes one sentence, the same in both languages.
func (p *portal) sentence() pair {
	a, b, c, d := who[p.rng.IntN(len(who))], does[p.rng.IntN(len(does))], what[p.rng.IntN(len(what))], when[p.rng.IntN(len(when))]
	n := 2 + p.rng.IntN(89)
	return pair{
		de: fmt.Sprintf("%s %s %s %s.", a.de, b.de, c.de, fmt.Sprintf(d.de, n)),
		en: fmt.Sprintf("%s %s %s %s.", a.en, b.en, c.en, fmt.Sprintf(d.en, n)),
	}
}

// paragraph makes n sentences.
func (p *portal) paragraph(n int) pair {
	var de, en []string
	for range n {
		s := p.sentence()
		de, en = append(de, s.de), append(en, s.en)
	}
	return pair{strings.Join(de, " "), strings.Join(en, " ")}
}

var (
	topics = []pair{
		{"Zugriff", "Access"}, {"Sicherungen", "Backups"}, {"Protokolle", "Logging"}, {"Vorfälle", "Incidents"},
		{"Löschung", "Deletion"}, {"Prüfungen", "Audits"}, {"Weisungen", "Instructions"}, {"Übermittlungen", "Transfers"},
	}
	aspects = []pair{
		{"Grundsätze", "principles"}, {"Pflichten des Auftragsverarbeiters", "duties of the Processor"},
		{"Pflichten des Kunden", "duties of the Customer"}, {"Nachweise", "records"}, {"Überprüfung", "review"},
	}
	areaNames = []pair{
		{"Zutrittskontrolle", "Physical access control"}, {"Zugangskontrolle", "System access control"},
		{"Zugriffskontrolle", "Data access control"}, {"Weitergabekontrolle", "Transfer control"},
		{"Eingabekontrolle", "Input control"}, {"Verfügbarkeitskontrolle", "Availability control"},
		{"Trennungskontrolle", "Separation control"}, {"Verschlüsselung", "Encryption"},
		{"Wiederherstellung", "Recovery"}, {"Überprüfung", "Review"},
	}
)

func clauseTitle(i int) pair {
	t, a := topics[i%len(topics)], aspects[(i/len(topics))%len(aspects)]
	title := pair{t.de + ": " + a.de, t.en + ": " + a.en}
	if round := i / (len(topics) * len(aspects)); round > 0 {
		title.de += fmt.Sprintf(" (Teil %d)", round+1)
		title.en += fmt.Sprintf(" (part %d)", round+1)
	}
	return title
}

func areaTitle(i int) pair {
	t := areaNames[i%len(areaNames)]
	if round := i / len(areaNames); round > 0 {
		return pair{fmt.Sprintf("%s, Bereich %d", t.de, round+1), fmt.Sprintf("%s, section %d", t.en, round+1)}
	}
	return t
}

// country is where a subprocessor sits, with a made-up address.
type country struct{ code, city, street, postal, form string }

var countries = []country{
	{"DE", "Leipzig", "Lindenweg 4", "04109", "GmbH"},
	{"DE", "Bremen", "Hafenkante 12", "28195", "GmbH"},
	{"FR", "Lyon", "12 rue des Tisserands", "69002", "SAS"},
	{"NL", "Utrecht", "Grachtweg 8", "3511 AA", "B.V."},
	{"AT", "Graz", "Murgasse 3", "8010", "GmbH"},
	{"IE", "Cork", "7 Quay Street", "T12 X2F3", "Ltd"},
	{"US", "Denver", "400 Larimer Street", "80202", "Inc."},
}

var syllables = []string{"Nor", "vel", "Kas", "tra", "Bel", "lin", "Mor", "dex", "Ar", "quo", "Sil", "ven"}

func companyName(rng *rand.Rand) string {
	a, b := syllables[rng.IntN(len(syllables))], syllables[rng.IntN(len(syllables))]
	return a + strings.ToLower(b) + []string{" Systems", " Cloud", " Data", " Services"}[rng.IntN(4)]
}

var certifications = []string{"ISO/IEC 27001", "ISO/IEC 27701", "SOC 2 Type II"}

var categories = []struct {
	id   string
	name pair
}{
	{"contact-data", pair{"Kontaktdaten", "Contact data"}},
	{"usage-data", pair{"Nutzungsdaten", "Usage data"}},
	{"content-data", pair{"Inhaltsdaten", "Content data"}},
	{"billing-data", pair{"Abrechnungsdaten", "Billing data"}},
}

const portalTOML = `base_url = "https://trust.synthetik.example/"
title = { de = "Synthetik Trust Center", en = "Synthetik Trust Center" }
objection_period_days = 30
`

const processorTOML = `name = "Synthetik Werke GmbH"
website = "https://synthetik.example/"

[address]
street = "Musterallee 9"
postal_code = "50667"
city = "Köln"
country = "DE"

[register]
court = { de = "Amtsgericht Köln", en = "Cologne Local Court" }
number = "HRB 4711"

[[representative]]
name = "Hanna Beispiel"
role = { de = "Geschäftsführerin", en = "Managing Director" }

[dpo]
name = "Jonas Vorsicht"
email = "dpo@synthetik.example"

[instructions]
name = "Team Datenschutz"
email = "privacy@synthetik.example"

[contract]
binding_language = "de"
governing_law = "DE"
jurisdiction = { de = "Köln", en = "Cologne" }
`

func processingTOML() string {
	var b strings.Builder
	b.WriteString(`subject = { de = "Betrieb einer Plattform für Kundendaten", en = "Operating a platform for customer data" }
duration = { de = "Laufzeit des Hauptvertrags", en = "Term of the main agreement" }
nature = { de = "Speichern, Auswerten und Anzeigen", en = "Storing, analysing and displaying" }
purpose = { de = "Erbringung des vereinbarten Dienstes", en = "Providing the agreed service" }
`)
	for _, c := range categories {
		fmt.Fprintf(&b, "\n[[data_category]]\nid = %q\ntitle = %s\n", c.id, c.name.toml())
	}
	b.WriteString(`
[[data_subject]]
id = "users"
title = { de = "Nutzer des Kunden", en = "The Customer's users" }

[[location]]
country = "DE"
description = { de = "Rechenzentren in Köln und Leipzig", en = "Data centres in Cologne and Leipzig" }
`)
	return b.String()
}
