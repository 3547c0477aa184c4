// The byte filter of the block skip: most marked pairs in an ordinary log are not the start of anything the probes
// look for (the digits of a timestamp, "de" in "debug", the '{' of a JSON log line), and the bytes around the pair
// usually say so before any probe runs.

package codes

import "sync"

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }

func setOf(in func(c byte) bool) (s byteSet) {
	for c := range 256 {
		if in(byte(c)) {
			s.add(byte(c))
		}
	}
	return s
}

func union(s, t byteSet) byteSet { return byteSet{s[0] | t[0], s[1] | t[1], s[2] | t[2], s[3] | t[3]} }

// pairFilter holds what the bytes around a marked pair at b[i] may be for one of its probes to match: prev is
// b[i-1], next b[i+2] and after b[i+3]. A byte outside b constrains nothing.
type pairFilter struct{ prev, next, after byteSet }

func (f pairFilter) union(g pairFilter) pairFilter {
	return pairFilter{union(f.prev, g.prev), union(f.next, g.next), union(f.after, g.after)}
}

// passes reports whether the bytes around the pair at b[i] let one of its probes match.
func (f *pairFilter) passes(b []byte, i int) bool {
	return (i == 0 || f.prev.has(b[i-1])) && (i+2 >= len(b) || f.next.has(b[i+2])) &&
		(i+3 >= len(b) || f.after.has(b[i+3]))
}

var (
	anyByte = setOf(func(byte) bool { return true })
	digits  = setOf(isDigitByte)
	notWord = setOf(func(c byte) bool { return !isWordByte(c) })
	// braceSide is what may stand beside the '{' of a line that is only a '{' (bytes.TrimSpace): ASCII white
	// space, a line end, or a byte of a Unicode space.
	braceSide = setOf(func(c byte) bool { return c >= 0x80 || c == ' ' || (c >= '\t' && c <= '\r') })
)

// probeFilter is what probe p of a pair needs around the pair.
func probeFilter(p prefilterProbe) pairFilter {
	switch {
	case p.status && p.off == 0:
		// The 4 or 5 starts the pair: no word byte before it, its third digit after the pair, then no word byte.
		return pairFilter{prev: notWord, next: digits, after: notWord}
	case p.status:
		// The pair ends in the 4 or 5: its two other digits follow; what stands before is context.
		return pairFilter{prev: anyByte, next: digits, after: digits}
	}
	needleByte := func(j int) byteSet {
		if j < 0 || j >= len(p.needle) {
			return anyByte
		}
		return setOf(func(c byte) bool { return c == p.needle[j] })
	}
	return pairFilter{prev: needleByte(p.off - 1), next: needleByte(p.off + 2), after: needleByte(p.off + 3)}
}

// braceFilter is what a brace pair (a '{' and a byte beside it, braceMarked) needs around it for its line to be
// only a '{': white space on the '{' side; anything beyond a line end.
func braceFilter(first, second byte) pairFilter {
	if first == '{' {
		f := pairFilter{prev: braceSide, next: braceSide, after: anyByte}
		if second == '\n' {
			f.next = anyByte
		}
		return f
	}
	f := pairFilter{prev: braceSide, next: braceSide, after: anyByte}
	if first == '\n' {
		f.prev = anyByte
	}
	return f
}

// pairFilterTables returns, for each pair of blockMarked, the index of its filter in the filters it also returns
// (0 for the pairs of no filter: unmarked). They are built on the first block scan, so that a command that reads
// no log does not pay for them at start-up.
var pairFilterTables = sync.OnceValues(func() (*[1 << 16]uint8, *[256]pairFilter) {
	idx := new([1 << 16]uint8)
	filters := new([256]pairFilter)
	used := 1
	known := map[pairFilter]uint8{}
	for k := range 1 << 16 {
		if blockMarked[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		var f pairFilter
		if pairGroup[k] != 0 {
			for _, p := range probeGroups[pairGroup[k]] {
				f = f.union(probeFilter(p))
			}
		}
		if braceMarked[k>>6]&(1<<(k&63)) != 0 {
			f = f.union(braceFilter(byte(k>>8), byte(k)))
		}
		n, ok := known[f]
		if !ok {
			if used == len(filters) {
				panic("codes: more than 255 pair filters") // the needles are fixed: a test builds the tables
			}
			n = uint8(used)
			filters[n] = f
			known[f] = n
			used++
		}
		idx[k] = n
	}
	return idx, filters
})
