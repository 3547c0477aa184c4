package codes

import "strings"

// indexFold is strings.Index ignoring ASCII case; needle is lower case. It allocates nothing and finds candidates
// with strings.IndexByte (which is vectorised), keeping one cursor per case of the first byte so that a long
// text is scanned about twice at most: it runs for many needles on every record of a large log.
func indexFold(s, needle string) int {
	if needle == "" {
		return 0
	}
	lo := needle[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -1, -1 // absolute positions of the next lo and up at or after i; len(s) when none
	for i := 0; i+len(needle) <= len(s); {
		if nextLo < i {
			nextLo = nextIndexByte(s, i, lo)
		}
		if up == lo {
			nextUp = nextLo
		} else if nextUp < i {
			nextUp = nextIndexByte(s, i, up)
		}
		j := min(nextLo, nextUp)
		if j+len(needle) > len(s) {
			return -1
		}
		if strings.EqualFold(s[j:j+len(needle)], needle) {
			return j
		}
		i = j + 1
	}
	return -1
}

// nextIndexByte is the position of c in s at or after i, or len(s).
func nextIndexByte(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}

// hasFold reports whether s holds the lower-case needle in any ASCII case.
func hasFold(s, needle string) bool { return indexFold(s, needle) >= 0 }
