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

// tomsProblems loads and validates the project at dir after edits: the
// problems of form (load) and of meaning (validate).
func tomsProblems(t *testing.T, dir string, edits ...testportal.Edit) problem.List {
	t.Helper()
	dir = testportal.Copy(t, dir, edits...)
	d, problems, err := load.Documents(os.DirFS(dir), load.WorkingCopy, model.DefaultLanguages)
	if err != nil {
		t.Fatal(err)
	}
	if d != nil {
		problems = append(problems, validate.Documents(d, model.DefaultLanguages)...)
	}
	return problems
}

func TestTOMAnnexProblems(t *testing.T) {
	const file = "data/toms.toml"
	annexTOML, err := os.ReadFile("../testdata/annex/toms.toml")
	if err != nil {
		t.Fatal(err)
	}
	annex := string(annexTOML)
	type want struct {
		line           int
		field, message string
	}
	tests := []struct {
		name  string
		base  string // "annex" (as written) or "minimal" (by objective)
		edits []testportal.Edit
		want  []want // nil: valid
	}{
		{name: "the annex as written is valid", base: "annex"},
		{name: "by objective as today is valid", base: "minimal"},
		{
			name:  "goal is optional",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "  goal = { de = \"Unbefugte gelangen nicht in die Räume.\", en = \"Unauthorised persons do not enter the premises.\" }\n", New: ""}},
		},
		{
			name:  "objectives are optional as written",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "objectives = [\"review\"]\n", New: ""}},
		},
		{
			name:  "a fourth level below a measure",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "en = \"TLS 1.2 or higher; see also [](area:entry-control).\" }\n", New: "en = \"TLS 1.2 or higher; see also [](area:entry-control).\" }\n      [[area.group.measure.measure]]\n      id = \"tls13\"\n"}},
			want:  []want{{62, "area[1].group[1].measure[0].measure[0]", "nests the TOM annex more than three levels deep"}},
		},
		{
			name:  "a group in a group",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "en = \"TLS 1.2 or higher; see also [](area:entry-control).\" }\n", New: "en = \"TLS 1.2 or higher; see also [](area:entry-control).\" }\n    [[area.group.group]]\n    id = \"inner\"\n"}},
			want:  []want{{62, "area[1].group[1].group[0]", "more than three levels deep"}},
		},
		{
			name:  "unknown objective in the list",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: `["confidentiality", "encryption"]`, New: `["confidentiality", "secrecy"]`}},
			want:  []want{{30, "area[1].objectives", `objectives[1]: unknown objective "secrecy"`}},
		},
		{
			name:  "unknown objective",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: `objective = "integrity"`, New: `objective = "integrty"`}},
			want:  []want{{65, "area[2].objective", `unknown objective "integrty"`}},
		},
		{
			name:  "objective listed twice",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: `objectives = ["availability"]`, New: `objectives = ["availability", "integrity"]`}},
			want:  []want{{66, "area[2].objectives", `objectives[1]: objective "integrity" is listed twice`}},
		},
		{
			name:  "unknown order",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: `order = "as-written"`, New: `order = "document"`}},
			want: []want{{3, "order", `unknown order "document"`},
				// an unknown order is taken as the default, by objective:
				// the area with an objective comes first
				{66, "area[2].objectives", "lists each area under one objective"},
				{19, "area[0].objectives", "lists each area under one objective"},
				{30, "area[1].objectives", "lists each area under one objective"}},
		},
		{
			name:  "by objective, an area needs its objective",
			base:  "minimal",
			edits: []testportal.Edit{{File: file, Old: "objective = \"encryption\"\n", New: ""}},
			want:  []want{{15, "area[1].objective", "required field is missing"}}, // at its [[area]]
		},
		{
			name:  "an empty group",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "\n[[area]]\nid = \"integrity\"", New: "\n  [[area.group]]\n  id = \"empty\"\n  title = { de = \"Leer\", en = \"Empty\" }\n\n[[area]]\nid = \"integrity\""}},
			want:  []want{{63, "area[1].group[2].measure", `group "empty" is empty`}},
		},
		{
			name:  "an empty area",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "", New: annex + "\n[[area]]\nid = \"empty\"\ntitle = { de = \"Leer\", en = \"Empty\" }\n"}},
			want:  []want{{73, "area[3].measure", `area "empty" is empty`}},
		},
		{
			name:  "measures and groups in one area",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "title = { de = \"Vertraulichkeit\", en = \"Confidentiality\" }\n", New: "title = { de = \"Vertraulichkeit\", en = \"Confidentiality\" }\n  [[area.measure]]\n  id = \"loose\"\n  text = { de = \"x\", en = \"y\" }\n"}},
			want:  []want{{28, "area[1]", `area "confidentiality" has both measures and groups`}},
		},
		{
			name:  "unknown measure in a multi-line text",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "protokolliert, siehe [](measure:change-log)", New: "protokolliert, siehe [](measure:changelog)"}},
			want:  []want{{48, "area[1].group[0].measure[1].text", `reference to unknown measure "changelog"`}},
		},
		{
			name:  "a measure is not an area",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "siehe auch [](area:entry-control)", New: "siehe auch [](area:badges)"}},
			want:  []want{{61, "area[1].group[1].measure[0].text", `reference to unknown area "badges"`}},
		},
		{
			name:  "an area is not a measure",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "protokolliert, siehe [](measure:change-log)", New: "protokolliert, siehe [](measure:entry-control)"}},
			want:  []want{{48, "area[1].group[0].measure[1].text", `reference to unknown measure "entry-control"`}},
		},
		{
			name:  "unknown subprocessor",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "protokolliert, siehe [](measure:change-log)", New: "protokolliert, siehe [](subprocessor:nobody)"}},
			want:  []want{{48, "area[1].group[0].measure[1].text", `reference to unknown subprocessor "nobody"`}},
		},
		{
			name:  "unknown reference in the preamble",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "give the numbers of this annex.", New: "give the numbers of this annex, see [](clause:nowhere)."}},
			want:  []want{{15, "preamble", `reference to unknown clause "nowhere"`}},
		},
		{
			name:  "a reference in a measure of an annex by objective",
			base:  "minimal",
			edits: []testportal.Edit{{File: file, Old: `en = "Visitors are accompanied."`, New: `en = "Visitors are accompanied, see [](measure:badge)."`}},
			want:  []want{{13, "area[0].measure[1].text", `reference to unknown measure "badge"`}},
		},
		{
			name:  "raw HTML in a goal",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "takes place *every year*.", New: "takes place <b>every year</b>."}},
			want:  []want{{26, "area[0].goal", "raw HTML is not allowed"}},
		},
		{
			name:  "a link that is not http(s) or mailto",
			base:  "annex",
			edits: []testportal.Edit{{File: file, Old: "([sample](https://example.com/log))", New: "([sample](ftp://example.com/log))"}},
			want:  []want{{71, "area[2].measure[0].text", `link "ftp://example.com/log" is not allowed`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := testportal.Annex(t)
			if tt.base == "minimal" {
				base = testportal.Minimal(t)
			}
			got := tomsProblems(t, base, tt.edits...)
			if len(got) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				p := got[i]
				if p.File != file || p.Line != w.line || p.Field != w.field || !strings.Contains(p.Message, w.message) || p.Hint == "" {
					t.Errorf("problem %d = %s:%d %s: %s (hint %q)\nwant %s:%d %s: …%s…", i, p.File, p.Line, p.Field, p.Message, p.Hint, file, w.line, w.field, w.message)
				}
			}
		})
	}
}
