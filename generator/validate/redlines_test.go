package validate_test

import (
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/validate"
)

// TestRedlinesInOneLanguage: a change made in one language only would be
// listed, with its anchor, in one language's redline alone, and the build
// refuses such pages. Redlines finds every such change and points at it.
func TestRedlinesInOneLanguage(t *testing.T) {
	type want struct {
		file  string
		line  int
		field string
		msg   string
	}
	tests := []struct {
		name  string
		edits []testportal.Edit
		want  []want
	}{
		{"sub-clause in German", []testportal.Edit{{File: "content/dpa/scope.de.md", Old: "verarbeitet Daten", New: "verarbeitet personenbezogene Daten"}},
			[]want{{"content/dpa/scope.de.md", 6, "{#scope-subject}", `sub-clause "scope-subject" changed from version 1.0 to 1.1 in German only`}}},
		{"clause title in English", []testportal.Edit{{File: "content/dpa/security.en.md", Old: `title = "Security"`, New: `title = "Security of processing"`}},
			[]want{{"content/dpa/security.en.md", 1, "", `clause "security" changed from version 1.0 to 1.1 in English only`}}},
		{"preamble in English", []testportal.Edit{{File: "content/dpa/_index.en.md", Old: "supplements", New: "complements"}},
			[]want{{"content/dpa/_index.en.md", 5, "preamble", "the DPA's preamble changed from version 1.0 to 1.1 in English only"}}},
		{"measure in German", []testportal.Edit{{File: "data/toms.toml", Old: "Besucher werden begleitet.", New: "Besucher werden stets begleitet."}},
			[]want{{"data/toms.toml", 13, "area[0].measure[1].text", `measure "visitors" changed from version 1.0 to 1.1 in German only`}}},
		{"area goal in English", []testportal.Edit{{File: "data/toms.toml", Old: "No access for unauthorised persons.", New: "No access for unauthorised people."}},
			[]want{{"data/toms.toml", 1, "area[0]", `area "physical-access" changed from version 1.0 to 1.1 in English only`}}},
		{"subprocessor field in German", []testportal.Edit{{File: "data/subprocessors.toml", Old: "Betrieb der Server", New: "Betrieb der Rechner"}},
			[]want{{"data/subprocessors.toml", 12, "subprocessor[0].responsibilities", `subprocessor "hoster", responsibilities changed from version 1.0 to 1.1 in German only`}}},
		{"Annex 1 in English", []testportal.Edit{{File: "data/processing.toml", Old: `en = "Providing the service"`, New: `en = "Providing the services"`}},
			[]want{{"data/processing.toml", 4, "purpose", "Annex 1, purpose changed from version 1.0 to 1.1 in English only"}}},
		{"data category in German: Annex 1 and the subprocessors that process it", []testportal.Edit{{File: "data/processing.toml", Old: `de = "Kontaktdaten"`, New: `de = "Kontaktangaben"`}},
			[]want{
				{"data/processing.toml", 6, "data_category", "Annex 1, data_category changed from version 1.0 to 1.1 in German only"},
				{"data/subprocessors.toml", 9, "subprocessor[0].data_categories", `subprocessor "hoster", data_categories changed from version 1.0 to 1.1 in German only`},
			}},
		{"the same change in both languages", []testportal.Edit{
			{File: "content/dpa/scope.de.md", Old: "verarbeitet Daten", New: "verarbeitet personenbezogene Daten"},
			{File: "content/dpa/scope.en.md", Old: "processes data", New: "processes personal data"}}, nil},
		{"emphasis in one language: the redlines compare plain text", []testportal.Edit{{File: "content/dpa/scope.de.md", Old: "auf Weisung", New: "auf *Weisung*"}}, nil},
	}
	s := testportal.Strings(t)
	base := validate.Version{Name: "1.0", Docs: testportal.Documents(t, testportal.Minimal(t)), Released: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := validate.Version{Name: "1.1", Docs: testportal.Documents(t, testportal.Copy(t, testportal.Minimal(t), tt.edits...))}
			got, err := validate.Redlines([]validate.Version{base}, next, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d problems, want %d:\n%v", len(got), len(tt.want), problem.List(got))
			}
			for _, w := range tt.want {
				found := false
				for _, p := range got {
					found = found || (p.File == w.file && p.Line == w.line && p.Field == w.field && strings.Contains(p.Message, w.msg) && p.Hint != "")
				}
				if !found {
					t.Errorf("no problem %s:%d: %s: …%s…; got\n%v", w.file, w.line, w.field, w.msg, problem.List(got))
				}
			}
		})
	}
}

// TestRedlinesNameEveryEarlierVersion: a change in one language shows in
// the redline from every earlier version; the problem is reported once.
func TestRedlinesNameEveryEarlierVersion(t *testing.T) {
	docs := testportal.Documents(t, testportal.Minimal(t))
	older := []validate.Version{{Name: "1.0", Docs: docs, Released: true}, {Name: "1.1", Docs: docs, Released: true}}
	changed := testportal.Documents(t, testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "data/toms.toml", Old: "TLS 1.2 oder höher.", New: "TLS 1.3."}))
	got, err := validate.Redlines(older, validate.Version{Name: "2.0", Docs: changed, Released: true}, testportal.Strings(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.Contains(got[0].Message, `measure "tls" changed from versions 1.0 and 1.1 to 2.0 in German only`) ||
		!strings.Contains(got[0].Hint, "release 2.0 was made by a trustportal that did not check this") {
		t.Errorf("got %v", problem.List(got))
	}
}

// TestPreambleInOneLanguage: the DPA page has a preamble section, with its
// anchor, only in a language that has a preamble.
func TestPreambleInOneLanguage(t *testing.T) {
	for body, line := range map[string]int{"": 1, "\n\n": 1, "\n[unused]: https://example.com/\n": 5} {
		dir := testportal.Copy(t, testportal.Minimal(t),
			testportal.Edit{File: "content/dpa/_index.en.md", New: "+++\ntitle = \"Data Processing Agreement\"\n+++\n" + body})
		d := testportal.Documents(t, dir)
		got := validate.Documents(d)
		if len(got) != 1 || got[0].File != "content/dpa/_index.en.md" || got[0].Line != line || got[0].Field != "preamble" ||
			got[0].Message != "the DPA has a preamble in German but none in English" {
			t.Errorf("body %q: got %v", body, problem.List(got))
		}
	}
	both := testportal.Documents(t, testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "content/dpa/_index.en.md", New: "+++\ntitle = \"Data Processing Agreement\"\n+++\n"},
		testportal.Edit{File: "content/dpa/_index.de.md", New: "+++\ntitle = \"Auftragsverarbeitungsvertrag\"\n+++\n"}))
	if got := validate.Documents(both); len(got) != 0 {
		t.Errorf("no preamble in either language: %v", problem.List(got))
	}
}
