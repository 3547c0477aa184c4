package codes

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
)

// TestExplainFoundCountsOccurrences: Found counts every occurrence as Explain meets it, while the report folds
// repeats into one finding, and another goroutine can read it while Explain streams (run with -race).
func TestExplainFoundCountsOccurrences(t *testing.T) {
	var log strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&log, "2026-01-02T03:04:05Z INFO worker %d: processed batch\n", i)
		if i%100 == 0 {
			fmt.Fprintf(&log, "2026-01-02T03:04:05Z ERROR discord: DiscordAPIError[50013]: Missing Permissions (channel=%d)\n", i)
		}
	}
	pr, pw := io.Pipe()
	var found atomic.Int64
	seen := make(chan int64)
	go func() {
		// Write in pieces and read the counter between them, as the progress line does.
		var last int64
		text := log.String()
		for len(text) > 0 {
			n := min(len(text), 8<<10)
			_, _ = io.WriteString(pw, text[:n])
			text = text[n:]
			last = max(last, found.Load())
		}
		pw.Close()
		seen <- last
	}()
	rep, err := Explain(pr, ExplainOptions{Found: &found})
	if err != nil {
		t.Fatal(err)
	}
	<-seen
	if len(rep.Findings) != 1 || rep.Findings[0].Count != 30 {
		t.Fatalf("findings = %+v, want one finding seen 30 times", rep.Findings)
	}
	if got := found.Load(); got != 30 {
		t.Errorf("Found = %d, want 30 (every occurrence)", got)
	}
}

// TestExplainFoundCountsMemoisedRepeats: a line repeated verbatim is diagnosed once and then taken from the memo;
// Found still counts every repeat, as the report's Count does.
func TestExplainFoundCountsMemoisedRepeats(t *testing.T) {
	line := "2026-01-02T03:04:05Z ERROR discord: DiscordAPIError[50013]: Missing Permissions\n"
	var found atomic.Int64
	rep, err := Explain(strings.NewReader(strings.Repeat(line, 40)), ExplainOptions{Found: &found})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Count != 40 {
		t.Fatalf("findings = %+v, want one finding seen 40 times", rep.Findings)
	}
	if got := found.Load(); got != 40 {
		t.Errorf("Found = %d, want 40", got)
	}
}
