// Guards in one pass: a record is searched once for every pattern's guard (every clue's needle, every header
// word), rather than once per guard. strings.Contains jumps between occurrences of the guard's first byte, and
// in a large body of text the first bytes of most guards ('r', 'e', 'o') are everywhere; on a log line of a
// hundred bytes, dozens of calls cost more than one pass over the line's pairs of bytes.

package codes

import (
	"strconv"
	"strings"
	"sync"
)

// guardSet finds which of a fixed list of substrings occur in a text, in one pass over it. A needle is found
// exactly (strings.Contains) or in any ASCII case (hasFold, for a lower-case needle).
type guardSet struct {
	needles []string
	fold    []bool
	ids     map[string]int
	// marked has a bit for each pair of the anchor of each needle of three bytes or more: its rarest three bytes
	// in ordinary text. group maps a pair to its probes in groups.
	marked [1 << 10]uint64
	group  [1 << 16]uint16
	groups [][]guardProbe
	short  []int // needles of one or two bytes, too short to anchor
	// foldKeys says pairs are keyed in lower case (keyByte maps each byte to its key).
	foldKeys bool
	keyByte  [256]byte
}

// guardProbe is a needle anchored on a pair of bytes off bytes into it.
type guardProbe struct {
	id, off int
}

// newGuardSet returns an empty set. foldKeys must be set for a set that will hold folding needles: its pairs
// are then keyed in lower case, which makes capitals as common as small letters, so an exact set keeps its
// pairs as they are.
func newGuardSet(foldKeys bool) *guardSet {
	g := &guardSet{ids: map[string]int{}, groups: [][]guardProbe{nil}, foldKeys: foldKeys}
	for i := range g.keyByte {
		g.keyByte[i] = byte(i)
		if foldKeys {
			g.keyByte[i] = lowerASCII[i]
		}
	}
	return g
}

// englishFreq is the frequency in percent of the lower-case letters and the space in English text, the bulk of
// what a log says; other bytes count as rare.
var englishFreq = map[byte]float64{' ': 18, 'e': 10, 't': 7.5, 'a': 6.5, 'o': 6, 'i': 5.7, 'n': 5.7, 's': 5.3,
	'r': 5, 'h': 4, 'l': 3.3, 'd': 3.3, 'c': 2.3, 'u': 2.3, 'm': 2, 'f': 1.8, 'p': 1.6, 'g': 1.6, 'w': 1.5,
	'y': 1.4, 'b': 1.2, 'v': 0.8, 'k': 0.6, 'x': 0.15, 'j': 0.1, 'q': 0.1, 'z': 0.07}

// anchorOf returns the offset of the three bytes in needle whose two pairs, as keyed, ordinary text holds least
// often.
func (g *guardSet) anchorOf(needle string) int {
	freq := func(c byte) float64 {
		if f, ok := englishFreq[g.keyByte[c]]; ok {
			return f
		}
		return 0.5
	}
	pair := func(i int) float64 { return freq(needle[i]) * freq(needle[i+1]) }
	best, bestF := 0, 1e9
	for i := 0; i+2 < len(needle); i++ {
		if f := pair(i) + pair(i+1); f < bestF {
			best, bestF = i, f
		}
	}
	return best
}

// add registers a needle found exactly and returns its id.
func (g *guardSet) add(needle string) int { return g.addFold(needle, false) }

// addFold registers a needle, found in any ASCII case when fold is set (the needle is lower case then), and
// returns its id.
func (g *guardSet) addFold(needle string, fold bool) int {
	key := needle + "\x00" + strconv.FormatBool(fold)
	if id, ok := g.ids[key]; ok {
		return id
	}
	id := len(g.needles)
	g.needles = append(g.needles, needle)
	g.fold = append(g.fold, fold)
	g.ids[key] = id
	if len(needle) <= 2 {
		g.short = append(g.short, id)
		return id
	}
	// A needle of three bytes or more is anchored on three of its bytes, and both pairs of them are marked: an
	// occurrence then has a marked pair at an even offset of the text, the only ones scan looks at. Pairs are
	// keyed in lower case, so that one table serves both kinds of needle.
	if fold && !g.foldKeys {
		panic("guardSet: a folding needle in a set keyed exactly")
	}
	off := g.anchorOf(needle)
	for _, o := range []int{off, off + 1} {
		k := uint16(g.keyByte[needle[o]])<<8 | uint16(g.keyByte[needle[o+1]])
		g.marked[k>>6] |= 1 << (k & 63)
		if g.group[k] == 0 {
			g.group[k] = uint16(len(g.groups))
			g.groups = append(g.groups, nil)
		}
		g.groups[g.group[k]] = append(g.groups[g.group[k]], guardProbe{id: id, off: o})
	}
	return id
}

