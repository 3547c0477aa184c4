package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/errcode/errcode/render"
)

// paging sends the stdout of one run through a pager when it is longer than the terminal, as gh and git do.
//
// The output is buffered and shown when the command ends: every command that pages computes its whole answer
// before printing it, so nothing appears later than before. Knowing the whole text lets errcode count its rows
// against the terminal's height and skip the pager when the text fits: no process is started for the common
// short answer, and a pager without less's -F (more, most) does not wait for a key on three lines.
type paging struct {
	io  *render.Streams
	out *os.File // the terminal stdout was before it was redirected into buf
	buf bytes.Buffer
	off bool // a command asked not to page (a paste read from the terminal)
}

type pagingKey struct{}

// unpagedCommands never page: retry passes its command's output through as it comes, completion scripts are
// for redirecting, and __complete answers the shell.
var unpagedCommands = map[string]bool{"retry": true, "completion": true, "__complete": true, "__completeNoDesc": true}

// startPaging redirects stdout into a buffer when the run may page: stdout is a terminal and the command is
// one whose output is paged (see unpagedCommands). It returns nil when the run does not page.
func startPaging(streams *render.Streams, root *cobra.Command, args []string) *paging {
	f, ok := streams.Out.(*os.File)
	if !ok || !streams.OutTTY {
		return nil
	}
	if target, _, err := root.Find(args); err == nil {
		for c := target; c != nil; c = c.Parent() {
			if unpagedCommands[c.Name()] {
				return nil
			}
		}
	}
	p := &paging{io: streams, out: f}
	streams.Out = &p.buf
	// The colour writers forward to Out: rebuild them around the buffer. The profile still follows OutTTY,
	// which stays true, and --color sets the real mode before any command prints.
	_ = streams.SetColorMode(render.ColorAuto)
	return p
}

// withPaging makes p reachable from the commands through their context, so that one can turn paging off.
func withPaging(ctx context.Context, p *paging) context.Context {
	return context.WithValue(ctx, pagingKey{}, p)
}

// noPager keeps the output of the running command out of the pager.
func noPager(c *cobra.Command) {
	if p, ok := c.Context().Value(pagingKey{}).(*paging); ok && p != nil {
		p.off = true
	}
}

// finish restores stdout and shows the buffered output: straight on the terminal when paging is off (--no-pager,
// or a command asked) or the text fits the screen, else through the pager. A pager that cannot be started
// leaves the output to be printed directly, without an error.
func (p *paging) finish(disabled bool) {
	if p == nil {
		return
	}
	// Only Out is restored: the colour writers keep the buffer, since nothing prints on stdout after the command,
	// and rebuilding them would undo --color for the error message that may follow on stderr.
	p.io.Out = p.out
	text := p.buf.Bytes()
	if len(text) == 0 {
		return
	}
	if !disabled && !p.off && !p.fits(text) {
		if argv := pagerArgv(os.LookupEnv); argv != nil && runPager(argv, p.out, text) {
			return
		}
	}
	_, _ = p.out.Write(text)
}

// fits reports whether text leaves a row for the prompt on the terminal, counting the rows that long lines wrap
// to; a terminal that will not tell its height fits nothing, so the pager (less -F) decides.
func (p *paging) fits(text []byte) bool {
	width, height, err := term.GetSize(p.out.Fd())
	if err != nil || width <= 0 || height <= 0 {
		return false
	}
	return textRows(string(text), width) < height
}

// textRows counts the terminal rows text takes at width columns: each line at least one, a longer one as many
// as it wraps to. Escape codes take no room.
func textRows(text string, width int) int {
	rows := 0
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		rows += max(1, (ansi.StringWidth(line)+width-1)/width)
	}
	return rows
}

// runPager shows text through the pager argv on the terminal out and waits for the user to quit it. It reports
// false when the pager could not be started. Quitting early (q) closes the pipe: the rest of the text is
// dropped without an error, and Go's write returns EPIPE rather than killing errcode, since the pipe is not
// stdout.
func runPager(argv []string, out *os.File, text []byte) bool {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = out
	cmd.Stderr = os.Stderr
	cmd.Env = pagerEnv(os.Environ())
	in, err := cmd.StdinPipe()
	if err != nil {
		return false
	}
	if err := cmd.Start(); err != nil {
		return false
	}
	// Ctrl-C and Ctrl-\ in the pager reach errcode too (one process group): errcode must outlive the pager, or
	// the shell would take the terminal back while the pager still reads it.
	signal.Ignore(os.Interrupt, syscall.SIGQUIT)
	defer signal.Reset(os.Interrupt, syscall.SIGQUIT)
	_, _ = io.Copy(in, bytes.NewReader(text))
	_ = in.Close()
	_ = cmd.Wait() // the pager's own exit status says nothing about errcode's answer
	return true
}

// noPagerFlag reports whether --no-pager was given. It is read from the flag after the run, since --help prints
// without running the command's hooks.
func noPagerFlag(root *cobra.Command) bool {
	f := root.PersistentFlags().Lookup("no-pager")
	return f != nil && f.Value.String() == "true"
}
