package codes

// osaDistance returns the optimal-string-alignment distance between a and b (insertions, deletions,
// substitutions and transpositions of adjacent bytes each cost 1), or max+1 as soon as it is certain to exceed
// max. Queries are short and compared with thousands of words, so the early exits matter more than generality;
// it works on bytes, which is exact for the ASCII codes and words it is used on.
func osaDistance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if a == b {
		return 0
	}
	if len(a) > 32 || len(b) > 32 {
		return max + 1 // longer strings are never typos of a code word
	}
	var rows [3][33]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if w := cur[j-1] + 1; w < v {
				v = w
			}
			if w := prev[j-1] + cost; w < v {
				v = w
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if w := prev2[j-2] + 1; w < v {
					v = w
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}

// typoBudget is how many edits a word of n bytes may carry and still count as a misspelling of another.
func typoBudget(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	case n < 14:
		return 2
	default:
		return 3
	}
}
