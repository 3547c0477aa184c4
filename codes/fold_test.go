package codes

import (
	"strings"
	"testing"
)

// TestIndexFold checks the case-insensitive search that clues, status names and spelled codes rely on against
// a plain lower-case search.
func TestIndexFold(t *testing.T) {
	for _, c := range []struct{ s, needle string }{
		{"Discord refused", "discord"}, {"the DISCORD api", "discord"}, {"no match here", "discord"},
		{"eeeeeeeeeeE-Tag", "e-tag"}, {"x-Obs-Request-Id: 1", "x-obs-"}, {"abc", "abcd"}, {"", "a"},
		{"Status: 404", "status"}, {"sTaTuS", "status"}, {"123-456", "-4"},
	} {
		want := strings.Index(strings.ToLower(c.s), c.needle)
		if got := indexFold(c.s, c.needle); got != want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", c.s, c.needle, got, want)
		}
	}
}
