// Framing: what wraps each line of a paste is taken off before the lines are assembled into records. A prefix
// that repeats from line to line (a timestamp, a level, a logger or process name) and a Markdown quote ("> ")
// say nothing about the error, and they hide the indentation that ties a stack trace or an SDK's error fields to
// the line above them.

package codes

import (
	"bytes"
	"strings"
)

// maxPrefix bounds how much of a line can be a repeated prefix.
const maxPrefix = 96

// framer remembers the head of the previous line, to find the prefix the two share.
type framer struct {
	prev    [maxPrefix]byte
	prevLen int
	// prefix is the repeated prefix found last; later lines lose exactly that much when their heads have its
	// shape, so the indentation after it survives.
	prefix    [maxPrefix]byte
	prefixLen int
	// quoted says the previous line was a Markdown quote, so that a bare ">" goes on quoting rather than
	// ending a curl request.
	quoted bool
	// lastHead and lastStamp remember the last head hasStampShape judged: the lines of a large body repeat
	// one head over and over.
	lastHead    [maxPrefix]byte
	lastHeadLen int
	lastStamp   bool
}

// headHasStamp is hasStampShape(head), remembered for the last head.
func (f *framer) headHasStamp(head []byte) bool {
	if len(head) == f.lastHeadLen && bytes.Equal(head, f.lastHead[:f.lastHeadLen]) {
		return f.lastStamp
	}
	f.lastHeadLen = copy(f.lastHead[:], head)
	f.lastStamp = hasStampShape(head)
	return f.lastStamp
}

// stripRepeatedPrefix removes from raw the prefix it shares with the previous line when that prefix holds a
// timestamp and what is left continues the line before: "2026-03-02T10:11:12.346Z ERROR bot   code: 50001,"
// after a line with the same stamp, level and logger becomes "  code: 50001,". Digits may differ (the clock
// moves on). A line whose rest does not continue keeps its prefix: two log events of the same shape share more
// than their prefix ("error: code 50013" and "error: code 50001"), and the words after the stamp are context.
// It reports whether it removed one.
func (f *framer) stripRepeatedPrefix(raw []byte) ([]byte, bool) {
	if p := f.prefixLen; p > 0 && len(raw) >= p && shapeEqual(raw[:p], f.prefix[:p]) {
		f.prevLen = copy(f.prev[:], raw)
		return continuationAfter(raw, p)
	}
	f.prefixLen = 0
	n := min(len(raw), f.prevLen)
	common := 0
	if bytes.Equal(raw[:n], f.prev[:n]) {
		common = n // the lines of a large body often repeat one head: equal bytes have the same shape
	}
	for common < n && sameShape(raw[common], f.prev[common]) {
		common++
	}
	f.prevLen = copy(f.prev[:], raw)
	// Cut back to the end of a field: the prefix ends with a space (or a "]", ":" or "|" before one).
	cut := bytes.LastIndexByte(raw[:common], ' ')
	if cut < 8 {
		return raw, false
	}
	head := raw[:cut+1]
	if !f.headHasStamp(head) {
		return raw, false
	}
	f.prefixLen = copy(f.prefix[:], head)
	return continuationAfter(raw, cut+1)
}

// continuationAfter returns what follows the prefix raw[:n] when it continues the line before, else raw whole.
func continuationAfter(raw []byte, n int) ([]byte, bool) {
	if rest := raw[n:]; isContinuation(rest) {
		return rest, true
	}
	return raw, false
}

func shapeEqual(a, b []byte) bool {
	for i := range a {
		if !sameShape(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameShape reports whether two bytes of two lines' prefixes agree: equal, or both digits.
func sameShape(a, b byte) bool {
	return a == b || (isDigitByte(a) && isDigitByte(b))
}

// unquote removes a Markdown quote marker ("> ", possibly nested) from a line that is not a curl request line.
// curl -v marks the request with "> " too, but there the quoted text is a request line, a header or empty.
func (f *framer) unquote(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if !strings.HasPrefix(t, ">") {
		f.quoted = false
		return line, false
	}
	rest := t
	for strings.HasPrefix(rest, ">") {
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, ">"), " ")
	}
	body := strings.TrimSpace(rest)
	isCurl := !f.quoted && (body == "" || isRequestLine(body) || isHeaderLine(body))
	if isCurl {
		return line, false
	}
	f.quoted = true
	return rest, true
}

// isRequestLine reports whether s is an HTTP request line: "POST /b2api/v3/b2_list_file_names HTTP/1.1".
func isRequestLine(s string) bool {
	method, rest, ok := strings.Cut(s, " ")
	if !ok || method == "" || len(method) > 7 || !isUpper(method) {
		return false
	}
	_, proto, ok := strings.Cut(rest, " ")
	return ok && strings.HasPrefix(proto, "HTTP/")
}

// isHeaderLine reports whether s is a "Name: value" header line.
func isHeaderLine(s string) bool {
	_, _, ok := parseHeader(s)
	return ok
}

// hasStampShape reports whether b holds a time of day (12:34:56) or a date (2026-03-02, 2026/03/02), the
// marks of a log prefix, without a regular expression: it runs on every line of a large log.
func hasStampShape(b []byte) bool {
	d := func(i int) bool { return i >= 0 && i < len(b) && isDigitByte(b[i]) }
	for i := 0; i+5 <= len(b); i++ {
		if b[i] == ':' && d(i-2) && d(i-1) && d(i+1) && d(i+2) && i+3 < len(b) && b[i+3] == ':' {
			return true
		}
		if (b[i] == '-' || b[i] == '/') && d(i-4) && d(i-1) && d(i+1) && d(i+2) && i+3 < len(b) && b[i+3] == b[i] {
			return true
		}
	}
	return false
}

// isUpper reports whether upper-casing s leaves it unchanged (strings.ToUpper(s) == s) without allocating for
// ASCII: it runs for every line that may hold an error.
func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.ToUpper(s) == s
		}
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
