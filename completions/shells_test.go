package completions

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests type into real shells (bash with bash-completion, zsh with compinit, fish) running in tmux, press
// TAB, and read what the shell offers. CI installs the shells (.ci/run); elsewhere a missing one is skipped.

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed; .ci/run must install it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// buildErrcode builds the binary once per test run into a temporary PATH directory.
func buildErrcode(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "errcode"), "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

type tmuxShell struct {
	t       *testing.T
	session string
}

func startShell(t *testing.T, bin string, argv ...string) *tmuxShell {
	t.Helper()
	return startShellIn(t, bin, t.TempDir(), argv...)
}

// startShellIn starts a shell whose HOME is home, so that it reads the start-up files put there.
func startShellIn(t *testing.T, bin, home string, argv ...string) *tmuxShell {
	t.Helper()
	s := &tmuxShell{t: t, session: fmt.Sprintf("errcode-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	args := []string{"new-session", "-d", "-s", s.session, "-x", "220", "-y", "50",
		"env", "-i", "PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin", "HOME=" + home, "TERM=xterm-256color", "LANG=C.UTF-8"}
	args = append(args, argv...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "kill-session", "-t", s.session).Run() })
	return s
}

// send types keys; a literal string is typed as is, "Tab" and "Enter" are keys.
func (s *tmuxShell) send(keys ...string) {
	for _, k := range keys {
		args := []string{"send-keys", "-t", s.session}
		if k == "Tab" || k == "Enter" || k == "C-c" || k == "C-u" {
			args = append(args, k)
		} else {
			args = append(args, "-l", k)
		}
		if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
			s.t.Fatalf("tmux send-keys: %v\n%s", err, out)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

func (s *tmuxShell) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", s.session).Output()
	return string(out)
}

// waitFor polls the screen until every want appears.
func (s *tmuxShell) waitFor(what string, want ...string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: %q never appeared; screen:\n%s", what, missing, screen)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// tabUntil presses TAB, up to three times a second apart, until every want is on the screen.
func (s *tmuxShell) tabUntil(what string, want ...string) {
	s.t.Helper()
	for i := 0; i < 3; i++ {
		s.send("Tab")
		time.Sleep(time.Second)
		if s.shows(want...) {
			return
		}
	}
	s.waitFor(what, want...)
}

func (s *tmuxShell) shows(want ...string) bool {
	screen := s.screen()
	for _, w := range want {
		if !strings.Contains(screen, w) {
			return false
		}
	}
	return true
}

func scriptPath(t *testing.T, name string) string {
	p, err := filepath.Abs(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBashCompletion(t *testing.T) {
	need(t, "tmux", "bash")
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		need(t, "bash-completion-package-missing")
	}
	bin := buildErrcode(t)
	sh := startShell(t, bin, "bash", "--norc", "--noprofile")
	sh.send("PS1='$ '; source "+bashCompletion+"; source "+scriptPath(t, "errcode.bash")+"; echo ready", "Enter")
	sh.waitFor("setup", "ready")
	// The first TAB completes the common prefix; bash lists the candidates on a later TAB that adds nothing.
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "errcode lookup NoSuch")
	sh.tabUntil("lookup NoSuch<TAB>", "NoSuchKey", "NoSuchBucket", "obs 404: The specified key does not exist.")
	sh.send("C-u", "Enter")
	sh.send("errcode -p ")
	sh.tabUntil("-p <TAB>", "backblaze", "discord", "huawei", "atlassian")
}

func TestZshCompletion(t *testing.T) {
	need(t, "tmux", "zsh")
	bin := buildErrcode(t)
	sh := startShell(t, bin, "zsh", "-f")
	sh.send("PS1='$ '; autoload -U compinit && compinit -u; source "+scriptPath(t, "errcode.zsh")+"; echo ready", "Enter")
	sh.waitFor("setup", "ready")
	// The first TAB completes the common prefix; the second lists the candidates with their descriptions.
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "errcode lookup NoSuch")
	sh.send("Tab")
	sh.waitFor("lookup NoSuch<TAB>", "NoSuchKey", "The specified key does not exist")
	sh.send("C-c")
	sh.send("errcode -p ", "Tab")
	sh.waitFor("-p <TAB>", "backblaze", "Huawei Cloud OBS")
}

// TestZshCompletionWithoutRoot follows the README's set-up for a user who cannot write to the system's fpath: the
// script in ~/.zfunc, and ~/.zfunc put on fpath before compinit in ~/.zshrc.
func TestZshCompletionWithoutRoot(t *testing.T) {
	need(t, "tmux", "zsh")
	bin := buildErrcode(t)
	home := t.TempDir()
	setup := exec.Command("sh", "-c", "mkdir -p ~/.zfunc && errcode completion zsh > ~/.zfunc/_errcode")
	setup.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + home}
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("set-up: %v\n%s", err, out)
	}
	zshrc := "fpath=(~/.zfunc $fpath)\nautoload -Uz compinit && compinit\nPS1='$ '\n"
	if err := os.WriteFile(filepath.Join(home, ".zshrc"), []byte(zshrc), 0o644); err != nil {
		t.Fatal(err)
	}
	sh := startShellIn(t, bin, home, "zsh", "-i")
	sh.send("echo ready", "Enter")
	sh.waitFor("start-up", "ready")
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "errcode lookup NoSuch")
	sh.send("Tab")
	sh.waitFor("lookup NoSuch<TAB>", "NoSuchKey", "The specified key does not exist")
}

func TestFishCompletion(t *testing.T) {
	need(t, "tmux", "fish")
	bin := buildErrcode(t)
	sh := startShell(t, bin, "fish", "--no-config")
	sh.send("function fish_prompt; echo '$ '; end; source "+scriptPath(t, "errcode.fish")+"; echo ready", "Enter")
	sh.waitFor("setup", "ready")
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "NoSuchKey", "NoSuchBucket")
	sh.send("C-c")
	sh.send("errcode -p ", "Tab")
	sh.waitFor("-p <TAB>", "backblaze", "discord")
}
