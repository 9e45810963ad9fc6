package generator_test

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// contract is one of the real-contract test portals (generator/testdata/
// contract-en, avv-de), released as 1.0, changed, released as 2.0 and
// built once; its subtests read the output.
type contract struct {
	name     string
	lang     model.Lang
	base     string            // base_url of data/portal.toml
	first    release.Request   // release 1.0
	change   []testportal.Edit // what changes between 1.0 and 2.0
	second   release.Request   // release 2.0
	today    model.Date        // the build's day, after 2.0 took effect
	invented []string          // sentences the tool once wrote and the contract does not say
}

// releasedContract copies the fixture, releases 1.0, applies the change,
// releases 2.0 and builds the site. It returns the project, the site and
// the canonical texts of release 1.0 as they were right after it was made.
func releasedContract(t *testing.T, c contract) (src, out string, texts1 map[string][]byte) {
	t.Helper()
	src = testportal.Copy(t, filepath.Join(testportal.Root(t), "generator", "testdata", c.name))
	// The contract meets every legal check: its clauses are tagged with
	// what they fulfil, its transfers name their instruments.
	if _, err := generator.CheckWith(generator.CheckOptions{Source: src, Strict: true}); err != nil {
		t.Fatalf("check --strict: %v", err)
	}
	if _, err := generator.Release(src, c.first); err != nil {
		t.Fatalf("release 1.0: %v", err)
	}
	texts1 = readDir(t, filepath.Join(src, "data", "releases", "1.0", "canonical"))
	for _, e := range c.change {
		p := filepath.Join(src, filepath.FromSlash(e.File))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(data), e.Old) != 1 {
			t.Fatalf("change %s: %q is not there once", e.File, e.Old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), e.Old, e.New, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := generator.Release(src, c.second); err != nil {
		t.Fatalf("release 2.0: %v", err)
	}
	out = filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: c.today}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return src, out, texts1
}

// readDir returns the files of dir by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, name := range testportal.Names(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	return files
}

// oneLanguageSite checks what every page of a one-language contract
// portal must hold: its language on every page, no trace of another
// language, no sentence the contract does not say, and links that all
// land on a file and an anchor of the site.
func oneLanguageSite(t *testing.T, c contract, out string) {
	base, err := url.Parse(c.base)
	if err != nil {
		t.Fatal(err)
	}
	entries := testportal.Names(t, out)
	for _, other := range model.DefaultLanguages {
		if other != c.lang && slices.Contains(entries, string(other)) {
			t.Errorf("the site has pages in %s", other)
		}
	}
	docs := map[string]*goquery.Document{}
	walkHTML(t, out, func(rel string, doc *goquery.Document) { docs[rel] = doc })
	if len(docs) < 15 {
		t.Fatalf("only %d pages", len(docs))
	}
	// fileOf maps a link on page rel to the file of the site it leads to,
	// and its fragment; ok is false for a link that leaves the site.
	fileOf := func(rel, href string) (file, fragment string, ok bool) {
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: link %q: %v", rel, href, err)
			return "", "", false
		}
		if u.Scheme == "mailto" || u.Host != "" && u.Host != base.Host {
			return "", "", false
		}
		p := u.Path
		switch {
		case href != "" && href[0] == '#':
			p = "/" + rel
		case !strings.HasPrefix(p, "/"):
			p = path.Join("/"+path.Dir(rel), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		return strings.TrimPrefix(p, "/"), u.Fragment, true
	}
	var links, anchors int
	for rel, doc := range docs {
		if rel == "index.html" { // the root redirects to the language's home
			continue
		}
		if got := doc.Find("html").AttrOr("lang", ""); got != string(c.lang) {
			t.Errorf("%s: <html lang=%q>, want %q", rel, got, c.lang)
		}
		doc.Find("[lang]").Each(func(_ int, e *goquery.Selection) {
			if l := e.AttrOr("lang", ""); l != string(c.lang) {
				t.Errorf("%s: lang=%q on <%s>", rel, l, goquery.NodeName(e))
			}
		})
		doc.Find("[hreflang]").Each(func(_ int, e *goquery.Selection) {
			t.Errorf("%s: hreflang=%q: the portal has one language", rel, e.AttrOr("hreflang", ""))
		})
		if doc.Find(".lang-switch, .binding-notice").Length() > 0 {
			t.Errorf("%s: a language switch or a notice about the binding version", rel)
		}
		text := squash(doc.Find("main").Text())
		for _, s := range c.invented {
			if strings.Contains(text, s) {
				t.Errorf("%s: says %q, which the contract does not", rel, s)
			}
		}
		doc.Find("main dd, main td").Each(func(_ int, v *goquery.Selection) {
			if s := strings.ToLower(squash(v.Text())); s == "none" || s == "keine" || s == "" && v.Is("dd") {
				t.Errorf("%s: the value %q after %q", rel, squash(v.Text()), squash(v.Prev().Text()))
			}
		})
		doc.Find("[href], [src]").Each(func(_ int, e *goquery.Selection) {
			href := e.AttrOr("href", e.AttrOr("src", ""))
			file, fragment, ok := fileOf(rel, href)
			if !ok {
				return
			}
			links++
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s: link %q leads to no file of the site", rel, href)
				return
			}
			if fragment == "" || !strings.HasSuffix(file, ".html") {
				return
			}
			anchors++
			target := docs[file]
			if target == nil || target.Find("#"+fragment).Length() == 0 && target.Find(`[name="`+fragment+`"]`).Length() == 0 {
				t.Errorf("%s: link %q: %s has no anchor #%s", rel, href, file, fragment)
			}
		})
	}
	if links < 300 || anchors < 100 {
		t.Errorf("only %d links within the site, %d of them to an anchor", links, anchors)
	}
}

