package codes

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestShapeNeedleChecks checks that a shape's needle checks find, in any line of the shape, exactly the
// digitNeedles that overlap its tokens: lines whose tokens are random values of their class, with pieces of
// the needles written into them (a digitNeedle a check misses would let a line that names a service or an id
// be served the analysis of one that does not).
func TestShapeNeedleChecks(t *testing.T) {
	g := digitNeedles()
	firsts := []string{
		"copy to d000a2: failed: 503 Service Unavailable",
		"ERROR com.amazonaws.services.s327681l.model failed",
		"RequestId=0000018C000000000001000000001EEF HostId=aGVsbG8=",
		"x-amz-id-2ab51c0d: 0123b2_upload_file 123454_zebra error code: 10155",
		"deadb2: 1234567 B2B2B2 services.s3 0000a1b2c3d4e5f60000 boto3 s3://bkt/0a1b2c3d4e5f",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	found := map[int]bool{}
	for _, first := range firsts {
		key, tokens, ok := appendLineShape(nil, nil, []byte(first))
		if !ok {
			t.Fatalf("%q has no shape", first)
		}
		classes, _, _ := shapeClasses([]byte(first), tokens)
		checks := shapeNeedleChecks([]byte(first), tokens, classes)
		for range 3000 {
			line := []byte(first)
			for k, tok := range tokens {
				fillToken(rng, line[tok.start:tok.end], classes[k], g.needles)
			}
			lineKey, _, _ := appendLineShape(nil, nil, line)
			if !bytes.Equal(lineKey, key) {
				continue // a value the shape keeps as it is: another shape
			}
			want := needlesOverlapping(line, tokens)
			if got := needlesAt(checks, line); got != want {
				t.Fatalf("in %q (shape of %q) the checks find needles %b, want %b", line, first, got, want)
			}
			for id := range g.needles {
				found[id] = found[id] || want&(1<<id) != 0
			}
		}
	}
	// The lines must hold the needles: a test whose lines held none would pass whatever the checks found.
	for _, n := range []string{"0000", "B2", "b2:", "x-amz-id-2", "4_z", "b2_upload_file"} {
		if !found[g.ids[n+"\x00false"]] {
			t.Errorf("no line held %q over a token", n)
		}
	}
}

// fillToken writes a random value of the class into tok, now and then with a piece of a needle in it: the
// part of the needle from a random place on, or up to one, cut to the bytes the class admits.
func fillToken(rng *rand.Rand, tok []byte, class byte, needles []string) {
	var alphabet []byte
	for c := range 256 {
		if hexClass[c]&class != 0 {
			alphabet = append(alphabet, byte(c))
		}
	}
	for i := range tok {
		tok[i] = alphabet[rng.IntN(len(alphabet))]
	}
	if rng.IntN(2) == 0 {
		n := needles[rng.IntN(len(needles))]
		cut := rng.IntN(len(n) + 1)
		piece := n[cut:] // the needle's end, at the token's start
		at := 0
		if rng.IntN(2) == 0 {
			piece = n[:cut] // its start, at the token's end
			at = max(0, len(tok)-len(piece))
		}
		for i := 0; i < len(piece) && at+i < len(tok); i++ {
			if hexClass[piece[i]]&class != 0 {
				tok[at+i] = piece[i]
			}
		}
	}
	// A token keeps its leading zeros, which its class counts.
	for i := 0; i < int(class>>3) && i < len(tok); i++ {
		tok[i] = '0'
	}
}

// needlesOverlapping returns, one bit each, the digitNeedles that occur in line overlapping one of tokens,
// found by trying every place.
func needlesOverlapping(line []byte, tokens []shapeToken) uint64 {
	g := digitNeedles()
	mask := uint64(0)
	for id, n := range g.needles {
		for at := 0; at+len(n) <= len(line); at++ {
			if string(line[at:at+len(n)]) != n {
				continue
			}
			for _, tok := range tokens {
				if at < int(tok.end) && at+len(n) > int(tok.start) {
					mask |= 1 << id
				}
			}
		}
	}
	return mask
}
