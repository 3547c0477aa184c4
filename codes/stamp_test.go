package codes

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestHasTimestampAgreesWithPattern checks the hand-written stamp finder against the regular expression it
// replaced, on log prefixes and on random strings of digits and separators.
func TestHasTimestampAgreesWithPattern(t *testing.T) {
	re := regexp.MustCompile(`\d{4}[-/]\d{2}[-/]\d{2}|\d{2}:\d{2}:\d{2}`)
	want := func(s string) bool { return re.MatchString(s[:min(len(s), 48)]) }
	cases := []string{"2026-03-02T10:11:12Z ERROR x", "2026/03-02 x", "10:11:12", "1:11:12", "10:11:1", "2026-3-02",
		"[worker 7] 23:59:59.999 panic", "", "error code: 400", "                                             12:34:56"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "0123456789:-/ aT"
	for range 20000 {
		b := make([]byte, r.IntN(60))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got := hasTimestamp(c); got != want(c) {
			t.Fatalf("hasTimestamp(%q) = %v, the pattern says %v", c, got, want(c))
		}
	}
}
