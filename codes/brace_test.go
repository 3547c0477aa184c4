package codes

import (
	"math/rand/v2"
	"testing"
)

// braceBalanceReference is the byte-at-a-time brace count that braceBalance must agree with.
func braceBalanceReference(s string) int {
	n := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"':
			quote = c
		case c == '{':
			n++
		case c == '}':
			n--
		}
	}
	return n
}

// TestBraceBalanceAgreesWithReference checks the table-driven brace count on random text of braces, quotes,
// escapes and letters: a wrong count would end a JSON body too early or too late.
func TestBraceBalanceAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	alphabet := `{}"\ab `
	for range 100000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := braceBalance(string(b)), braceBalanceReference(string(b)); got != want {
			t.Fatalf("braceBalance(%q) = %d, want %d", b, got, want)
		}
	}
}
