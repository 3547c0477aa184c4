//go:build linux

package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile-input suite: each input runs errcode as its own process (runHostile) and must end with its
// documented exit code and a clear message, printing no more than a stated number of bytes and peaking under a
// stated resident memory. Linux only: the peak comes from the kernel's rusage in Linux's units.

// repeatReader yields prefix, then n bytes of fill, then suffix, without ever holding them all.
type repeatReader struct {
	prefix, suffix string
	fill           byte
	n              int64
	stage          int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	switch {
	case r.stage == 0:
		n := copy(p, r.prefix)
		r.prefix = r.prefix[n:]
		if r.prefix == "" {
			r.stage = 1
		}
		return n, nil
	case r.stage == 1 && r.n > 0:
		k := int64(len(p))
		if k > r.n {
			k = r.n
		}
		for i := int64(0); i < k; i++ {
			p[i] = r.fill
		}
		r.n -= k
		return int(k), nil
	case r.stage <= 2:
		r.stage = 2
		n := copy(p, r.suffix)
		r.suffix = r.suffix[n:]
		if r.suffix == "" {
			r.stage = 3
		}
		return n, nil
	}
	return 0, io.EOF
}

func TestHostileEmptyInput(t *testing.T) {
	out, errOut, code := runHostile(t, smallInput, strings.NewReader(""), "explain")
	if code != ExitNotFound || out != "" || errOut != "errcode: no API error found in stdin (0 lines read)\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestHostile100MiBOnOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MiB")
	}
	r := &repeatReader{prefix: `{"status": 503, "code": "service_unavailable", "message": "`, fill: 'x', n: 100 << 20, suffix: "\"}\n"}
	// The message is cut, so the card is as long as for a short one; memory stays far below the line's size.
	out, errOut, code := runHostile(t, limits{output: 16 << 10, rss: 64 << 20}, r, "explain", "--format=pretty")
	if code != 0 || !strings.Contains(stripANSI(out), "b2 · 503 · service_unavailable") {
		t.Fatalf("exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}
}

func TestHostileDeepNesting(t *testing.T) {
	r := &repeatReader{prefix: `{"code": 50035, "message": "Invalid Form Body", "errors": `, fill: '[', n: 1 << 20, suffix: "\n"}
	out, errOut, code := runHostile(t, smallInput, r, "explain", "--json")
	if code != 0 || !strings.Contains(out, `"code": "50035"`) {
		t.Fatalf("exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}
	objects := &repeatReader{prefix: "", fill: '{', n: 1 << 20, suffix: "\n"}
	if _, _, code := runHostile(t, smallInput, objects, "explain"); code != ExitNotFound {
		t.Fatalf("a million '{' gave exit %d", code)
	}
}

func TestHostileInvalidUTF8AndNUL(t *testing.T) {
	in := "HTTP/1.1 403 Forbidden\nServer: OBS\n\n<Error><Code>AccessDenied</Code><Message>bad \xff\xfe bytes \x00 and NUL</Message></Error>\n"
	out, errOut, code := runHostile(t, smallInput, strings.NewReader(in), "explain", "--format=pretty")
	if code != 0 || !strings.Contains(out, "AccessDenied") {
		t.Fatalf("exit %d, stderr %q:\n%s", code, errOut, out)
	}
	if strings.ContainsRune(out, 0) || !strings.Contains(out, "\uFFFD") {
		t.Fatalf("NUL or invalid UTF-8 reached the terminal: %q", out)
	}
}

func TestHostileXMLEntities(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>` +
		`<Error><Code>NoSuchKey</Code><Message>&lol3; &ext;</Message><RequestId>0001</RequestId></Error>` + "\n"
	out, _, code := runHostile(t, smallInput, strings.NewReader(laughs), "explain", "--format=pretty")
	if code != 0 || !strings.Contains(stripANSI(out), "· 404 · NoSuchKey") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, "lollol") || strings.Contains(out, "root:") {
		t.Fatalf("entities were expanded:\n%s", out)
	}
}

func TestHostileEscapeSequences(t *testing.T) {
	evil := "\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\x9b31m"
	in := "HTTP/1.1 404 Not Found\nServer: OBS\nx-obs-request-id: " + evil + "id\nx-obs-error-code: NoSuchKey" + evil + "\n\n" +
		"<Error><Code>NoSuchKey</Code><Message>gone " + evil + "</Message></Error>\n" +
		`{"status": 401, "code": "bad_auth_token` + evil + `", "message": "m` + evil + `"}` + "\n"
	for _, args := range [][]string{{"explain", "--format=pretty"}, {"explain", "--format=pretty", "--color=always"}, {"explain"}} {
		out, errOut, _ := runHostile(t, smallInput, strings.NewReader(in), args...)
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x9b", "pwned\x07"} {
			if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
				t.Fatalf("%v: %q reached the terminal:\n%q", args, bad, out)
			}
		}
	}
}

func TestHostileNumbers(t *testing.T) {
	cases := []string{
		`{"status": 99999999999999999999999999, "code": "bad_auth_token", "message": "x"}`,
		`{"message": "You are being rate limited.", "retry_after": 1e400, "global": false}`,
		`{"message": "x", "code": 123456789012345678901234567890}`,
		"HTTP/1.1 -404 Bad\n\n",
		"HTTP/1.1 600 Nope\n\n",
		"HTTP/1.1 99 Low\n\n",
		`{"status": 999, "code": "not_a_code", "message": "x"}`,
		"HTTP/1.1 429 Too Many Requests\nRetry-After: 99999999999999999999999999999999999999999\n\n",
		"HTTP/1.1 429 Too Many Requests\nRetry-After: -30\n\n",
		"HTTP/1.1 429 Too Many Requests\nRetry-After: Fri, 31 Dec 9999 23:59:59 GMT\n\n",
	}
	for _, in := range cases {
		out, errOut, code := runHostile(t, smallInput, strings.NewReader(in), "explain", "--json")
		if code != 0 && code != ExitNotFound {
			t.Errorf("%q: exit %d, stderr %q", in, code, errOut)
		}
		if strings.Contains(out, `"status": 600`) || strings.Contains(out, `"status": -404`) || strings.Contains(out, `"status": 999`) || strings.Contains(out, `"status": 99,`) {
			t.Errorf("%q: an invalid status was reported:\n%s", in, out)
		}
		if strings.Contains(in, "Retry-After") && !strings.Contains(out, `"after_seconds": 3600`) && !strings.Contains(out, `"after_seconds": 0`) {
			t.Errorf("%q: the delay was not capped to [0, 3600]:\n%s", in, out)
		}
	}
}

func TestHostileHugeCode(t *testing.T) {
	code10k := strings.Repeat("A", 10<<10)
	in := `{"status": 400, "code": "` + code10k + `", "message": "m"}` + "\n"
	out, errOut, code := runHostile(t, smallInput, strings.NewReader(in), "explain", "--format=pretty")
	if code != 0 || strings.Count(out, "A") > 2000 {
		t.Fatalf("exit %d, stderr %q, printed %d bytes", code, errOut, len(out))
	}
	_, errOut, code = runHostile(t, limits{output: 2000, rss: smallInput.rss}, nil, "lookup", code10k)
	if code != ExitNotFound || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("lookup of a 10 KB code: exit %d, stderr %.200q", code, errOut)
	}
}

// TestHostileNodeBudget feeds an array of more junk values than the object parser keeps: it must stop, not spin
// (a hang FuzzLooseObjects found; runHostile kills a run that does not end).
func TestHostileNodeBudget(t *testing.T) {
	in := "{0:[" + strings.Repeat("!", 20000) + "\n"
	if _, _, code := runHostile(t, smallInput, strings.NewReader(in), "explain"); code != ExitNotFound {
		t.Fatalf("exit %d", code)
	}
}

// Issue 13, defect 2: flag errors quote argv; a code copied from a log must not reach the terminal raw.
func TestHostileFlagErrorIsSanitised(t *testing.T) {
	evil := "--x\x1b]0;pwned\x07\u009b2J\u202E" + strings.Repeat("y", 10000)
	for _, args := range [][]string{{"lookup", evil}, {"explain", evil}, {"lookup", "-\x1b]52;c;QQ==\x07"}} {
		_, errOut, code := runHostile(t, limits{output: 4000, rss: smallInput.rss}, nil, args...)
		if code != ExitUsage {
			t.Errorf("%.20q: exit %d", args, code)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202E"} {
			if strings.Contains(errOut, bad) {
				t.Errorf("%q reached stderr: %.120q", bad, errOut)
			}
		}
	}
}

// Issue 13, defect 1: the X-RateLimit-Bucket value is copied into the retry advice; it must arrive there clean
// and cut, in cards and in JSON.
func TestHostileRateLimitBucket(t *testing.T) {
	evil := "abc\u009d52;c;ZXZpbA==\u009c\u202Eevil\u200B" + strings.Repeat("\u0301", 4000) + strings.Repeat("b", 4000)
	in := "HTTP/1.1 429 Too Many Requests\nX-RateLimit-Bucket: " + evil + "\nRetry-After: 2\n\n" +
		`{"message": "You are being rate limited.", "retry_after": 2, "global": false}` + "\n"
	for _, args := range [][]string{{"explain", "--format=pretty"}, {"explain", "--json"}} {
		out, errOut, code := runHostile(t, limits{output: 6000, rss: smallInput.rss}, strings.NewReader(in), args...)
		if code != 0 || !strings.Contains(out, "bucket abc") {
			t.Fatalf("%v: exit %d, stderr %q:\n%s", args, code, errOut, out)
		}
		for _, bad := range []string{"\u009d", "\u009c", "\u202E", "\u200B"} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: %q reached stdout", args, bad)
			}
		}
	}
}

// Issue 13, defect 7: the note about a negative delay quoted the server's value as it came; a value that
// parses after trimming still carries VT, FF, NEL and U+2028 around the number.
func TestHostileNegativeDelayNote(t *testing.T) {
	in := "{\"retryDelay\": \"\v\f\u0085\u2028-5s\v\f\u0085\u2028\", \"message\": \"quota\", \"code\": 429}\n"
	for _, args := range [][]string{{"explain", "--format=pretty"}, {"explain"}, {"explain", "--json"}} {
		out, errOut, code := runHostile(t, smallInput, strings.NewReader(in), args...)
		if code != 0 || !strings.Contains(out, "negative delay") {
			t.Fatalf("%v: exit %d, stderr %q:\n%s", args, code, errOut, out)
		}
		for _, bad := range []string{"\v", "\f", "\u0085", "\u2028"} {
			if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
				t.Errorf("%v: %q reached the output: %q", args, bad, out)
			}
		}
	}
}

// Issue 13, defect 3: a Discord field-error tree with 4 KiB keys and hundreds of _errors entries keeps at most
// 100 entries a finding and 1000 in all, cuts the paths, and says how many it left out.
func TestHostileFieldErrorTree(t *testing.T) {
	var b strings.Builder
	items := strings.TrimSuffix(strings.Repeat(`{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"},`, 300), ",")
	key := strings.Repeat("k", 4096)
	// One response per status: thirteen findings of 300 field errors each.
	statuses := []int{400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 502}
	for _, st := range statuses {
		fmt.Fprintf(&b, "HTTP/1.1 %d X\ncontent-type: application/json\n\n", st)
		b.WriteString(`{"code": 50035, "message": "Invalid Form Body", "errors": {"` + key + `": {"` + key + `": {"_errors": [` + items + "]}}}}\n\n")
	}
	in := b.String()

	out, errOut, code := runHostile(t, limits{output: 1 << 20, rss: smallInput.rss}, strings.NewReader(in), "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []struct {
		FieldErrors []struct {
			Path string `json:"path"`
		} `json:"field_errors"`
		Dropped int `json:"field_errors_dropped"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	// Each finding keeps at most 100 and counts what it left out (the parser's own node budget may have
	// skipped some entries before they were counted, so the count is a floor); all together keep 1000: the
	// findings after the tenth keep none.
	kept := 0
	for i, f := range got {
		if len(f.FieldErrors) > 100 || f.Dropped == 0 {
			t.Errorf("finding %d: %d field errors kept, %d dropped", i, len(f.FieldErrors), f.Dropped)
		}
		if i >= 10 && len(f.FieldErrors) != 0 {
			t.Errorf("finding %d kept %d field errors beyond the total of 1000", i, len(f.FieldErrors))
		}
		for _, fe := range f.FieldErrors {
			if len(fe.Path) > 256 {
				t.Fatalf("a field path of %d bytes", len(fe.Path))
			}
		}
		kept += len(f.FieldErrors)
	}
	if len(got) != len(statuses) || kept != 1000 {
		t.Fatalf("%d findings, %d field errors kept", len(got), kept)
	}

	// The card shows twenty and counts the rest.
	out, _, _ = runHostile(t, limits{output: 64 << 10, rss: smallInput.rss}, strings.NewReader(in), "explain", "--format=pretty")
	if more := fmt.Sprintf("… and %d more", len(got[0].FieldErrors)-20+got[0].Dropped); !strings.Contains(out, more) {
		t.Fatalf("the card does not say %q:\n%.2000s", more, stripANSI(out))
	}
}

// Issue 13, defect 4: unclosed <Error> records of thousands of lines were assembled in quadratic time and
// memory; here they must stay within a small input's memory.
func TestHostileUnclosedRecords(t *testing.T) {
	var b strings.Builder
	for r := 0; r < 4; r++ {
		b.WriteString("<Error>\n<Code>NoSuchKey</Code>\n")
		for i := 0; i < 4000; i++ {
			b.WriteString("<Detail>line of an unclosed error record</Detail>\n")
		}
	}
	out, errOut, code := runHostile(t, smallInput, strings.NewReader(b.String()), "explain", "--json")
	if code != 0 || !strings.Contains(out, `"code": "NoSuchKey"`) {
		t.Fatalf("exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}
}

// Issue 13, defects 5 and 6: 80,000 zero-width and combining characters in a message are dropped or cut on a
// card, and JSON writes C1 controls, bidi overrides and zero-width characters as \u escapes.
func TestHostileInvisibleCharacters(t *testing.T) {
	invisible := strings.Repeat("\u200B\u200D\u2060\uFEFF", 10000) + strings.Repeat("\u0301", 40000)
	in := `{"status": 401, "code": "bad_auth_token", "message": "m` + "\u0085\u009b\u202E\u2066" + invisible + `"}` + "\n"
	out, errOut, code := runHostile(t, smallInput, strings.NewReader(in), "explain", "--format=pretty")
	if code != 0 || !strings.Contains(out, "bad_auth_token") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, bad := range []string{"\u200B", "\u200D", "\u2060", "\uFEFF", "\u0085", "\u009b", "\u202E", "\u2066"} {
		if strings.Contains(out, bad) {
			t.Errorf("card: %q reached the terminal", bad)
		}
	}
	out, _, _ = runHostile(t, smallInput, strings.NewReader(in), "explain", "--json")
	for _, bad := range []string{"\u200B", "\u0085", "\u009b", "\u202E", "\u2066"} {
		if strings.Contains(out, bad) {
			t.Errorf("JSON: %q left raw", bad)
		}
	}
	if low := strings.ToLower(out); !strings.Contains(low, `\u0085`) || !strings.Contains(low, `\u202e`) {
		t.Errorf("JSON wrote the invisible characters neither raw nor escaped: %.400s", out)
	}
}

// Issue 13, defect 10: a file that cannot be read exits 2 after the others were explained, says so once without
// repeating the path, and --json still carries what the readable files held.
func TestHostileUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.log")
	if err := os.WriteFile(good, []byte("HTTP/1.1 429 Too Many Requests\nRetry-After: 5\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.log")
	for _, args := range [][]string{{"explain", good, missing}, {"explain", "--json", good, missing}, {"explain", missing, good}} {
		out, errOut, code := runHostile(t, smallInput, nil, args...)
		if code != ExitUsage || !strings.Contains(out, "429") {
			t.Errorf("%v: exit %d, stdout %.200q", args[1:], code, out)
		}
		if strings.Count(errOut, "cannot read") != 1 || strings.Count(errOut, missing) != 1 {
			t.Errorf("%v: stderr %q", args[1:], errOut)
		}
	}
}
