package problem

import (
	"strings"
	"testing"
)

// TestErrorShowsHiddenCharacters: a message quoting data (a released file
// the loader does not re-check, a name) cannot reorder or hide what the
// terminal shows: control and bidirectional characters are written visibly.
func TestErrorShowsHiddenCharacters(t *testing.T) {
	p := Problem{File: "data/releases/1.0/processor.toml", Line: 3, Field: "name",
		Message: "name \"Acme\u202eGmbH\x1b[8m\" is wrong", Hint: "fix\tit"}
	got := p.Error()
	for _, raw := range []string{"\u202e", "\x1b"} {
		if strings.Contains(got, raw) {
			t.Errorf("Error() passes %q through: %q", raw, got)
		}
	}
	for _, want := range []string{"data/releases/1.0/processor.toml:3: name: ", "U+202E", "\n\thint: fix\tit"} {
		if !strings.Contains(got, want) {
			t.Errorf("Error() = %q, lacks %q", got, want)
		}
	}
}
