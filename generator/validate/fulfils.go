package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// fulfils checks the requirements a clause and its sub-clauses are tagged
// with: each must be one package legal knows (model.Requirements).
func (c *checker) fulfils(cl model.Clause) {
	check := func(s model.Src, field string, tags []string) {
		for _, tag := range tags {
			if slices.Contains(model.Requirements, tag) {
				continue
			}
			hint := "use one of " + strings.Join(model.Requirements, ", ") + " (docs/legal-checks.md)"
			if near := closest(tag); near != "" {
				hint = fmt.Sprintf("did you mean %q? The tags are %s (docs/legal-checks.md)", near, strings.Join(model.Requirements, ", "))
			}
			c.add(s.At("fulfils"), field, fmt.Sprintf("unknown requirement %q", tag), hint)
		}
	}
	check(c.first(cl.Src), "fulfils", cl.Fulfils)
	for _, sc := range cl.SubClauses {
		check(c.first(sc.Src), "subclause_fulfils."+sc.ID, sc.Fulfils)
	}
}

// closest returns the requirement tag spelled most like tag ("art28-3-B",
// "art. 28-3-b", "art28-3b"), or "".
func closest(tag string) string {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.ToLower(s))
	}
	for _, r := range model.Requirements {
		if norm(r) == norm(tag) {
			return r
		}
	}
	return ""
}
