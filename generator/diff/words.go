// Package diff compares two versions of the documents: word-level redlines
// inside a text, and document diffs aligned by stable ids, so that a
// renumbered or moved clause is shown as such and not as deleted and added.
package diff

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what happened to a span of text.
type Op int8

// The operations.
const (
	Equal Op = iota
	Delete
	Insert
)

// Span is a run of text that is equal in both versions, deleted from the
// old or inserted in the new.
type Span struct {
	Op   Op
	Text string
}

// tokenRe splits a text into words (letters, digits and the marks and
// apostrophes inside them), numbers with their inner dots ("4.2",
// "1.000,50"), and single other characters; each keeps the white space
// before it.
var tokenRe = regexp.MustCompile(`\s*(?:[\p{L}\p{M}\p{N}]+(?:[’'\-.,/][\p{L}\p{M}\p{N}]+)*|\S)|\s+$`)

// token is a word or sign with the white space before it.
type token struct{ space, text string }

func tokenize(s string) []token {
	var out []token
	for _, m := range tokenRe.FindAllString(s, -1) {
		word := strings.TrimLeftFunc(m, unicode.IsSpace)
		out = append(out, token{m[:len(m)-len(word)], word})
	}
	return out
}

// Tokens splits text into the words and signs Words compares.
func Tokens(text string) []string {
	var out []string
	for _, t := range tokenize(text) {
		if t.text != "" {
			out = append(out, t.text)
		}
	}
	return out
}

// Words compares two texts word by word. The result is a minimal edit over
// words and signs (white space is carried along, not compared): only words
// that differ are marked, and changes separated only by white space are
// folded into one, so that "A B" → "C D" reads as one change. Reading the
// Equal and Delete spans gives old, Equal and Insert gives new.
func Words(old, new string) []Span {
	if old == new {
		if old == "" {
			return nil
		}
		return []Span{{Equal, old}}
	}
	a, b := tokenize(old), tokenize(new)
	enc := encoder{ids: map[string]rune{}}
	ra, rb := enc.runes(a), enc.runes(b)

	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: always the minimal diff
	var spans []Span
	i, j := 0, 0 // positions in a and b
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		for range utf8.RuneCountInString(d.Text) {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				if a[i].space == b[j].space {
					spans = append(spans, Span{Equal, a[i].space + a[i].text})
				} else {
					spans = append(spans, Span{Delete, a[i].space}, Span{Insert, b[j].space}, Span{Equal, a[i].text})
				}
				i++
				j++
			case diffmatchpatch.DiffDelete:
				spans = append(spans, Span{Delete, a[i].space + a[i].text})
				i++
			case diffmatchpatch.DiffInsert:
				spans = append(spans, Span{Insert, b[j].space + b[j].text})
				j++
			}
		}
	}
	return fold(spans)
}

// encoder maps each distinct token to a rune, so that go-diff compares
// tokens as it compares characters.
type encoder struct {
	ids map[string]rune
}

// first runes are above ASCII; the surrogate block is skipped.
const firstRune = 0x100

func (e *encoder) runes(tokens []token) []rune {
	out := make([]rune, len(tokens))
	for i, t := range tokens {
		r, ok := e.ids[t.text]
		if !ok {
			r = runeOf(len(e.ids))
			e.ids[t.text] = r
		}
		out[i] = r
	}
	return out
}

func runeOf(i int) rune {
	r := rune(firstRune + i)
	if r >= 0xD800 {
		r += 0x800 // past the surrogates
	}
	return r
}

// fold merges every run of changes separated only by white space into one
// deletion and one insertion, and joins neighbouring spans of one kind.
func fold(spans []Span) []Span {
	var out []Span
	for i := 0; i < len(spans); {
		if spans[i].Op == Equal {
			out = appendSpan(out, spans[i])
			i++
			continue
		}
		var del, ins strings.Builder
		j := i
		for j < len(spans) {
			s := spans[j]
			if s.Op == Equal {
				// Fold white space only if another change follows it.
				if strings.TrimSpace(s.Text) != "" || j+1 == len(spans) || spans[j+1].Op == Equal {
					break
				}
				del.WriteString(s.Text)
				ins.WriteString(s.Text)
			} else if s.Op == Delete {
				del.WriteString(s.Text)
			} else {
				ins.WriteString(s.Text)
			}
			j++
		}
		d, n := del.String(), ins.String()
		// White space that both sides start with, or that starts the
		// only side of a change after a word, is not part of the change.
		lead := commonSpace(d, n)
		if lead != "" {
			out = appendSpan(out, Span{Equal, lead})
			d, n = d[len(lead):], n[len(lead):]
		}
		if d != "" {
			out = appendSpan(out, Span{Delete, d})
		}
		if n != "" {
			out = appendSpan(out, Span{Insert, n})
		}
		i = j
	}
	return out
}

// commonSpace returns the white space both a and b start with, when both
// are non-empty.
func commonSpace(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] && (a[n] == ' ' || a[n] == '\n' || a[n] == '\t') {
		n++
	}
	return a[:n]
}

// appendSpan adds s to out, joined to the last span if that is of the same
// kind. An empty span (the empty word after white space that changed at
// the end of a text) is left out.
func appendSpan(out []Span, s Span) []Span {
	if s.Text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Op == s.Op {
		out[n-1].Text += s.Text
		return out
	}
	return append(out, s)
}

// HasChanges reports whether spans hold any change.
func HasChanges(spans []Span) bool {
	for _, s := range spans {
		if s.Op != Equal {
			return true
		}
	}
	return false
}

// Old and New reassemble the two texts from spans.
func Old(spans []Span) string { return join(spans, Insert) }

// New reassembles the new text from spans.
func New(spans []Span) string { return join(spans, Delete) }

func join(spans []Span, skip Op) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Op != skip {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Plain writes spans in git's word-diff notation: [-deleted-]{+inserted+}.
func Plain(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch s.Op {
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
