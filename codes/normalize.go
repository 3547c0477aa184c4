package codes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds s to the form the catalog indexes codes, names and messages by: lower case, with everything but
// letters and digits removed. "No Such Key", "no_such-key" and "NoSuchKey" all become "nosuchkey".
func Normalize(s string) string {
	// Fast path for the common ASCII case: no allocation beyond the result.
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
		i += size
	}
	return b.String()
}

// words splits s into lower-case runs of letters and digits, also breaking camelCase ("NoSuchKey" gives "no",
// "such", "key") so that a word of a query can meet a word inside a code.
func words(s string) []string {
	var out []string
	start := -1
	prevLower := false
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(s[start:end]))
		}
		start = -1
	}
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !alnum {
			flush(i)
			prevLower = false
			continue
		}
		if start >= 0 && unicode.IsUpper(r) && prevLower {
			flush(i)
		}
		if start < 0 {
			start = i
		}
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	flush(len(s))
	return out
}
