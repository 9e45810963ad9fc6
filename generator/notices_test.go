package generator_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// noticePortal is the minimal fixture released twice: 1.0 with a DPA that
// says nothing about how new versions bind existing customers or which
// authorisation it grants, and 2.0, a material version announced on
// 2026-10-01 whose DPA does, which replaces Monitor Inc. by a new legal
// entity and changes the hoster's service. Its objection period of 30 days
// counts from receipt and moves off weekends and Hamburg's public
// holidays: 2026-10-31 is a Saturday (and Reformation Day in Hamburg), so
// the deadline is Monday 2026-11-02.
func noticePortal(t *testing.T) (src, out string) {
	t.Helper()
	src = testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/portal.toml", Old: "title =",
		New: "objection_period_days = 30\nobjection_counted_from = \"receipt\"\ndeadline_holidays = \"DE-HH\"\ntitle ="})
	rel := func(v string, effective, today model.Date, material bool) error {
		_, err := generator.Release(src, release.Request{Version: v, Effective: effective, Material: material, Today: today})
		return err
	}
	if err := rel("1.0", model.NewDate(2026, 1, 1), model.NewDate(2026, 1, 1), false); err != nil {
		t.Fatal(err)
	}
	for _, e := range []testportal.Edit{
		{File: "data/processor.toml", Old: "governing_law = \"DE\"", New: "governing_law = \"DE\"\nsubprocessor_authorisation = \"general\""},
		{File: "data/processor.toml", Old: "jurisdiction = { de = \"Berlin\", en = \"Berlin\" }",
			New: "jurisdiction = { de = \"Berlin\", en = \"Berlin\" }\n\n[contract.amendments]\nmaterial = \"acceptance\"\nother = \"no-objection\"\nobjection_period_days = 42"},
		{File: "data/subprocessors.toml", Old: `name = "Monitor Inc."`, New: `name = "Monitor Europe B.V."`},
		{File: "data/subprocessors.toml", Old: `purpose = { de = "Hosting", en = "Hosting" }`, New: `purpose = { de = "Hosting und Datensicherung", en = "Hosting and backup" }`},
		{File: "content/dpa/scope.de.md", Old: "Er handelt nur auf Weisung", New: "Er handelt nur auf dokumentierte Weisung"},
		{File: "content/dpa/scope.en.md", Old: "It acts on instructions only", New: "It acts on documented instructions only"},
	} {
		testportal.Apply(t, src, e)
	}
	announced := model.NewDate(2026, 10, 1)
	// The plain count would allow 2026-10-31; the moved deadline does not.
	if err := rel("2.0", model.NewDate(2026, 11, 1), announced, true); err == nil || !strings.Contains(err.Error(), "2026-11-02 at the earliest (2026-10-31 falls on a weekend or public holiday in DE-HH") {
		t.Fatalf("release 2.0 before the moved deadline: %v", err)
	}
	if err := rel("2.0", model.NewDate(2026, 11, 2), announced, true); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: model.NewDate(2026, 10, 15)}); err != nil {
		t.Fatal(err)
	}
	return src, out
}

// atomEntries returns the entries of an Atom feed: title, summary and the
// text a feed reader shows of the HTML content.
func atomEntries(t *testing.T, file string) map[string][3]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := goquery.NewDocumentFromReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][3]string{}
	feed.Find("entry").Each(func(_ int, e *goquery.Selection) {
		content, err := goquery.NewDocumentFromReader(strings.NewReader(e.Find("content").Text()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Find("id").Text()] = [3]string{e.Find("title").Text(), e.Find("summary").Text(), squash(content.Text())}
	})
	return out
}

// TestSubprocessorNotices: the feed entry of a subprocessor change states
// what the DPA promises to notify, the deadline counted as the DPA says and
// moved by § 193 BGB, shows a new legal entity as a replacement, and shows
// no redline labels (issue 11, findings 4, 7 and 8).
func TestSubprocessorNotices(t *testing.T) {
	src, out := noticePortal(t)
	entries := atomEntries(t, filepath.Join(out, "de", "subprocessors", "feed.xml"))
	id := func(s string) string { return "tag:trust.example.com,2026-10-01:subprocessors/2.0/" + s }
	tests := []struct {
		id, title string
		want      []string
	}{
		{id("monitor--replaced"), "Unterauftragsverarbeiter entfällt: Monitor Inc.", []string{"Gilt mit Version 2.0 ab 2. November 2026."}},
		{id("monitor"), "Neuer Unterauftragsverarbeiter: Monitor Europe B.V.", []string{
			"Widerspruch ist innerhalb von 30 Tagen nach Zugang dieser Information möglich; bei Zugang am Tag der Ankündigung (1. Oktober 2026) bis zum 2. November 2026.",
			"Die Frist endet nicht am 31. Oktober 2026, einem Samstag, Sonntag oder gesetzlichen Feiertag in Hamburg, sondern am nächsten Werktag (§ 193 BGB).",
			"Anschrift: 1 Main St", "Verarbeitungsorte: Vereinigte Staaten", "Leistung: Fehlerüberwachung", "Garantie für Drittlandübermittlung: EU-US Data Privacy Framework"}},
		{id("hoster"), "Änderung bei Hoster GmbH: Leistung", []string{"Leistung: Hosting und Datensicherung (bisher: Hosting)", "Anschrift:", "Verarbeitungsorte:"}},
	}
	for _, tt := range tests {
		e, ok := entries[tt.id]
		if !ok {
			t.Errorf("no entry %s; entries: %v", tt.id, entries)
			continue
		}
		if e[0] != tt.title {
			t.Errorf("%s: title %q, want %q", tt.id, e[0], tt.title)
		}
		for _, w := range tt.want {
			if !strings.Contains(e[1]+" "+e[2], w) {
				t.Errorf("%s: lacks %q:\n%s\n%s", tt.id, w, e[1], e[2])
			}
		}
		for _, label := range []string{"[Eingefügt", "[Gelöscht", "Eingefügt:", "Gelöscht:"} {
			if strings.Contains(e[2], label) {
				t.Errorf("%s: a feed reader shows the redline label %q: %s", tt.id, label, e[2])
			}
		}
	}
	if _, ok := entries[id("monitor--replaced")]; ok && len(entries) != 3 {
		t.Errorf("entries: %v", entries)
	}

	// The deadline is the release's: a later change of the rules does not
	// move it.
	testportal.Apply(t, src, testportal.Edit{File: "data/portal.toml", Old: "deadline_holidays = \"DE-HH\"\n", New: ""})
	testportal.Apply(t, src, testportal.Edit{File: "data/portal.toml", Old: "objection_counted_from = \"receipt\"", New: "objection_counted_from = \"announcement\""})
	again := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: again, Today: model.NewDate(2026, 10, 15)}); err != nil {
		t.Fatal(err)
	}
	if got := atomEntries(t, filepath.Join(again, "de", "subprocessors", "feed.xml")); got[id("monitor")] != entries[id("monitor")] {
		t.Errorf("a later setting rewrote the entry:\n%v\nwas\n%v", got[id("monitor")], entries[id("monitor")])
	}
}

