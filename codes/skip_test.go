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

// TestPairFilterKeepsEveryHit checks the byte filter of the block skip against the probes it stands in front of:
// wherever a marked pair's probes find a needle or a status, or its '{' stands alone on its line, the filter
// lets the pair through. The text is made of needles, statuses in every context, braces and white space.
func TestPairFilterKeepsEveryHit(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"status 404", "code=503", "-> 429 ", "=> 500", ":45", " 4", "5", "404 Not", "4", "{", " { ",
		"\u00a0{", "{\u3000", "\n", "x", "ab ", "\t", "0", "99", "503 Service", "(429)", "[500]", "a"}
	for _, n := range prefilterNeedles {
		pieces = append(pieces, n.needle, n.needle[1:], n.needle[:len(n.needle)-1])
	}
	var b []byte
	for range 200000 {
		b = append(b, pieces[r.IntN(len(pieces))]...)
	}
	hits := 0
	filterOf, filters := pairFilterTables()
	for i := 0; i+1 < len(b); i++ {
		pair := uint16(b[i])<<8 | uint16(b[i+1])
		if blockMarked[pair>>6]&(1<<(pair&63)) == 0 {
			continue
		}
		hit := pairMarked[pair>>6]&(1<<(pair&63)) != 0 && probesHit(b, i, pair)
		if !hit && braceMarked[pair>>6]&(1<<(pair&63)) != 0 {
			start := bytes.LastIndexByte(b[:i+1], '\n') + 1
			end := len(b)
			if nl := bytes.IndexByte(b[start:], '\n'); nl >= 0 {
				end = start + nl
			}
			t := bytes.TrimSpace(b[start:end])
			hit = len(t) == 1 && t[0] == '{'
		}
		if hit {
			hits++
			if !filters[filterOf[pair]].passes(b, i) {
				t.Fatalf("the filter drops the pair %q at %d in %q, where a probe hits", b[i:i+2], i, b[max(0, i-16):min(len(b), i+16)])
			}
		}
	}
	if hits < 10000 {
		t.Fatalf("only %d hits: the text does not try the filter", hits)
	}
}
