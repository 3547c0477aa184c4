package codes

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestLeadingStamp checks which line heads count as a log stamp, and how much of the line each one is.
func TestLeadingStamp(t *testing.T) {
	cases := []struct {
		line  string
		stamp string // the part leadingStamp spans; "" when it finds none
	}{
		{"2024-05-01T10:00:00.123Z ERROR 503", "2024-05-01T10:00:00.123Z "},
		{"2024-05-01 10:00:00,123 WARN x", "2024-05-01 10:00:00,123 "},
		{"2024/05/01 10:00:00 x", "2024/05/01 10:00:00 "},
		{"2024-05-01T10:00:00+02:00   x", "2024-05-01T10:00:00+02:00   "},
		{"2024-05-01T10:00:00-0700 x", "2024-05-01T10:00:00-0700 "},
		{"2024-05-01T10:00:00.123456789Z x", "2024-05-01T10:00:00.123456789Z "},
		{"[2024-05-01 10:00:00,123] ERROR x", "[2024-05-01 10:00:00,123] "},
		{"May  1 10:00:00 host app[123]: x", "May  1 10:00:00 "},
		{"Dec 31 23:59:59.999 host x", "Dec 31 23:59:59.999 "},
		{"[Nov 30 10:00:00] x", "[Nov 30 10:00:00] "},
		// Not stamps, or not followed by a space and more text: the line is analysed as it is.
		{"2024-05-01T10:00:00.123Z", ""},
		{"2024-05-01T10:00:00.123Z   ", ""},
		{"2024-05-01T10:00:00Z: x", ""},
		{"2024-05-01 x", ""},
		{"2024-05/01 10:00:00 x", ""},
		{"10:00:00 ERROR x", ""},
		{"[2024-05-01 10:00:00 ERROR x", ""},
		{"Mai  1 10:00:00 x", ""},
		{"May 1 10:00:00 x", ""},
		{"May  1 10:00 x", ""},
		{" 2024-05-01T10:00:00Z x", ""},
		{"503 service_unavailable", ""},
		{"", ""},
		{"[", ""},
	}
	for _, c := range cases {
		if got := c.line[:leadingStamp(c.line)]; got != c.stamp {
			t.Errorf("leadingStamp(%q) spans %q, want %q", c.line, got, c.stamp)
		}
	}
}

// TestAdvancingStampsRepeatOneAnalysis checks that a log repeating one error under an advancing clock reads as
// the same report as one whose clock stands still, and that its lines are analysed once: they share one memo
// entry, as identical lines do.
func TestAdvancingStampsRepeatOneAnalysis(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	formats := map[string]func(time.Time) string{
		"iso":       func(t time.Time) string { return t.Format("2006-01-02T15:04:05.000Z07:00") + " ERROR app.storage " },
		"syslog":    func(t time.Time) string { return t.Format("Jan _2 15:04:05") + " host app[123]: " },
		"bracketed": func(t time.Time) string { return "[" + t.Format("2006-01-02 15:04:05,000") + "] ERROR " },
	}
	const lines = 400
	for name, stamp := range formats {
		t.Run(name, func(t *testing.T) {
			var moving, still strings.Builder
			for i := range lines {
				at := t0.Add(time.Duration(i) * 1537 * time.Millisecond)
				fmt.Fprintf(&moving, "%supload failed: 503 service_unavailable from b2\n", stamp(at))
				fmt.Fprintf(&still, "%supload failed: 503 service_unavailable from b2\n", stamp(t0))
			}
			got, err := Explain(strings.NewReader(moving.String()), ExplainOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := Explain(strings.NewReader(still.String()), ExplainOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Findings) != 1 || got.Findings[0].Count != lines || got.Findings[0].Code != "service_unavailable" {
				t.Fatalf("findings %+v, want one service_unavailable seen %d times", got.Findings, lines)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("advancing stamps give %+v, a standing clock %+v", got, want)
			}

			x := &explainer{findings: map[string]*Finding{}}
			for l := range strings.Lines(moving.String()) {
				x.line([]byte(l))
			}
			x.flush()
			if len(x.memo) != 1 {
				t.Errorf("%d lines that differ only in their stamps were analysed as %d texts, want 1", lines, len(x.memo))
			}
		})
	}
}
