// Identifier shapes found by a scan: a provider's id shapes (a B2 server name, a Discord channel path) are
// literals and runs of one kind of byte. Go's regexp finds a shape that starts with \b and no literal by trying
// every offset of the text, which cost a B2 log line with a server name in its message several microseconds; the
// scan looks only where the shape's literal anchor occurs.

package codes

import "strings"

// idShape is an identifier shape: parts in order, with an optional word boundary (as regexp's \b: a change
// between [0-9A-Za-z_] and anything else) before and after.
type idShape struct {
	anchor             string // a literal every match holds: the scan looks only where it occurs
	offset             int    // where anchor starts in a match; the parts before it have fixed lengths
	parts              []shapePart
	wordStart, wordEnd bool
}

// shapePart is a literal, or a run of min to max bytes of one class (max 0: no upper bound). A run is matched
// greedily, which finds what a regular expression does as long as the part after a run never starts with a
// byte of the run's class (newIDShape panics otherwise).
type shapePart struct {
	lit      string
	class    *byteClass
	min, max int
}

// byteClass is a set of bytes.
type byteClass [256]bool

func classOf(in func(c byte) bool) *byteClass {
	var b byteClass
	for c := range 256 {
		b[c] = in(byte(c))
	}
	return &b
}

var (
	digitClass    = classOf(isDigitByte)
	lowerHexClass = classOf(func(c byte) bool { return isDigitByte(c) || c >= 'a' && c <= 'f' })
)

func shapeLit(s string) shapePart { return shapePart{lit: s} }
func shapeRun(class *byteClass, min, max int) shapePart {
	return shapePart{class: class, min: min, max: max}
}

// newIDShape builds the shape of parts, anchored at its first literal of at least two bytes (or its first
// literal); the parts before the anchor must have fixed lengths.
func newIDShape(wordStart, wordEnd bool, parts ...shapePart) *idShape {
	sh := &idShape{parts: parts, wordStart: wordStart, wordEnd: wordEnd}
	anchor, offset, fixed := -1, 0, 0
	for i, p := range parts {
		if i+1 < len(parts) && p.class != nil && parts[i+1].lit != "" && p.class[parts[i+1].lit[0]] {
			panic("newIDShape: a run is followed by a literal that starts with a byte of its class")
		}
		if p.lit != "" && (anchor < 0 || len(p.lit) >= 2 && len(parts[anchor].lit) < 2) && fixed >= 0 {
			anchor, offset = i, fixed
		}
		switch {
		case p.lit != "":
			if fixed >= 0 {
				fixed += len(p.lit)
			}
		case p.min == p.max && fixed >= 0:
			fixed += p.min
		default:
			fixed = -1
		}
	}
	if anchor < 0 {
		panic("newIDShape: a shape needs a literal")
	}
	sh.anchor, sh.offset = parts[anchor].lit, offset
	return sh
}

// matches reports whether s holds the shape.
func (sh *idShape) matches(s string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], sh.anchor)
		if i < 0 {
			return false
		}
		i += from
		from = i + 1
		start := i - sh.offset
		if start < 0 || sh.wordStart && !atWordEdge(s, start) {
			continue
		}
		if end, ok := sh.matchAt(s, start); ok && (!sh.wordEnd || atWordEdge(s, end)) {
			return true
		}
	}
}

// matchAt matches the parts from s[start:] and returns where the match ends.
func (sh *idShape) matchAt(s string, start int) (int, bool) {
	at := start
	for _, p := range sh.parts {
		if p.lit != "" {
			if !strings.HasPrefix(s[at:], p.lit) {
				return 0, false
			}
			at += len(p.lit)
			continue
		}
		n := 0
		for at+n < len(s) && p.class[s[at+n]] && (p.max == 0 || n < p.max) {
			n++
		}
		if n < p.min {
			return 0, false
		}
		at += n
	}
	return at, true
}

// atWordEdge reports whether regexp's \b holds at s[i]: one side of it is a word byte and the other is not.
func atWordEdge(s string, i int) bool {
	before := i > 0 && isRegexpWordByte(s[i-1])
	after := i < len(s) && isRegexpWordByte(s[i])
	return before != after
}

// isRegexpWordByte is regexp's \w: [0-9A-Za-z_].
func isRegexpWordByte(c byte) bool { return c == '_' || isAlnumByte(c) }
