package load_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
)

const securityDE = "content/dpa/security.de.md"

// TestFulfilsTags: the requirements a clause meets are read from the
// first language's front matter, with their positions; anything else about
// them is a problem at its line.
func TestFulfilsTags(t *testing.T) {
	const both = "fulfils = [\"art28-3-c\"]\n\n[subclause_fulfils]\nsecurity-subprocessors = [\"art28-3-d-2\", \"art28-3-d-4\"]\n"
	tests := []struct {
		name     string
		de, en   string
		problems []string // "file:line: field: message" fragments; none: valid
	}{
		{"tags in the first language only", both, "", nil},
		{"the same tags repeated", both, both, nil},
		{"different tags in English", both, "fulfils = [\"art28-3-b\"]\n",
			[]string{`content/dpa/security.en.md:4: fulfils: the English file tags the clause differently from the German file, content/dpa/security.de.md`}},
		{"tags in English only", "", "fulfils = [\"art28-3-c\"]\n",
			[]string{`content/dpa/security.en.md:4: fulfils: the English file tags the clause differently`}},
		{"an unknown requirement", "fulfils = [\"art28-3-c\", \"art28-3-z\"]\n", "",
			[]string{`content/dpa/security.de.md:4:1: fulfils: unknown requirement "art28-3-z"`}},
		{"a misspelt requirement", "fulfils = [\"Art28-3-C\"]\n", "",
			[]string{`content/dpa/security.de.md:4:1: fulfils: unknown requirement "Art28-3-C"`, `did you mean "art28-3-c"?`}},
		{"an unknown requirement of a sub-clause", "[subclause_fulfils]\nsecurity-measures = [\"art32\"]\n", "",
			[]string{`content/dpa/security.de.md:5:1: subclause_fulfils.security-measures: unknown requirement "art32"`}},
		{"no such sub-clause", "[subclause_fulfils]\nsecurity-typo = [\"art28-3-c\"]\n", "",
			[]string{`content/dpa/security.de.md:5:1: subclause_fulfils.security-typo: clause has no sub-clause "security-typo"`, "security-measures, security-subprocessors"}},
		{"not a list", "fulfils = \"art28-3-c\"\n", "",
			[]string{`content/dpa/security.de.md`, `fulfils`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimalFS(t, nil)
			for file, add := range map[string]string{securityDE: tt.de, "content/dpa/security.en.md": tt.en} {
				data := string(fsys[file].Data)
				fsys[file].Data = []byte(strings.Replace(data, "weight = 20\n", "weight = 20\n"+add, 1))
			}
			problems := problemsOf(t, fsys)
			if len(tt.problems) == 0 {
				if err := problems.Err(); err != nil {
					t.Fatal(err)
				}
				p, _, _ := load.Load(fsys)
				c := p.Docs.DPA.Clauses[1]
				if !slices.Equal(c.Fulfils, []string{"art28-3-c"}) || c.SubClauses[0].Fulfils != nil ||
					!slices.Equal(c.SubClauses[1].Fulfils, []string{"art28-3-d-2", "art28-3-d-4"}) {
					t.Errorf("clause %v, sub-clauses %v, %v", c.Fulfils, c.SubClauses[0].Fulfils, c.SubClauses[1].Fulfils)
				}
				if at := c.SubClauses[1].Src["de"].At("fulfils"); at.File != securityDE || at.Line != 7 {
					t.Errorf("the sub-clause's tags are at %+v, want %s:7", at, securityDE)
				}
				return
			}
			got := problems.Error()
			for _, want := range tt.problems {
				if !strings.Contains(got, want) {
					t.Errorf("problems lack %q:\n%s", want, got)
				}
			}
		})
	}
}
