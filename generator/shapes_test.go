package generator_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// withoutSubprocessorRefs drops the fixture's reference to a subprocessor,
// which a list without it would refuse.
var withoutSubprocessorRefs = []testportal.Edit{
	{File: "content/dpa/security.de.md", Old: ", etwa [](subprocessor:monitor)", New: ""},
	{File: "content/dpa/security.en.md", Old: ", for example [](subprocessor:monitor)", New: ""},
}

// noSubprocessors is the fixture with data/subprocessors.toml holding
// content and no subprocessor.
func noSubprocessors(content string) []testportal.Edit {
	return append([]testportal.Edit{{File: "data/subprocessors.toml", New: content}}, withoutSubprocessorRefs...)
}

const fixtureCategories = `[[data_category]]
id = "contact-data"
title = { de = "Kontaktdaten", en = "Contact data" }

[[data_category]]
id = "usage-data"
title = { de = "Nutzungsdaten", en = "Usage data" }
`

// TestCheckAndBuildAgree: whatever check accepts, build builds, and
// whatever check refuses, build refuses with the same problem, for data
// shapes at the edges of what the model allows (empty lists, a clause
// without sub-clauses, a single clause, no preamble).
func TestCheckAndBuildAgree(t *testing.T) {
	tests := []struct {
		name  string
		edits []testportal.Edit
		ok    bool // check accepts it
	}{
		{"subprocessors file with only comments", noSubprocessors("# No subprocessors are engaged.\n"), true},
		{"subprocessor = []", noSubprocessors("subprocessor = []\n"), true},
		{"empty subprocessors file", noSubprocessors(""), true},
		{"a [[subprocessor]] without fields", noSubprocessors("[[subprocessor]]\n"), false},
		{"subprocessors file missing", append([]testportal.Edit{{File: "data/subprocessors.toml", Delete: true}}, withoutSubprocessorRefs...), false},
		{"certifications = []", []testportal.Edit{{File: "data/subprocessors.toml", Old: `certifications = ["ISO/IEC 27001"]`, New: "certifications = []"}}, true},
		{"subprocessor locations = []", []testportal.Edit{{File: "data/subprocessors.toml", Old: `locations = [{ country = "US" }]`, New: "locations = []"}}, true},
		{"subprocessor data_categories = []", []testportal.Edit{{File: "data/subprocessors.toml", Old: `data_categories = ["usage-data"]`, New: "data_categories = []"}}, true},
		{"special_category = []", []testportal.Edit{{File: "data/processing.toml", Old: "[[data_category]]\nid = \"contact-data\"", New: "special_category = []\n\n[[data_category]]\nid = \"contact-data\""}}, true},
		{"data_category = []", []testportal.Edit{
			{File: "data/processing.toml", Old: fixtureCategories, New: "data_category = []\n"},
			{File: "data/subprocessors.toml", Old: `data_categories = ["contact-data", "usage-data"]`, New: `data_categories = ["x"]`},
		}, false},
		{"no data subjects", []testportal.Edit{{File: "data/processing.toml", Old: "[[data_subject]]\nid = \"users\"\ntitle = { de = \"Nutzer\", en = \"Users\" }\n", New: ""}}, false},
		{"no locations", []testportal.Edit{{File: "data/processing.toml", Old: "[[location]]\ncountry = \"DE\"", New: "[x]\ncountry = \"DE\""}}, false},
		{"no representatives", []testportal.Edit{{File: "data/processor.toml", Old: "[[representative]]\nname = \"Erika Muster\"\nrole = { de = \"Geschäftsführerin\", en = \"Managing Director\" }\n", New: ""}}, true},
		// An area may be text alone (its goal), as real annexes have them.
		{"a TOM area without measures", []testportal.Edit{
			{File: "data/toms.toml", Old: "\n  [[area.measure]]\n  id = \"tls\"\n  text = { de = \"TLS 1.2 oder höher.\", en = \"TLS 1.2 or higher.\" }", New: ""},
			{File: "content/dpa/security.de.md", Old: ", insbesondere [](measure:tls)", New: ""},
			{File: "content/dpa/security.en.md", Old: ", in particular [](measure:tls)", New: ""},
		}, true},
		{"a TOM area without measures or text", []testportal.Edit{
			{File: "data/toms.toml", Old: "\n  [[area.measure]]\n  id = \"tls\"\n  text = { de = \"TLS 1.2 oder höher.\", en = \"TLS 1.2 or higher.\" }", New: ""},
			{File: "data/toms.toml", Old: "goal = { de = \"Daten sind verschlüsselt.\", en = \"Data are encrypted.\" }\n", New: ""},
			{File: "content/dpa/security.de.md", Old: ", insbesondere [](measure:tls)", New: ""},
			{File: "content/dpa/security.en.md", Old: ", in particular [](measure:tls)", New: ""},
		}, false},
		{"a clause without sub-clauses", []testportal.Edit{
			{File: "content/dpa/scope.de.md", New: "+++\ntitle = \"Gegenstand\"\nweight = 10\n+++\n\nDer Vertrag regelt die Verarbeitung.\n"},
			{File: "content/dpa/scope.en.md", New: "+++\ntitle = \"Scope\"\nweight = 10\n+++\n\nThe agreement governs the processing.\n"},
		}, true},
		{"a DPA with a single clause", []testportal.Edit{
			{File: "content/dpa/security.de.md", Delete: true},
			{File: "content/dpa/security.en.md", Delete: true},
			{File: "content/dpa/scope.de.md", Old: ", siehe [](clause:security-measures)", New: ""},
			{File: "content/dpa/scope.en.md", Old: ", see [](clause:security-measures)", New: ""},
		}, true},
		{"no commercial register", []testportal.Edit{{File: "data/processor.toml", Old: "[register]\ncourt = { de = \"Amtsgericht Charlottenburg\", en = \"Charlottenburg Local Court\" }\nnumber = \"HRB 1\"\n", New: ""}}, true},
		{"a home page without text", []testportal.Edit{
			{File: "content/_index.de.md", New: "+++\ntitle = \"Start\"\n+++\n"},
			{File: "content/_index.en.md", New: "+++\ntitle = \"Home\"\n+++\n"},
		}, true},
		{"an empty preamble", []testportal.Edit{
			{File: "content/dpa/_index.de.md", New: "+++\ntitle = \"Auftragsverarbeitungsvertrag\"\n+++\n"},
			{File: "content/dpa/_index.en.md", New: "+++\ntitle = \"Data Processing Agreement\"\n+++\n"},
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), tt.edits...)
			checkErr := generator.Check(src)
			if (checkErr == nil) != tt.ok {
				t.Fatalf("check: %v, want accepted = %v", checkErr, tt.ok)
			}
			buildErr := generator.Build(generator.Options{Source: src, Out: filepath.Join(t.TempDir(), "public"), Today: today})
			switch {
			case checkErr == nil && buildErr != nil:
				t.Fatalf("check found no problem, build failed: %v", buildErr)
			case checkErr != nil && buildErr == nil:
				t.Fatalf("check refused it (%v), build built it", checkErr)
			case checkErr != nil && !strings.Contains(buildErr.Error(), checkErr.Error()):
				t.Fatalf("build failed with another problem than check:\ncheck: %v\nbuild: %v", checkErr, buildErr)
			}
			if checkErr != nil {
				return
			}
			// What check accepts can be released, and the release built.
			releaseVersion(t, src, "1.0", model.NewDate(2026, 1, 1))
			buildFixture(t, src)
		})
	}
}

