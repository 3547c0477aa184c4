package codes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestGuardScanAgreesWithContains checks each one-pass scan (the patterns' guards, the providers' clues, the
// header words) against strings.Contains or hasFold for every needle, on large texts and short lines made of the
// needles' own pieces in both cases: a needle the scan misses would skip a pattern or a clue that matches.
func TestGuardScanAgreesWithContains(t *testing.T) {
	allPatterns()
	clues, _ := clueNeedles()
	for name, g := range map[string]*guardSet{"pattern guards": patternGuards, "clues": clues, "header words": headerWords} {
		t.Run(name, func(t *testing.T) { checkGuardSet(t, g) })
	}
}

func checkGuardSet(t *testing.T, g *guardSet) {
	needles := g.needles
	if len(needles) < 9 {
		t.Fatalf("only %d needles registered", len(needles))
	}
	r := rand.New(rand.NewPCG(7, 8))
	var pieces []string
	for _, n := range needles {
		pieces = append(pieces, n, n[:len(n)/2], n[len(n)/2:], strings.ToUpper(n), strings.ToUpper(n[:1])+n[1:])
	}
	pieces = append(pieces, " ", "\n", "the quick brown fox ", "e", "r", "o")
	found := 0
	for round := range 900 {
		// Large records, and log lines of every length up to a few hundred bytes, where a needle stands at
		// the very start or end as often as not.
		size := 2 << 10
		if round >= 300 {
			size = r.IntN(300)
		}
		var b strings.Builder
		for b.Len() < size {
			if r.IntN(40) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[len(pieces)-1-r.IntN(6)])
			}
		}
		s := b.String()
		present := g.scan(s)
		var buf [256]bool
		if into := g.scanInto(s, buf[:0]); !slices.Equal(into, present) {
			t.Fatalf("scanInto into a buffer disagrees with scan on %q", s)
		}
		for id, n := range needles {
			want := strings.Contains(s, n)
			if g.fold[id] {
				want = hasFold(s, n)
			}
			if present[id] != want {
				t.Fatalf("scan says %q present=%v, strings.Contains says %v", n, present[id], want)
			}
			if present[id] {
				found++
			}
		}
	}
	if found < 900 {
		t.Fatalf("needles found only %d times: the texts do not exercise the scan", found)
	}
}
