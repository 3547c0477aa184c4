package completions

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/errcode/errcode/internal/ttytest"
)

// These tests type into real shells (bash with bash-completion, zsh with compinit, fish) running in tmux, press
// TAB, and read what the shell offers. CI installs the shells (.ci/run); elsewhere a missing one is skipped.

// shell is an interactive shell on a terminal, typed into the way a person would.
type shell struct {
	*ttytest.Session
}

func startShell(t *testing.T, argv ...string) *shell {
	t.Helper()
	bin := ttytest.Binary(t, "..")
	return &shell{ttytest.NewServer(t).Start(t, 220, 50, bin, nil, argv...)}
}

// send types keys; a literal string is typed as is, "Tab", "Enter", "C-c" and "C-u" are keys. Each is given
// time to land, as a person types.
func (s *shell) send(keys ...string) {
	for _, k := range keys {
		if k == "Tab" || k == "Enter" || k == "C-c" || k == "C-u" {
			s.Keys(k)
		} else {
			s.Type(k)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// waitFor polls the screen until every want appears.
func (s *shell) waitFor(what string, want ...string) {
	s.T().Helper()
	if screen, missing := s.Until(15*time.Second, want...); missing != "" {
		s.T().Fatalf("%s: %q never appeared; screen:\n%s", what, missing, screen)
	}
}

// tabUntil presses TAB, up to three times a second apart, until every want is on the screen.
func (s *shell) tabUntil(what string, want ...string) {
	for i := 0; i < 3; i++ {
		s.send("Tab")
		time.Sleep(time.Second)
		if s.Shows(want...) {
			return
		}
	}
	s.waitFor(what, want...)
}

func scriptPath(t *testing.T, name string) string {
	p, err := filepath.Abs(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBashCompletion(t *testing.T) {
	ttytest.Need(t, "tmux", "bash")
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		ttytest.Need(t, "bash-completion-package-missing")
	}
	sh := startShell(t, "bash", "--norc", "--noprofile")
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
	ttytest.Need(t, "tmux", "zsh")
	sh := startShell(t, "zsh", "-f")
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

func TestFishCompletion(t *testing.T) {
	ttytest.Need(t, "tmux", "fish")
	sh := startShell(t, "fish", "--no-config")
	sh.send("function fish_prompt; echo '$ '; end; source "+scriptPath(t, "errcode.fish")+"; echo ready", "Enter")
	sh.waitFor("setup", "ready")
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "NoSuchKey", "NoSuchBucket")
	sh.send("C-c")
	sh.send("errcode -p ", "Tab")
	sh.waitFor("-p <TAB>", "backblaze", "discord")
}

// TestZshCompletionWithoutRoot follows the README's set-up for a user who cannot write to the system's fpath: the
// script in ~/.zfunc, and ~/.zfunc put on fpath before compinit in ~/.zshrc.
func TestZshCompletionWithoutRoot(t *testing.T) {
	ttytest.Need(t, "tmux", "zsh")
	bin := ttytest.Binary(t, "..")
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
	// The later HOME wins over the fresh one Start gives every session.
	sh := &shell{ttytest.NewServer(t).Start(t, 220, 50, bin, []string{"HOME=" + home}, "zsh", "-i")}
	sh.send("echo ready", "Enter")
	sh.waitFor("start-up", "ready")
	sh.send("errcode lookup NoSu", "Tab")
	sh.waitFor("lookup NoSu<TAB>", "errcode lookup NoSuch")
	sh.send("Tab")
	sh.waitFor("lookup NoSuch<TAB>", "NoSuchKey", "The specified key does not exist")
}
