package codes

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFirstOpenTagsAgreesWithIndex checks the one-pass tag finder against strings.Index for each element, on
// texts made of tags, partial tags and nested '<'.
func TestFirstOpenTagsAgreesWithIndex(t *testing.T) {
	pieces := []string{"<", ">", "<<", "x", " ", "</Code>", "<Code", "Code>", "<Codes>"}
	for _, n := range xmlErrorElements {
		pieces = append(pieces, "<"+n+">", "<"+n, n+">", "</"+n+">")
	}
	r := rand.New(rand.NewPCG(9, 10))
	hits := 0
	for range 50000 {
		var b strings.Builder
		for n := r.IntN(10); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		at := firstOpenTags(s, xmlErrorElements)
		for k, n := range xmlErrorElements {
			if want := strings.Index(s, "<"+n+">"); at[k] != want {
				t.Fatalf("firstOpenTags(%q) finds <%s> at %d, strings.Index at %d", s, n, at[k], want)
			}
			if at[k] >= 0 {
				hits++
			}
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d tags found: the texts do not exercise the finder", hits)
	}
}
