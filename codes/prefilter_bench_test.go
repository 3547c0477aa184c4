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
