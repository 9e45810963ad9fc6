package load

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/tomlpos"
)

// The requirements a clause meets are tagged in its front matter (see
// docs/legal-checks.md):
//
//	fulfils = ["art28-3-b"]                  # the clause as a whole
//	[subclause_fulfils]
//	instruction-infringement = ["art28-3-h-2"] # one of its sub-clauses
//
// The tags belong to the clause, not to a language: they are written in the
// file of the portal's first language, and a file in another language may
// repeat them only unchanged. Package validate checks the tags themselves.

// tagPositions returns where the front matter of md writes fulfils and
// each key of subclause_fulfils, by field.
func tagPositions(md markdownFile) map[string]model.Pos {
	ix, err := tomlpos.Build([]byte(md.front))
	if err != nil {
		return nil // a syntax error is reported by markdown
	}
	at := map[string]model.Pos{}
	for _, p := range ix.Paths() {
		if p != "fulfils" && !strings.HasPrefix(p, "subclause_fulfils.") {
			continue
		}
		pos, _ := ix.Lookup(p)
		// The front matter starts on the file's second line.
		at[strings.ReplaceAll(p, `"`, "")] = model.Pos{File: md.name, Line: pos.Line + 1, Col: pos.Col}
	}
	return at
}

// sameTags reports a file that tags the clause differently from the file of
// the first language, ref.
func (l *loader) sameTags(ref *clauseFile, files map[model.Lang]*clauseFile) {
	for _, lang := range l.langs[1:] {
		f := files[lang]
		if f.fulfils == nil && f.subFulfils == nil {
			continue
		}
		if slices.Equal(f.fulfils, ref.fulfils) && maps.EqualFunc(f.subFulfils, ref.subFulfils, slices.Equal) {
			continue
		}
		line := f.md.src.Line
		for _, field := range []string{"fulfils", "subclause_fulfils"} {
			if at, ok := f.tagAt[field]; ok {
				line = at.Line
				break
			}
		}
		l.problems.Add(problem.Problem{File: f.md.name, Line: line, Field: "fulfils",
			Message: fmt.Sprintf("the %s file tags the clause differently from the %s file, %s", lang.Name(), ref.lang.Name(), ref.md.name),
			Hint:    fmt.Sprintf("the requirements a clause meets belong to the clause, not to a language: write fulfils and subclause_fulfils in %s and remove them here (or repeat them unchanged)", ref.md.name)})
	}
}

// unknownSubClauses reports a key of subclause_fulfils that names no
// sub-clause of the clause.
func (l *loader) unknownSubClauses(ref *clauseFile) {
	for _, id := range slices.Sorted(maps.Keys(ref.subFulfils)) {
		if slices.ContainsFunc(ref.subs, func(s subChunk) bool { return s.id == id }) {
			continue
		}
		at := ref.tagAt["subclause_fulfils."+id]
		if at.File == "" {
			at = ref.md.src.Pos
		}
		l.problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: "subclause_fulfils." + id,
			Message: fmt.Sprintf("clause has no sub-clause %q", id),
			Hint:    fmt.Sprintf("use the id of one of its {#id} markers (%s), or tag the clause as a whole with fulfils = [...]", strings.Trim(idList(ref.subs), "[]"))})
	}
}
