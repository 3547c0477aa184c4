package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errcode/errcode/render"
)

// fakeClock is the retry command's clock, sleeper and random source in tests: sleeping records the wait and
// moves the clock, and never sleeps for real.
type fakeClock struct {
	now       time.Time
	waits     []time.Duration
	rand      float64
	interrupt chan os.Signal // when set, the first wait is interrupted by this signal
	signal    os.Signal
	explained [][]byte
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), rand: 0.5}
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.waits = append(c.waits, d)
	if c.interrupt != nil {
		c.interrupt <- c.signal
		<-ctx.Done()
		return ctx.Err()
	}
	c.now = c.now.Add(d)
	return nil
}

// runRetryCmd runs errcode with its retry command on the fake clock and returns stdout, stderr and the exit code.
func runRetryCmd(t *testing.T, c *fakeClock, stdin string, args ...string) (string, string, int) {
	t.Helper()
	ts := render.NewTestStreams(false, nil)
	ts.InBuf.WriteString(stdin)
	root := newRootCmd(ts.Streams, func(o *RetryOptions) error {
		o.Sleep = c.Sleep
		o.Now = func() time.Time { return c.now }
		o.Rand = func() float64 { return c.rand }
		if c.interrupt != nil {
			o.Signals = c.interrupt
		}
		o.explained = func(_ int, in []byte) { c.explained = append(c.explained, append([]byte(nil), in...)) }
		return runRetry(o)
	})
	code := execute(context.Background(), ts.Streams, root, args)
	return ts.OutBuf.String(), ts.ErrBuf.String(), code
}

// failingScript writes a shell script that counts its runs in a file beside it ($n is this run's number) and
// then runs body. It returns the script's path and a function that reads the count.
func failingScript(t *testing.T, body string) (string, func() int) {
	t.Helper()
	dir := t.TempDir()
	count := filepath.Join(dir, "runs")
	path := filepath.Join(dir, "cmd.sh")
	script := "#!/bin/sh\nn=$(cat '" + count + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + count + "'\n" + body + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, func() int {
		b, err := os.ReadFile(count)
		if err != nil {
			return 0
		}
		n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		return n
	}
}