// annexLine is the last line of the header of the subprocessor list's
// canonical text.
var annexLine = map[string]string{"de": "Anlage 3 · Anlage zum Auftragsverarbeitungsvertrag", "en": "Annex 3 · Annex to the Data Processing Agreement"}

// TestNoSubprocessorsPages: a portal whose list names no subprocessor says
// so on its page in both languages, with no table, an empty but valid feed
// and a manifest and canonical text for the annex.
func TestNoSubprocessorsPages(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t), noSubprocessors("# none yet\n")...)
	releaseVersion(t, src, "1.0", model.NewDate(2026, 1, 1))
	out := buildFixture(t, src)
	s := &l10n.Must{S: testportal.Strings(t)}
	for _, lang := range model.DefaultLanguages {
		l := string(lang)
		want := s.T(lang, "subprocessorsNoneListed", nil)
		for _, page := range []string{"subprocessors", "subprocessors/1.0"} {
			doc := testportal.HTML(t, filepath.Join(out, l, filepath.FromSlash(page), "index.html"))
			main := doc.Find("article[data-document=subprocessors]")
			if got := squash(main.Find(".subprocessors-none").Text()); got != want {
				t.Errorf("%s/%s: says %q, want %q", l, page, got, want)
			}
			header := squash(main.Find(".document__header").Text())
			if strings.Contains(header, s.T(lang, "subprocessorsIntro", nil)) {
				t.Errorf("%s/%s: introduction speaks of subprocessors that follow: %q", l, page, header)
			}
			if n := main.Find("table, caption, section.subprocessor").Length(); n != 0 {
				t.Errorf("%s/%s: %d table parts or subprocessor sections for an empty list", l, page, n)
			}
			if zero := s.T(lang, "subprocessorTableCaption", map[string]int{"Count": 0}); strings.Contains(squash(main.Text()), zero) {
				t.Errorf("%s/%s: says %q", l, page, zero)
			}
		}
		// The DPA and the home page still lead to the annex.
		for _, page := range []string{"dpa", ""} {
			doc := testportal.HTML(t, filepath.Join(out, l, page, "index.html"))
			if doc.Find(`main a[href^="/`+l+`/subprocessors/"]`).Length() == 0 {
				t.Errorf("%s/%s: no link to the subprocessor annex", l, page)
			}
		}
		if f := readAtom(t, out, l+"/subprocessors/feed.xml"); len(f.Entries) != 0 || f.ID == "" {
			t.Errorf("%s: Atom feed has %d entries, id %q", l, len(f.Entries), f.ID)
		}
		var jf struct {
			Version string            `json:"version"`
			Items   []json.RawMessage `json:"items"`
		}
		data, err := os.ReadFile(filepath.Join(out, l, "subprocessors", "feed.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &jf); err != nil || jf.Items == nil || len(jf.Items) != 0 || !strings.HasPrefix(jf.Version, "https://jsonfeed.org/") {
			t.Errorf("%s: JSON feed %v, %s", l, err, data)
		}
		text, err := os.ReadFile(filepath.Join(out, l, "subprocessors", "1.0", "subprocessors-1.0."+l+".txt"))
		// The hashed text says only what the data says: the header alone.
		if err != nil || strings.Contains(string(text), want) || !strings.HasSuffix(string(text), annexLine[l]+"\n") {
			t.Errorf("%s: canonical text %v:\n%s", l, err, text)
		}
	}
	var m struct {
		Current *struct {
			Annexes map[string]map[string]struct {
				URL    string `json:"url"`
				SHA256 string `json:"sha256"`
			} `json:"annexes"`
		} `json:"current"`
	}
	data, err := os.ReadFile(filepath.Join(out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Current == nil {
		t.Fatalf("manifest %v: %s", err, data)
	}
	for _, l := range []string{"de", "en"} {
		if a := m.Current.Annexes["subprocessors"][l]; len(a.SHA256) != 64 || !strings.HasSuffix(a.URL, "/"+l+"/subprocessors/1.0/") {
			t.Errorf("manifest: subprocessor annex in %s: %+v", l, a)
		}
	}
}

// TestSubprocessorListEmptied: releasing a version without the last
// subprocessors, or with the first, shows them removed or added on the diff
// page and announces each in the feed.
func TestSubprocessorListEmptied(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join(testportal.Minimal(t), "data", "subprocessors.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name        string
		first, then string // data/subprocessors.toml of 1.0 and 2.0
		status      string // what the diff shows of hoster and monitor
		feedKey     string
	}{
		{"all removed", string(fixture), "subprocessor = []\n", "removed", "feedSubprocessorRemoved"},
		{"first added", "# none yet\n", string(fixture), "added", "feedSubprocessorAdded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), noSubprocessors(tt.first)...)
			releaseVersion(t, src, "1.0", model.NewDate(2025, 1, 1))
			if err := os.WriteFile(filepath.Join(src, "data", "subprocessors.toml"), []byte(tt.then), 0o644); err != nil {
				t.Fatal(err)
			}
			releaseVersion(t, src, "2.0", model.NewDate(2026, 1, 1))
			out := buildFixture(t, src)
			s := &l10n.Must{S: testportal.Strings(t)}
			for _, lang := range model.DefaultLanguages {
				l := string(lang)
				doc := testportal.HTML(t, filepath.Join(out, l, "diff", "1.0", "2.0", "index.html"))
				for _, id := range []string{"hoster", "monitor"} {
					sec := doc.Find("#change-subprocessors-" + id)
					if sec.Length() != 1 {
						t.Errorf("%s: diff page has no change of %s", l, id)
						continue
					}
					redline := sec.Find("del")
					if tt.status == "added" {
						redline = sec.Find("ins")
					}
					if redline.Length() == 0 {
						t.Errorf("%s: %s is not shown %s", l, id, tt.status)
					}
				}
				feed := readAtom(t, out, l+"/subprocessors/feed.xml")
				var titles []string
				for _, e := range feed.Entries {
					titles = append(titles, e.Title)
				}
				want := []string{
					s.T(lang, tt.feedKey, map[string]string{"Name": "Hoster GmbH"}),
					s.T(lang, tt.feedKey, map[string]string{"Name": "Monitor Inc."}),
				}
				if strings.Join(titles, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: feed announces %q, want %q", l, titles, want)
				}
			}
		})
	}
}

// releaseVersion releases the project in src as version v.
func releaseVersion(t *testing.T, src, v string, effective model.Date) {
	t.Helper()
	if _, err := generator.Release(src, release.Request{Version: v, Effective: effective,
		Notes: model.NewText("de", "Fassung "+v, "en", "Version "+v), Today: effective}); err != nil {
		t.Fatalf("release %s: %v", v, err)
	}
}

// buildFixture builds the project in src as of today and returns where.
func buildFixture(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: today}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}
