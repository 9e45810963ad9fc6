package diff

import (
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestRenderShowsHiddenCharacters: a released text may hold characters the
// loader refuses today (a release made by an older trustportal never
// changes). The redline shows them as <U+…> in every format, so that an
// escape sequence cannot hide or recolour text in a terminal and a
// bidirectional override cannot reorder it for a reviewer.
func TestRenderShowsHiddenCharacters(t *testing.T) {
	s := testportal.Strings(t)
	old, new := docs(t), docs(t)
	sub := &new.DPA.Clauses[0].SubClauses[0]
	sub.Body.Set(model.EN, sub.Body.In(model.EN)+" Fee \u202E€01\u202C, \x1b[8mhidden\x1b[0m\u200B.")
	sub.Title.Set(model.EN, "Scope\u2066")
	c, err := Compare(old, new, model.EN, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
		for _, color := range []bool{false, true} {
			out, err := Render(c, f, color, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"<U+202E>€01<U+202C>", "<U+001B>[8mhidden<U+001B>[0m<U+200B>", "Scope<U+2066>"} {
				switch f {
				case FormatHTML:
					want = strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(want)
				case FormatMarkdown:
					want = escapeMarkdown(want) // shows as <U+202E> on GitHub
				}
				if !strings.Contains(out, want) {
					t.Errorf("%s (colour %t) lacks %q:\n%s", f, color, want, out)
				}
			}
			if color && f == FormatText {
				out = strings.NewReplacer("\x1b[0m", "", "\x1b[1m", "", "\x1b[31;9m", "", "\x1b[32;4m", "").Replace(out) // its own colours
			}
			if i := strings.IndexAny(out, "\x1b\u202E\u202C\u200B\u2066"); i >= 0 {
				t.Errorf("%s (colour %t) has a raw %q at %d:\n%s", f, color, out[i:i+3], i, out)
			}
		}
	}
}
