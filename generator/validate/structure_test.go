package validate_test

import (
	"os"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/validate"
)

// structureProblems loads the structure fixture with data/dpa.toml replaced
// by dpaTOML and returns the problems of loading and of validating it.
func structureProblems(t *testing.T, dpaTOML string, edits ...testportal.Edit) problem.List {
	t.Helper()
	edits = append(edits, testportal.Edit{File: "data/dpa.toml", New: dpaTOML})
	dir := testportal.Copy(t, testportal.Structure(t), edits...)
	d, problems, err := load.Documents(os.DirFS(dir), load.WorkingCopy, model.DefaultLanguages)
	if err != nil {
		t.Fatal(err)
	}
	if d != nil {
		problems.Merge(validate.Documents(d, model.DefaultLanguages))
	}
	return problems
}

const annexes = `
[[annex]]
holds = ["toms", "subprocessors"]
number = "A"
`

// TestStructureProblems: every setting of data/dpa.toml is checked, with
// the line and field of the mistake and what to do.
func TestStructureProblems(t *testing.T) {
	tests := []struct {
		name    string
		toml    string
		edits   []testportal.Edit
		line    int
		field   string
		message string
	}{
		{"unknown style", `numbering = "roman"` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "numbering", `unknown numbering style "roman"`},
		{"unknown style in one language", `numbering = { de = "paragraph", en = "chapter" }` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "numbering", `unknown numbering style "chapter" for English`},
		{"style missing for a language", `numbering = { de = "paragraph" }` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "numbering", "no numbering style for English"},
		{"style for a language the portal lacks", `numbering = { de = "paragraph", en = "section", fr = "section" }` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "numbering", "style for French (fr), which is not one of the portal's languages"},
		{"numbering of the wrong shape", `numbering = 3` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "numbering", "the numbering is a style"},
		{"unknown sub-clause counting", `subclauses = "roman"` + "\n" + `processing_clause = "details"` + annexes,
			nil, 1, "subclauses", `unknown sub-clause counting "roman"`},
		{"party term in one language", `processing_clause = "details"` + "\n[parties]\ncontroller = { de = \"Auftraggeber\" }\n" + annexes,
			nil, 3, "parties.controller", "text has no English version"},
		{"processing clause that does not exist", `processing_clause = "detail"` + annexes,
			nil, 1, "processing_clause", `no clause "detail"`},
		{"processing clause without annexes", `processing_clause = "details"`,
			nil, 1, "processing_clause", "the annexes are not listed"},
		{"processing in a clause and an annex", `processing_clause = "details"` + annexes + "\n[[annex]]\nholds = [\"processing\"]\nnumber = \"B\"\n",
			nil, 7, "annex[1].holds", `the details of the processing are in clause "details"`},
		{"part no annex holds", `processing_clause = "details"` + "\n[[annex]]\nholds = [\"toms\"]\n",
			nil, 1, "annex", `no annex holds "subprocessors"`},
		{"processing nowhere", "[[annex]]\nholds = [\"toms\", \"subprocessors\"]\n",
			[]testportal.Edit{{File: "content/dpa/scope.de.md", Old: "[](clause:details)", New: "x"}, {File: "content/dpa/scope.en.md", Old: "[](clause:details)", New: "x"}},
			1, "annex", `no annex holds "processing"`},
		{"unknown part", `processing_clause = "details"` + annexes + "\n[[annex]]\nholds = [\"scc\"]\n",
			nil, 7, "annex[1].holds", `unknown part "scc"`},
		{"part held twice", `processing_clause = "details"` + annexes + "\n[[annex]]\nholds = [\"toms\"]\nnumber = \"B\"\n",
			nil, 7, "annex[1].holds", `"toms" is already held by the annex at data/dpa.toml:3`},
		{"annex without parts", `processing_clause = "details"` + annexes + "\n[[annex]]\nnumber = \"B\"\n",
			nil, 6, "annex[1].holds", "required field is missing"},
		{"annex number twice", `processing_clause = "details"` + "\n[[annex]]\nholds = [\"toms\"]\nnumber = \"A\"\n[[annex]]\nholds = [\"subprocessors\"]\nnumber = \"A\"\n",
			nil, 7, "annex[1].number", `annex number "A" is already used at data/dpa.toml:4`},
		{"unknown field", `processing_clause = "details"` + "\nnumbers = \"paragraph\"\n" + annexes,
			nil, 2, "numbers", `unknown field "numbers"`},
		{"reference to the processing annex when a clause states it", `processing_clause = "details"` + annexes,
			[]testportal.Edit{{File: "content/dpa/scope.en.md", Old: "[](clause:details)", New: "[](annex:processing)"}},
			7, "", `reference to annex "processing", but clause "details" states the details of the processing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := structureProblems(t, tt.toml, tt.edits...)
			for _, p := range got {
				if strings.Contains(p.Message, tt.message) {
					if p.Line != tt.line || p.Field != tt.field || p.Hint == "" {
						t.Errorf("got %s (line %d, field %q, hint %q), want line %d, field %q and a hint", p.Message, p.Line, p.Field, p.Hint, tt.line, tt.field)
					}
					return
				}
			}
			t.Errorf("no problem %q in\n%v", tt.message, got)
		})
	}
}

// TestStructureValid: the fixture's settings, and every style and counting,
// give no problem.
func TestStructureValid(t *testing.T) {
	fixture, err := os.ReadFile(testportal.Structure(t) + "/data/dpa.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, toml := range []string{
		string(fixture),
		`numbering = "ziffer"` + "\nsubclauses = \"numbers\"\n",
		`numbering = "point"` + "\nsubclauses = \"letters\"\n",
		`numbering = { de = "paragraph", en = "paragraph" }` + "\n",
		"[[annex]]\nholds = [\"processing\"]\nnumber = \"I\"\n[[annex]]\nholds = [\"toms\"]\n[[annex]]\nholds = [\"subprocessors\"]\nnumber = \"III\"\n",
	} {
		edits := []testportal.Edit{}
		if !strings.Contains(toml, "processing_clause") {
			edits = append(edits, testportal.Edit{File: "content/dpa/scope.de.md", Old: "[](clause:details)", New: "[](annex:processing)"},
				testportal.Edit{File: "content/dpa/scope.en.md", Old: "[](clause:details)", New: "[](annex:processing)"})
		}
		if got := structureProblems(t, toml, edits...); len(got) != 0 {
			t.Errorf("%s:\n%v", toml, got)
		}
	}
}

// TestProcessingInAClause: where a clause states the details of the
// processing, data/processing.toml need not repeat them; where none does,
// Art. 28(3) GDPR makes them required there.
func TestProcessingInAClause(t *testing.T) {
	dpa, err := os.ReadFile("../testdata/structure/data/dpa.toml")
	if err != nil {
		t.Fatal(err)
	}
	// Only the categories the subprocessors refer to.
	bare := testportal.Edit{File: "data/processing.toml", New: "[[data_category]]\nid = \"contact-data\"\ntitle = { de = \"Kontaktdaten\", en = \"Contact data\" }\n\n" +
		"[[data_category]]\nid = \"usage-data\"\ntitle = { de = \"Nutzungsdaten\", en = \"Usage data\" }\n"}
	if got := structureProblems(t, string(dpa), bare); len(got) != 0 {
		t.Errorf("processing details in a clause, none in processing.toml: %v", got)
	}
	withoutClause := strings.Replace(string(dpa), `processing_clause = "details"`, "", 1) + "\n[[annex]]\nholds = [\"processing\"]\nnumber = \"B\"\n"
	got := structureProblems(t, withoutClause, bare)
	for _, field := range []string{"subject", "nature", "purpose", "data_subject"} {
		found := false
		for _, p := range got {
			found = found || (p.Field == field && strings.Contains(p.Hint, "Art. 28(3) GDPR"))
		}
		if !found {
			t.Errorf("no Art. 28(3) problem for %s without a processing clause: %v", field, got)
		}
	}
}

// TestNoSubprocessorAnnex: a DPA under which no subprocessor is engaged
// may hold the (empty) list in no annex; one with subprocessors may not,
// and a reference to the subprocessor annex then has nothing to name.
func TestNoSubprocessorAnnex(t *testing.T) {
	dpa := "processing_clause = \"details\"\n[[annex]]\nholds = [\"toms\"]\nnumber = \"1\"\n"
	got := structureProblems(t, dpa)
	if !strings.Contains(got.Error(), `no annex holds "subprocessors"`) || !strings.Contains(got.Error(), "only a DPA without subprocessors may leave them out") {
		t.Errorf("a DPA with subprocessors and no annex for them: %v", got)
	}
	none := testportal.Edit{File: "data/subprocessors.toml", New: "subprocessor = []\n"}
	got = structureProblems(t, dpa, none)
	for _, p := range got {
		if !strings.Contains(p.Message, "reference") {
			t.Errorf("a DPA without subprocessors and no annex for them: %v", p)
		}
	}
	if !strings.Contains(got.Error(), `reference to annex "subprocessors", but no annex of the DPA holds the subprocessor list`) {
		t.Errorf("a reference to the subprocessor annex no annex holds: %v", got)
	}
}
