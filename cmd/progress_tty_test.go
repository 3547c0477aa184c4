package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/errcode/errcode/internal/loggen"
	"github.com/errcode/errcode/internal/ttytest"
)

// slowFeed writes a log in two parts and returns a shell command that prints the first, says so on the
// terminal, waits three seconds, and prints the rest: a slow input, such as a log read over a network.
func slowFeed(t *testing.T) string {
	t.Helper()
	var log bytes.Buffer
	if err := loggen.Write(&log, 400<<10, 50); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	first, rest := filepath.Join(dir, "first"), filepath.Join(dir, "rest")
	cut := bytes.IndexByte(log.Bytes()[200<<10:], '\n') + 200<<10 + 1
	if err := os.WriteFile(first, log.Bytes()[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rest, log.Bytes()[cut:], 0o644); err != nil {
		t.Fatal(err)
	}
	return "(cat " + first + "; echo '[feeder asleep]' >&2; sleep 3; cat " + rest + ")"
}

var progressLine = regexp.MustCompile(`reading: \d+ KiB, \d+ (KiB|B)/s, [1-9]\d* errors?`)

// TestTTYProgress: explain on a slow input shows one progress line on stderr (bytes read, speed, errors found
// so far), rewritten in place and erased at the end, also when Ctrl-C stops it.
func TestTTYProgress(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	feed := slowFeed(t)
	out := filepath.Join(t.TempDir(), "out")

	t.Run("shown and erased", func(t *testing.T) {
		s := startTTY(t, srv, 100, 30, feed+" | errcode explain >"+out+`; echo "[rc=$?]"`)
		s.WaitFor(10*time.Second, "[feeder asleep]")
		scr := s.WaitFor(10*time.Second, "reading: ")
		time.Sleep(700 * time.Millisecond) // a few updates
		scr = s.Screen()
		if !progressLine.MatchString(scr) || strings.Count(scr, "reading:") != 1 {
			t.Fatalf("want one progress line with bytes, speed and errors found:\n%s", scr)
		}
		scr = s.WaitFor(10*time.Second, "[done]")
		if strings.Contains(scr, "reading") || !strings.Contains(scr, "[rc=0]") {
			t.Errorf("the progress line was not erased at the end:\n%s", scr)
		}
		if b, _ := os.ReadFile(out); !bytes.Contains(b, []byte("service_unavailable")) || bytes.Contains(b, []byte("reading")) {
			t.Errorf("stdout lacks the answer or holds progress:\n%s", b)
		}
	})

	t.Run("erased on Ctrl-C", func(t *testing.T) {
		// The feeder ignores SIGINT, as a producer that outlives errcode would: otherwise its end races the
		// signal to errcode, which may see the end of its input first and finish normally.
		s := startTTY(t, srv, 100, 30, "trap 'echo [interrupted]' INT; (trap '' INT; "+feed+") | errcode explain >"+out+`; echo "[rc=$?]"`)
		s.WaitFor(10*time.Second, "reading: ")
		s.Keys("C-c")
		scr := s.WaitFor(10*time.Second, "[done]")
		if strings.Contains(scr, "reading") || !strings.Contains(scr, "[rc=130]") {
			t.Errorf("want the line erased and errcode ended by SIGINT (130):\n%s", scr)
		}
	})
}

// TestTTYNoProgress: no progress with --json, nor when stderr is not a terminal.
func TestTTYNoProgress(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	feed := slowFeed(t)
	dir := t.TempDir()

	t.Run("--json", func(t *testing.T) {
		s := startTTY(t, srv, 100, 30, feed+" | errcode explain --json >"+filepath.Join(dir, "json")+`; echo "[rc=$?]"`)
		s.WaitFor(10*time.Second, "[feeder asleep]")
		// errcode has waited for input more than a second once the feeder has slept 1.5 s of its 3.
		time.Sleep(1500 * time.Millisecond)
		if scr := s.Screen(); strings.Contains(scr, "reading") || strings.Contains(scr, "[done]") {
			t.Fatalf("--json showed progress, or the input was not slow:\n%s", scr)
		}
		s.WaitFor(10*time.Second, "[rc=0]")
	})

	t.Run("stderr a file", func(t *testing.T) {
		errFile := filepath.Join(dir, "stderr")
		s := startTTY(t, srv, 100, 30, feed+" | errcode explain 2>"+errFile+" | tail -n 1")
		s.WaitFor(10*time.Second, "[done]")
		b, err := os.ReadFile(errFile)
		if err != nil || bytes.Contains(b, []byte("reading")) || bytes.Contains(b, []byte("\x1b")) || bytes.Contains(b, []byte("\r")) {
			t.Errorf("progress reached stderr that is not a terminal: %q %v", b, err)
		}
	})
}
