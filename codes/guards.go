// Guards in one pass: a large record is searched once for every pattern's guard, rather than once per guard.
// strings.Contains jumps between occurrences of the guard's first byte, and in a large body of text the first
// bytes of most guards ('r', 'e', 'o') are everywhere.

package codes

import "strings"

// guardScanMin is the text length from which the one-pass scan beats a strings.Contains per guard.
const guardScanMin = 2 << 10

// guardSet finds which of a fixed list of substrings occur in a text, in one pass over it.
type guardSet struct {
	needles []string
	ids     map[string]int
	// marked has a bit for the anchor of each needle of two bytes or more: its rarest pair of bytes in ordinary
	// text. group maps a pair to its probes in groups.
	marked [1 << 10]uint64
	group  [1 << 16]uint16
	groups [][]guardProbe
	single []int // needles of one byte
}

// guardProbe is a needle anchored on a pair of bytes off bytes into it.
type guardProbe struct {
	id, off int
}

func newGuardSet() *guardSet {
	return &guardSet{ids: map[string]int{}, groups: [][]guardProbe{nil}}
}

// englishFreq is the frequency in percent of the lower-case letters and the space in English text, the bulk of
// what a log says; other bytes count as rare.
var englishFreq = map[byte]float64{' ': 18, 'e': 10, 't': 7.5, 'a': 6.5, 'o': 6, 'i': 5.7, 'n': 5.7, 's': 5.3,
	'r': 5, 'h': 4, 'l': 3.3, 'd': 3.3, 'c': 2.3, 'u': 2.3, 'm': 2, 'f': 1.8, 'p': 1.6, 'g': 1.6, 'w': 1.5,
	'y': 1.4, 'b': 1.2, 'v': 0.8, 'k': 0.6, 'x': 0.15, 'j': 0.1, 'q': 0.1, 'z': 0.07}

// anchorOf returns the offset of the pair of bytes in needle that ordinary text holds least often.
func anchorOf(needle string) int {
	freq := func(c byte) float64 {
		if f, ok := englishFreq[c]; ok {
			return f
		}
		return 0.5
	}
	best, bestF := 0, 1e9
	for i := 0; i+1 < len(needle); i++ {
		if f := freq(needle[i]) * freq(needle[i+1]); f < bestF {
			best, bestF = i, f
		}
	}
	return best
}

// add registers a needle and returns its id.
func (g *guardSet) add(needle string) int {
	if id, ok := g.ids[needle]; ok {
		return id
	}
	id := len(g.needles)
	g.needles = append(g.needles, needle)
	g.ids[needle] = id
	if len(needle) == 1 {
		g.single = append(g.single, id)
		return id
	}
	off := anchorOf(needle)
	k := uint16(needle[off])<<8 | uint16(needle[off+1])
	g.marked[k>>6] |= 1 << (k & 63)
	if g.group[k] == 0 {
		g.group[k] = uint16(len(g.groups))
		g.groups = append(g.groups, nil)
	}
	g.groups[g.group[k]] = append(g.groups[g.group[k]], guardProbe{id: id, off: off})
	return id
}

// scan reports, by needle id, which needles occur in s.
func (g *guardSet) scan(s string) []bool {
	present := make([]bool, len(g.needles))
	for _, id := range g.single {
		present[id] = strings.IndexByte(s, g.needles[id][0]) >= 0
	}
	for i := 0; i+1 < len(s); i++ {
		k := uint16(s[i])<<8 | uint16(s[i+1])
		if g.marked[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, p := range g.groups[g.group[k]] {
			if at := i - p.off; !present[p.id] && at >= 0 && strings.HasPrefix(s[at:], g.needles[p.id]) {
				present[p.id] = true
			}
		}
	}
	return present
}

// patternGuards holds the guards of every pattern, whose ids the patterns keep. allPatterns fills it, once,
// before any pattern is used.
var patternGuards = newGuardSet()
