package diff

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The word diff compares token ids (runes, see encoder). Most texts it is
// given are a clause or a field with a few changes: go-diff finds the
// minimal edit over them, as it always has (its choice among edits of the
// same size is what redlines have shown). That costs time proportional to
// the texts' length times the number of changes, so longer or much changed
// texts are first cut into pieces at anchors, runs of tokens found once in
// each text (as patience diff does, and as git aligns lines before it
// compares words). Each piece gets its minimal edit (Myers' algorithm) if
// that is cheap; a piece with more changes than the budget was rewritten
// and is shown as replaced. Time and space stay about linear in the texts'
// length.
const (
	// exactTokens is the most tokens (of both texts, after their common
	// start and end) compared exactly in one piece.
	exactTokens = 2000
	// exactEdits is the most changed tokens a piece may have to be
	// compared exactly: the cost of finding the minimal edit grows with
	// their number.
	exactEdits = 256
	// smallTokens is a piece so small that it is always compared exactly,
	// however much changed.
	smallTokens = 64
	// anchorTokens is how many tokens in a row, found once in each text,
	// hold the two texts together where they are cut into pieces.
	anchorTokens = 4
)

// run is a stretch of n tokens equal in both texts, deleted from the old
// or inserted in the new.
type run struct {
	op Op
	n  int
}

// script is an edit script over tokens, built from the start.
type script []run

func (s *script) add(op Op, n int) {
	if n == 0 {
		return
	}
	if k := len(*s); k > 0 && (*s)[k-1].op == op {
		(*s)[k-1].n += n
		return
	}
	*s = append(*s, run{op, n})
}

// diffTokens returns an edit script that turns a into b: a minimal one
// where that is cheap to find; otherwise the texts are cut at runs of
// tokens they share, and a piece that still cannot be compared cheaply is
// replaced as a whole. A stretch in which little was kept is then shown as
// replaced too (see readable).
func diffTokens(a, b []rune) script {
	d := differs.Get().(*differ)
	defer differs.Put(d)
	d.out = d.out[:0]
	ma, mb, prefix := trim(a, b)
	if d.myers(ma, mb, exactBudget(ma, mb)) {
		d.out = d.out[:0]
		d.exact(a, b) // the whole texts, as go-diff has always compared them
	} else {
		d.out.add(Equal, prefix)
		d.cut(ma, mb)
		d.out.add(Equal, len(a)-prefix-len(ma))
	}
	return readable(d.out)
}

// differ builds an edit script, with room for Myers' algorithm and the
// anchors that its pieces share, and that the next comparison reuses.
type differ struct {
	out   script
	grams grams
	v     []int // the furthest x on each diagonal
	// trace holds v after each step d of the last run of myers, at
	// trace[d*d : (d+1)*(d+1)], diagonals -d…d.
	trace []int
	back  []run // the script of a path, from its end
}

var differs = sync.Pool{New: func() any { return new(differ) }}

// trim returns a and b without their common start and end, and the length
// of the common start.
func trim(a, b []rune) (ma, mb []rune, prefix int) {
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	a, b = a[prefix:], b[prefix:]
	suffix := 0
	for suffix < len(a) && suffix < len(b) && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	return a[:len(a)-suffix], b[:len(b)-suffix], prefix
}

// exactBudget is the most changed tokens for which a and b, without a
// common start or end, are compared exactly: all of them for small texts,
// none for long ones, and otherwise as many as it takes to keep a third.
func exactBudget(a, b []rune) int {
	n := len(a) + len(b)
	switch {
	case n <= smallTokens:
		return n
	case n > exactTokens:
		return -1
	}
	return min(exactEdits, 2*n/3)
}

// piece compares a and b, a piece of the texts between two anchors: the
// minimal edit if it is cheap to find; else, if the piece is too long for
// that, its own pieces between the anchors found in it; else a by b
// replaced (more changes than the budget: it was rewritten).
func (d *differ) piece(a, b []rune) {
	ma, mb, prefix := trim(a, b)
	d.out.add(Equal, prefix)
	switch {
	case d.myers(ma, mb, exactBudget(ma, mb)):
		d.path(len(ma), len(mb))
	case len(ma)+len(mb) > exactTokens:
		d.cut(ma, mb)
	default:
		d.replace(ma, mb)
	}
	d.out.add(Equal, len(a)-prefix-len(ma))
}

func (d *differ) replace(a, b []rune) {
	d.out.add(Delete, len(a))
	d.out.add(Insert, len(b))
}

