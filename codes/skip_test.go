package codes

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// TestSkipOrdinaryDropsOnlyOrdinaryLines checks that the block skip drops no line the pre-filter passes: on a
// generated log with errors and on random lines made of needles, statuses, braces and spaces, every line before
// the candidate firstCandidateLine returns is one mayHoldError drops, and the skip goes on finding every line
// the pre-filter passes.
func TestSkipOrdinaryDropsOnlyOrdinaryLines(t *testing.T) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 512<<10, 50); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"status 404", "code=503", ":45", " 4", "5", "{", " { ", "\u00a0{", "{\u3000", "x", "ab ", "\t"}
	for _, n := range prefilterNeedles {
		pieces = append(pieces, n.needle, n.needle[1:])
	}
	for range 20000 {
		for n := r.IntN(6); n > 0; n-- {
			log.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(3) == 0 {
				log.WriteString(strings.Repeat("z", r.IntN(3)))
			}
		}
		log.WriteByte('\n')
	}
	b := log.Bytes()
	passed, found := 0, 0
	for off := 0; off < len(b); {
		c := off + firstCandidateLine(b[off:])
		for _, line := range bytes.SplitAfter(b[off:c], []byte("\n")) {
			if len(line) > 0 && mayHoldError(bytes.TrimRight(line, "\r\n")) {
				t.Fatalf("the skip drops %q, which the pre-filter passes", line)
			}
		}
		if c == len(b) {
			break
		}
		end := c + bytes.IndexByte(b[c:], '\n') + 1
		found++
		if mayHoldError(bytes.TrimRight(b[c:end], "\r\n")) {
			passed++
		}
		off = end
	}
	if passed < 5000 {
		t.Fatalf("only %d of %d candidate lines pass the pre-filter: the input does not exercise the skip", passed, found)
	}
}
