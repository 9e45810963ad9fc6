package diff

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		old, new string
		want     []Span
	}{
		{"same text", "same text", []Span{{Equal, "same text"}}},
		{"", "", nil},
		{"The processor informs the customer.", "The processor informs the customer immediately.",
			[]Span{{Equal, "The processor informs the customer"}, {Insert, " immediately"}, {Equal, "."}}},
		{"within 48 hours", "within 24 hours",
			[]Span{{Equal, "within "}, {Delete, "48"}, {Insert, "24"}, {Equal, " hours"}}},
		{"see clause 4.2 below", "see clause 5.2 below",
			[]Span{{Equal, "see clause "}, {Delete, "4.2"}, {Insert, "5.2"}, {Equal, " below"}}},
		// Two neighbouring changed words read as one change.
		{"by registered mail", "by electronic means",
			[]Span{{Equal, "by "}, {Delete, "registered mail"}, {Insert, "electronic means"}}},
		{"Der Kunde prüft", "Die Kundin prüft",
			[]Span{{Delete, "Der Kunde"}, {Insert, "Die Kundin"}, {Equal, " prüft"}}},
		// White space changed at the end: no empty span after it.
		{"a b ", "a b\n", []Span{{Equal, "a b"}, {Delete, " "}, {Insert, "\n"}}},
	}
	for _, tt := range tests {
		got := Words(tt.old, tt.new)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q, %q) =\n%v\nwant\n%v", tt.old, tt.new, got, tt.want)
		}
	}
}

// lcs is the length of the longest common subsequence of two token lists,
// computed independently of go-diff: the minimal number of changed tokens
// is len(a)+len(b)-2*lcs.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func words(s string) []string {
	var out []string
	for _, t := range Tokens(s) {
		if strings.TrimSpace(t) != "" {
			out = append(out, t)
		}
	}
	return out
}

// changedWords counts the non-space tokens marked as deleted or inserted.
func changedWords(spans []Span) int {
	n := 0
	for _, s := range spans {
		if s.Op != Equal {
			n += len(words(s.Text))
		}
	}
	return n
}

// TestWordsIsMinimalAndLossless checks random edits: the spans rebuild both
// texts, and they mark no more words than a minimal edit must.
func TestWordsIsMinimalAndLossless(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("der die das Kunde Auftragsverarbeiter Daten verarbeitet nur auf Weisung Ziffer 4.2 and the customer processor data, within hours.")
	for range 200 {
		var a []string
		for range 5 + rng.IntN(60) {
			a = append(a, vocab[rng.IntN(len(vocab))])
		}
		b := append([]string(nil), a...)
		for range 1 + rng.IntN(6) {
			i := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[i] = vocab[rng.IntN(len(vocab))]
			case 1:
				b = append(b[:i], b[i+1:]...)
			default:
				b = append(b[:i], append([]string{vocab[rng.IntN(len(vocab))]}, b[i:]...)...)
			}
			if len(b) == 0 {
				b = []string{"x"}
			}
		}
		old, new := strings.Join(a, " "), strings.Join(b, " ")
		spans := Words(old, new)
		if Old(spans) != old || New(spans) != new {
			t.Fatalf("spans do not rebuild the texts:\n%q\n%q\n%v", old, new, spans)
		}
		wa, wb := words(old), words(new)
		if got, min := changedWords(spans), len(wa)+len(wb)-2*lcs(wa, wb); got != min {
			t.Fatalf("%d words marked, a minimal edit marks %d:\n%q\n%q\n%v", got, min, old, new, spans)
		}
	}
}
