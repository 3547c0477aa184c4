package codes

import (
	"strings"
	"testing"
)

// Tied evidence is broken in catalog order, so that explain says the same thing on every run: Go's maps iterate
// in a different order each time, which once made the "shared with" clue name a random one of two tied
// providers.
func TestTiesAreBrokenInCatalogOrder(t *testing.T) {
	for run := 0; run < 50; run++ {
		o := &observation{}
		scores := map[string]int{"s3": 5, "b2": 3, "obs": 3, "discord": 3}
		yieldToMarks(scores, o)
		if len(o.clues) != 1 || !strings.Contains(o.clues[0], "shared with b2:") || scores["s3"] != 2 {
			t.Fatalf("run %d: clues %q, s3 score %d; want b2 (first in catalog order) to decide, s3 at 2", run, o.clues, scores["s3"])
		}
		if got := strongProviderOf(map[string]int{"obs": 6, "b2": 6, "discord": 6}); got != "b2" {
			t.Fatalf("run %d: strongProviderOf of a three-way tie = %q, want %q", run, got, "b2")
		}
	}
}
