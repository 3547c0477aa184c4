package codes

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHasLineStartingAgreesWithContains checks hasLineStarting against strings.Contains of the prefix after a
// line end, on random text of line ends, the prefix and its pieces.
func TestHasLineStartingAgreesWithContains(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"\n", "In ", "I", "n ", "In", " ", "x"}
	hits := 0
	for range 50000 {
		var b strings.Builder
		for n := r.IntN(8); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.Contains(s, "\nIn ")
		if got := hasLineStarting(s, "In "); got != want {
			t.Fatalf("hasLineStarting(%q) = %v, want %v", s, got, want)
		}
		if want {
			hits++
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d texts hold the prefix after a line end", hits)
	}
}
