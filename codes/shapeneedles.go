// Words with digits in a shape's tokens: a token's value can make a word the analysis looks for appear in a line
// ("0000" in an OBS request id, "b2:" after "deadb2", "x-amz-id-2" in "x-amz-id-2ab51c0d"), which the token's class
// does not show (a word a token's glued digits run into, "services.s3" of "services.s327681l", is kept in the shape
// instead: see trimGlued). Lines of one shape are served from the same memo only when they hold the same such words
// where their tokens are; a shape works out once where in its lines they can stand, so that a line is checked there
// rather than scanned whole.

package codes

import (
	"strings"
	"sync"
	"unsafe"
)

// digitNeedles are the words the analysis looks for in a line (clueNeedles: the clues, the text and shape
// guards, the method and domain words) that hold a decimal digit: the only ones a token's value can make
// appear, as a token is a run of hexadecimal digits with a decimal digit in it.
var digitNeedles = sync.OnceValue(func() *guardSet {
	all, _ := clueNeedles()
	g := newGuardSet(false)
	for i, n := range all.needles {
		if !strings.ContainsAny(n, "0123456789") {
			continue
		}
		if all.fold[i] {
			// A word found in any case would need its checks to admit both cases of each letter.
			panic("codes: a word with digits found in any case: shapeNeedleChecks takes exact words only")
		}
		g.add(n)
	}
	if len(g.needles) > 64 {
		panic("codes: more than 64 words with digits for a shape's needle mask")
	}
	return g
})

// needleCheck is a place where a line of a shape may hold a digitNeedle in part or whole in its tokens: the
// needle id is looked for in line[lo:hi].
type needleCheck struct {
	id     int
	lo, hi int32
}

// shapeNeedleChecks works out where the lines of a shape (text, its first line, with the tokens it leaves out
// and their classes) may hold a digitNeedle that overlaps a token: inside a token whose class admits each of
// the needle's bytes, or across a token's edge where the needle's bytes outside tokens are the shape's own
// text. An occurrence that overlaps no token is in the text every line of the shape shares, so it never tells
// two lines apart.
func shapeNeedleChecks(text []byte, tokens []shapeToken, classes []byte) []needleCheck {
	g := digitNeedles()
	// cover[i] is 1 + the token text[i] is in, or 0.
	cover := make([]uint8, len(text))
	for k, t := range tokens {
		for i := t.start; i < t.end; i++ {
			cover[i] = uint8(k + 1)
		}
	}
	var checks []needleCheck
	for id, n := range g.needles {
		for k, t := range tokens {
			start, end := int(t.start), int(t.end)
			if len(n) <= end-start && tokenAdmits(classes[k], n) {
				checks = append(checks, needleCheck{id, t.start, t.end})
			}
			// Occurrences that overlap the token and cross an edge of it; one that overlaps an earlier token
			// too was checked with that one.
			from := max(0, start-len(n)+1)
			if k > 0 {
				from = max(from, int(tokens[k-1].end))
			}
			for at := from; at < end && at+len(n) <= len(text); at++ {
				if at >= start && at+len(n) <= end {
					continue // inside the token
				}
				if needleMayStand(text, cover, classes, n, at) {
					checks = append(checks, needleCheck{id, int32(at), int32(at + len(n))})
				}
			}
		}
	}
	return checks
}

// needleMayStand reports whether needle n may occur at text[at:] in a line of the shape: each byte of it that
// falls in a token is admitted by the token's class, each other is the shape's own.
func needleMayStand(text []byte, cover, classes []byte, n string, at int) bool {
	for q := 0; q < len(n); q++ {
		i := at + q
		if k := cover[i]; k != 0 && !tokenAdmits(classes[k-1], n[q:q+1]) || k == 0 && text[i] != n[q] {
			return false
		}
	}
	return true
}

// tokenAdmits reports whether a token of the class may hold each byte of s: they are hexadecimal digits of the
// kinds the class says the token has.
func tokenAdmits(class byte, s string) bool {
	for i := 0; i < len(s); i++ {
		if hexClass[s[i]]&class == 0 {
			return false
		}
	}
	return true
}

// needlesAt returns the digitNeedles line holds at the checks, one bit each.
func needlesAt(checks []needleCheck, line []byte) uint64 {
	g := digitNeedles()
	mask := uint64(0)
	for _, c := range checks {
		if mask&(1<<c.id) != 0 {
			continue
		}
		if strings.Contains(unsafe.String(&line[c.lo], c.hi-c.lo), g.needles[c.id]) {
			mask |= 1 << c.id
		}
	}
	return mask
}
