package cmd

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/internal/ttytest"
)

// These tests run the real binary on a real pseudo-terminal (tmux, through internal/ttytest) and read the screen
// back. Where tmux is missing they are skipped, except under CI=true.

// startTTY runs a shell command on a terminal of the given size; "[done]" shows when it has ended.
func startTTY(t *testing.T, srv *ttytest.Server, width, height int, command string, env ...string) *ttytest.Session {
	t.Helper()
	return srv.Start(t, width, height, ttytest.Binary(t, ".."), env, "sh", "-c", command+"; echo '[done]'; sleep 600")
}

// TestTTYFits runs the first screens a new user sees at 80 and 120 columns on a real terminal: no line is wider
// than the terminal, the header row is there, URLs stand whole.
func TestTTYFits(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	cases := []struct {
		cmd, want string
	}{
		{"errcode lookup 404", "PROVIDER"},
		{"errcode providers", "ENTRIES"},
		{"errcode lookup 50035", "https://discord.com/developers/docs/topics/opcodes-and-status-codes#json"},
		{"errcode search rate limit", "MESSAGE"},
		{"errcode --help", "Available Commands:"},
		{"printf 'HTTP/1.1 429 Too Many Requests\\nRetry-After: 30\\n' | errcode explain", "Retry"},
	}
	for _, width := range []int{80, 120} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%d/%s", width, c.cmd), func(t *testing.T) {
				s := startTTY(t, srv, width, 60, c.cmd)
				scr := s.WaitFor(10*time.Second, "[done]")
				if !strings.Contains(scr, c.want) {
					t.Errorf("screen lacks %q:\n%s", c.want, scr)
				}
				for _, line := range strings.Split(scr, "\n") {
					if w := ansi.StringWidth(line); w > width && len(strings.Fields(line)) > 1 {
						t.Errorf("line of %d cells on a %d-column terminal:\n%s\n\nscreen:\n%s", w, width, line, scr)
					}
				}
			})
		}
	}
}

// TestTTYPasteEndsOnOneCtrlD: a paste into `errcode explain` on a terminal ends on one Ctrl-D, after a one-line
// hint; `explain -` too.
func TestTTYPasteEndsOnOneCtrlD(t *testing.T) {
	ttytest.Need(t, "tmux")
	srv := ttytest.NewServer(t)
	for _, cmd := range []string{"errcode explain", "errcode explain -"} {
		s := startTTY(t, srv, 100, 40, cmd)
		if cmd == "errcode explain" {
			s.WaitFor(10*time.Second, "errcode: paste an API error, then press Ctrl-D")
		}
		time.Sleep(200 * time.Millisecond)
		s.Type("HTTP/1.1 429 Too Many Requests")
		s.Keys("Enter")
		s.Type("Retry-After: 30")
		s.Keys("Enter")
		s.Keys("C-d")
		scr := s.WaitFor(10*time.Second, "[done]")
		if !strings.Contains(scr, "429") || !strings.Contains(scr, "Retry") {
			t.Errorf("%s: paste not explained after one Ctrl-D:\n%s", cmd, scr)
		}
	}
}
