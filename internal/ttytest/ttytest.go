// Package ttytest runs programs on real pseudo-terminals for tests: each session is a tmux window of a given size,
// keys are typed with send-keys and the screen is read back with capture-pane. The tests of cmd (output on a
// terminal, the pager, progress) and of completions (TAB in bash, zsh and fish) share it.
package ttytest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Need skips t when a tool is missing, or fails it under CI=true, where .ci/run must have installed it. A -short
// run skips too: pseudo-terminal tests take seconds.
func Need(t *testing.T, tools ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("pseudo-terminal tests are slow")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed; .ci/run must install it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
	buildOut  []byte
)

// Binary builds errcode (the main package at pkg, relative to the test's directory) once per test process and
// returns the directory that holds it, for PATH.
//
// The build outlives any one test, and testscript's TestMain in cmd exits without a hook, so the directory
// cannot be removed at the end: it is named after the process instead, and the builds of processes that have
// ended are removed by the next one.
func Binary(t *testing.T, pkg string) string {
	t.Helper()
	buildOnce.Do(func() {
		root := filepath.Join(os.TempDir(), fmt.Sprintf("errcode-ttytest-%d", os.Getuid()))
		removeStale(root)
		buildDir = filepath.Join(root, strconv.Itoa(os.Getpid()))
		if buildErr = os.MkdirAll(buildDir, 0o700); buildErr != nil {
			return
		}
		buildOut, buildErr = exec.Command("go", "build", "-o", filepath.Join(buildDir, "errcode"), pkg).CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return buildDir
}

// removeStale removes the builds under root of processes that no longer run.
func removeStale(root string) {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || !processRuns(pid) {
			_ = os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}

var serial atomic.Int64

// Server is one tmux server of its own (its own socket), so that tests in other packages running at the same
// time do not share, and end, it. It is killed when the test that started it ends.
type Server struct {
	socket string
}

// NewServer starts using a fresh tmux server for t; tmux starts it with the first session.
func NewServer(t *testing.T) *Server {
	s := &Server{socket: fmt.Sprintf("errcode-%d-%d-%d", os.Getpid(), serial.Add(1), time.Now().UnixNano())}
	// The server exits with its last session, and a session started at that moment fails: it is killed once,
	// at the end, rather than its sessions one by one.
	t.Cleanup(func() { _ = s.command("kill-server").Run() })
	return s
}

func (s *Server) command(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", s.socket}, args...)...)
}

// Session is one terminal running one program.
type Session struct {
	t      *testing.T
	server *Server
	name   string
}

// Start runs argv on a new terminal of width x height columns and rows, with an environment of only PATH
// (binDir first), TERM=xterm-256color, LANG=C.UTF-8, a fresh HOME and env.
func (s *Server) Start(t *testing.T, width, height int, binDir string, env []string, argv ...string) *Session {
	t.Helper()
	sess := &Session{t: t, server: s, name: fmt.Sprintf("s%d", serial.Add(1))}
	args := []string{"new-session", "-d", "-s", sess.name, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"env", "-i", "PATH=" + binDir + ":/usr/local/bin:/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8",
		"HOME=" + t.TempDir()}
	args = append(args, env...)
	args = append(args, argv...)
	if out, err := s.command(args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	return sess
}

// Screen returns the visible pane with wrapped lines joined back (-J), so that a line wider than the terminal
// shows as one long line.
func (s *Session) Screen() string {
	out, _ := s.server.command("capture-pane", "-p", "-J", "-t", s.name).Output()
	return string(out)
}

// Keys sends tmux key names ("Enter", "Tab", "C-d", "q").
func (s *Session) Keys(keys ...string) {
	s.t.Helper()
	args := append([]string{"send-keys", "-t", s.name}, keys...)
	if out, err := s.server.command(args...).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys: %v\n%s", err, out)
	}
}

// Type types text literally.
func (s *Session) Type(text string) { s.t.Helper(); s.Keys("-l", text) }

// Shows reports whether the screen holds every want.
func (s *Session) Shows(want ...string) bool {
	scr := s.Screen()
	for _, w := range want {
		if !strings.Contains(scr, w) {
			return false
		}
	}
	return true
}

// WaitFor polls the screen until it holds every want, failing the test after timeout; it returns the screen.
func (s *Session) WaitFor(timeout time.Duration, want ...string) string {
	s.t.Helper()
	scr, missing := s.Until(timeout, want...)
	if missing != "" {
		s.t.Fatalf("the screen never showed %q:\n%s", missing, scr)
	}
	return scr
}

// Until polls the screen until it holds every want or timeout passes; it returns the last screen and the first
// want it lacks ("" when it has them all).
func (s *Session) Until(timeout time.Duration, want ...string) (screen, missing string) {
	deadline := time.Now().Add(timeout)
	for {
		screen, missing = s.Screen(), ""
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" || time.Now().After(deadline) {
			return screen, missing
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// T is the test the session belongs to.
func (s *Session) T() *testing.T { return s.t }
