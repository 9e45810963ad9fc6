package diff

import "sort"

// match is a run of n tokens at a[a:] and b[b:] that are equal.
type match struct{ a, b, n int }

// anchorsOf returns the runs of anchorTokens tokens or more that a and b
// share, each found once in a and once in b, in the order of both texts
// (the longest such chain, as patience diff finds it). It takes time
// linear in the texts' lengths, and a little more for the chain.
func anchorsOf(a, b []rune) []match {
	const k = anchorTokens
	if len(a) < k || len(b) < k {
		return nil
	}
	type gram struct{ inA, inB, a, b int32 }
	grams := make([]gram, 0, len(a))
	index := newGramIndex(len(a))
	for i := 0; i+k <= len(a); i++ {
		slot := index.find(hashGram(a[i : i+k]))
		if *slot != 0 {
			grams[*slot-1].inA++
			continue
		}
		grams = append(grams, gram{inA: 1, a: int32(i)})
		*slot = int32(len(grams))
	}
	for j := 0; j+k <= len(b); j++ {
		if g := index.get(hashGram(b[j : j+k])); g != 0 {
			grams[g-1].inB++
			grams[g-1].b = int32(j)
		}
	}
	// Unique in both, in the order of a (grams are in the order of their
	// first occurrence in a), checked token by token against a collision
	// of the hash.
	pairs := make([]match, 0, len(grams)/2)
	for _, g := range grams {
		if g.inA == 1 && g.inB == 1 && equalRunes(a[g.a:g.a+k], b[g.b:g.b+k]) {
			pairs = append(pairs, match{int(g.a), int(g.b), k})
		}
	}
	return joinRuns(longestChain(pairs))
}

// gramIndex maps the hashes of grams to their number (from 1) in an open
// addressing table, a few times faster than a map for this.
type gramIndex struct {
	keys []uint64
	nums []int32
	mask uint64
}

func newGramIndex(n int) gramIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return gramIndex{keys: make([]uint64, size), nums: make([]int32, size), mask: uint64(size - 1)}
}

// find returns the slot of hash h: its number, 0 if new (set it).
func (x gramIndex) find(h uint64) *int32 {
	i := h & x.mask
	for x.nums[i] != 0 && x.keys[i] != h {
		i = (i + 1) & x.mask
	}
	x.keys[i] = h
	return &x.nums[i]
}

// get returns the number of hash h, 0 if it has none.
func (x gramIndex) get(h uint64) int32 {
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
func longestChain(pairs []match) []match {
	if len(pairs) == 0 {
		return nil
	}
	var tails []int                 // tails[l]: index of the pair ending the best chain of length l+1
	prev := make([]int, len(pairs)) // the pair before each in its chain
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