// cut compares a and b piece by piece between the anchors they share, or
// replaces a by b if they share none.
func (d *differ) cut(a, b []rune) {
	anchors := d.grams.anchorsOf(a, b)
	if len(anchors) == 0 {
		d.replace(a, b)
		return
	}
	i, j := 0, 0
	for _, m := range anchors {
		d.piece(a[i:m.a], b[j:m.b])
		d.out.add(Equal, m.n)
		i, j = m.a+m.n, m.b+m.n
	}
	d.piece(a[i:], b[j:])
}

// exact adds the minimal edit that turns a into b, computed by go-diff,
// whose choice among edits of the same size redlines have always shown.
func (d *differ) exact(a, b []rune) {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the minimal diff, the same every time
	for _, diff := range dmp.DiffMainRunes(a, b, false) {
		op := Equal
		switch diff.Type {
		case diffmatchpatch.DiffDelete:
			op = Delete
		case diffmatchpatch.DiffInsert:
			op = Insert
		}
		d.out.add(op, utf8.RuneCountInString(diff.Text))
	}
}

// myers reports whether a can be turned into b by deleting and inserting
// at most max tokens (none if max < 0), by Myers' greedy algorithm stopped
// after max steps: in time proportional to (len(a)+len(b))·max at worst,
// and space to max². If so, d.path follows the minimal edit it found.
func (d *differ) myers(a, b []rune, max int) bool {
	n, m := len(a), len(b)
	if max < 0 {
		return false
	}
	off := max + 1
	d.v = slices.Grow(d.v[:0], 2*max+3)[:2*max+3]
	v := d.v // v[off+k] is the furthest x reached on diagonal k = x - y
	v[off+1] = 0
	d.trace = d.trace[:0]
	for step := 0; step <= max; step++ {
		for k := -step; k <= step; k += 2 {
			var x int
			if k == -step || k != step && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: one inserted
			} else {
				x = v[off+k-1] + 1 // right: one deleted
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				// The first point past both ends is (n, m) itself: a
				// path beyond an end would have got there cheaper.
				d.trace = append(d.trace, v[off-step:off+step+1]...)
				return true
			}
		}
		d.trace = append(d.trace, v[off-step:off+step+1]...)
	}
	return false
}

// path adds the edit script of the path myers found to (x, y), following
// the furthest points of its steps back to the start.
func (d *differ) path(x, y int) {
	back := d.back[:0]
	push := func(op Op, n int) {
		if n > 0 {
			back = append(back, run{op, n})
		}
	}
	steps := 0
	for steps*steps < len(d.trace) {
		steps++
	}
	for step := steps - 1; step > 0; step-- {
		prev := d.trace[(step-1)*(step-1):] // diagonal k at prev[k+step-1]
		k := x - y
		if k == -step || k != step && prev[k-1+step-1] < prev[k+1+step-1] {
			px := prev[k+1+step-1]
			push(Equal, x-px)
			push(Insert, 1)
			x, y = px, px-(k+1)
		} else {
			px := prev[k-1+step-1]
			push(Equal, x-px-1)
			push(Delete, 1)
			x, y = px, px-(k-1)
		}
	}
	push(Equal, x)
	for i := len(back) - 1; i >= 0; i-- {
		d.out.add(back[i].op, back[i].n)
	}
	d.back = back
}

// readable replaces every stretch of the script in which less than a third
// of the tokens were kept, counting both texts, by its deletion and
// insertion whole: a rewritten paragraph is then read as the old and the
// new paragraph, not as the few words they happen to share. Stretches are
// separated by at least solidTokens equal tokens in a row; one of fewer
// than smallTokens tokens keeps its minimal edit.
func readable(s script) script {
	const solidTokens = 5
	out := make(script, 0, len(s))
	flush := func(stretch script) {
		kept, del, ins := 0, 0, 0
		for _, r := range stretch {
			switch r.op {
			case Equal:
				kept += r.n
			case Delete:
				del += r.n
			default:
				ins += r.n
			}
		}
		if total := 2*kept + del + ins; total >= smallTokens && 3*2*kept < total {
			out.add(Delete, kept+del)
			out.add(Insert, kept+ins)
			return
		}
		for _, r := range stretch {
			out.add(r.op, r.n)
		}
	}
	start := 0
	for i, r := range s {
		if r.op == Equal && r.n >= solidTokens {
			flush(s[start:i])
			out.add(Equal, r.n)
			start = i + 1
		}
	}
	flush(s[start:])
	return out
}
