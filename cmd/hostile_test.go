package cmd

import (
	"context"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/errcode/errcode/render"
)

// The hostile-input suite: each input gets bounded memory, no panic, a clear message and its documented exit code.

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

// runReader runs errcode with stdin from r on a terminal-like stdout and reports the bytes allocated meanwhile.
func runReader(t *testing.T, r io.Reader, args ...string) (string, string, int, uint64) {
	t.Helper()
	ts := render.NewTestStreams(true, nil)
	ts.InTTY = false
	ts.In = r
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code := Run(context.Background(), ts.Streams, args)
	runtime.ReadMemStats(&after)
	return ts.OutBuf.String(), ts.ErrBuf.String(), code, after.TotalAlloc - before.TotalAlloc
}

// maxAlloc is the most a hostile input may make explain allocate in all: far below the input sizes used here.
const maxAlloc = 32 << 20

func TestHostileEmptyInput(t *testing.T) {
	out, errOut, code, _ := runReader(t, strings.NewReader(""), "explain")
	if code != ExitNotFound || out != "" || errOut != "errcode: no API error found in stdin (0 lines read)\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestHostile100MiBOnOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MiB")
	}
	r := &repeatReader{prefix: `{"status": 503, "code": "service_unavailable", "message": "`, fill: 'x', n: 100 << 20, suffix: "\"}\n"}
	out, errOut, code, alloc := runReader(t, r, "explain")
	if code != 0 || !strings.Contains(stripANSI(out), "b2 · 503 · service_unavailable") {
		t.Fatalf("exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}
	if alloc > maxAlloc {
		t.Fatalf("allocated %d MiB for a 100 MiB line", alloc>>20)
	}
	if len(out) > 64<<10 {
		t.Fatalf("printed %d KiB: the message was not cut", len(out)>>10)
	}
}

func TestHostileDeepNesting(t *testing.T) {
	r := &repeatReader{prefix: `{"code": 50035, "message": "Invalid Form Body", "errors": `, fill: '[', n: 1 << 20, suffix: "\n"}
	out, errOut, code, alloc := runReader(t, r, "explain", "--json")
	if code != 0 || !strings.Contains(out, `"code": "50035"`) {
		t.Fatalf("exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}
	if alloc > maxAlloc {
		t.Fatalf("allocated %d MiB", alloc>>20)
	}
	objects := &repeatReader{prefix: "", fill: '{', n: 1 << 20, suffix: "\n"}
	if _, _, code, _ := runReader(t, objects, "explain"); code != ExitNotFound {
		t.Fatalf("a million '{' gave exit %d", code)
	}
}

func TestHostileInvalidUTF8AndNUL(t *testing.T) {
	in := "HTTP/1.1 403 Forbidden\nServer: OBS\n\n<Error><Code>AccessDenied</Code><Message>bad \xff\xfe bytes \x00 and NUL</Message></Error>\n"
	ts := render.NewTestStreams(true, nil)
	ts.InTTY = false
	ts.InBuf.WriteString(in)
	code := Run(context.Background(), ts.Streams, []string{"explain"})
	out := ts.OutBuf.String()
	if code != 0 || !strings.Contains(out, "AccessDenied") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.ContainsRune(out, 0) || !strings.Contains(out, "\uFFFD") {
		t.Fatalf("NUL or invalid UTF-8 reached the terminal: %q", out)
	}
}

func TestHostileXMLEntities(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>` +
		`<Error><Code>NoSuchKey</Code><Message>&lol3; &ext;</Message><RequestId>0001</RequestId></Error>` + "\n"
	out, _, code, alloc := runReader(t, strings.NewReader(laughs), "explain")
	if code != 0 || !strings.Contains(stripANSI(out), "obs · 404 · NoSuchKey") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, "lollol") || strings.Contains(out, "root:") {
		t.Fatalf("entities were expanded:\n%s", out)
	}
	if alloc > maxAlloc {
		t.Fatalf("allocated %d MiB", alloc>>20)
	}
}

func TestHostileEscapeSequences(t *testing.T) {
	evil := "\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\x9b31m"
	in := "HTTP/1.1 404 Not Found\nServer: OBS\nx-obs-request-id: " + evil + "id\nx-obs-error-code: NoSuchKey" + evil + "\n\n" +
		"<Error><Code>NoSuchKey</Code><Message>gone " + evil + "</Message></Error>\n" +
		`{"status": 401, "code": "bad_auth_token` + evil + `", "message": "m` + evil + `"}` + "\n"
	for _, args := range [][]string{{"explain"}, {"explain", "--color=always"}} {
		out, errOut, _, _ := runReader(t, strings.NewReader(in), args...)
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
		out, errOut, code, _ := runReader(t, strings.NewReader(in), "explain", "--json")
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
	out, errOut, code, _ := runReader(t, strings.NewReader(`{"status": 400, "code": "`+code10k+`", "message": "m"}`+"\n"), "explain")
	if code != 0 || strings.Count(out, "A") > 2000 {
		t.Fatalf("exit %d, stderr %q, printed %d bytes", code, errOut, len(out))
	}
	_, errOut, code = run(t, false, nil, "lookup", code10k)
	if code != ExitNotFound || len(errOut) > 2000 || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("lookup of a 10 KB code: exit %d, %d bytes of stderr", code, len(errOut))
	}
}

// TestHostileNodeBudget feeds an array of more junk values than the object parser keeps: it must stop, not spin
// (a hang FuzzLooseObjects found).
func TestHostileNodeBudget(t *testing.T) {
	in := "{0:[" + strings.Repeat("!", 20000) + "\n"
	done := make(chan int, 1)
	go func() {
		_, _, code, _ := runReader(t, strings.NewReader(in), "explain")
		done <- code
	}()
	select {
	case code := <-done:
		if code != ExitNotFound {
			t.Fatalf("exit %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("explain did not finish: the object parser loops")
	}
}

// Issue 13, defect 2: flag errors quote argv; a code copied from a log must not reach the terminal raw.
func TestHostileFlagErrorIsSanitised(t *testing.T) {
	evil := "--x\x1b]0;pwned\x07\u009b2J\u202E" + strings.Repeat("y", 10000)
	for _, args := range [][]string{{"lookup", evil}, {"explain", evil}, {"lookup", "-\x1b]52;c;QQ==\x07"}} {
		_, errOut, code := run(t, false, nil, args...)
		if code != ExitUsage {
			t.Errorf("%.20q: exit %d", args, code)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202E"} {
			if strings.Contains(errOut, bad) {
				t.Errorf("%q reached stderr: %.120q", bad, errOut)
			}
		}
		if len(errOut) > 4000 {
			t.Errorf("stderr of %d bytes", len(errOut))
		}
	}
}

// Issue 13, defect 1: the X-RateLimit-Bucket value is copied into the retry advice; it must arrive there clean
// and cut, in cards and in JSON.
func TestHostileRateLimitBucket(t *testing.T) {
	evil := "abc\u009d52;c;ZXZpbA==\u009c\u202Eevil\u200B" + strings.Repeat("\u0301", 4000) + strings.Repeat("b", 4000)
	in := "HTTP/1.1 429 Too Many Requests\nX-RateLimit-Bucket: " + evil + "\nRetry-After: 2\n\n" +
		`{"message": "You are being rate limited.", "retry_after": 2, "global": false}` + "\n"
	for _, args := range [][]string{{"explain"}, {"explain", "--json"}} {
		out, errOut, code, _ := runReader(t, strings.NewReader(in), args...)
		if code != 0 || !strings.Contains(out, "bucket abc") {
			t.Fatalf("%v: exit %d, stderr %q:\n%s", args, code, errOut, out)
		}
		for _, bad := range []string{"\u009d", "\u009c", "\u202E", "\u200B"} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: %q reached stdout", args, bad)
			}
		}
		if len(out) > 6000 {
			t.Errorf("%v: printed %d bytes: the bucket was not cut", args, len(out))
		}
	}
}
