package codes

import (
	"bytes"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// BenchmarkMayHoldError measures the pre-filter alone on the lines of an ordinary log (no error lines), the work
// a large log's every line costs.
func BenchmarkMayHoldError(b *testing.B) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 1<<20, 0); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(log.Bytes(), []byte("\n"))
	b.SetBytes(int64(log.Len()))
	for b.Loop() {
		for _, l := range lines {
			if mayHoldError(l) {
				b.Fatalf("%q passed the pre-filter", l)
			}
		}
	}
}

// BenchmarkFirstCandidateLine measures the block scan that skips a large log's ordinary lines: 8 MiB of an
// ordinary log with one error line in 1000, scanned from candidate line to candidate line as skipOrdinary does.
func BenchmarkFirstCandidateLine(b *testing.B) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 8<<20, 1000); err != nil {
		b.Fatal(err)
	}
	in := log.Bytes()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		for rest := in; len(rest) > 0; {
			start := firstCandidateLine(rest)
			if start == len(rest) {
				break
			}
			end := bytes.IndexByte(rest[start:], '\n')
			if end < 0 {
				break
			}
			rest = rest[start+end+1:]
		}
	}
}
