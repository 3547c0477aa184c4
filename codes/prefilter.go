// The pre-filter that lets a large log's ordinary lines pass without analysis.

package codes

import (
	"bytes"
)

// mayHoldError is the cheap test that lets a large log's ordinary lines pass without analysis: a line with an
// error has an error word, a client's exception name, an HTTP status line, an error body's key, or a status of
// 4xx or 5xx next to a word that says it is one. It looks at each byte once.
func mayHoldError(b []byte) bool {
	// The first line of a multi-line body: errors are printed pretty more often than ordinary log records are.
	if t := bytes.TrimSpace(b); len(t) == 1 && t[0] == '{' {
		return true
	}
	// Each case first compares the next byte inline: most letters start no needle, and the call to
	// bytes.HasPrefix is what costs.
	n := len(b)
	for i := 0; i+1 < n; i++ {
		if !needleStart[b[i]] {
			continue
		}
		c, d := b[i], b[i+1]
		var hit bool
		switch c {
		case 'r':
			hit = (d == 'r' && hasAt(b, i, "rror")) || (d == 'e' && hasAt(b, i, "retry_after"))
		case 'R':
			hit = d == 'R' && hasAt(b, i, "RROR")
		case 'x':
			hit = d == 'c' && hasAt(b, i, "xception")
		case 'H':
			hit = d == 'T' && hasAt(b, i, "HTTP/")
		case 'o':
			hit = (d == 'd' && (hasAt(b, i, "ode=") || hasAt(b, i, "ode:") || hasAt(b, i, `ode":`))) ||
				(d == 'r' && hasAt(b, i, "orbidden"))
		case 'e':
			hit = d == 'n' && hasAt(b, i, "enied")
		case 'n':
			hit = (d == 'v' && hasAt(b, i, "nvalid")) || (d == 'a' && hasAt(b, i, "nauthori"))
		case 'i':
			hit = d == 'm' && hasAt(b, i, "imit")
		case 'a':
			hit = d == 'i' && hasAt(b, i, "ailed")
		case '<':
			hit = d == '?' && hasAt(b, i, "<?xml")
		case '4', '5':
			hit = isStatusInContext(b, i)
		}
		if hit {
			return true
		}
	}
	return false
}

// needleStart marks the bytes a needle or a status can start with.
var needleStart = func() (t [256]bool) {
	for _, c := range []byte("rRxHoenia<45") {
		t[c] = true
	}
	return t
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
