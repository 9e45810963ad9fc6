package validate_test

import (
	"testing"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/validate"
)

// TestPreambleInOneLanguage: the DPA page has a preamble section, with its
// anchor, only in a language that has a preamble.
func TestPreambleInOneLanguage(t *testing.T) {
	for body, line := range map[string]int{"": 1, "\n\n": 1, "\n[unused]: https://example.com/\n": 5} {
		dir := testportal.Copy(t, testportal.Minimal(t),
			testportal.Edit{File: "content/dpa/_index.en.md", New: "+++\ntitle = \"Data Processing Agreement\"\n+++\n" + body})
		d := testportal.Documents(t, dir)
		got := validate.Documents(d, model.DefaultLanguages)
		if len(got) != 1 || got[0].File != "content/dpa/_index.en.md" || got[0].Line != line || got[0].Field != "preamble" ||
			got[0].Message != "the DPA has a preamble in German but none in English" {
			t.Errorf("body %q: got %v", body, problem.List(got))
		}
	}
	both := testportal.Documents(t, testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "content/dpa/_index.en.md", New: "+++\ntitle = \"Data Processing Agreement\"\n+++\n"},
		testportal.Edit{File: "content/dpa/_index.de.md", New: "+++\ntitle = \"Auftragsverarbeitungsvertrag\"\n+++\n"}))
	if got := validate.Documents(both, model.DefaultLanguages); len(got) != 0 {
		t.Errorf("no preamble in either language: %v", problem.List(got))
	}
}
