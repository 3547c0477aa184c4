package codes

import (
	"runtime"
	"strings"
	"testing"
)

// Issue 13, defect 4: record assembly converted the whole body so far to a string on every line, so an unclosed
// <Error> record of L lines cost O(L^2). Doubling the lines must about double the bytes Explain allocates (a
// quadratic assembly quadruples them). Bytes, not time: the count does not depend on the machine.
func TestRecordAssemblyIsLinear(t *testing.T) {
	alloc := func(lines int) uint64 {
		var b strings.Builder
		b.WriteString("<Error>\n<Code>NoSuchKey</Code>\n")
		for i := 0; i < lines; i++ {
			b.WriteString("<Detail>line of an unclosed error record</Detail>\n")
		}
		in := b.String()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := Explain(strings.NewReader(in), ExplainOptions{})
		runtime.ReadMemStats(&after)
		if err != nil || len(r.Findings) != 1 || r.Findings[0].Code != "NoSuchKey" {
			t.Fatalf("%d lines: %v, %d findings", lines, err, len(r.Findings))
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(2000), alloc(4000)
	if ratio := float64(large) / float64(small); ratio > 3 {
		t.Fatalf("2000 lines allocated %d KiB, 4000 lines %d KiB: %.1fx for twice the lines", small>>10, large>>10, ratio)
	}
}
