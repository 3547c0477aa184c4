package codes

import "testing"

// A provider's own sentence names the provider: explain lists no other candidates for it, while a sentence that
// two providers share still leaves the choice open.
func TestSoleMessage(t *testing.T) {
	for _, c := range []struct {
		message string
		want    bool
	}{
		{"You cannot make another backup right now. Approximate time until next allowed backup: 23h 59m", true},
		{"The specified key does not exist.", false}, // OBS and S3 both say it
		{"Missing Permissions", false},               // too short to name anyone alone
		{"nothing any provider says in these words", false},
	} {
		if got := soleMessage(c.message); got != c.want {
			t.Errorf("soleMessage(%q) = %v, want %v", c.message, got, c.want)
		}
	}
}
