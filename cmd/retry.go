package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// Exit codes of `errcode retry` when the command cannot be started, as the shell has them.
const (
	ExitCannotRun   = 126 // found but not executable: permission denied, not a program, a directory
	ExitNotRunnable = 127 // not found
)

// retryTailBytes is how much of each of the command's streams errcode keeps to explain a failure: the end of
// its output, where the error is. Both tails together stay below the 64 KiB Explain reads as one paste, in
// which every line is examined.
const retryTailBytes = 32 << 10

// retryBackoff is the schedule, in seconds, for a failure whose plan gives neither a delay nor a schedule (a
// `later` verdict, or --on-unknown retry): 1 s doubling to 64 s, each with full jitter.
var retryBackoff = []float64{1, 2, 4, 8, 16, 32, 64}

// RetryOptions are the inputs of `errcode retry`.
type RetryOptions struct {
	IO        *render.Streams
	Global    *globalOptions
	Command   []string // the command and its arguments
	Attempts  int      // total runs, at least 1
	MaxTime   time.Duration
	MaxDelay  time.Duration
	OnUnknown string // "stop" or "retry": what to do when the output holds no recognisable error

	// Seams for tests; nil or zero means the real thing.
	Sleep     func(ctx context.Context, d time.Duration) error // waits d; returns early with an error when ctx is done
	Now       func() time.Time
	Rand      func() float64   // uniform in [0, 1), for jitter
	Signals   <-chan os.Signal // the signals to forward and to stop on; nil: this process's SIGINT and SIGTERM
	TailBytes int              // how much of each output stream is kept; 0: retryTailBytes

	ctx       context.Context
	explained func(attempt int, input []byte) // sees what was explained after each failure
}

// NewCmdRetry builds `errcode retry`.
func NewCmdRetry(g *globalOptions, io *render.Streams, runF func(*RetryOptions) error) *cobra.Command {
	opts := &RetryOptions{IO: io, Global: g}
	c := &cobra.Command{
		Use:   "retry [flags] -- COMMAND [ARG...]",
		Short: "Run a command and retry it the way its API error says",
		Long: `Retry runs COMMAND. Its stdout and stderr pass through unchanged as it prints them, and errcode
keeps the last 32 KiB of each. When the command fails, errcode explains that output like
'errcode explain' and acts on the primary error's retry verdict:

  never                 stop at once
  backoff, wait, later  wait, then run again: the delay the server gave
                        (Retry-After, Discord's retry_after, rate-limit
                        headers), else the provider's backoff schedule (1 s
                        doubling to 64 s when it has none) with full jitter:
                        a random wait up to the scheduled delay
  refresh               run again at once, but only once in a row
  no error recognised   stop; with --on-unknown retry, back off (1 s doubling to
                        64 s, jittered)

Each decision is one line on stderr. With --json the lines are replaced by a JSON summary of the
attempts on stderr at the end: each attempt's exit code, finding (provider, status, code, verdict),
action and wait.

-p narrows the providers the output is explained against. SIGINT and SIGTERM are passed on to the
command, and errcode does not run it again after one; Ctrl-C during a wait stops at once. The
command's stdin is errcode's stdin; its stdout and stderr are pipes, not the terminal.

Exit status: 0 when the command succeeded; otherwise the command's last exit code (128+N when a
signal N ended it); 126 when the command cannot be run (permission denied, not an executable),
127 when it is not found; 128+N when signal N interrupts a wait (130 for Ctrl-C); 2 for usage
errors, such as no command after --.`,
		Example: `  errcode retry -- curl -sS --fail-with-body "$API/b2api/v3/b2_list_buckets"
  errcode retry --attempts 8 --max-time 10m -- ./upload.sh big.tar
  errcode retry -p discord --max-delay 30s -- node post-message.js
  errcode retry --json -- b2 file upload bucket big.tar big.tar 2>summary.json`,
		Args: minArgs(1, "a command to run after --"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Command = args
			opts.ctx = c.Context()
			if opts.Attempts < 1 {
				return usageErrorf("--attempts must be at least 1, got %d", opts.Attempts)
			}
			if opts.MaxTime < 0 || opts.MaxDelay < 0 {
				return usageErrorf("--max-time and --max-delay cannot be negative")
			}
			if opts.OnUnknown != "stop" && opts.OnUnknown != "retry" {
				return usageErrorf("invalid --on-unknown %q: use stop or retry", shown(opts.OnUnknown))
			}
			if runF != nil {
				return runF(opts)
			}
			return runRetry(opts)
		},
	}
	// Everything after the command is the command's: `errcode retry curl -sf URL` needs no --.
	c.Flags().SetInterspersed(false)
	c.Flags().IntVarP(&opts.Attempts, "attempts", "n", 5, "run the command at most N times in all")
	c.Flags().DurationVar(&opts.MaxTime, "max-time", 0, "stop instead of a wait that would end later than this after the first start; a running command is not cut short (0: no limit)")
	c.Flags().DurationVar(&opts.MaxDelay, "max-delay", 0, "wait at most this long between two runs (0: as long as the plan says)")
	c.Flags().StringVar(&opts.OnUnknown, "on-unknown", "stop", "when the output holds no recognisable error: stop or retry (with backoff)")
	return c
}

