package codes

import (
	"path/filepath"
	"testing"
)

// heldOutFloor is the share of held-out inputs that must be diagnosed exactly like their labels. The held-out
// set was written by someone who had not seen the implementation or the main corpus; it measures how well
// explain generalises, so it is not tuned to 100%.
const heldOutFloor = 0.85

// TestHeldOut measures explain's accuracy on testdata/heldout and fails below heldOutFloor. Run with -v to see
// each miss.
func TestHeldOut(t *testing.T) {
	cases := loadManifest(t, filepath.Join("testdata", "heldout", "expect.json"))
	right := 0
	for _, c := range cases {
		c.File = filepath.Join("..", "heldout", c.File)
		diffs, err := diffCase(c)
		if err != nil {
			t.Fatal(err)
		}
		if len(diffs) == 0 {
			right++
			continue
		}
		t.Logf("miss %s: %v", filepath.Base(c.File), diffs)
	}
	acc := float64(right) / float64(len(cases))
	t.Logf("held-out accuracy: %d/%d = %.0f%%", right, len(cases), 100*acc)
	if acc < heldOutFloor {
		t.Fatalf("held-out accuracy %.0f%% is below %.0f%%", 100*acc, 100*heldOutFloor)
	}
}
