package validate_test

import (
	"os"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/validate"
)

// portalProblems loads and validates the whole project at dir after edits.
func portalProblems(t *testing.T, dir string, edits ...testportal.Edit) problem.List {
	t.Helper()
	dir = testportal.Copy(t, dir, edits...)
	p, problems, err := load.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if p != nil {
		problems = append(problems, validate.Problems(p)...)
	}
	return problems
}

func TestTransferFields(t *testing.T) {
	const file = "data/subprocessors.toml"
	// monitor is the minimal portal's US subprocessor under "dpf".
	monitor := func(safeguard, table string) []testportal.Edit {
		return []testportal.Edit{
			{File: file, Old: `safeguard = "dpf"`, New: `safeguard = "` + safeguard + `"`},
			{File: file, Old: "  [subprocessor.contact]\n  name = \"Privacy Office\"", New: "  [subprocessor.transfer]\n" + table + "\n\n  [subprocessor.contact]\n  name = \"Privacy Office\""},
		}
	}
	type want = wantProblem
	tests := []struct {
		name  string
		edits []testportal.Edit
		want  []want // nil: valid
	}{
		{name: "dpf with its listing", edits: monitor("dpf", `  dpf_listing = "https://www.dataprivacyframework.gov/list/participant/12345"`)},
		{name: "scc with module and assessment", edits: monitor("scc", "  scc_decision = \"2021/914\"\n  scc_module = 3\n  tia_date = 2025-06-30\n  tia_reference = \"TIA-7\"")},
		{name: "old clauses are a known decision", edits: monitor("scc", `  scc_decision = "2010/87"`)},
		{name: "bcr with reference", edits: monitor("bcr", `  bcr_reference = "approved by the lead authority, ref. 17"`)},
		{name: "privacy shield is a safeguard of the US", edits: monitor("privacy-shield", `  tia_reference = "x"`+"\n  tia_date = 2019-01-01")},
		{name: "Brazil has an adequacy decision", edits: []testportal.Edit{{File: file, Old: `locations = [{ country = "US" }]`, New: `locations = [{ country = "BR" }]`},
			{File: file, Old: `safeguard = "dpf"`, New: `safeguard = "adequacy"`}, {File: file, Old: `  country = "US"`, New: `  country = "BR"`}}},
		{
			name:  "a field of another safeguard",
			edits: monitor("dpf", `  scc_module = 3`),
			want:  []want{{"subprocessor[1].transfer.scc_module", `scc_module belongs to safeguard "scc", but the safeguard is "dpf"`}},
		},
		{
			name:  "an unknown decision",
			edits: monitor("scc", `  scc_decision = "2021/915"`),
			want:  []want{{"subprocessor[1].transfer.scc_decision", `"2021/915" is not a decision of standard contractual clauses`}},
		},
		{
			name:  "module 5",
			edits: monitor("scc", "  scc_decision = \"2021/914\"\n  scc_module = 5"),
			want:  []want{{"subprocessor[1].transfer.scc_module", "module 5 does not exist"}},
		},
		{
			name:  "a module of old clauses",
			edits: monitor("scc", "  scc_decision = \"2010/87\"\n  scc_module = 3"),
			want:  []want{{"subprocessor[1].transfer.scc_module", "the clauses of 2010/87 have no modules"}},
		},
		{
			name:  "an assessment without reference",
			edits: monitor("scc", "  scc_decision = \"2021/914\"\n  scc_module = 3\n  tia_date = 2025-06-30"),
			want:  []want{{"subprocessor[1].transfer.tia_date", "recorded with its date and its reference"}},
		},
		{
			name:  "a listing that is no link",
			edits: monitor("dpf", `  dpf_listing = "dataprivacyframework.gov"`),
			want:  []want{{"subprocessor[1].transfer.dpf_listing", "has no scheme"}},
		},
		{
			name:  "an unknown field",
			edits: monitor("dpf", `  dpf_listin = "https://www.dataprivacyframework.gov/"`),
			want:  []want{{"subprocessor[1].transfer.dpf_listin", `unknown field "dpf_listin"`}},
		},
		{
			name:  "privacy shield outside the US",
			edits: []testportal.Edit{{File: file, Old: `safeguard = "dpf"`, New: `safeguard = "privacy-shield"`}, {File: file, Old: `locations = [{ country = "US" }]`, New: `locations = [{ country = "US" }, { country = "IN" }]`}},
			want:  []want{{"subprocessor[1].safeguard", "the EU-US Privacy Shield covers only the US, not IN"}},
		},
		{
			name:  "adequacy for the US",
			edits: []testportal.Edit{{File: file, Old: `safeguard = "dpf"`, New: `safeguard = "adequacy"`}},
			want:  []want{{"subprocessor[1].safeguard", "US has no adequacy decision"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, portalProblems(t, "../testdata/minimal", tc.edits...), file, tc.want)
		})
	}
}

