// Package diff compares two versions of the documents: word-level redlines
// inside a text, and document diffs aligned by stable ids, so that a
// renumbered or moved clause is shown as such and not as deleted and added.
package diff

import (
	"strings"
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

// Tokens splits text into the words and signs Words compares.
func Tokens(text string) []string {
	var out []string
	t := tokenize(text)
	for i := range t.tokens {
		if w := t.word(i); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Words compares two texts word by word. The result is a minimal edit over
// words and signs (white space is carried along, not compared): only words
// that differ are marked, and changes separated only by white space are
// folded into one, so that "A B" → "C D" reads as one change. Where a
// minimal edit is costly to find (long texts with many changes), the texts
// are compared piece by piece and a piece rewritten is shown as replaced;
// so is a stretch in which less than a third was kept (see diffTokens).
// Reading the Equal and Delete spans gives old, Equal and Insert gives new.
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
	edits := diffTokens(ra, rb)
	st := make(stretches, 0, 2*len(edits)+8)
	i, j := 0, 0 // positions in a and b
	for _, r := range edits {
		for range r.n {
			switch r.op {
			case Equal:
				if sa, sb := a.space(i), b.space(j); sa == sb {
					st.add(Equal, a.size(i), b.size(j))
				} else {
					st.add(Delete, len(sa), 0)
					st.add(Insert, 0, len(sb))
					st.add(Equal, len(a.word(i)), len(b.word(j)))
				}
				i++
				j++
			case Delete:
				st.add(Delete, a.size(i), 0)
				i++
			case Insert:
				st.add(Insert, 0, b.size(j))
				j++
			}
		}
	}
	return st.fold(old, new).spans(old, new)
}

// stretch is a span as the places of its text in the two texts: old[o:o1]
// and new[n:n1]. A deletion is empty in new, an insertion in old, and an
// equal stretch has the same text in both. Each stretch starts where the
// one before it ends, in both texts.
type stretch struct {
	op           Op
	o, o1, n, n1 int
}

type stretches []stretch

// add appends a stretch of lo bytes of old and ln of new, joined to the
// last if that is of the same kind. An empty one (the empty word after
// white space that changed at the end of a text) is left out.
func (st *stretches) add(op Op, lo, ln int) {
	if lo == 0 && ln == 0 {
		return
	}
	o, n := 0, 0
	if k := len(*st); k > 0 {
		last := &(*st)[k-1]
		if last.op == op {
			last.o1 += lo
			last.n1 += ln
			return
		}
		o, n = last.o1, last.n1
	}
	*st = append(*st, stretch{op, o, o + lo, n, n + ln})
}

// fold merges every run of changes separated only by white space into one
// deletion and one insertion, and joins neighbouring stretches of one kind.
func (st stretches) fold(old, new string) stretches {
	out := make(stretches, 0, len(st))
	for i := 0; i < len(st); {
		if st[i].op == Equal {
			out.add(Equal, st[i].o1-st[i].o, st[i].n1-st[i].n)
			i++
			continue
		}
		j := i
		for j < len(st) {
			s := st[j]
			// Fold white space only if another change follows it.
			if s.op == Equal && (strings.TrimSpace(old[s.o:s.o1]) != "" || j+1 == len(st) || st[j+1].op == Equal) {
				break
			}
			j++
		}
		// The run's old and new text: its stretches follow each other.
		d, n := old[st[i].o:st[j-1].o1], new[st[i].n:st[j-1].n1]
		// White space that both sides start with, or that starts the
		// only side of a change after a word, is not part of the change.
		lead := len(commonSpace(d, n))
		out.add(Equal, lead, lead)
		out.add(Delete, len(d)-lead, 0)
		out.add(Insert, 0, len(n)-lead)
		i = j
	}
	return out
}

// spans returns the stretches as spans of text.
func (st stretches) spans(old, new string) []Span {
	out := make([]Span, len(st))
	for i, s := range st {
		text := old[s.o:s.o1]
		if s.op == Insert {
			text = new[s.n:s.n1]
		}
		out[i] = Span{s.op, text}
	}
	return out
}

// encoder maps each distinct token to a rune, so that the texts are
// compared as lists of numbers.
type encoder struct {
	ids map[string]rune
}

// first runes are above ASCII; the surrogate block is skipped.
const firstRune = 0x100

func (e *encoder) runes(t tokenized) []rune {
	out := make([]rune, len(t.tokens))
	for i := range t.tokens {
		w := t.word(i)
		r, ok := e.ids[w]
		if !ok {
			r = runeOf(len(e.ids))
			e.ids[w] = r
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
