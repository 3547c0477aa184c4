package cmd

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/render"
)

// TestFormatDoesNotDependOnColour: for each kind of stdout (terminal or pipe), every colour setting gives the same
// text once escape codes are removed; only the terminal, or --format, changes the layout.
func TestFormatDoesNotDependOnColour(t *testing.T) {
	settings := []struct {
		env  map[string]string
		flag string
	}{
		{nil, ""},
		{map[string]string{"NO_COLOR": "1"}, ""},
		{map[string]string{"CLICOLOR": "0"}, ""},
		{map[string]string{"CLICOLOR_FORCE": "1"}, ""},
		{map[string]string{"TERM": "dumb"}, ""},
		{nil, "--color=always"},
		{nil, "--color=never"},
	}
	commands := [][]string{{"list", "-p", "b2"}, {"lookup", "NoSuchKey"}, {"lookup", "404"}, {"providers"}}
	for _, tty := range []bool{true, false} {
		for _, args := range commands {
			var first string
			for i, st := range settings {
				env := map[string]string{"TERM": "xterm-256color"}
				for k, v := range st.env {
					env[k] = v
				}
				ts := render.NewTestStreams(tty, env)
				ts.Width = map[bool]int{true: 100}[tty]
				a := args
				if st.flag != "" {
					a = append([]string{st.flag}, args...)
				}
				out, _, _ := runStreams(ts, a...)
				plain := ansi.Strip(out)
				if i == 0 {
					first = plain
					continue
				}
				if plain != first {
					t.Errorf("tty=%v %v with %v %s: the text changed with the colour setting:\n%s\n--- versus ---\n%s", tty, args, st.env, st.flag, plain, first)
				}
			}
		}
	}
}

// TestForcedColourOnAPipeKeepsTabs: CLICOLOR_FORCE=1 errcode list | cut -f3 yields codes.
func TestForcedColourOnAPipeKeepsTabs(t *testing.T) {
	out, _, _ := run(t, false, map[string]string{"CLICOLOR_FORCE": "1"}, "list", "-p", "b2")
	line := strings.SplitN(out, "\n", 2)[0]
	if f := strings.Split(line, "\t"); len(f) != 5 || f[2] != "bad_request" {
		t.Errorf("first line %q", line)
	}
}

// TestFormatFlag: --format chooses the layout whatever stdout is.
func TestFormatFlag(t *testing.T) {
	out, _, _ := run(t, false, nil, "--format", "pretty", "list", "-p", "b2")
	if !strings.HasPrefix(out, "PROVIDER") {
		t.Errorf("--format pretty on a pipe:\n%s", out)
	}
	out, _, _ = run(t, true, nil, "--format", "plain", "list", "-p", "b2")
	if !strings.HasPrefix(out, "b2\t400\tbad_request\t") {
		t.Errorf("--format plain on a terminal:\n%s", out)
	}
	if _, errOut, code := run(t, false, nil, "--format", "fancy", "list"); code != ExitUsage || !strings.Contains(errOut, "invalid --format") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}
