package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes text that came from outside (a pasted response, a log line, a query) safe to print on a
// terminal: escape sequences (colours, cursor moves, OSC title changes, clipboard writes and hyperlinks) are
// removed, other control characters and line or paragraph separators become spaces or are dropped, invalid UTF-8
// becomes U+FFFD, and bidirectional overrides and zero-width characters, which can make text read differently
// from what it is (a spoofed request id), are dropped. The result is one line.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.IsControl(r), isBidiControl(r), isZeroWidth(r):
			// dropped: C0/C1 controls (a lone ESC, BEL, CSI 0x9b, NEL), DEL, bidi overrides, zero-width characters
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII, the common case that needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// isZeroWidth reports the invisible characters that can hide in an identifier: zero-width space and joiner,
// word joiner and the byte-order mark.
func isZeroWidth(r rune) bool {
	return r == 0x200B || r == 0x200D || r == 0x2060 || r == 0xFEFF
}

// Truncate shortens s to at most width terminal cells and at most 4*width bytes (so that thousands of zero-width
// or combining characters cannot pass a cut by width), ending it with "…" when it was cut.
func Truncate(s string, width int) string {
	if width <= 0 {
		return s
	}
	maxBytes := 4 * width
	if len(s) <= maxBytes && (len(s) <= width || ansi.StringWidth(s) <= width) {
		return s
	}
	if width == 1 {
		return "…"
	}
	if len(s) > maxBytes {
		s = cutBytes(s, maxBytes-len("…"))
	}
	if ansi.StringWidth(s) > width-1 {
		s = ansi.Truncate(s, width-1, "")
	}
	return s + "…"
}

// Clean is Sanitize then Truncate, for any text that holds input. It cuts a very long s by bytes before
// sanitising it, so its cost is bounded by width, not by len(s).
func Clean(s string, width int) string {
	if width <= 0 || len(s) <= 16*width {
		return Truncate(Sanitize(s), width)
	}
	s = Sanitize(cutBytes(s, 16*width))
	if t := Truncate(s, width); strings.HasSuffix(t, "…") || width == 1 {
		return t
	}
	// Cut before sanitising but short enough after: say so.
	return Truncate(s, width-1) + "…"
}

// cutBytes cuts s to at most n bytes at a rune boundary.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
