package generator_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
)

// want is a problem a test expects: every non-empty field must match, Field
// and Message as substrings.
type want struct {
	file    string
	line    int
	field   string
	message string
}

func (w want) matches(p problem.Problem) bool {
	return p.File == w.file && (w.line == 0 || p.Line == w.line) &&
		strings.Contains(p.Field, w.field) && strings.Contains(p.Message, w.message)
}

func checkProblems(t *testing.T, edits ...testportal.Edit) problem.List {
	t.Helper()
	dir := testportal.Copy(t, testportal.Minimal(t), edits...)
	err := generator.Check(dir)
	var list problem.List
	if !errors.As(err, &list) {
		t.Fatalf("Check = %v, want a problem list", err)
	}
	for _, p := range list {
		if p.File == "" || p.Message == "" {
			t.Errorf("problem without file or message: %+v", p)
		}
	}
	return list
}

func TestCheckMinimalIsValid(t *testing.T) {
	if err := generator.Check(testportal.Minimal(t)); err != nil {
		t.Fatalf("the fixture must be valid:\n%v", err)
	}
}

func TestCheckBadInput(t *testing.T) {
	tests := []struct {
		name  string
		edits []testportal.Edit
		want  want
	}{
		{
			name:  "TOML syntax error",
			edits: []testportal.Edit{{File: "data/toms.toml", Old: `id = "visitors"`, New: `id = "visitors`}},
			want:  want{file: "data/toms.toml", line: 12, message: "TOML syntax error"},
		},
		{
			name:  "misspelt field",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `url = "https://hoster.example/"`, New: `ulr = "https://hoster.example/"`}},
			want:  want{file: "data/subprocessors.toml", line: 6, field: "subprocessor[0].ulr", message: `unknown field "ulr"`},
		},
		{
			name:  "misspelt field in the second entry",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: "  street = \"1 Main St\"", New: "  streeet = \"1 Main St\""}},
			want:  want{file: "data/subprocessors.toml", line: 36, field: "subprocessor[1].address.streeet", message: "unknown field"},
		},
		{
			name:  "missing required field",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: "purpose = { de = \"Fehlerüberwachung\", en = \"Error monitoring\" }\n", New: ""}},
			want:  want{file: "data/subprocessors.toml", line: 24, field: "subprocessor[1].purpose", message: "required field is missing"},
		},
		{
			name:  "text with one language",
			edits: []testportal.Edit{{File: "data/toms.toml", Old: `text = { de = "TLS 1.2 oder höher.", en = "TLS 1.2 or higher." }`, New: `text = { de = "TLS 1.2 oder höher." }`}},
			want:  want{file: "data/toms.toml", line: 23, field: "area[1].measure[0].text", message: "no English version"},
		},
		{
			name:  "text as a plain string",
			edits: []testportal.Edit{{File: "data/processing.toml", Old: `duration = { de = "Laufzeit des Hauptvertrags", en = "Term of the main agreement" }`, New: `duration = "Laufzeit"`}},
			want:  want{file: "data/processing.toml", line: 2, field: "duration", message: "needs its languages as a table"},
		},
		{
			name:  "duplicate measure id",
			edits: []testportal.Edit{{File: "data/toms.toml", Old: `id = "visitors"`, New: `id = "badges"`}},
			want:  want{file: "data/toms.toml", line: 12, field: "area[0].measure[1].id", message: `duplicate id "badges": already used at data/toms.toml:8`},
		},
		{
			name:  "duplicate subprocessor id",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `id = "hoster"`, New: `id = "monitor"`}},
			want:  want{file: "data/subprocessors.toml", line: 25, field: "subprocessor[1].id", message: "duplicate id"},
		},
		{
			name:  "unknown country code",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `locations = [{ country = "DE", city = "Berlin" }]`, New: `locations = [{ country = "UK", city = "London" }]`}},
			want:  want{file: "data/subprocessors.toml", line: 10, field: "subprocessor[0].locations[0].country", message: "use GB"},
		},
		{
			name:  "lower-case country code",
			edits: []testportal.Edit{{File: "data/processor.toml", Old: `country = "DE"`, New: `country = "de"`}},
			want:  want{file: "data/processor.toml", line: 8, field: "address.country", message: "two capital letters"},
		},
		{
			name:  "outside the EU/EEA without a safeguard",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "eu-eea"`}},
			want:  want{file: "data/subprocessors.toml", line: 29, field: "subprocessor[1].safeguard", message: "outside the EU/EEA"},
		},
		{
			name:  "safeguard missing",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: "safeguard = \"dpf\"\n", New: ""}},
			want:  want{file: "data/subprocessors.toml", line: 24, field: "subprocessor[1].safeguard", message: "outside the EU/EEA, and has no safeguard"},
		},
		{
			name:  "adequacy claimed for the US",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "adequacy"`}},
			want:  want{file: "data/subprocessors.toml", line: 29, field: "subprocessor[1].safeguard", message: "US has no adequacy decision"},
		},
		{
			name:  "javascript link in data",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `url = "https://hoster.example/"`, New: `url = "javascript:alert(1)"`}},
			want:  want{file: "data/subprocessors.toml", line: 6, field: "subprocessor[0].url", message: `scheme "javascript" is not allowed`},
		},
		{
			name:  "relative link in a clause",
			edits: []testportal.Edit{{File: "content/dpa/scope.en.md", Old: "see [](clause:security-measures)", New: "see [here](/security)"}},
			want:  want{file: "content/dpa/scope.en.md", line: 10, message: `link "/security" has no scheme`},
		},
		{
			name:  "clause text not in UTF-8",
			edits: []testportal.Edit{{File: "content/dpa/scope.en.md", Old: "instructions only", New: "instructions \xa7 only"}},
			want:  want{file: "content/dpa/scope.en.md", line: 10, message: "text is not UTF-8"},
		},
		{
			name:  "clause in one language only",
			edits: []testportal.Edit{{File: "content/dpa/security.en.md", Delete: true}},
			want:  want{file: "content/dpa/security.de.md", message: `clause "security" has no English version`},
		},
		{
			name:  "sub-clauses differ between languages",
			edits: []testportal.Edit{{File: "content/dpa/scope.en.md", Old: "{#scope-instructions}", New: "{#scope-orders}"}},
			want:  want{file: "content/dpa/scope.en.md", line: 6, field: "sub-clauses", message: "differ from the German"},
		},
		{
			name:  "reference to a missing clause",
			edits: []testportal.Edit{{File: "content/dpa/scope.de.md", Old: "[](clause:security-measures)", New: "[](clause:security-measure)"}},
			want:  want{file: "content/dpa/scope.de.md", line: 10, message: `reference to unknown clause "security-measure"`},
		},
		{
			name:  "reference to a missing measure",
			edits: []testportal.Edit{{File: "content/dpa/security.en.md", Old: "[](measure:tls)", New: "[](measure:ssl)"}},
			want:  want{file: "content/dpa/security.en.md", line: 7, message: `reference to unknown measure "ssl"`},
		},
		{
			name:  "raw HTML in a clause",
			edits: []testportal.Edit{{File: "content/dpa/security.de.md", Old: "Es gelten", New: "<script>x()</script> Es gelten"}},
			want:  want{file: "content/dpa/security.de.md", line: 7, message: "raw HTML"},
		},
		{
			name:  "weight differs between languages",
			edits: []testportal.Edit{{File: "content/dpa/security.en.md", Old: "weight = 20", New: "weight = 30"}},
			want:  want{file: "content/dpa/security.en.md", field: "weight", message: "differs from the German"},
		},
		{
			name:  "id that collides with a heading anchor",
			edits: []testportal.Edit{{File: "content/dpa/scope.de.md", Old: "{#scope-instructions}", New: "{#scope-title}"}, {File: "content/dpa/scope.en.md", Old: "{#scope-instructions}", New: "{#scope-title}"}},
			want:  want{file: "content/dpa/scope.de.md", line: 9, message: `id "scope-title" is reserved`},
		},
		{
			name:  "unknown data category",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `data_categories = ["usage-data"]`, New: `data_categories = ["usage"]`}},
			want:  want{file: "data/subprocessors.toml", line: 30, field: "subprocessor[1].data_categories", message: `unknown data category "usage"`},
		},
		{
			name:  "date as a string",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: "since = 2023-03-01", New: `since = "March 2023"`}},
			want:  want{file: "data/subprocessors.toml", line: 27, field: "subprocessor[1].since", message: "not a date"},
		},
		{
			name:  "wrong value type",
			edits: []testportal.Edit{{File: "data/subprocessors.toml", Old: `certifications = ["ISO/IEC 27001"]`, New: `certifications = "ISO/IEC 27001"`}},
			want:  want{file: "data/subprocessors.toml", line: 8, field: "subprocessor[0].certifications", message: "wrong type"},
		},
		{
			name:  "missing data file",
			edits: []testportal.Edit{{File: "data/toms.toml", Delete: true}},
			want:  want{file: "data/toms.toml", message: "file is missing"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := checkProblems(t, tt.edits...)
			for _, p := range list {
				if tt.want.matches(p) {
					if p.Line > 0 && !strings.HasPrefix(p.Error(), fmt.Sprintf("%s:%d:", p.File, p.Line)) {
						t.Errorf("message does not start with file:line: %s", p.Error())
					}
					return
				}
			}
			t.Errorf("no problem matches %+v; got:\n%v", tt.want, list)
		})
	}
}

