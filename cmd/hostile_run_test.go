//go:build linux

package cmd

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// hangAfter is how long runHostile lets a run go before it kills it as hung.
const hangAfter = time.Minute

// limits are what one hostile case may cost a user: bytes of stdout and stderr together, and the peak resident
// memory of the process. Peak memory is read from the kernel's accounting of the finished process (Maxrss), so it
// covers everything the run touched (heap, stacks, the binary's pages), not only what the Go heap counted.
type limits struct {
	output int   // bytes of stdout plus stderr
	rss    int64 // bytes of peak resident memory
}

// smallInput is the budget of a hostile input of a few KiB to a few MiB: a screenful or two of output, and about
// what any run of errcode takes (a run on an empty input peaks near 10 MiB).
var smallInput = limits{output: 16 << 10, rss: 48 << 20}

// capture keeps the first max bytes written to it and counts them all, so that a run that floods its output
// fails the bound without the test holding the flood.
type capture struct {
	buf   bytes.Buffer
	max   int
	total int
}

func (c *capture) Write(p []byte) (int, error) {
	c.total += len(p)
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// runHostile runs errcode as its own process (this test binary, which TestMain installs on PATH as errcode) with
// stdin from r, and fails the test when its output or peak memory exceeds lim. stdout is a pipe: pass
// --format=pretty for the terminal layout.
func runHostile(t *testing.T, lim limits, r io.Reader, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	path, err := exec.LookPath("errcode")
	if err != nil {
		t.Fatalf("errcode is not on PATH (TestMain installs it): %v", err)
	}
	// A run that does not end (a parser that spins) is killed and fails as a signal, well before go test's own
	// timeout would hide which case hung. This bounds a hang, it does not time the run.
	ctx, cancel := context.WithTimeout(context.Background(), hangAfter)
	defer cancel()
	c := exec.CommandContext(ctx, path, args...)
	c.Env = append(os.Environ(), "NO_COLOR=", "CLICOLOR=", "CLICOLOR_FORCE=", "TERM=xterm-256color", "COLUMNS=100")
	if r == nil {
		r = bytes.NewReader(nil)
	}
	c.Stdin = r
	out, errOut := &capture{max: lim.output + 1}, &capture{max: lim.output + 1}
	c.Stdout, c.Stderr = out, errOut
	err = c.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%.40q: %v", args, err)
	}
	code = c.ProcessState.ExitCode()
	if code < 0 {
		t.Fatalf("%.40q: killed by a signal (%v); stderr %.300q", args, c.ProcessState, errOut.buf.String())
	}
	rss := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // Linux reports ru_maxrss in KiB
	t.Logf("%.40q: %d bytes out, peak RSS %.1f MiB", args, out.total+errOut.total, float64(rss)/(1<<20))
	if n := out.total + errOut.total; n > lim.output {
		t.Errorf("%.40q: printed %d bytes, over the bound of %d", args, n, lim.output)
	}
	if rss > lim.rss {
		t.Errorf("%.40q: peak RSS %d MiB, over the bound of %d MiB", args, rss>>20, lim.rss>>20)
	}
	return out.buf.String(), errOut.buf.String(), code
}
