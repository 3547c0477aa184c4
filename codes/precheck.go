// Prechecks: necessary conditions for a pattern to match, checked in one fast pass before the regular
// expression runs. Go's regexp scans a large text at a few MB/s; a multi-line body of 256 KiB that holds a
// pattern's guard but no match (a pretty-printed JSON document has "code" in a key) would otherwise cost tens
// of milliseconds per pattern. Each precheck only says "cannot match", so results never change.

package codes

import "strings"

// isRE2Space reports whether c is in RE2's \s: [\t\n\f\r ].
func isRE2Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// sepAfter reports whether word occurs in s (in any ASCII case when fold is set) followed by optional
// whitespace and '=' or ':': what `word\s*[=:]` needs. It looks back from each separator, which a text has
// fewer of than it has the word's first letter. fold is only exact for words without k or s, whose (?i) forms
// include the Kelvin sign and the long s.
func sepAfter(s, word string, fold bool) bool {
	for _, sep := range []byte{'=', ':'} {
		for j := strings.IndexByte(s, sep); j >= 0; {
			k := j
			for k > 0 && isRE2Space(s[k-1]) {
				k--
			}
			if k >= len(word) && literalAt(s, k-len(word), word, fold) {
				return true
			}
			next := strings.IndexByte(s[j+1:], sep)
			if next < 0 {
				break
			}
			j += 1 + next
		}
	}
	return false
}

// literalAt reports whether s holds word at i, in any ASCII case when fold is set (word is then lower-case
// letters only).
func literalAt(s string, i int, word string, fold bool) bool {
	if !fold {
		return s[i:i+len(word)] == word
	}
	for k := 0; k < len(word); k++ {
		if s[i+k]|0x20 != word[k] {
			return false
		}
	}
	return true
}

// arrowThenStatusDigit reports whether "->", "=>" or "→" is followed by optional whitespace and a digit 1-5:
// what `(?:->|=>|→)\s*([1-5]\d\d)` needs.
func arrowThenStatusDigit(s string) bool {
	for _, arrow := range []string{"->", "=>", "→"} {
		for from := 0; ; {
			i := strings.Index(s[from:], arrow)
			if i < 0 {
				break
			}
			j := from + i + len(arrow)
			for j < len(s) && isRE2Space(s[j]) {
				j++
			}
			if j < len(s) && s[j] >= '1' && s[j] <= '5' {
				return true
			}
			from += i + 1
		}
	}
	return false
}

// statusBeforeBrace reports whether a '{' follows, after optional whitespace, three digits of which the first
// is 1-5: what `([1-5]\d\d)\s*\{` needs.
func statusBeforeBrace(s string) bool {
	for j := strings.IndexByte(s, '{'); j >= 0; {
		k := j
		for k > 0 && isRE2Space(s[k-1]) {
			k--
		}
		if k >= 3 && statusAt(s, k-3) {
			return true
		}
		next := strings.IndexByte(s[j+1:], '{')
		if next < 0 {
			break
		}
		j += 1 + next
	}
	return false
}

// statusThenSpace reports whether three digits, the first 1-5, are followed by a space: what
// `([1-5]\d\d) ` needs.
func statusThenSpace(s string) bool {
	// Spaces are too common for strings.IndexByte to skip far, but digits are rare in text: every match's three
	// digits cover exactly one offset j with j%3 == 2, so only every third byte is looked at until a digit turns up.
	for j := 2; j < len(s); j += 3 {
		if !isDigitByte(s[j]) {
			continue
		}
		for p := max(j-2, 0); p <= j && p+3 < len(s); p++ {
			if s[p+3] == ' ' && s[p] >= '1' && s[p] <= '5' && isDigitByte(s[p+1]) && isDigitByte(s[p+2]) {
				return true
			}
		}
	}
	return false
}

// statusThenSnakeCode reports whether three digits, the first 1-5, are followed by " " or " - " and a lower-case
// snake_case word ("503 service_unavailable", "401 - bad_auth_token"): what
// `([1-5]\d\d)(?: | - )([a-z][a-z0-9]*(?:_[a-z0-9]+)+)` needs.
func statusThenSnakeCode(s string) bool {
	snakeAt := func(k int) bool {
		if k >= len(s) || s[k] < 'a' || s[k] > 'z' {
			return false
		}
		for k++; k < len(s) && isLowerAlnum(s[k]); k++ {
		}
		return k+1 < len(s) && s[k] == '_' && isLowerAlnum(s[k+1])
	}
	for i := 3; i < len(s); i++ {
		if s[i] != ' ' || !statusAt(s, i-3) {
			continue
		}
		if snakeAt(i+1) || strings.HasPrefix(s[i+1:], "- ") && snakeAt(i+3) {
			return true
		}
	}
	return false
}

// parenSnakeCode reports whether a '(' is followed by an optional status and space and a lower-case snake_case
// word closed by ')' ("(401 bad_auth_token)", "(expired_auth_token)"): what
// `\((?:([1-5]\d\d) )?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\)` needs.
func parenSnakeCode(s string) bool {
	for i := strings.IndexByte(s, '('); i >= 0; {
		j := i + 1
		if j+4 <= len(s) && statusAt(s, j) && s[j+3] == ' ' && snakeCodeThenParen(s[j+4:]) || snakeCodeThenParen(s[j:]) {
			return true
		}
		next := strings.IndexByte(s[j:], '(')
		if next < 0 {
			break
		}
		i = j + next
	}
	return false
}

// snakeCodeThenParen reports whether s starts with [a-z][a-z0-9]*(?:_[a-z0-9]+)+ and ')'.
func snakeCodeThenParen(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	i, parts := 1, 0
	for i < len(s) && isLowerAlnum(s[i]) {
		i++
	}
	for i < len(s) && s[i] == '_' {
		j := i + 1
		for j < len(s) && isLowerAlnum(s[j]) {
			j++
		}
		if j == i+1 {
			return false
		}
		i, parts = j, parts+1
	}
	return parts > 0 && i < len(s) && s[i] == ')'
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || isDigitByte(c) }

// statusAt reports whether s holds three digits at i, the first 1-5: an HTTP error status's shape.
func statusAt(s string, i int) bool {
	return i >= 0 && i+3 <= len(s) && s[i] >= '1' && s[i] <= '5' && isDigitByte(s[i+1]) && isDigitByte(s[i+2])
}
