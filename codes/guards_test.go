package codes

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGuardScanAgreesWithContains checks the one-pass guard scan against strings.Contains for every guard, on
// large texts made of the guards' own pieces: a guard the scan misses would skip a pattern that matches.
func TestGuardScanAgreesWithContains(t *testing.T) {
	allPatterns()
	needles := patternGuards.needles
	if len(needles) < 20 {
		t.Fatalf("only %d guards registered", len(needles))
	}
	r := rand.New(rand.NewPCG(7, 8))
	var pieces []string
	for _, n := range needles {
		pieces = append(pieces, n, n[:len(n)/2], n[len(n)/2:])
	}
	pieces = append(pieces, " ", "\n", "the quick brown fox ", "e", "r", "o")
	found := 0
	for range 300 {
		var b strings.Builder
		for b.Len() < guardScanMin {
			if r.IntN(40) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[len(pieces)-1-r.IntN(6)])
			}
		}
		s := b.String()
		present := patternGuards.scan(s)
		for id, n := range needles {
			if want := strings.Contains(s, n); present[id] != want {
				t.Fatalf("scan says %q present=%v, strings.Contains says %v", n, present[id], want)
			}
			if present[id] {
				found++
			}
		}
	}
	if found < 300 {
		t.Fatalf("guards found only %d times: the texts do not exercise the scan", found)
	}
}