func TestCheckReportsAllProblemsAtOnce(t *testing.T) {
	list := checkProblems(t,
		testportal.Edit{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "eu-eea"`},
		testportal.Edit{File: "data/toms.toml", Old: `id = "visitors"`, New: `id = "badges"`},
		testportal.Edit{File: "data/processor.toml", Old: `country = "DE"`, New: `country = "XX"`},
		testportal.Edit{File: "content/dpa/scope.de.md", Old: "[](clause:security-measures)", New: "[](clause:nowhere)"},
	)
	files := map[string]bool{}
	for _, p := range list {
		files[p.File] = true
	}
	for _, f := range []string{"data/subprocessors.toml", "data/toms.toml", "data/processor.toml", "content/dpa/scope.de.md"} {
		if !files[f] {
			t.Errorf("no problem reported in %s; got:\n%v", f, list)
		}
	}
	if len(list) != 4 {
		t.Errorf("got %d problems, want 4:\n%v", len(list), list)
	}
}

// TestMissingSubprocessorListHint: a missing subprocessor list is refused,
// and the hint says how to write a DPA without subprocessors.
func TestMissingSubprocessorListHint(t *testing.T) {
	list := checkProblems(t, testportal.Edit{File: "data/subprocessors.toml", Delete: true})
	for _, p := range list {
		if p.File == "data/subprocessors.toml" && p.Message == "file is missing" {
			if !strings.Contains(p.Hint, "subprocessor = []") {
				t.Errorf("hint %q does not say how to list none", p.Hint)
			}
			return
		}
	}
	t.Errorf("no problem for the missing file: %v", list)
}