// released1Unchanged checks that release 2.0 left the stored canonical
// texts of release 1.0 as they were, and that the site publishes them byte
// for byte.
func released1Unchanged(t *testing.T, src, out string, lang model.Lang, texts1 map[string][]byte) {
	now := readDir(t, filepath.Join(src, "data", "releases", "1.0", "canonical"))
	// The three documents and the agreement text over them.
	if len(texts1) != 4 || len(now) != len(texts1) {
		t.Fatalf("release 1.0 stored %d canonical texts, now %d; want 4", len(texts1), len(now))
	}
	for name, before := range texts1 {
		if !bytes.Equal(now[name], before) {
			t.Errorf("release 2.0 changed the stored text %s of release 1.0", name)
		}
		doc := strings.TrimSuffix(name, "."+string(lang)+".txt")
		page := doc // the agreement text is published beside the DPA
		if doc == "agreement" {
			page = "dpa"
		}
		published, err := os.ReadFile(filepath.Join(out, string(lang), page, "1.0", doc+"-1.0."+string(lang)+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(published, before) {
			t.Errorf("the site publishes %s of release 1.0 other than it was stored", name)
		}
	}
}

// selects is a table of what elements of a page read.
type selects []struct {
	page, sel string
	want      []string
}

func (tests selects) run(t *testing.T, out string) {
	for _, tt := range tests {
		t.Run(tt.page+" "+tt.sel, func(t *testing.T) {
			got := texts(testportal.HTML(t, filepath.Join(out, filepath.FromSlash(tt.page), "index.html")), tt.sel)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestContractEN: the English-only DPA of generator/testdata/contract-en as
// it is written, released twice and built.
func TestContractEN(t *testing.T) {
	c := contract{
		name:  "contract-en",
		lang:  model.EN,
		base:  "https://trust.lumen-analytics.example/",
		first: release.Request{Version: "1.0", Effective: model.NewDate(2025, 5, 1), Today: model.NewDate(2025, 5, 1)},
		change: []testportal.Edit{{File: "content/dpa/breach-notification.en.md",
			Old: "without undue delay and in any event within 48 hours after becoming aware of it",
			New: "without undue delay and in any event within 36 hours after becoming aware of it"}},
		second: release.Request{Version: "2.0", Effective: model.NewDate(2025, 10, 1), Announced: model.NewDate(2025, 9, 1), Today: model.NewDate(2025, 9, 1), Material: true},
		today:  model.NewDate(2025, 10, 15),
		invented: []string{"No special categories of personal data are intended", "has authorised the engagement",
			"announces intended changes in advance", "may object", "all customers", "Please send the customer's instructions",
			"under the main agreement", "Data protection officer"},
	}
	src, out, texts1 := releasedContract(t, c)

	selects{
		// Clauses "Section n", sub-clauses "n.m", in headings and contents.
		{"en/dpa/2.0", ".clause > h2 .num", []string{"Section 1", "Section 2", "Section 3", "Section 4", "Section 5", "Section 6", "Section 7",
			"Section 8", "Section 9", "Section 10", "Section 11", "Section 12", "Section 13"}},
		{"en/dpa/2.0", "#toc li:not(.toc__annex) .num", []string{"Section 1", "Section 2", "Section 3", "Section 4", "Section 5", "Section 6", "Section 7",
			"Section 8", "Section 9", "Section 10", "Section 11", "Section 12", "Section 13"}},
		{"en/dpa/2.0", "#processing-details .subclause > .num", []string{"3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"}},
		{"en/dpa/2.0", "#processing-details .subclause > .subclause__body > h3", []string{"Subject matter", "Duration", "Nature of the processing", "Purpose",
			"Types of personal data", "Categories of data subjects", "Special categories of data", "Place of processing"}},
		// The definitions, lettered (a)–(h) as the contract writes them.
		{"en/dpa/2.0", "#defined-terms .subclause__body > p", []string{"In this DPA the following terms have the meanings given below:",
			"(a) \"Client Personal Data\" means the personal data described in Section 3 that the Contractor processes on behalf of the Client in providing the Services;",
			"(b) \"Data Protection Law\" means the GDPR and the laws of the member states of the European Economic Area that supplement it, to the extent they apply to the processing of Client Personal Data;",
			"(c) \"GDPR\" means Regulation (EU) 2016/679;",
			"(d) \"Personal Data Breach\" means a breach of security leading to the accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to, Client Personal Data;",
			"(e) \"Services\" means the analytics services described in the Services Agreement, including the tracking script, the software development kits, the dashboard and the API;",
			"(f) \"Services Agreement\" means the agreement under which the Contractor provides the Services to the Client, whether concluded by order form or by accepting the Contractor's online terms;",
			"(g) \"Sub-processor\" means any person, other than an employee of the Contractor, that the Contractor engages to process Client Personal Data;",
			"(h) \"Working Day\" means a day other than a Saturday, Sunday or public holiday in Ireland."}},
		// References in the contract's words.
		{"en/dpa/2.0", "#scope-term a", []string{"Section 10", "Section 5"}},
		{"en/dpa/2.0", "#security-client a", []string{"Section 3.7"}},
		{"en/dpa/2.0", "#details-duration a", []string{"Section 10.2"}},
		{"en/dpa/2.0", "#security-measures a", []string{"Annex 1"}},
		// The parties as the contract's own preamble names them, and no
		// generated parties block.
		{"en/dpa/2.0", ".parties, .party__role", nil},
		{"en/dpa/2.0", ".preamble strong", []string{"DPA", "Client", "Contractor", "party"}},
		// One annex, Annex 1, the TOMs; the details of the processing are
		// Section 3, with no generated block.
		{"en/dpa/2.0", "#annexes li", []string{"Annex 1: Technical and organisational measures"}},
		{"en/dpa/2.0", "#annex-processing, section.annex", nil},
		{"en/toms/2.0", ".eyebrow", []string{"Annex 1 · Annex to the Data Processing Agreement"}},
		{"en/toms/2.0", "h1", []string{"Technical and organisational measures"}},
		// Nine sections in the annex's order, with the preamble; sections
		// 5, 8 and 9 without a goal.
		{"en/toms/2.0", "article > section.area > h2 .num", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"en/toms/2.0", "article > section.area > h2", []string{"1 Pseudonymisation and encryption #", "2 Confidentiality #", "3 Integrity #",
			"4 Availability #", "5 Resilience #", "6 Ability to restore #", "7 Regular testing, assessment and evaluation #",
			"8 Organisational measures #", "9 Data protection by design and by default #"}},
		{"en/toms/2.0", "section.area#resilience .area__goal, section.area#organisational .area__goal, section.area#by-design-default .area__goal", nil},
		{"en/toms/2.0", "section.area#organisational > .objectives, section.area#by-design-default > .objectives", nil},
		{"en/toms/2.0", "li.measure#two-facilities > .num", []string{"4.1"}},
		// No subprocessor is engaged: the list says only that none is listed.
		{"en/subprocessors/2.0", "main table", nil},
		// The contract has no annex for them: the page claims none.
		{"en/subprocessors/2.0", ".eyebrow", nil},
		// The diff names the changed sub-clause by its number and shows the words.
		{"en/diff/1.0/2.0", ".diff-summary li", []string{"Section 9 Personal data breaches changed"}},
		{"en/diff/1.0/2.0", "#change-dpa-breach-notification > h3", []string{"Section 9 Personal data breaches"}},
		{"en/diff/1.0/2.0", "#change-dpa-breach-notice > h4", []string{"9.1"}},
		{"en/diff/1.0/2.0", "#change-dpa-breach-notice del", []string{"[Deleted: 48]"}},
		{"en/diff/1.0/2.0", "#change-dpa-breach-notice ins", []string{"[Inserted: 36]"}},
	}.run(t, out)

	t.Run("preamble of the annex", func(t *testing.T) {
		doc := testportal.HTML(t, filepath.Join(out, "en", "toms", "2.0", "index.html"))
		if got := squash(doc.Find("section.preamble#preamble").Text()); !strings.HasPrefix(got, "This Annex describes the technical and organisational measures") {
			t.Errorf("preamble %q", got)
		}
	})
	t.Run("the empty list", func(t *testing.T) {
		doc := testportal.HTML(t, filepath.Join(out, "en", "subprocessors", "2.0", "index.html"))
		if got := squash(doc.Find("main").Text()); !strings.Contains(got, "No subprocessors are listed.") {
			t.Errorf("the empty list does not say so: %q", got)
		}
	})
	t.Run("every page", func(t *testing.T) { oneLanguageSite(t, c, out) })
	t.Run("release 1.0 unchanged", func(t *testing.T) { released1Unchanged(t, src, out, c.lang, texts1) })
}

// TestContractAVV: the German-only AVV of generator/testdata/avv-de as it
// is written, released, changed (a clause reworded, a subprocessor's place
// of processing moved with the AVV's 30 days' notice) and released again.
func TestContractAVV(t *testing.T) {
	c := contract{
		name:  "avv-de",
		lang:  model.DE,
		base:  "https://vertrauen.kupferwerk.example/",
		first: release.Request{Version: "1.0", Effective: model.NewDate(2025, 4, 1), Today: model.NewDate(2025, 4, 1)},
		change: []testportal.Edit{
			{File: "content/dpa/schluss.de.md",
				Old: "bedürfen der Textform und müssen ausdrücklich als solche bezeichnet sein",
				New: "bedürfen der Textform; sie müssen ausdrücklich als Änderung dieses Vertrags bezeichnet sein"},
			{File: "data/subprocessors.toml", Old: `locations = [{ country = "CH", city = "Zürich" }]`, New: `locations = [{ country = "CH", city = "Bern" }]`},
		},
		second: release.Request{Version: "2.0", Effective: model.NewDate(2025, 10, 1), Announced: model.NewDate(2025, 9, 1), Today: model.NewDate(2025, 9, 1),
			NotMaterial: "Klarstellung der Form von Änderungen; Verarbeitungsort eines Unterauftragsverarbeiters"},
		today: model.NewDate(2025, 10, 15),
		invented: []string{"ist nicht vorgesehen", "zugestimmt", "informiert der Auftragsverarbeiter vorab", "alle Kunden",
			"richten Sie bitte in Textform", "gemäß Hauptvertrag"},
	}
	src, out, texts1 := releasedContract(t, c)

	selects{
		// §§ with paragraphs (1), (2) …, in headings and contents.
		{"de/dpa/2.0", ".clause > h2 .num", []string{"§ 1", "§ 2", "§ 3", "§ 4", "§ 5", "§ 6", "§ 7", "§ 8", "§ 9", "§ 10", "§ 11", "§ 12"}},
		{"de/dpa/2.0", "#toc li:not(.toc__annex) .num", []string{"§ 1", "§ 2", "§ 3", "§ 4", "§ 5", "§ 6", "§ 7", "§ 8", "§ 9", "§ 10", "§ 11", "§ 12"}},
		{"de/dpa/2.0", "#art-zweck .subclause > .num", []string{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)"}},
		// References as the AVV cites: "§ 10 Abs. 3", the annex and its section.
		{"de/dpa/2.0", "#dauer a", []string{"§ 10 Abs. 3"}},
		{"de/dpa/2.0", "#gegenstand a", []string{"§ 2"}},
		{"de/dpa/2.0", "#ort a", []string{"Anlage 1, Abschnitt „Unterauftragsverarbeiter“", "§ 6 Abs. 4"}},
		{"de/dpa/2.0", "#besondere-kategorien a", []string{"Anlage 1, Maßnahme 1.5.1", "Anlage 1, Maßnahme 1.3.1"}},
		{"de/dpa/2.0", "#loeschung a", []string{"§ 10 Abs. 3", "Anlage 1, Maßnahme 3.1.3"}},
		// The parties as the Rubrum names them, and no generated parties block.
		{"de/dpa/2.0", ".parties, .party__role", nil},
		{"de/dpa/2.0", ".preamble strong", []string{"Auftraggeber", "Auftragnehmer", "Hauptvertrag"}},
		// One annex, "Anlage 1", whose last section lists the subprocessors;
		// the details of the processing are § 2, with no generated block.
		{"de/dpa/2.0", "#annexes li", []string{"Anlage 1: Technische und organisatorische Maßnahmen", "Anlage 1, Abschnitt „Unterauftragsverarbeiter“"}},
		{"de/dpa/2.0", "#annex-processing, section.annex", nil},
		{"de/toms/2.0", ".eyebrow", []string{"Anlage 1 · Anlage zum Auftragsverarbeitungsvertrag"}},
		{"de/subprocessors/2.0", ".eyebrow", []string{"Anlage 1, Abschnitt „Unterauftragsverarbeiter“ · Anlage zum Auftragsverarbeitungsvertrag"}},
		// Three levels: group, control area, measure, in the AVV's order.
		{"de/toms/2.0", "article > section.area > h2 .num", []string{"1", "2", "3", "4"}},
		{"de/toms/2.0", "section.area#vertraulichkeit > section.group > h3", []string{"1.1 Zutrittskontrolle #", "1.2 Zugangskontrolle #",
			"1.3 Zugriffskontrolle #", "1.4 Trennungskontrolle #", "1.5 Pseudonymisierung und Verschlüsselung #"}},
		{"de/toms/2.0", "section.group#voreinstellungen > h3 .num", []string{"4.3"}},
		{"de/toms/2.0", "section.group#voreinstellungen > .area__goal, section.group#voreinstellungen > .group__goal", nil},
		{"de/toms/2.0", "section.group#eingabekontrolle li.measure > .num", []string{"2.2.1", "2.2.2"}},
		// References between measures, by the annex's numbers.
		{"de/toms/2.0", "li.measure#support-zugriff a", []string{"Anlage 1, Maßnahme 2.2.1"}},
		{"de/toms/2.0", "li.measure#export-protokoll a", []string{"Anlage 1, Maßnahme 2.2.1"}},
		{"de/toms/2.0", "li.measure#notfallplan a", []string{"Anlage 1, Maßnahme 3.1.2"}},
		{"de/toms/2.0", "li.measure#vorfallauswertung a", []string{"Anlage 1, Maßnahme 2.2.1", "Anlage 1, Maßnahme 2.2.2"}},
		{"de/toms/2.0", "section.preamble a", []string{"Anlage 1, Abschnitt „Unterauftragsverarbeiter“"}},
		// The US addresses with their states.
		{"de/subprocessors/2.0", "section#relaywise address", []string{"250 Relay Plaza, Suite 900, Denver, CO 80202, Vereinigte Staaten"}},
		{"de/subprocessors/2.0", "section#helpfold address", []string{"88 Lantern Row, Floor 14, Austin, TX 78701, Vereinigte Staaten"}},
		// The diff: the reworded paragraph by its number, the moved place.
		{"de/diff/1.0/2.0", ".diff-summary li", []string{"§ 12 Schlussbestimmungen geändert", "Alpensignal AG geändert"}},
		{"de/diff/1.0/2.0", "#change-dpa-schluss-form > h4", []string{"(1)"}},
		{"de/diff/1.0/2.0", "#change-dpa-schluss-form ins", []string{"[Eingefügt: ; sie]", "[Eingefügt: Änderung dieses Vertrags]"}},
		{"de/diff/1.0/2.0", "#change-subprocessors-alpensignal del", []string{"[Gelöscht: Zürich]"}},
		{"de/diff/1.0/2.0", "#change-subprocessors-alpensignal ins", []string{"[Eingefügt: Bern]"}},
	}.run(t, out)

	t.Run("internal references land on their anchors", func(t *testing.T) {
		doc := testportal.HTML(t, filepath.Join(out, "de", "toms", "2.0", "index.html"))
		for from, to := range map[string]string{"support-zugriff": "aenderungsprotokoll", "notfallplan": "datensicherung", "vorfallauswertung": "protokoll-aufbewahrung"} {
			if doc.Find(`li.measure#`+from+` a[href="#`+to+`"]`).Length() != 1 || doc.Find("li.measure#"+to).Length() != 1 {
				t.Errorf("measure %s does not link to measure %s on the page", from, to)
			}
		}
	})
	t.Run("every page", func(t *testing.T) { oneLanguageSite(t, c, out) })
	t.Run("release 1.0 unchanged", func(t *testing.T) { released1Unchanged(t, src, out, c.lang, texts1) })

	// The place moves only after the AVV's 30 days' notice.
	early := c.second
	early.Effective = model.NewDate(2025, 9, 20)
	src = testportal.Copy(t, filepath.Join(testportal.Root(t), "generator", "testdata", c.name))
	if _, err := generator.Release(src, c.first); err != nil {
		t.Fatal(err)
	}
	src = testportal.Copy(t, src, testportal.Edit{File: "data/subprocessors.toml", Old: c.change[1].Old, New: c.change[1].New})
	if _, err := generator.Release(src, early); err == nil || !strings.Contains(err.Error(), "2025-10-01 at the earliest") {
		t.Errorf("a subprocessor change 19 days after its announcement: %v", err)
	}
}