// scan reports, by needle id, which needles occur in s.
func (g *guardSet) scan(s string) []bool { return g.scanInto(s, nil) }

// scanInto is scan that reports into buf's memory when it has room for every needle: a caller that passes a
// stack array scans a short line without allocating.
func (g *guardSet) scanInto(s string, buf []bool) []bool {
	var present []bool
	if cap(buf) >= len(g.needles) {
		present = buf[:len(g.needles)]
		clear(present)
	} else {
		present = make([]bool, len(g.needles))
	}
	for _, id := range g.short {
		present[id] = g.containsShort(s, id)
	}
	for i := 0; i+1 < len(s); i += 2 {
		k := uint16(g.keyByte[s[i]])<<8 | uint16(g.keyByte[s[i+1]])
		if g.marked[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, p := range g.groups[g.group[k]] {
			if at := i - p.off; !present[p.id] && at >= 0 && g.at(s, at, p.id) {
				present[p.id] = true
			}
		}
	}
	return present
}

// containsShort reports whether the needle id, of one or two bytes, occurs in s: it looks for its last byte,
// whose occurrences strings.IndexByte finds fast, and checks the byte before.
func (g *guardSet) containsShort(s string, id int) bool {
	n := g.needles[id]
	if g.fold[id] {
		return hasFold(s, n)
	}
	last := n[len(n)-1]
	for i := strings.IndexByte(s, last); i >= 0; {
		if i >= len(n)-1 && s[i-len(n)+1:i+1] == n {
			return true
		}
		next := strings.IndexByte(s[i+1:], last)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// at reports whether needle id occurs in s at i.
func (g *guardSet) at(s string, i, id int) bool {
	n := g.needles[id]
	if !g.fold[id] {
		return strings.HasPrefix(s[i:], n)
	}
	if len(s)-i < len(n) {
		return false
	}
	for k := 0; k < len(n); k++ {
		if lowerASCII[s[i+k]] != n[k] {
			return false
		}
	}
	return true
}

// lowerASCII maps the ASCII capital letters to lower case and every other byte to itself.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i - 'A' + 'a')
		}
	}
	return t
}()

// patternGuards holds the guards of every pattern, whose ids the patterns keep. allPatterns fills it, once,
// before any pattern is used.
var patternGuards = newGuardSet(false)

// clueNeedles holds the needle of every provider's clues, found as containsClue looks for it (exactly, or in
// any case for a folding clue), and each clue's id, by provider and clue. It is built on first use, once the
// provider files have registered.
var clueNeedles = sync.OnceValues(func() (*guardSet, [][]int) {
	g := newGuardSet(true)
	ids := make([][]int, len(registry))
	for i, p := range registry {
		for _, c := range p.clues {
			ids[i] = append(ids[i], g.addFold(c.needle, c.fold))
		}
	}
	// The other words scanClues looks for ride on the same pass.
	textGuardIDs = make([][]int, len(registry))
	shapeGuardIDs = make([][]int, len(registry))
	for i, p := range registry {
		for _, w := range p.textGuards {
			textGuardIDs[i] = append(textGuardIDs[i], g.add(w))
		}
		for _, sh := range p.shapes {
			id := -1 // a shape without a guard is always tested
			if sh.guard != "" {
				id = g.add(sh.guard)
			}
			shapeGuardIDs[i] = append(shapeGuardIDs[i], id)
		}
	}
	for _, w := range methodWords {
		clueMethodIDs = append(clueMethodIDs, g.add(w))
	}
	for _, w := range domainWords {
		clueDomainIDs = append(clueDomainIDs, g.add(w))
	}
	return g, ids
})

// clueMethodIDs and clueDomainIDs are the ids of methodWords and domainWords in clueNeedles' set; textGuardIDs
// are those of each provider's textGuards, and shapeGuardIDs those of its shapes' guards, by provider.
var (
	clueMethodIDs, clueDomainIDs []int
	textGuardIDs, shapeGuardIDs  [][]int
)

// anyPresent reports whether any of the needles ids is present.
func anyPresent(present []bool, ids []int) bool {
	for _, id := range ids {
		if present[id] {
			return true
		}
	}
	return false
}

// headerWordList are the words headersFromText looks for before it runs its patterns, ratelimit first. Their
// ids in headerWords are their positions, and "-" comes after them.
var headerWordList = [...]string{"ratelimit", "retry-after", "rate-limit", "request-id", "x-obs-", "date",
	"should-retry", "pushback"}

// headerWords finds headerWordList's words in any case, and "-".
var headerWords = func() *guardSet {
	g := newGuardSet(true)
	for i, w := range headerWordList {
		if g.addFold(w, true) != i {
			panic("headerWords: ids out of order")
		}
	}
	g.add("-")
	return g
}()
