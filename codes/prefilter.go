// The pre-filter that lets a large log's ordinary lines pass without analysis.

package codes

import (
	"bytes"
	"strings"
)

// mayHoldError is the cheap test that lets a large log's ordinary lines pass without analysis: a line with an
// error has an error word, a client's exception name, an HTTP status line, an error body's key, or a status of
// 4xx or 5xx next to a word that says it is one. Every needle is three bytes long or more, so an occurrence
// covers a pair of bytes that starts at an even offset: the test looks up every other pair in a bitmap that
// marks the two pairs of each needle's anchor (see prefilterNeedles), and only a marked pair costs a comparison.
func mayHoldError(b []byte) bool {
	// The first line of a multi-line body: errors are printed pretty more often than ordinary log records are.
	if t := bytes.TrimSpace(b); len(t) == 1 && t[0] == '{' {
		return true
	}
	for i := 0; i+1 < len(b); i += 2 {
		pair := uint16(b[i])<<8 | uint16(b[i+1])
		if pairMarked[pair>>6]&(1<<(pair&63)) == 0 {
			continue // the common case, decided by an 8 KiB bitmap that stays in the fastest cache
		}
		if probesHit(b, i, pair) {
			return true
		}
	}
	return false
}

// probesHit runs the probes of the marked pair that starts at b[i].
func probesHit(b []byte, i int, pair uint16) bool {
	for _, p := range probeGroups[pairGroup[pair]] {
		s := i - p.off
		if s < 0 {
			continue
		}
		if p.status {
			if (b[s] == '4' || b[s] == '5') && isStatusInContext(b, s) {
				return true
			}
		} else if hasAt(b, s, p.needle) {
			return true
		}
	}
	return false
}

// prefilterNeedles are the words whose presence sends a line to analysis, each with its anchor: three bytes of
// it, chosen to be rare in ordinary log text, whose two pairs are marked in the bitmap.
var prefilterNeedles = []struct {
	needle string
	anchor string
}{
	{"rror", "rro"}, {"RROR", "RRO"}, {"xception", "ept"}, {"HTTP/", "TP/"}, {"ode=", "ode"}, {"ode:", "ode"},
	{`ode":`, "ode"}, {"orbidden", "rbi"}, {"enied", "nie"}, {"nvalid", "nva"}, {"nauthori", "nau"}, {"imit", "mit"},
	{"ailed", "ail"}, {"<?xml", "<?x"}, {"retry_after", "y_a"},
}

// prefilterProbe is one check run where a marked pair occurs: the needle starting off bytes before the pair,
// or a 4xx or 5xx status in context starting off bytes before it (-1: one byte after the pair's start).
type prefilterProbe struct {
	needle string
	off    int
	status bool
}

// pairGroup maps a pair of bytes to its probes in probeGroups (0: none); pairMarked has a bit set for each pair
// that has probes.
var pairGroup, probeGroups, pairMarked = func() (t *[1 << 16]uint16, groups [][]prefilterProbe, marked *[1 << 10]uint64) {
	t = new([1 << 16]uint16)
	marked = new([1 << 10]uint64)
	groups = [][]prefilterProbe{nil}
	add := func(a, b byte, p prefilterProbe) {
		k := uint16(a)<<8 | uint16(b)
		marked[k>>6] |= 1 << (k & 63)
		if t[k] == 0 {
			t[k] = uint16(len(groups))
			groups = append(groups, nil)
		}
		for _, q := range groups[t[k]] {
			if q == p {
				return
			}
		}
		groups[t[k]] = append(groups[t[k]], p)
	}
	for _, n := range prefilterNeedles {
		k := strings.Index(n.needle, n.anchor)
		add(n.anchor[0], n.anchor[1], prefilterProbe{needle: n.needle, off: k})
		add(n.anchor[1], n.anchor[2], prefilterProbe{needle: n.needle, off: k + 1})
	}
	// A status is a 4 or 5 and two digits, after a byte that is not part of a word (isStatusInContext): at an
	// even offset its first pair is a 4 or 5 and a digit; at an odd one, the pair before it ends in its 4 or 5
	// and starts with that byte. Marking every pair of two digits instead would send each timestamp to a probe.
	for d := byte('0'); d <= '9'; d++ {
		add('4', d, prefilterProbe{status: true})
		add('5', d, prefilterProbe{status: true})
	}
	for c := 0; c < 256; c++ {
		if !isWordByte(byte(c)) {
			add(byte(c), '4', prefilterProbe{status: true, off: -1})
			add(byte(c), '5', prefilterProbe{status: true, off: -1})
		}
	}
	return t, groups, marked
}()

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

// isStatusInContext reports whether b[i:i+3] is a free-standing 4xx or 5xx that the text marks as a status:
// after "status", "code" or an arrow, or before a reason phrase ("503 Service Unavailable").
func isStatusInContext(b []byte, i int) bool {
	if i+2 >= len(b) || (i > 0 && isWordByte(b[i-1])) || !isDigitByte(b[i+1]) || !isDigitByte(b[i+2]) ||
		(i+3 < len(b) && isWordByte(b[i+3])) {
		return false
	}
	before := b[max(0, i-12):i]
	if bytes.Contains(before, []byte("->")) || bytes.Contains(before, []byte("=>")) ||
		containsFoldASCII(before, "status") || containsFoldASCII(before, "code") {
		return true
	}
	// A reason phrase: a space and a capital letter ("404 Not Found").
	return i+5 < len(b) && b[i+3] == ' ' && b[i+4] >= 'A' && b[i+4] <= 'Z'
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// containsFoldASCII reports whether b holds the lower-case ASCII word w in any case, without allocating: it runs
// for every free-standing 4xx or 5xx number of a large log.
func containsFoldASCII(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for j < len(w) && b[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}
