package codes

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Tied evidence is broken in catalog order, so that explain says the same thing on every run: Go's maps iterate
// in a different order each time, which once made the "shared with" clue name a random one of two tied
// providers. Discord, tied too, does not speak S3's API, so its marks never decide.
func TestTiesAreBrokenInCatalogOrder(t *testing.T) {
	for run := 0; run < 50; run++ {
		o := &observation{}
		scores := map[string]int{"s3": 5, "b2": 3, "obs": 3, "discord": 3}
		yielder, to := yieldToMarks(scores, o)
		if yielder != "s3" || to != "b2" || scores["s3"] != 2 {
			t.Fatalf("run %d: %s yielded to %q, s3 score %d; want s3 to yield to b2 (first in catalog order), s3 at 2",
				run, yielder, to, scores["s3"])
		}
		if got := strongProviderOf(map[string]int{"obs": 6, "b2": 6, "discord": 6}); got != "b2" {
			t.Fatalf("run %d: strongProviderOf of a three-way tie = %q, want %q", run, got, "b2")
		}
	}
}

// TestHeaderClueNamesTheSameHeaderEveryRun: a curl transcript with two headers of one S3-compatible service (B2's
// x-bz-file-name and x-bz-content-sha1) is recognised by the first in name order on every run; a map's order
// once named either. FuzzExplainLog found it as a difference between two runs; its input is the seed read here.
func TestHeaderClueNamesTheSameHeaderEveryRun(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzExplainLog", "04d7a3320eb8fd6e"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(strings.Split(string(raw), "\n")[1], "string("), ")"))
	if err != nil {
		t.Fatal(err)
	}
	log, _, _ := fuzzLog(t, in)
	for run := 0; run < 30; run++ {
		rep, err := Explain(bytes.NewReader(log), ExplainOptions{})
		if err != nil || len(rep.Findings) == 0 {
			t.Fatalf("%v, %d findings", err, len(rep.Findings))
		}
		clues := strings.Join(rep.Findings[0].Clues, "; ")
		if !strings.Contains(clues, "x-bz-content-sha1 header") {
			t.Fatalf("run %d: clues %q, want the x-bz-content-sha1 header named", run, clues)
		}
	}
}
