package codes

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// mayHoldErrorReference is the byte-at-a-time pre-filter that the pair table replaced, kept as the
// definition mayHoldError must agree with. It is the cheap test that lets a large log's ordinary lines pass without analysis: a line with an
// error has an error word, a client's exception name, an HTTP status line, an error body's key, or a status of
// 4xx or 5xx next to a word that says it is one. It looks at each byte once.
func mayHoldErrorReference(b []byte) bool {
	// The first line of a multi-line body: errors are printed pretty more often than ordinary log records are.
	if t := bytes.TrimSpace(b); len(t) == 1 && t[0] == '{' {
		return true
	}
	// Each case first compares the next byte inline: most letters start no needle, and the call to
	// bytes.HasPrefix is what costs.
	n := len(b)
	for i := 0; i+1 < n; i++ {
		if !needleStart[b[i]] {
			continue
		}
		c, d := b[i], b[i+1]
		var hit bool
		switch c {
		case 'r':
			hit = (d == 'r' && hasAt(b, i, "rror")) || (d == 'e' && hasAt(b, i, "retry_after"))
		case 'R':
			hit = d == 'R' && hasAt(b, i, "RROR")
		case 'x':
			hit = d == 'c' && hasAt(b, i, "xception")
		case 'H':
			hit = d == 'T' && hasAt(b, i, "HTTP/")
		case 'o':
			hit = (d == 'd' && (hasAt(b, i, "ode=") || hasAt(b, i, "ode:") || hasAt(b, i, `ode":`))) ||
				(d == 'r' && hasAt(b, i, "orbidden"))
		case 'e':
			hit = d == 'n' && hasAt(b, i, "enied")
		case 'n':
			hit = (d == 'v' && hasAt(b, i, "nvalid")) || (d == 'a' && hasAt(b, i, "nauthori"))
		case 'i':
			hit = d == 'm' && hasAt(b, i, "imit")
		case 'a':
			hit = d == 'i' && hasAt(b, i, "ailed")
		case '<':
			hit = d == '?' && hasAt(b, i, "<?xml")
		case '4', '5':
			hit = isStatusInContext(b, i)
		}
		if hit {
			return true
		}
	}
	return false
}

// needleStart marks the bytes a needle or a status can start with.
var needleStart = func() (t [256]bool) {
	for _, c := range []byte("rRxHoenia<45") {
		t[c] = true
	}
	return t
}()

// TestMayHoldErrorAgreesWithReference checks the pair-table pre-filter against the byte-at-a-time one on a
// generated log, on every needle at every position of short lines, and on random text built from the needles'
// own bytes: a line one of them passes and the other drops would change what explain reports.
func TestMayHoldErrorAgreesWithReference(t *testing.T) {
	check := func(line []byte) {
		t.Helper()
		if got, want := mayHoldError(line), mayHoldErrorReference(line); got != want {
			t.Fatalf("mayHoldError(%q) = %v, the reference says %v", line, got, want)
		}
	}
	var log bytes.Buffer
	if err := loggen.Write(&log, 256<<10, 7); err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(log.Bytes(), []byte("\n")) {
		check(line)
	}
	words := []string{"status 404", "code=503", "-> 429", "=> 500", "HTTP 404 Not Found", "400 Bad", "4", "45",
		"450", "5000", " {", "{", "  {  ", "{}"}
	for _, n := range prefilterNeedles {
		words = append(words, n.needle, n.needle[:len(n.needle)-1], n.needle[1:])
	}
	for _, w := range words {
		for pad := 0; pad < 4; pad++ {
			check([]byte(strings.Repeat("x", pad) + w))
			check([]byte(w + strings.Repeat(" ", pad)))
			check([]byte(strings.Repeat(".", pad) + w + "a"))
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := "rRxHoeniad<?45 09_:=\"->.TPcbvumlyfstS/{}"
	for range 200000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(b)
	}
}
