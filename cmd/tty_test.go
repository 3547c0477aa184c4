package cmd

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// These tests run the real binary on a real pseudo-terminal (tmux, as completions/shells_test.go does) and read
// the screen back. Where tmux is missing they are skipped, except under CI=true.

func needTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("pseudo-terminal tests are slow")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; CI must install it")
		}
		t.Skip("tmux is not installed")
	}
}

var builtBinary string

// tmuxSocket is this test process's own tmux server, so that sessions of other test packages running at the
// same time (completions) do not share, and end, the server.
var tmuxSocket = fmt.Sprintf("errcode-cmd-%d", os.Getpid())

func tmux(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", tmuxSocket}, args...)...)
}

// endTmux stops this process's tmux server when t ends; sessions are not killed one by one, since the server
// exits with its last session and a session started at that moment fails.
// Each test gets a server of its own, since a server that is exiting cannot take new sessions.
func endTmux(t *testing.T) {
	tmuxSocket = fmt.Sprintf("errcode-cmd-%d-%d", os.Getpid(), time.Now().UnixNano())
	socket := tmuxSocket
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })
}

// binaryDir builds errcode once per test run and returns the directory that holds it.
func binaryDir(t *testing.T) string {
	t.Helper()
	if builtBinary == "" {
		dir, err := os.MkdirTemp("", "errcode-tty")
		if err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "errcode"), "..").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		builtBinary = dir
	}
	return builtBinary
}

type ttySession struct {
	t    *testing.T
	name string
}

// startTTY runs a shell command on a terminal of the given size with a clean environment.
func startTTY(t *testing.T, width, height int, command string, env ...string) *ttySession {
	t.Helper()
	s := &ttySession{t: t, name: fmt.Sprintf("errcode-tty-%d-%d", os.Getpid(), time.Now().UnixNano())}
	args := []string{"new-session", "-d", "-s", s.name, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"env", "-i", "PATH=" + binaryDir(t) + ":/usr/local/bin:/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8",
		"HOME=" + t.TempDir()}
	args = append(args, env...)
	args = append(args, "sh", "-c", command+"; echo '[done]'; sleep 600")
	if out, err := tmux(args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	return s
}

// screen returns the pane with wrapped lines joined back (-J), so that a line wider than the terminal shows as
// one long line.
func (s *ttySession) screen() string {
	out, _ := tmux("capture-pane", "-p", "-J", "-t", s.name).Output()
	return string(out)
}

func (s *ttySession) send(keys ...string) {
	args := append([]string{"send-keys", "-t", s.name}, keys...)
	if out, err := tmux(args...).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys: %v\n%s", err, out)
	}
}

// waitFor polls the screen until it holds want.
func (s *ttySession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		if strings.Contains(scr, want) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTTYFits runs the first screens a new user sees at 80 and 120 columns on a real terminal: no line is wider
// than the terminal, the header row is there, URLs stand whole.
func TestTTYFits(t *testing.T) {
	needTmux(t)
	endTmux(t)
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
				s := startTTY(t, width, 60, c.cmd)
				scr := s.waitFor("[done]")
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
	needTmux(t)
	endTmux(t)
	for _, cmd := range []string{"errcode explain", "errcode explain -"} {
		s := startTTY(t, 100, 40, cmd)
		if cmd == "errcode explain" {
			s.waitFor("errcode: paste an API error, then press Ctrl-D")
		}
		time.Sleep(200 * time.Millisecond)
		s.send("-l", "HTTP/1.1 429 Too Many Requests")
		s.send("Enter")
		s.send("-l", "Retry-After: 30")
		s.send("Enter")
		s.send("C-d")
		scr := s.waitFor("[done]")
		if !strings.Contains(scr, "429") || !strings.Contains(scr, "Retry") {
			t.Errorf("%s: paste not explained after one Ctrl-D:\n%s", cmd, scr)
		}
	}
}
