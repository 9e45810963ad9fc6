package diff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The paragraphs of TestRewrittenParagraphIsReplaced.
const (
	instructions = "The processor processes personal data only on documented instructions from the customer, including with regard to transfers to a third country, unless Union or Member State law requires it to."
	breachOld    = "The processor shall notify the customer without undue delay, and in any case within 48 hours, after becoming aware of a personal data breach, and shall provide all information the customer needs to report the breach to the supervisory authority and to inform the data subjects concerned."
	breachNew    = "Should a breach of security lead to the accidental or unlawful destruction, loss, alteration or disclosure of personal data, the customer is told at once by e-mail to its security contact; a full report with the facts known so far follows within two working days."
	secrecy      = "Both parties keep confidential all information they receive under this agreement."
)

// TestRewrittenParagraphIsReplaced: a paragraph rewritten is shown as the
// old paragraph deleted and the new one inserted, not as the few words the
// two happen to share; the paragraphs around it stay as they are, and a
// paragraph only reworded keeps its minimal edit.
func TestRewrittenParagraphIsReplaced(t *testing.T) {
	reworded := strings.Replace(breachOld, "without undue delay, and in any case within 48 hours,", "within 24 hours", 1)
	long, _ := changedTexts(3000, 60, 0)
	longParagraphs := strings.Split(long, "\n\n")
	// Both paragraphs end in a full stop, which stays.
	gone, came := strings.TrimSuffix(breachOld, "."), strings.TrimSuffix(breachNew, ".")
	tests := []struct {
		name     string
		old, new []string // paragraphs
		want     []Span
	}{
		{"rewritten between unchanged paragraphs",
			[]string{instructions, breachOld, secrecy}, []string{instructions, breachNew, secrecy},
			[]Span{{Equal, instructions + "\n\n"}, {Delete, gone}, {Insert, came}, {Equal, ".\n\n" + secrecy}}},
		{"rewritten, and another paragraph reworded",
			[]string{breachOld, instructions, secrecy}, []string{breachNew, instructions, strings.Replace(secrecy, "keep", "hold", 1)},
			[]Span{{Delete, gone}, {Insert, came}, {Equal, ".\n\n" + instructions + "\n\nBoth parties "}, {Delete, "keep"}, {Insert, "hold"}, {Equal, strings.TrimPrefix(secrecy, "Both parties keep")}}},
		{"reworded only: the minimal edit",
			[]string{instructions, breachOld}, []string{instructions, reworded},
			[]Span{{Equal, instructions + "\n\nThe processor shall notify the customer"}, {Delete, " without undue delay, and in any case"},
				{Equal, " within "}, {Delete, "48"}, {Insert, "24"}, {Equal, " hours"}, {Delete, ","}, {Equal, breachOld[strings.Index(breachOld, " after"):]}}},
		{"rewritten in a long text",
			append([]string{breachOld}, longParagraphs...), append([]string{breachNew}, longParagraphs...),
			[]Span{{Delete, gone}, {Insert, came}, {Equal, ".\n\n" + long}}},
		{"rewritten whole", []string{breachOld}, []string{breachNew}, []Span{{Delete, breachOld}, {Insert, breachNew}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := strings.Join(tt.old, "\n\n"), strings.Join(tt.new, "\n\n")
			if got := Words(old, new); !slices.Equal(got, tt.want) {
				t.Errorf("got\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

// TestLongTexts: texts too long to compare exactly in one piece give back
// both texts, mark no more words than a minimal edit where a fraction of
// them changed, and show a text written anew as replaced whole.
func TestLongTexts(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		minimal  bool // the edit is minimal; else it replaces all
	}{}
	for _, changed := range []float64{0.01, 0.05, 0.2, 0.5} {
		old, new := changedTexts(3000, 60, changed)
		tests = append(tests, struct {
			name     string
			old, new string
			minimal  bool
		}{"changed", old, new, true})
		old, new = changedTexts(1500, 0, changed) // one paragraph
		tests = append(tests, struct {
			name     string
			old, new string
			minimal  bool
		}{"clause changed", old, new, true})
	}
	old, new := rewrittenTexts(3000, 60)
	tests = append(tests, struct {
		name     string
		old, new string
		minimal  bool
	}{"rewritten", old, new, false})
	for _, tt := range tests {
		spans := Words(tt.old, tt.new)
		if Old(spans) != tt.old || New(spans) != tt.new {
			t.Fatalf("%s: the spans do not give back the texts", tt.name)
		}
		wa, wb := words(tt.old), words(tt.new)
		want := len(wa) + len(wb)
		if tt.minimal {
			want -= 2 * lcs(wa, wb)
		}
		if got := changedWords(spans); got != want {
			t.Errorf("%s: %d words marked, want %d", tt.name, got, want)
		}
	}
}

// TestMyers: the edit Myers' algorithm finds is minimal and turns a into
// b, and it is not found within fewer changes than it has.
func TestMyers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var d differ
	for range 500 {
		a, b := randomRunes(rng, 40, 4), randomRunes(rng, 40, 4)
		wa, wb := make([]string, len(a)), make([]string, len(b))
		for i := range a {
			wa[i] = string(a[i])
		}
		for i := range b {
			wb[i] = string(b[i])
		}
		min := len(a) + len(b) - 2*lcs(wa, wb)
		if min > 0 && d.myers(a, b, min-1) {
			t.Fatalf("%q → %q: found within %d changes, the minimum is %d", wa, wb, min-1, min)
		}
		if !d.myers(a, b, min) {
			t.Fatalf("%q → %q: not found within %d changes", wa, wb, min)
		}
		d.out = nil
		d.path(len(a), len(b))
		if got := apply(t, d.out, a, b); got != min {
			t.Fatalf("%q → %q: %d changes, the minimum is %d: %v", wa, wb, got, min, d.out)
		}
	}
}

// apply checks that s turns a into b and returns how many tokens it
// deletes and inserts.
func apply(t *testing.T, s script, a, b []rune) int {
	t.Helper()
	i, j, changed := 0, 0, 0
	for _, r := range s {
		switch r.op {
		case Equal:
			if i+r.n > len(a) || j+r.n > len(b) || !slices.Equal(a[i:i+r.n], b[j:j+r.n]) {
				t.Fatalf("script %v keeps tokens that differ", s)
			}
			i, j = i+r.n, j+r.n
		case Delete:
			i += r.n
			changed += r.n
		case Insert:
			j += r.n
			changed += r.n
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("script %v ends at %d, %d, not %d, %d", s, i, j, len(a), len(b))
	}
	return changed
}

func randomRunes(rng *rand.Rand, max, letters int) []rune {
	out := make([]rune, rng.IntN(max))
	for i := range out {
		out[i] = 'a' + rune(rng.IntN(letters))
	}
	return out
}

// TestAnchorsOf: anchors are runs the two texts share, in the order of
// both, that start and end with a gram found once in each text.
func TestAnchorsOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	count := func(s, gram []rune) int {
		n := 0
		for i := 0; i+len(gram) <= len(s); i++ {
			if slices.Equal(s[i:i+len(gram)], gram) {
				n++
			}
		}
		return n
	}
	found := 0
	var x grams
	for range 300 {
		a := randomRunes(rng, 300, 12)
		b := slices.Clone(a)
		for range rng.IntN(30) { // edits, so that runs are shared
			i := rng.IntN(len(b) + 1)
			b = slices.Insert(b, i, randomRunes(rng, 5, 12)...)
		}
		endA, endB := 0, 0
		for _, m := range x.anchorsOf(a, b) {
			found++
			if m.a < endA || m.b < endB || m.n < anchorTokens {
				t.Fatalf("anchor %+v overlaps the one before or is short", m)
			}
			if !slices.Equal(a[m.a:m.a+m.n], b[m.b:m.b+m.n]) {
				t.Fatalf("anchor %+v: the texts differ there", m)
			}
			for _, g := range []int{0, m.n - anchorTokens} { // the run starts and ends with one
				gram := a[m.a+g : m.a+g+anchorTokens]
				if count(a, gram) != 1 || count(b, gram) != 1 {
					t.Fatalf("anchor %+v: gram %q occurs %d and %d times", m, string(gram), count(a, gram), count(b, gram))
				}
			}
			endA, endB = m.a+m.n, m.b+m.n
		}
	}
	if found == 0 {
		t.Fatal("no anchor found")
	}
}