// TestWhichVersionBindsWhom: every page, the manifest and the feed say whom
// a version binds: new contracts from its date, existing customers as the
// version's DPA says, and nothing about them where it does not (issue 11,
// finding 2); the subprocessor annex claims a general authorisation only
// where the DPA grants one (finding 9).
func TestWhichVersionBindsWhom(t *testing.T) {
	_, out := noticePortal(t)
	tests := []struct {
		page, want string
	}{
		{"de/dpa/1.0", "Gilt für neue Verträge ab 1. Januar 2026."},
		{"de/dpa/2.0", "Gilt für neue Verträge ab 2. November 2026. Bestehende Kunden: erst, wenn sie diese Fassung annehmen; bis dahin gilt für sie die Fassung, die sie vereinbart haben."},
		{"en/toms/2.0", "In effect for new contracts from 2 November 2026. Existing customers: only once they accept this version; until then the version they agreed continues to apply to them."},
	}
	for _, tt := range tests {
		page := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(tt.page), "index.html"))
		if got := squash(page.Find(".version__applies").Text()); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.page, got, tt.want)
		}
	}
	archive := testportal.HTML(t, filepath.Join(out, "de", "versions", "index.html"))
	if got := squash(archive.Find("#version-1\\.0 .version__applies").Text()); got != "Gilt für neue Verträge ab 1. Januar 2026." {
		t.Errorf("archive, 1.0: %q", got)
	}
	if got := squash(archive.Find("#version-2\\.0 .version__applies").Text()); !strings.Contains(got, "Bestehende Kunden: erst, wenn sie diese Fassung annehmen") {
		t.Errorf("archive, 2.0: %q", got)
	}
	if text := archive.Find("article").Text(); strings.Contains(text, "Maßgeblich ist die Fassung") {
		t.Errorf("archive claims the version of the day binds everyone: %s", squash(text))
	}

	data, err := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Versions []map[string]any `json:"versions"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Versions[0]["existing_customers"]; ok {
		t.Errorf("manifest, 1.0: existing_customers %v although its DPA does not say", m.Versions[0]["existing_customers"])
	}
	if got := m.Versions[1]["existing_customers"]; got != "acceptance" {
		t.Errorf("manifest, 2.0: existing_customers %v, want acceptance", got)
	}

	versions := atomEntries(t, filepath.Join(out, "en", "versions", "feed.xml"))
	if e := versions["tag:trust.example.com,2026-10-01:dpa/2.0"]; !strings.Contains(e[1], "Existing customers: only once they accept this version") {
		t.Errorf("version feed, 2.0: %q", e[1])
	}

	for page, want := range map[string]string{"de/subprocessors/1.0": "", "de/subprocessors/2.0": "Der Kunde hat dem Auftragsverarbeiter die allgemeine schriftliche Genehmigung erteilt"} {
		doc := testportal.HTML(t, filepath.Join(out, filepath.FromSlash(page), "index.html"))
		intro := squash(doc.Find(".document__header > p").Not(".version *").Text())
		if has := strings.Contains(intro, "Genehmigung"); has != (want != "") || !strings.Contains(intro, want) {
			t.Errorf("%s: introduction %q, want %q", page, intro, want)
		}
	}
}

// TestJurisdictionAsTheDPASays: the sample's processor page states the place
// of jurisdiction only as far as its DPA does: for merchants and public
// bodies (issue 11, finding 9).
func TestJurisdictionAsTheDPASays(t *testing.T) {
	b := build(t, testportal.Root(t))
	for lang, want := range map[model.Lang]string{
		model.DE: "Hamburg, wenn der Kunde Kaufmann, juristische Person des öffentlichen Rechts oder öffentlich-rechtliches Sondervermögen ist",
		model.EN: "Hamburg, if the Customer is a merchant, a legal entity under public law or a special fund under public law",
	} {
		page := b.doc(t, lang, "processor")
		var got string
		page.Find("#contract dt").Each(func(_ int, dt *goquery.Selection) {
			if strings.Contains(dt.Text(), map[model.Lang]string{model.DE: "Gerichtsstand", model.EN: "jurisdiction"}[lang]) {
				got = squash(dt.Next().Text())
			}
		})
		if got != want {
			t.Errorf("%s: place of jurisdiction %q, want %q", lang, got, want)
		}
	}
}
