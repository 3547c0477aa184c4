// The pre-filter that lets a large log's ordinary lines pass without analysis.

package codes

import (
	"bytes"
	"strings"
)

// mayHoldError is the cheap test that lets a large log's ordinary lines pass without analysis: a line with an
// error has an error word, a client's exception name, an HTTP status line, an error body's key, or a status of
// 4xx or 5xx next to a word that says it is one. It looks at each pair of neighbouring bytes once, in a table
// that marks the pairs a needle is anchored on (see prefilterProbes); only a marked pair costs a comparison.
func mayHoldError(b []byte) bool {
	// The first line of a multi-line body: errors are printed pretty more often than ordinary log records are.
	if t := bytes.TrimSpace(b); len(t) == 1 && t[0] == '{' {
		return true
	}
	n := len(b)
	if n < 2 {
		return false
	}
	prev := uint16(b[0])
	for j := 1; j < n; j++ {
		pair := prev<<8 | uint16(b[j])
		prev = uint16(b[j])
		if pairMarked[pair>>6]&(1<<(pair&63)) == 0 {
			continue // the common case, decided by an 8 KiB bitmap that stays in the fastest cache
		}
		i := j - 1 // where the pair starts
		for _, p := range probeGroups[pairGroup[pair]] {
			if p.status {
				if isStatusInContext(b, i) {
					return true
				}
			} else if s := i - p.off; s >= 0 && hasAt(b, s, p.needle) {
				return true
			}
		}
	}
	return false
}

// prefilterNeedles are the words whose presence sends a line to analysis, each with the pair of its bytes it is
// anchored on: the rarest pair in ordinary log text, so that few pairs of an ordinary line need a comparison.
var prefilterNeedles = []struct {
	needle string
	anchor string
}{
	{"rror", "rr"}, {"RROR", "RR"}, {"xception", "xc"}, {"HTTP/", "P/"}, {"ode=", "od"}, {"ode:", "od"},
	{`ode":`, "od"}, {"orbidden", "rb"}, {"enied", "ni"}, {"nvalid", "nv"}, {"nauthori", "au"}, {"imit", "mi"},
	{"ailed", "ai"}, {"<?xml", "<?"}, {"retry_after", "y_"},
}

// prefilterProbe is one check run where its anchor pair occurs: the needle starting off bytes before the pair,
// or a status in context starting at the pair.
type prefilterProbe struct {
	needle string
	off    int
	status bool
}

// pairGroup maps a pair of bytes to its probes in probeGroups (0: none); pairMarked has a bit set for each pair
// that has probes.
var pairGroup, probeGroups, pairMarked = func() (t *[1 << 16]uint8, groups [][]prefilterProbe, marked *[1 << 10]uint64) {
	t = new([1 << 16]uint8)
	marked = new([1 << 10]uint64)
	groups = [][]prefilterProbe{nil}
	add := func(a, b byte, p prefilterProbe) {
		k := uint16(a)<<8 | uint16(b)
		marked[k>>6] |= 1 << (k & 63)
		if t[k] == 0 {
			t[k] = uint8(len(groups))
			groups = append(groups, nil)
		}
		groups[t[k]] = append(groups[t[k]], p)
	}
	for _, n := range prefilterNeedles {
		off := strings.Index(n.needle, n.anchor)
		add(n.anchor[0], n.anchor[1], prefilterProbe{needle: n.needle, off: off})
	}
	// A 4xx or 5xx status starts with a 4 or 5 and a digit.
	for _, c := range []byte("45") {
		for d := byte('0'); d <= '9'; d++ {
			add(c, d, prefilterProbe{status: true})
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
