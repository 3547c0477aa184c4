package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errcode/errcode/internal/ttytest"
)

// fakePager writes a pager script that shows it ran: its arguments in brackets, the LESS it was given, and how
// many lines it was handed, how many of them with escape codes. It returns the script's path.
func fakePager(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fakepager")
	script := `#!/bin/sh
printf 'FAKEPAGER'; for a; do printf ' [%s]' "$a"; done; echo
echo "LESS=$LESS"
text=$(mktemp); cat >"$text"
echo "lines: $(wc -l <"$text")"
echo "styled lines: $(grep -c "$(printf '')" "$text")"
rm -f "$text"
`
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

var pagedLines = regexp.MustCompile(`lines: (\d+)`)

// TestTTYPager: on an 80x24 terminal, `errcode list` (hundreds of rows) goes through the pager the environment
// names: ERRCODE_PAGER over PAGER, its value split like shell words, LESS set for it. The pager gets the whole
// text, styled as on the terminal (less -R shows it), and errcode exits 0.
func TestTTYPager(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	pager := fakePager(t)
	want, err := exec.Command(filepath.Join(ttytest.Binary(t, ".."), "errcode"), "list", "--format", "pretty").Output()
	if err != nil {
		t.Fatal(err)
	}
	wantLines := strings.Count(string(want), "\n")
	cases := []struct {
		name, cmd, args string
		styled          bool
		env             []string
	}{
		{"ERRCODE_PAGER", "errcode list", "[--flag] [two words]", true, []string{"ERRCODE_PAGER=" + pager + " --flag 'two words'", "PAGER=false"}},
		{"PAGER when ERRCODE_PAGER is unset", "errcode list", "[-x]", true, []string{"PAGER=" + pager + " -x"}},
		{"--color never", "errcode list --color never", "", false, []string{"PAGER=" + pager}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startTTY(t, srv, 80, 24, c.cmd+`; echo "[rc=$?]"`, c.env...)
			scr := s.WaitFor(10*time.Second, "[done]")
			if !strings.Contains(scr, strings.TrimSpace("FAKEPAGER "+c.args)+"\n") {
				t.Fatalf("the pager did not run with arguments %s:\n%s", c.args, scr)
			}
			if !strings.Contains(scr, "LESS=FRX") || !strings.Contains(scr, "[rc=0]") {
				t.Errorf("want LESS=FRX for the pager and exit 0:\n%s", scr)
			}
			if styled := !strings.Contains(scr, "styled lines: 0\n"); styled != c.styled {
				t.Errorf("styled output in the pager: %v, want %v:\n%s", styled, c.styled, scr)
			}
			m := pagedLines.FindStringSubmatch(scr)
			if m == nil || m[1] != strconv.Itoa(wantLines) {
				t.Errorf("the pager got %v lines, want all %d of errcode list:\n%s", m, wantLines, scr)
			}
		})
	}
}

// TestTTYNoPager: --no-pager, a pipe, an empty ERRCODE_PAGER, output that fits the screen and a paste typed
// into explain print straight on the terminal; a pager that cannot start leaves the output printed, with no
// error.
func TestTTYNoPager(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	pager := fakePager(t)
	cases := []struct {
		name, cmd, want string
		env             []string
	}{
		{"--no-pager", "errcode list --no-pager | tail -n 0; errcode --no-pager list", "511     511", []string{"ERRCODE_PAGER=" + pager}},
		{"a pipe", "errcode list | grep -c .", "\n", []string{"ERRCODE_PAGER=" + pager}},
		{"ERRCODE_PAGER empty", "errcode list", "511     511", []string{"ERRCODE_PAGER=", "PAGER=" + pager}},
		{"PAGER=cat", "errcode list", "511     511", []string{"PAGER=cat"}},
		{"fits the screen", "errcode providers", "ENTRIES", []string{"ERRCODE_PAGER=" + pager}},
		{"a pager that cannot start", "errcode list", "511     511", []string{"ERRCODE_PAGER=/nonexistent/pager -R"}},
		{"retry", "errcode retry -- sh -c 'seq 1 60'", "60\n", []string{"ERRCODE_PAGER=" + pager}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startTTY(t, srv, 80, 24, c.cmd+`; echo "[rc=$?]"`, c.env...)
			scr := s.WaitFor(10*time.Second, "[done]")
			if strings.Contains(scr, "FAKEPAGER") || !strings.Contains(scr, c.want) || !strings.Contains(scr, "[rc=0]") {
				t.Errorf("want %q printed directly, no pager, exit 0:\n%s", c.want, scr)
			}
			if strings.Contains(scr, "errcode:") {
				t.Errorf("an error was printed:\n%s", scr)
			}
		})
	}

	t.Run("a paste typed into explain", func(t *testing.T) {
		// A 15-row terminal: the card is longer than the screen, and would page but for the paste.
		s := startTTY(t, srv, 80, 15, "errcode explain", "ERRCODE_PAGER="+pager)
		s.WaitFor(10*time.Second, "press Ctrl-D")
		s.Type("HTTP/1.1 503 Service Unavailable")
		s.Keys("Enter")
		s.Type(`{"status": 503, "code": "service_unavailable", "message": "c001_v0001234_t0042 is too busy"}`)
		s.Keys("Enter", "C-d")
		scr := s.WaitFor(10*time.Second, "[done]")
		if strings.Contains(scr, "FAKEPAGER") || !strings.Contains(scr, "Retry") {
			t.Errorf("the answer to a paste went through the pager:\n%s", scr)
		}
	})
}

// TestTTYLess: with neither variable set, long output opens less -FRX: the first screen and less's prompt; q
// quits it early, with exit 0 and no error (the unread rest is a closed pipe, not a failure).
func TestTTYLess(t *testing.T) {
	ttytest.Need(t, "tmux", "less")
	srv := ttytest.NewServer(t)
	for _, cmd := range []string{"errcode list", "errcode help explain", "errcode search --help"} {
		t.Run(cmd, func(t *testing.T) {
			s := startTTY(t, srv, 80, 24, cmd+`; echo "[rc=$?]"`)
			scr := s.WaitFor(10*time.Second, "\n:")
			if strings.Contains(scr, "[done]") {
				t.Fatalf("less did not wait:\n%s", scr)
			}
			s.Keys("q")
			scr = s.WaitFor(10*time.Second, "[done]")
			if !strings.Contains(scr, "[rc=0]") || strings.Contains(scr, "errcode:") || strings.Contains(scr, "goroutine") {
				t.Errorf("quitting less early: want exit 0 and no error:\n%s", scr)
			}
		})
	}
}
