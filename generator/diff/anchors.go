package diff

import (
	"slices"
	"sort"
)

// match is a run of n tokens at a[a:] and b[b:] that are equal.
type match struct{ a, b, n int }

// anchorsOf returns the runs of anchorTokens tokens or more that a and b
// share, each found once in a and once in b, in the order of both texts
// (the longest such chain, as patience diff finds it). It takes time
// linear in the texts' lengths, and a little more for the chain. The
// tables it needs are kept in x for the next call.
func (x *grams) anchorsOf(a, b []rune) []match {
	const k = anchorTokens
	if len(a) < k || len(b) < k {
		return nil
	}
	x.reset(len(a))
	for i := 0; i+k <= len(a); i++ {
		slot := x.find(hashGram(a[i : i+k]))
		if *slot != 0 {
			x.grams[*slot-1].inA++
			continue
		}
		x.grams = append(x.grams, gram{inA: 1, a: int32(i)})
		*slot = int32(len(x.grams))
	}
	for j := 0; j+k <= len(b); j++ {
		if g := x.get(hashGram(b[j : j+k])); g != 0 {
			x.grams[g-1].inB++
			x.grams[g-1].b = int32(j)
		}
	}
	// Unique in both, in the order of a (grams are in the order of their
	// first occurrence in a), checked token by token against a collision
	// of the hash.
	pairs := x.pairs[:0]
	for _, g := range x.grams {
		if g.inA == 1 && g.inB == 1 && equalRunes(a[g.a:g.a+k], b[g.b:g.b+k]) {
			pairs = append(pairs, match{int(g.a), int(g.b), k})
		}
	}
	x.pairs = pairs
	return joinRuns(x.longestChain(pairs))
}

// gram is a run of anchorTokens tokens: how often it occurs in a and b,
// where it first occurs in a and last in b.
type gram struct{ inA, inB, a, b int32 }

// grams counts the grams of two texts: an open addressing table from
// their hashes to their numbers (from 1) in grams, a few times faster than
// a map for this.
type grams struct {
	keys  []uint64
	nums  []int32
	mask  uint64
	grams []gram
	// for longestChain
	pairs       []match
	tails, prev []int
}

// reset empties the table, with room for the grams of a text of n tokens.
func (x *grams) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if len(x.nums) < size {
		x.keys, x.nums = make([]uint64, size), make([]int32, size)
	} else {
		clear(x.nums[:size])
	}
	x.mask = uint64(size - 1)
	x.grams = x.grams[:0]
}

// find returns the slot of hash h: its number, 0 if new (set it).
func (x *grams) find(h uint64) *int32 {
	i := h & x.mask
	for x.nums[i] != 0 && x.keys[i] != h {
		i = (i + 1) & x.mask
	}
	x.keys[i] = h
	return &x.nums[i]
}

// get returns the number of hash h, 0 if it has none.
func (x *grams) get(h uint64) int32 {
	for i := h & x.mask; x.nums[i] != 0; i = (i + 1) & x.mask {
		if x.keys[i] == h {
			return x.nums[i]
		}
	}
	return 0
}

func hashGram(g []rune) uint64 {
	var h uint64 = 14695981039346656037
	for _, r := range g {
		h = (h ^ uint64(r)) * 1099511628211
		h ^= h >> 29
	}
	return h
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// longestChain returns the longest subsequence of pairs, which are in
// increasing order of a, that is also in increasing order of b (patience
// sorting).
func (x *grams) longestChain(pairs []match) []match {
	if len(pairs) == 0 {
		return nil
	}
	tails := x.tails[:0]                                     // tails[l]: the pair ending the best chain of length l+1
	prev := slices.Grow(x.prev[:0], len(pairs))[:len(pairs)] // the pair before each in its chain
	for i, p := range pairs {
		l := sort.Search(len(tails), func(t int) bool { return pairs[tails[t]].b >= p.b })
		prev[i] = -1
		if l > 0 {
			prev[i] = tails[l-1]
		}
		if l == len(tails) {
			tails = append(tails, i)
		} else {
			tails[l] = i
		}
	}
	x.tails, x.prev = tails, prev
	chain := make([]match, len(tails))
	for i, l := tails[len(tails)-1], len(tails)-1; l >= 0; i, l = prev[i], l-1 {
		chain[l] = pairs[i]
	}
	return chain
}

// joinRuns merges the overlapping grams of one longer run shared by both
// texts (each one token further in both) into one match, and drops a gram
// that overlaps the run before it in only one text.
func joinRuns(chain []match) []match {
	var out []match
	for _, m := range chain {
		if n := len(out); n > 0 {
			last := &out[n-1]
			endA, endB := last.a+last.n, last.b+last.n
			if m.a-last.a == m.b-last.b && m.a <= endA {
				last.n = m.a + m.n - last.a
				continue
			}
			if m.a < endA || m.b < endB {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}