// wantProblem is a problem a test expects: its field and part of its message.
type wantProblem struct{ field, message string }

func checkProblems(t *testing.T, problems problem.List, file string, want []wantProblem) {
	t.Helper()
	if len(problems) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(problems), len(want), problems)
	}
	for i, w := range want {
		p := problems[i]
		if p.File != file || p.Line == 0 || p.Field != w.field || !strings.Contains(p.Message, w.message) || p.Hint == "" {
			t.Errorf("problem %d: %s\nwant %s: %s: …%s…", i, p.Error(), file, w.field, w.message)
		}
	}
}

func TestProjectAdequacyFile(t *testing.T) {
	const file = "data/adequacy.toml"
	kenya := "[[decision]]\ncountry = \"KE\"\nname = \"Kenya\"\nnumber = \"(EU) 2027/12\"\ndate = 2027-01-15\nsource = \"https://eur-lex.europa.eu/\"\n"
	// the minimal portal's US subprocessor, now in Kenya under "adequacy"
	inKenya := []testportal.Edit{
		{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "adequacy"`},
		{File: "data/subprocessors.toml", Old: `locations = [{ country = "US" }]`, New: `locations = [{ country = "KE" }]`},
		{File: "data/subprocessors.toml", Old: `  country = "US"`, New: `  country = "KE"`},
	}
	type want = wantProblem
	tests := []struct {
		name  string
		edits []testportal.Edit
		file  string
		want  []want
	}{
		{name: "a decision the tool does not know", edits: append([]testportal.Edit{{File: file, New: kenya}}, inKenya...)},
		{name: "without it", edits: inKenya, file: "data/subprocessors.toml", want: []want{{"subprocessor[1].safeguard", "KE has no adequacy decision"}}},
		{name: "an entry without number", edits: []testportal.Edit{{File: file, New: strings.Replace(kenya, "number = \"(EU) 2027/12\"\n", "", 1)}}, file: file,
			want: []want{{"decision[0].number", "required field is missing"}}},
		{name: "a number it does not know yet", edits: []testportal.Edit{{File: file, New: strings.Replace(kenya, "number = \"(EU) 2027/12\"\n", "unconfirmed = \"number: see the Official Journal\"\n", 1)}}},
		{name: "a number in another form", edits: []testportal.Edit{{File: file, New: strings.Replace(kenya, "(EU) 2027/12", "C(2027) 12", 1)}}, file: file,
			want: []want{{"decision[0].number", "not a decision number"}}},
		{name: "an EU country", edits: []testportal.Edit{{File: file, New: strings.Replace(kenya, `"KE"`, `"FR"`, 1)}}, file: file,
			want: []want{{"decision[0].country", "FR is in the EU/EEA"}}},
		{name: "no date", edits: []testportal.Edit{{File: file, New: strings.Replace(kenya, "date = 2027-01-15\n", "", 1)}}, file: file,
			want: []want{{"decision[0].date", "required field is missing"}}},
		{name: "ends before adopted", edits: []testportal.Edit{{File: file, New: kenya + "until = 2026-01-01\n"}}, file: file,
			want: []want{{"decision[0].until", "ends (2026-01-01) before it was adopted (2027-01-15)"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, portalProblems(t, "../testdata/minimal", tc.edits...), tc.file, tc.want)
		})
	}
}