const (
	b2Body503      = `{"status": 503, "code": "service_unavailable", "message": "c001_v0001 is too busy"}`
	b2Body401      = `{"status": 401, "code": "expired_auth_token", "message": "Authorization token has expired"}`
	discordBody429 = `{"message": "You are being rate limited.", "retry_after": 1.337, "global": false}`
	obsXML403      = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>0000019A4961B65A0C27FF1C143308B2</RequestId></Error>`
)

// decisions returns errcode's own lines from stderr.
func decisions(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "errcode: ") {
			out = append(out, l)
		}
	}
	return out
}

func secs(ss ...float64) []time.Duration {
	var out []time.Duration
	for _, s := range ss {
		out = append(out, time.Duration(s*float64(time.Second)))
	}
	return out
}

func sameWaits(t *testing.T, got, want []time.Duration) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("waits %v, want %v", got, want)
		}
	}
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("decision lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRetryB2BackoffUntilSuccess(t *testing.T) {
	// Fails twice with a B2 503 (body on stdout, as curl --fail-with-body prints it), then succeeds.
	path, runs := failingScript(t, `echo "out $n"; echo "err $n" >&2
if [ $n -lt 3 ]; then echo '`+b2Body503+`'; exit 22; fi
echo done`)
	c := newFakeClock()
	out, errOut, code := runRetryCmd(t, c, "", "retry", "--", path)
	if code != 0 || runs() != 3 {
		t.Fatalf("exit %d after %d runs; stderr:\n%s", code, runs(), errOut)
	}
	// B2's schedule is 1 s, 2 s, ...; full jitter with the random source at 0.5 halves each.
	sameWaits(t, c.waits, secs(0.5, 1))
	sameLines(t, decisions(errOut), []string{
		"errcode: attempt 1/5 failed (exit 22): b2 503 service_unavailable, backoff; next in 0.5 s (backoff schedule)",
		"errcode: attempt 2/5 failed (exit 22): b2 503 service_unavailable, backoff; next in 1 s (backoff schedule)",
		"errcode: attempt 3/5 succeeded",
	})
	// The command's output passes through unchanged and in order.
	wantOut := "out 1\n" + b2Body503 + "\nout 2\n" + b2Body503 + "\nout 3\ndone\n"
	if out != wantOut {
		t.Errorf("stdout %q, want %q", out, wantOut)
	}
	if !strings.HasPrefix(errOut, "err 1\nerrcode: attempt 1/5") || !strings.Contains(errOut, "\nerr 3\nerrcode: attempt 3/5 succeeded\n") {
		t.Errorf("stderr does not pass through in order:\n%s", errOut)
	}
}

func TestRetryFirstSuccessIsSilent(t *testing.T) {
	path, runs := failingScript(t, `read line; echo "got $line"; printf 'raw \033[1mbold\033[0m\n' >&2`)
	c := newFakeClock()
	out, errOut, code := runRetryCmd(t, c, "hello\n", "retry", path)
	if code != 0 || runs() != 1 || len(c.waits) != 0 {
		t.Fatalf("exit %d, %d runs, waits %v", code, runs(), c.waits)
	}
	// stdin reaches the command; stdout and stderr pass through byte for byte, escape sequences included.
	if out != "got hello\n" || errOut != "raw \x1b[1mbold\x1b[0m\n" {
		t.Fatalf("stdout %q, stderr %q", out, errOut)
	}
}

func TestRetryDiscordWaitsRetryAfter(t *testing.T) {
	path, runs := failingScript(t, `echo 'HTTP/2 429'; echo 'x-ratelimit-scope: user'; echo; echo '`+discordBody429+`'; exit 1`)
	c := newFakeClock()
	_, errOut, code := runRetryCmd(t, c, "", "retry", "--attempts", "3", "--", path)
	if code != 1 || runs() != 3 {
		t.Fatalf("exit %d after %d runs", code, runs())
	}
	// The server's delay, exactly, without jitter.
	sameWaits(t, c.waits, secs(1.337, 1.337))
	sameLines(t, decisions(errOut), []string{
		"errcode: attempt 1/3 failed (exit 1): discord 429, wait; next in 1.337 s (retry_after field)",
		"errcode: attempt 2/3 failed (exit 1): discord 429, wait; next in 1.337 s (retry_after field)",
		"errcode: attempt 3/3 failed (exit 1): discord 429, wait; no attempts left",
	})
}

func TestRetryNeverStopsAtOnce(t *testing.T) {
	path, runs := failingScript(t, `echo 'HTTP/1.1 403 Forbidden' >&2; echo 'Server: OBS' >&2; echo >&2; echo '`+obsXML403+`' >&2; exit 3`)
	c := newFakeClock()
	_, errOut, code := runRetryCmd(t, c, "", "retry", "--", path)
	if code != 3 || runs() != 1 || len(c.waits) != 0 {
		t.Fatalf("exit %d, %d runs, waits %v", code, runs(), c.waits)
	}
	sameLines(t, decisions(errOut), []string{"errcode: attempt 1/5 failed (exit 3): obs 403 AccessDenied, never; not retrying"})
}

func TestRetryProviderFilter(t *testing.T) {
	path, _ := failingScript(t, `echo 'AccessDenied (403)'; exit 1`)
	_, errOut, _ := runRetryCmd(t, newFakeClock(), "", "retry", path)
	_, errP, _ := runRetryCmd(t, newFakeClock(), "", "-p", "b2", "retry", path)
	if !strings.Contains(errOut, ": obs 403 AccessDenied, never;") || !strings.Contains(errP, ": http 403 AccessDenied, never;") {
		t.Fatalf("without -p:\n%s\nwith -p b2:\n%s", errOut, errP)
	}
}

func TestRetryRefreshOnlyOnceInARow(t *testing.T) {
	path, runs := failingScript(t, `echo '`+b2Body401+`'; exit 1`)
	c := newFakeClock()
	_, errOut, code := runRetryCmd(t, c, "", "retry", path)
	if code != 1 || runs() != 2 || len(c.waits) != 0 {
		t.Fatalf("exit %d, %d runs, waits %v", code, runs(), c.waits)
	}
	sameLines(t, decisions(errOut), []string{
		"errcode: attempt 1/5 failed (exit 1): b2 401 expired_auth_token, refresh; running again at once (refresh)",
		"errcode: attempt 2/5 failed (exit 1): b2 401 expired_auth_token, refresh; refresh again; not retrying (running again once did not help)",
	})

	// A refresh between two backoffs counts afresh.
	path, runs = failingScript(t, `if [ $n -eq 2 ]; then echo '`+b2Body401+`'; else echo '`+b2Body503+`'; fi; exit 1`)
	c = newFakeClock()
	runRetryCmd(t, c, "", "retry", "-n", "4", path)
	if runs() != 4 {
		t.Fatalf("%d runs", runs())
	}
}

func TestRetryOnUnknown(t *testing.T) {
	path, runs := failingScript(t, `echo 'something went wrong' >&2; exit 4`)
	c := newFakeClock()
	_, errOut, code := runRetryCmd(t, c, "", "retry", path)
	if code != 4 || runs() != 1 || len(c.waits) != 0 {
		t.Fatalf("exit %d, %d runs, waits %v", code, runs(), c.waits)
	}
	sameLines(t, decisions(errOut), []string{"errcode: attempt 1/5 failed (exit 4): no API error recognised in the output; not retrying (--on-unknown retry would)"})

	path, runs = failingScript(t, `exit 4`)
	c = newFakeClock()
	_, errOut, code = runRetryCmd(t, c, "", "retry", "--on-unknown", "retry", "--attempts", "4", path)
	if code != 4 || runs() != 4 {
		t.Fatalf("exit %d, %d runs", code, runs())
	}
	sameWaits(t, c.waits, secs(0.5, 1, 2))
	if !strings.Contains(errOut, "next in 0.5 s (--on-unknown retry, backoff)") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestRetryMaxDelay(t *testing.T) {
	path, runs := failingScript(t, `echo '{"message": "You are being rate limited.", "retry_after": 30, "global": true}'; exit 1`)
	c := newFakeClock()
	_, errOut, _ := runRetryCmd(t, c, "", "retry", "--attempts", "2", "--max-delay", "5s", path)
	if runs() != 2 {
		t.Fatalf("%d runs", runs())
	}
	sameWaits(t, c.waits, secs(5))
	if !strings.Contains(errOut, "next in 5 s (retry_after field, capped by --max-delay)") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestRetryMaxTime(t *testing.T) {
	path, runs := failingScript(t, `echo '`+b2Body503+`'; exit 1`)
	c := newFakeClock()
	c.rand = 0.9
	_, errOut, code := runRetryCmd(t, c, "", "retry", "--attempts", "10", "--max-time", "5s", path)
	// Waits of 0.9 s and 1.8 s fit in 5 s; the third, 3.6 s, would end at 6.3 s.
	if code != 1 || runs() != 3 {
		t.Fatalf("exit %d, %d runs", code, runs())
	}
	sameWaits(t, c.waits, secs(0.9, 1.8))
	if l := decisions(errOut); !strings.HasSuffix(l[len(l)-1], "; waiting 3.6 s would pass --max-time 5s") {
		t.Errorf("last line %q", l[len(l)-1])
	}
}

func TestRetryScheduleRunsOut(t *testing.T) {
	// Discord's 5xx schedule has three delays; later failures reuse the last one.
	path, _ := failingScript(t, `echo 'HTTP/2 502'; echo 'x-ratelimit-bucket: abc'; echo; echo '{"message": "502: Bad Gateway", "code": 0}'; exit 1`)
	c := newFakeClock()
	c.rand = 0.999
	_, errOut, _ := runRetryCmd(t, c, "", "retry", "--attempts", "6", path)
	if len(c.waits) != 5 || c.waits[3] != c.waits[4] || c.waits[2] != c.waits[3] || c.waits[0] >= c.waits[1] {
		t.Fatalf("waits %v\n%s", c.waits, errOut)
	}
}

func TestRetryJSONSummary(t *testing.T) {
	path, _ := failingScript(t, `if [ $n -eq 1 ]; then echo '`+b2Body503+`'; exit 22; fi; echo ok`)
	c := newFakeClock()
	out, errOut, code := runRetryCmd(t, c, "", "retry", "--json", "--", path)
	if code != 0 || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	// No decision lines: stderr is the summary alone (the command printed nothing there).
	var s map[string]any
	if err := json.Unmarshal([]byte(errOut), &s); err != nil {
		t.Fatalf("%v:\n%s", err, errOut)
	}
	if s["exit_code"] != 0.0 || len(s["command"].([]any)) != 1 {
		t.Fatalf("summary %v", s)
	}
	as := s["attempts"].([]any)
	if len(as) != 2 {
		t.Fatalf("%d attempts", len(as))
	}
	first, second := as[0].(map[string]any), as[1].(map[string]any)
	for _, k := range []string{"attempt", "exit_code", "finding", "action", "reason", "wait_seconds", "wait_source"} {
		if _, ok := first[k]; !ok {
			t.Errorf("attempt lacks %q", k)
		}
	}
	f := first["finding"].(map[string]any)
	if first["exit_code"] != 22.0 || first["action"] != "retry" || first["wait_seconds"] != 0.5 || first["wait_source"] != "backoff schedule" ||
		f["provider"] != "b2" || f["status"] != 503.0 || f["code"] != "service_unavailable" || f["verdict"] != "backoff" {
		t.Errorf("first attempt %v", first)
	}
	if second["exit_code"] != 0.0 || second["action"] != "done" || second["finding"] != nil || second["wait_seconds"] != nil {
		t.Errorf("second attempt %v", second)
	}
}

func TestRetryExitCodes(t *testing.T) {
	dir := t.TempDir()
	notExec := filepath.Join(dir, "plain.sh")
	if err := os.WriteFile(notExec, []byte("#!/bin/sh\nexit 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want int
		msg  string
	}{
		{[]string{"retry", "--", filepath.Join(dir, "missing")}, ExitNotRunnable, "cannot run " + filepath.Join(dir, "missing") + ": command not found"},
		{[]string{"retry", "errcode-no-such-command-here"}, ExitNotRunnable, "command not found"},
		{[]string{"retry", "--", notExec}, ExitCannotRun, "permission denied"},
		{[]string{"retry", "--", dir}, ExitCannotRun, "cannot run"},
		{[]string{"retry"}, ExitUsage, "errcode retry needs a command to run after --"},
		{[]string{"retry", "--"}, ExitUsage, "needs a command"},
		{[]string{"retry", "--attempts", "0", "--", "true"}, ExitUsage, "--attempts must be at least 1"},
		{[]string{"retry", "--on-unknown", "maybe", "--", "true"}, ExitUsage, `invalid --on-unknown "maybe"`},
		{[]string{"retry", "--max-time", "soon", "--", "true"}, ExitUsage, `invalid value "soon" for --max-time: want a duration`},
		{[]string{"retry", "--", "sh", "-c", "exit 7"}, 7, "attempt 1/5 failed (exit 7)"},
		{[]string{"retry", "sh", "-c", "kill -TERM $$"}, 128 + int(syscall.SIGTERM), "(exit 143)"},
		{[]string{"retry", "true"}, 0, ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			_, errOut, code := runRetryCmd(t, newFakeClock(), "", c.args...)
			if code != c.want || !strings.Contains(errOut, c.msg) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, c.want, errOut, c.msg)
			}
		})
	}
}

func TestRetryInterruptDuringWait(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		path, runs := failingScript(t, `echo '`+b2Body503+`'; exit 1`)
		c := newFakeClock()
		c.interrupt, c.signal = make(chan os.Signal, 1), sig
		_, errOut, code := runRetryCmd(t, c, "", "retry", path)
		want := 128 + int(sig.(syscall.Signal))
		if code != want || runs() != 1 || len(c.waits) != 1 {
			t.Fatalf("%v: exit %d (want %d), %d runs, waits %v", sig, code, want, runs(), c.waits)
		}
		if l := decisions(errOut); l[len(l)-1] != "errcode: interrupted during the wait; not retrying" {
			t.Errorf("%v: stderr:\n%s", sig, errOut)
		}
	}
}

func TestRetrySanitisesDecisionLines(t *testing.T) {
	path, _ := failingScript(t, `printf '{"status": 400, "code": "bad\033]0;pwned\007_\033[2Jcode", "message": "x"}\n'; exit 1`)
	_, errOut, _ := runRetryCmd(t, newFakeClock(), "", "retry", path)
	l := decisions(errOut)
	if len(l) != 1 || strings.ContainsAny(l[0], "\x1b\x07") || !strings.Contains(l[0], "(exit 1): b2 400 bad_code, never;") {
		t.Fatalf("decision lines %q", l)
	}
}

func TestRetryTailStaysBounded(t *testing.T) {
	// Several MiB on stdout, then the error on stderr: all of it passes through, and errcode explains only the
	// tails, so the error is still found at the end.
	const size = 6 << 20
	path, _ := failingScript(t, `head -c `+strconv.Itoa(size)+` /dev/zero | tr '\0' 'x'; echo '`+b2Body503+`' >&2; exit 1`)
	c := newFakeClock()
	out, errOut, code := runRetryCmd(t, c, "", "retry", "-n", "1", path)
	if code != 1 || len(out) != size || strings.Trim(out, "x") != "" {
		t.Fatalf("exit %d, %d bytes of stdout passed through", code, len(out))
	}
	if !strings.Contains(errOut, "b2 503 service_unavailable, backoff") {
		t.Fatalf("stderr:\n%s", errOut)
	}
	for _, in := range c.explained {
		if len(in) > 2*retryTailBytes+1 {
			t.Fatalf("explained %d bytes", len(in))
		}
	}
}

func TestTailBuffer(t *testing.T) {
	const limit = 1000
	tb := &tailBuffer{max: limit}
	var all bytes.Buffer
	for i, n := 0, 0; n < 3<<20; i++ {
		chunk := bytes.Repeat([]byte{byte('a' + i%26)}, []int{1, 7, 999, 1000, 1001, 4096, 333}[i%7])
		tb.Write(chunk)
		all.Write(chunk)
		n += len(chunk)
		if cap(tb.buf) > 2*limit {
			t.Fatalf("buffer grew to %d bytes", cap(tb.buf))
		}
		want := all.Bytes()[max(0, all.Len()-limit):]
		if !bytes.Equal(tb.Bytes(), want) {
			t.Fatalf("after %d bytes the tail differs", all.Len())
		}
	}
}

func TestFormatWait(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1337 * time.Millisecond: "1.337 s",
		0:                       "0 s",
		90 * time.Second:        "1 min 30 s",
		time.Hour:               "1 h",
		3720 * time.Second:      "1 h 2 min",
	} {
		if got := formatWait(d); got != want {
			t.Errorf("formatWait(%v) = %q, want %q", d, got, want)
		}
	}
}
