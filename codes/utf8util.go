package codes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func encodeRune(p []byte, r rune) int {
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return utf8.EncodeRune(p, r)
}

// printable returns s with everything but printable characters removed (controls, escape sequences' ESC,
// invalid UTF-8, bidi and zero-width format characters), cut to at most n bytes at a rune boundary with "…"
// when it was longer. Input text the package writes into its own prose (a rate-limit bucket, a header value in
// a note) goes through it, so the prose is safe to print even where a caller forgets to sanitise it.
func printable(s string, n int) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean && len(s) <= n {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if b.Len() >= n || i >= 4*n {
			return b.String() + "…"
		}
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			if r == ' ' || r == '\t' {
				b.WriteByte(' ')
			}
			continue
		}
		if b.Len()+utf8.RuneLen(r) > n {
			return b.String() + "…"
		}
		b.WriteRune(r)
	}
	return b.String()
}
