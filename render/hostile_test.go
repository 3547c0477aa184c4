package render

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// allocated returns the bytes f allocates: the memory bound of a hostile case, which must not grow with the
// part of the input that is dropped or cut.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// checkAlloc fails the test when f allocates more than max bytes.
func checkAlloc(t *testing.T, what string, max uint64, f func()) {
	t.Helper()
	if n := allocated(f); n > max {
		t.Errorf("%s allocated %d KiB, over the bound of %d KiB", what, n>>10, max>>10)
	} else {
		t.Logf("%s allocated %d bytes", what, n)
	}
}

// Issue 13, defect 5: zero-width characters spoof identifiers; a cut by width alone lets them through unbounded.
func TestSanitizeDropsZeroWidth(t *testing.T) {
	in := "req\u200Bid\u200D-\u2060x\uFEFF"
	if got := Sanitize(in); got != "reqid-x" {
		t.Fatalf("Sanitize(%q) = %q", in, got)
	}
	// 320 KB in, 140 KB out: a builder's growth allocates a few times that, a quadratic pass gigabytes.
	long := strings.Repeat(in, 20000)
	var got string
	checkAlloc(t, "Sanitize of 320 KB", 4<<20, func() { got = Sanitize(long) })
	if len(got) != 7*20000 {
		t.Fatalf("Sanitize kept %d bytes", len(got))
	}
}

func TestTruncateCutsBytesAndWidth(t *testing.T) {
	combining := "a" + strings.Repeat("\u0301", 80000)
	var got string
	checkAlloc(t, "Truncate of 80,000 combining characters", 16<<10, func() { got = Truncate(combining, 120) })
	if len(got) > 4*120 {
		t.Fatalf("Truncate kept %d bytes of zero-width text for width 120", len(got))
	}
	zeroWidth := strings.Repeat("\u200B", 80000) + "x"
	checkAlloc(t, "Clean of 80,000 zero-width characters", 16<<10, func() { got = Clean(zeroWidth, 120) })
	if got != "x…" && got != "…" {
		t.Fatalf("Clean of zero-width characters = %q", got)
	}
	if got := Truncate("wide 漢字漢字漢字", 8); got != "wide 漢…" {
		t.Fatalf("Truncate by width = %q", got)
	}
	mib := strings.Repeat("x", 1<<20)
	checkAlloc(t, "Clean of 1 MiB to width 500", 64<<10, func() { got = Clean(mib, 500) })
	if len(got) > 2000 || !strings.HasSuffix(got, "…") {
		t.Fatalf("Clean of 1 MiB kept %d bytes", len(got))
	}
}

// Issue 13, defects 1 and 7: every card field that holds input is sanitised and cut.
func TestFindingCardSanitisesEveryField(t *testing.T) {
	evil := "\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\u009b31m\u202Eevil\u200B\v\f\u0085\u2028"
	long := strings.Repeat("\u0301", 50000)
	f := &codes.Finding{
		Provider: "discord" + evil, Status: 429, Code: "c" + evil, Message: "m" + evil + long, RequestID: "r" + evil + long,
		Candidates: []string{"b2" + evil},
		Retry: codes.RetryPlan{Verdict: codes.Wait, Advice: "Wait (bucket " + evil + long + ")",
			Client: &codes.ClientBehaviour{Name: "x", Detail: "d" + evil + long}},
		FieldErrors: []codes.FieldError{{Path: "p" + evil + long, Code: "BASE" + evil, Message: "m" + evil + long}},
		Clues:       []string{"clue" + evil + long},
	}
	var c Card
	checkAlloc(t, "a card of 250 KB of hostile fields", 4<<20, func() { c = FindingCard(f) })
	all := []string{c.Heading.String(), c.Message}
	for _, fl := range c.Fields {
		all = append(all, fl.Value)
	}
	for _, s := range all {
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202E", "\u200B", "\v", "\f", "\u0085", "\u2028"} {
			if strings.Contains(s, bad) {
				t.Errorf("%q reached the card in %.80q", bad, s)
			}
		}
		if len(s) > 8000 {
			t.Errorf("a card field of %d bytes: not cut", len(s))
		}
	}
}

// Issue 13, defect 6: JSON writes C1 controls, bidi overrides and zero-width characters as \u escapes.
func TestWriteJSONEscapesInvisible(t *testing.T) {
	in := map[string]string{"m": "a\u0085b\u009bc\u202Ed\u2066e\u200Bf\u200Dg\u2060h\uFEFFi\u2028j é 漢"}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// 200,000 invisible characters (600 KB) become 6 bytes each (1.2 MB): encoding and indenting take several
	// copies of that, a quadratic pass far more.
	big := map[string]string{"m": strings.Repeat("\u202E\u200B", 100000)}
	var bigBuf bytes.Buffer
	checkAlloc(t, "WriteJSON of 200,000 invisible characters", 32<<20, func() {
		if err := WriteJSON(&bigBuf, big); err != nil {
			t.Fatal(err)
		}
	})
	if bigBuf.Len() > 2*6*200000+100 {
		t.Fatalf("WriteJSON wrote %d bytes for 200,000 characters", bigBuf.Len())
	}
	for _, r := range "\u0085\u009b\u202E\u2066\u200B\u200D\u2060\uFEFF\u2028" {
		if strings.ContainsRune(out, r) {
			t.Errorf("%U left raw in %q", r, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["m"] != in["m"] {
		t.Fatalf("round trip: %v, %q", err, back["m"])
	}
	if !strings.Contains(out, `\u0085`) || !strings.Contains(out, "é 漢") {
		t.Fatalf("escaping: %s", out)
	}
}