// retryAttemptJSON is one run in the --json summary.
type retryAttemptJSON struct {
	Attempt     int               `json:"attempt"`
	ExitCode    int               `json:"exit_code"`
	Finding     *retryFindingJSON `json:"finding"`
	Action      string            `json:"action"` // "done", "retry" or "stop"
	Reason      string            `json:"reason"`
	WaitSeconds *float64          `json:"wait_seconds"`
	WaitSource  *string           `json:"wait_source"`
}

// retryFindingJSON is the primary finding of a failed run's output.
type retryFindingJSON struct {
	Provider string  `json:"provider"`
	Status   *int    `json:"status"`
	Code     *string `json:"code"`
	Verdict  string  `json:"verdict"`
}

// retrySummaryJSON is what --json prints on stderr at the end.
type retrySummaryJSON struct {
	Command  []string           `json:"command"`
	Attempts []retryAttemptJSON `json:"attempts"`
	ExitCode int                `json:"exit_code"`
}

// retryRun is one `errcode retry` in progress.
type retryRun struct {
	o   *RetryOptions
	ctx context.Context

	mu          sync.Mutex
	child       *os.Process
	interrupted os.Signal // the first signal received, if any
}

func runRetry(o *RetryOptions) error {
	if o.Sleep == nil {
		o.Sleep = sleepContext
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.TailBytes <= 0 {
		o.TailBytes = retryTailBytes
	}
	parent := o.ctx
	if parent == nil {
		parent = context.Background()
	}

	// Signal handling lives here only: other commands start without it.
	sigs := o.Signals
	if sigs == nil {
		ch := make(chan os.Signal, 2)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(ch)
		sigs = ch
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	r := &retryRun{o: o, ctx: ctx}
	done := make(chan struct{})
	defer close(done)
	go r.watch(sigs, cancel, done)

	summary := retrySummaryJSON{Command: o.Command, Attempts: []retryAttemptJSON{}}
	finish := func(code int, err error) error {
		summary.ExitCode = code
		if o.Global.JSON {
			if werr := render.WriteJSON(o.IO.Stderr(), summary); werr != nil && err == nil {
				err = werr
			}
		}
		if err != nil {
			return err
		}
		if code == 0 {
			return nil
		}
		return silentExit(code)
	}

	start := o.Now()
	refreshed := false // the last retry was a refresh
	for attempt := 1; ; attempt++ {
		code, input, err := r.runOnce()
		rec := retryAttemptJSON{Attempt: attempt, ExitCode: code}
		if err != nil {
			rec.Action, rec.Reason = "stop", "cannot run the command"
			summary.Attempts = append(summary.Attempts, rec)
			return finish(code, &exitError{code: code, msg: err.Error()})
		}
		if code == 0 {
			rec.Action, rec.Reason = "done", "succeeded"
			summary.Attempts = append(summary.Attempts, rec)
			if attempt > 1 {
				r.say("attempt %d/%d succeeded", attempt, o.Attempts)
			}
			return finish(0, nil)
		}
		if sig := r.signal(); sig != nil {
			rec.Action, rec.Reason = "stop", "interrupted"
			summary.Attempts = append(summary.Attempts, rec)
			r.say("attempt %d/%d interrupted (exit %d); not retrying", attempt, o.Attempts, code)
			return finish(code, nil)
		}

		var f codes.Finding
		ok := false
		if rep, err := codes.Explain(bytes.NewReader(input), codes.ExplainOptions{Providers: o.Global.providerIDs, Now: o.Now()}); err == nil {
			f, ok = rep.Primary()
		}
		if o.explained != nil {
			o.explained(attempt, input)
		}
		what := "no API error recognised in the output"
		if ok {
			rec.Finding = retryFinding(&f)
			what = describeFinding(&f)
		}
		failed := fmt.Sprintf("attempt %d/%d failed (exit %d): %s", attempt, o.Attempts, code, what)

		wait, source, reason := r.plan(ok, &f, attempt, refreshed)
		refreshed = ok && f.Retry.Verdict == codes.Refresh && reason == ""
		if reason == "" && attempt >= o.Attempts {
			reason = "no attempts left"
		}
		if reason == "" && o.MaxDelay > 0 && wait > o.MaxDelay {
			wait, source = o.MaxDelay, source+", capped by --max-delay"
		}
		if reason == "" && o.MaxTime > 0 && o.Now().Sub(start)+wait > o.MaxTime {
			reason = fmt.Sprintf("waiting %s would pass --max-time %s", formatWait(wait), o.MaxTime)
		}
		if reason != "" {
			rec.Action, rec.Reason = "stop", reason
			summary.Attempts = append(summary.Attempts, rec)
			r.say("%s; %s", failed, reason)
			return finish(code, nil)
		}

		secs := wait.Seconds()
		rec.Action, rec.WaitSeconds, rec.WaitSource = "retry", &secs, &source
		summary.Attempts = append(summary.Attempts, rec)
		if wait == 0 {
			r.say("%s; running again at once (%s)", failed, source)
			continue
		}
		r.say("%s; next in %s (%s)", failed, formatWait(wait), source)
		if err := o.Sleep(ctx, wait); err != nil {
			code := signalExit(r.signal())
			summary.Attempts[len(summary.Attempts)-1].Action = "stop"
			summary.Attempts[len(summary.Attempts)-1].Reason = "interrupted during the wait"
			r.say("interrupted during the wait; not retrying")
			return finish(code, nil)
		}
	}
}

// plan decides what follows a failed run: the wait before the next one and where it comes from, or the reason
// to stop.
func (r *retryRun) plan(ok bool, f *codes.Finding, attempt int, refreshed bool) (time.Duration, string, string) {
	if !ok {
		if r.o.OnUnknown != "retry" {
			return 0, "", "not retrying (--on-unknown retry would)"
		}
		return r.jitter(retryBackoff, attempt), "--on-unknown retry, backoff", ""
	}
	p := &f.Retry
	switch {
	case p.Verdict == codes.Refresh:
		if refreshed {
			return 0, "", "refresh again; not retrying (running again once did not help)"
		}
		return 0, "refresh", ""
	case !p.Verdict.Retryable():
		return 0, "", "not retrying"
	case p.HasAfter:
		return time.Duration(p.After * float64(time.Second)), p.Source, ""
	case len(p.Schedule) > 0:
		return r.jitter(p.Schedule, attempt), "backoff schedule", ""
	}
	return r.jitter(retryBackoff, attempt), "backoff", ""
}

// jitter picks the full-jitter wait for the attempt-th failure: a random time up to the schedule's delay for
// it (its last delay once the schedule runs out), in whole milliseconds.
func (r *retryRun) jitter(schedule []float64, attempt int) time.Duration {
	d := schedule[min(attempt-1, len(schedule)-1)]
	return time.Duration(r.o.Rand()*d*1000) * time.Millisecond
}

// runOnce runs the command once with its output passed through and the tails kept, and returns its exit code
// and the text to explain. err is set only when the command could not be started.
func (r *retryRun) runOnce() (int, []byte, error) {
	o := r.o
	out, errOut := &tailBuffer{max: o.TailBytes}, &tailBuffer{max: o.TailBytes}
	c := exec.Command(o.Command[0], o.Command[1:]...)
	c.Stdin = o.IO.In
	// The tail first: it never fails, so the pass-through decides what happens when errcode's own output closes.
	c.Stdout = io.MultiWriter(out, o.IO.Out)
	c.Stderr = io.MultiWriter(errOut, o.IO.Err)

	r.mu.Lock()
	if r.interrupted != nil {
		r.mu.Unlock()
		return signalExit(r.interrupted), nil, nil
	}
	if err := c.Start(); err != nil {
		r.mu.Unlock()
		code, msg := startFailure(o.Command[0], err)
		return code, nil, errors.New(msg)
	}
	r.child = c.Process
	r.mu.Unlock()

	_ = c.Wait()
	r.mu.Lock()
	r.child = nil
	r.mu.Unlock()

	input := make([]byte, 0, len(out.Bytes())+len(errOut.Bytes())+1)
	input = append(input, out.Bytes()...)
	if len(input) > 0 && input[len(input)-1] != '\n' {
		input = append(input, '\n')
	}
	input = append(input, errOut.Bytes()...)
	return exitCodeOfProcess(c.ProcessState), input, nil
}

// exitCodeOfProcess is the exit code a shell would report: 128+N for a process that signal N ended.
func exitCodeOfProcess(ps *os.ProcessState) int {
	if ps == nil {
		return 1
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}

// startFailure maps a failure to start the command to the shell's exit code and a message.
func startFailure(name string, err error) (int, string) {
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return ExitNotRunnable, fmt.Sprintf("cannot run %s: command not found", shown(name))
	}
	var ee *exec.Error
	if errors.As(err, &ee) {
		err = ee.Err
	}
	return ExitCannotRun, fmt.Sprintf("cannot run %s: %v", shown(name), unwrapPathError(err))
}

// watch forwards signals to the running command and cancels any wait.
func (r *retryRun) watch(sigs <-chan os.Signal, cancel context.CancelFunc, done <-chan struct{}) {
	for {
		select {
		case s := <-sigs:
			r.mu.Lock()
			if r.interrupted == nil {
				r.interrupted = s
			}
			if r.child != nil {
				_ = r.child.Signal(s)
			}
			r.mu.Unlock()
			cancel()
		case <-done:
			return
		}
	}
}

// signalExit is the exit code of a run that signal s stopped: 128+N, and 130 (SIGINT's) when s is unknown.
func signalExit(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

func (r *retryRun) signal() os.Signal {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.interrupted
}

// say prints one decision line on stderr, unless --json asked for the summary instead.
func (r *retryRun) say(format string, args ...any) {
	if r.o.Global.JSON {
		return
	}
	// Every decision line is sanitised as a whole: parts of it come from the command's output.
	fmt.Fprintf(r.o.IO.Stderr(), "errcode: %s\n", render.Clean(fmt.Sprintf(format, args...), maxErrorWidth))
}

// describeFinding is a finding in a decision line: provider, status, code and verdict, sanitised, since all of
// it may come from the command's output.
func describeFinding(f *codes.Finding) string {
	parts := []string{shown(f.Provider)}
	if f.Status != 0 {
		parts = append(parts, strconv.Itoa(f.Status))
	}
	if c := f.ReportedCode(); c != "" {
		parts = append(parts, shown(c))
	}
	return strings.Join(parts, " ") + ", " + string(f.Retry.Verdict)
}

func retryFinding(f *codes.Finding) *retryFindingJSON {
	j := &retryFindingJSON{Provider: f.Provider, Verdict: string(f.Retry.Verdict)}
	if f.Status != 0 {
		s := f.Status
		j.Status = &s
	}
	if c := f.ReportedCode(); c != "" {
		c = render.Sanitize(c)
		j.Code = &c
	}
	return j
}

// formatWait prints a wait the way the plan prints delays: "2.345 s", "1 min 30 s", "1 h".
func formatWait(d time.Duration) string {
	d = d.Round(time.Millisecond)
	if d < time.Minute {
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
	}
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, strconv.Itoa(h)+" h")
	}
	if m > 0 {
		parts = append(parts, strconv.Itoa(m)+" min")
	}
	if s > 0 {
		parts = append(parts, strconv.Itoa(s)+" s")
	}
	return strings.Join(parts, " ")
}

// sleepContext waits d, or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tailBuffer keeps the last max bytes written to it, in at most 2*max bytes of memory however much is written.
type tailBuffer struct {
	max int
	buf []byte
}

// Write keeps the end of p; it never fails.
func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	if t.buf == nil {
		t.buf = make([]byte, 0, 2*t.max)
	}
	if len(t.buf)+len(p) > cap(t.buf) {
		keep := t.max - len(p)
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-keep:]...)
	}
	t.buf = append(t.buf, p...)
	return n, nil
}

// Bytes returns the last max bytes written (fewer when less was written).
func (t *tailBuffer) Bytes() []byte {
	if len(t.buf) > t.max {
		return t.buf[len(t.buf)-t.max:]
	}
	return t.buf
}
