package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// ExplainOptions are the inputs of `errcode explain`.
type ExplainOptions struct {
	IO         *render.Streams
	Global     *globalOptions
	Files      []string // "-" is stdin; none means stdin
	ExitStatus bool
}

// NewCmdExplain builds `errcode explain`.
func NewCmdExplain(g *globalOptions, io *render.Streams, runF func(*ExplainOptions) error) *cobra.Command {
	opts := &ExplainOptions{IO: io, Global: g}
	c := &cobra.Command{
		Use:   "explain [FILE|-]...",
		Short: "Diagnose a pasted API error: response, curl transcript, log or SDK exception",
		Long: `Explain reads an API error in any form from the files or stdin ("-") and diagnoses every
distinct error in it: HTTP status lines and headers (also as curl -v prints them), JSON bodies
(pretty, minified, truncated, or as JavaScript, Ruby and Python print them, or escaped in a JSON
log line), XML bodies, SDK exceptions and CLI output (discord.js, discord.py, JDA, b2sdk, the OBS
SDKs, obsutil, rclone, restic, aws-sdk-go and more), failures before any response (DNS, refused,
timeout, reset, TLS) and bare messages, wherever they stand in a log line, a stack trace or a
Markdown quote: codes, statuses and messages are found by the catalog, and the provider by
evidence.

For each error it names the provider (or, when the evidence is weak, the possible ones), the code
and message, the request id, the cause and fix, what the client library in the paste already does,
and a retry plan: the server's delay (Retry-After, X-RateLimit-Reset(-After), the IETF RateLimit
fields, retry-after-ms, x-amz-retry-after, Discord's retry_after: capped at 1 h; a wait the provider
writes in its message: at 72 h) with jitter, or a backoff schedule.

Input of any size is streamed with bounded memory.`,
		Example: `  curl -si "$B2_API_URL/b2api/v3/b2_list_buckets" | errcode explain
  errcode explain app.log
  pbpaste | errcode explain --json
  until curl -sf "$url" -o out; do
    curl -si "$url" | errcode explain --exit-status >/dev/null
    [ $? -eq 75 ] || break; sleep 5
  done`,
		Aliases: []string{"e", "diagnose"},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if io.InTTY && readsStdin(args) {
				// A paste typed into the terminal is an exchange: its answer follows it on the screen.
				noPager(c)
			}
			if runF != nil {
				return runF(opts)
			}
			return runExplain(opts)
		},
	}
	c.Flags().BoolVar(&opts.ExitStatus, "exit-status", false, "exit 0 if no error, 75 if the primary error is worth retrying, 1 if not")
	return c
}

// readsStdin reports whether explain reads stdin for these file arguments.
func readsStdin(files []string) bool {
	return len(files) == 0 || slices.Contains(files, "-")
}

// stdinHint is printed on stderr when explain waits for a paste on a terminal.
const stdinHint = "errcode: paste an API error, then press Ctrl-D (or pass a file: errcode explain FILE)"

// stickyEOF remembers the end of input. A terminal reports Ctrl-D as one end-of-file and then reads on; Explain's
// look-ahead sees that end and would then read again, so that one Ctrl-D did not end the paste.
type stickyEOF struct {
	r   io.Reader
	eof bool
}

func (s *stickyEOF) Read(p []byte) (int, error) {
	if s.eof {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if err == io.EOF {
		s.eof = true
	}
	return n, err
}

type explainedInput struct {
	name   string
	report codes.Report
}

func runExplain(opts *ExplainOptions) error {
	io, g := opts.IO, opts.Global
	files := opts.Files
	if len(files) == 0 {
		if io.InTTY {
			fmt.Fprintln(io.Stderr(), stdinHint)
		}
		files = []string{"-"}
	}

	// Like grep, a file that cannot be read is reported on stderr at once and the others are still explained;
	// the run then exits 2 at the end, after printing what the readable files held.
	var inputs []explainedInput
	total, failed := 0, false
	for _, name := range files {
		rep, err := explainFile(io, name, g.providerIDs, progressLabel(io, g, name, len(files)))
		if err != nil {
			var ee *exitError
			if errors.As(err, &ee) && ee.code == ExitUsage {
				failed = true
			}
			fmt.Fprintf(io.Stderr(), "errcode: %s\n", err.Error())
			continue
		}
		inputs = append(inputs, explainedInput{name, rep})
		total += len(rep.Findings)
	}

	if g.JSON {
		out := []render.FindingJSON{}
		for _, in := range inputs {
			file := ""
			if len(files) > 1 {
				file = in.name
			}
			for i := range in.report.Findings {
				j := render.NewFindingJSON(&in.report.Findings[i], file)
				j.DroppedOccurrences = in.report.Dropped
				out = append(out, j)
			}
			reportDropped(io, in)
		}
		if err := render.WriteJSON(io.Stdout(), out); err != nil {
			return err
		}
	} else {
		first := true
		for _, in := range inputs {
			for i := range in.report.Findings {
				if !first {
					fmt.Fprintln(io.Stdout())
				}
				first = false
				if len(files) > 1 {
					fmt.Fprintf(io.Stdout(), "%s:\n", shown(in.name))
				}
				if err := render.WriteCard(io, render.FindingCard(&in.report.Findings[i])); err != nil {
					return err
				}
			}
			reportDropped(io, in)
		}
	}

	if failed {
		return silentExit(ExitUsage)
	}
	if total == 0 {
		for _, in := range inputs {
			fmt.Fprintf(io.Stderr(), "errcode: no API error found in %s (%s read)\n", displayName(in.name), plural(in.report.Lines, "line"))
		}
		if opts.ExitStatus {
			return nil
		}
		return silentExit(ExitNotFound)
	}
	if opts.ExitStatus {
		for _, in := range inputs {
			if f, ok := in.report.Primary(); ok {
				if f.Retry.Verdict.Retryable() {
					return silentExit(ExitTempFail)
				}
				break
			}
		}
		return silentExit(ExitNotFound)
	}
	return nil
}

// reportDropped says on stderr how many occurrences of further distinct errors an input held beyond the findings
// shown; --json carries the same count in each finding's dropped_occurrences.
func reportDropped(io *render.Streams, in explainedInput) {
	if in.report.Dropped > 0 {
		fmt.Fprintf(io.Stderr(), "errcode: %s: %d more occurrences of further distinct errors not shown (the first %d are)\n",
			displayName(in.name), in.report.Dropped, codes.MaxFindings)
	}
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return shown(name)
}

// progressLabel is the label of the progress line for one input, or "" when none is shown: progress goes on
// stderr only when it is a terminal, never with --json (a script is reading), and never while a paste is typed
// into the terminal, where the wait is the person's. Streams that only pretend to be terminals (buffers in
// tests) get none: rewriting a line in place means something on a real terminal only.
func progressLabel(streams *render.Streams, g *globalOptions, name string, inputs int) string {
	if _, file := streams.Err.(*os.File); !file || !streams.ErrTTY || g.JSON || (name == "-" && streams.InTTY) {
		return ""
	}
	if inputs > 1 {
		return "reading " + displayName(name)
	}
	return "reading"
}

// explainFile explains one input; "-" is stdin. With a progress label, a slow read shows its progress on stderr,
// erased before explainFile returns.
func explainFile(streams *render.Streams, name string, providers []string, label string) (codes.Report, error) {
	var r io.Reader = &stickyEOF{r: streams.In}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && len(codes.Lookup(name, codes.Options{})) > 0 {
				// "errcode explain NoSuchKey": a code, not a file.
				return codes.Report{}, usageErrorf("cannot read %s: no such file; to look up a code, use 'errcode lookup %s'",
					shown(name), shown(name))
			}
			return codes.Report{}, usageErrorf("cannot read %s: %v", shown(name), unwrapPathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return codes.Report{}, usageErrorf("%s is a directory, not a file", shown(name))
		}
		r = f
	}
	if name == "-" {
		growPipe(streams.In)
	} else {
		growPipe(r)
	}
	var found *atomic.Int64
	if label != "" {
		p := startProgress(streams.Err, terminalWidth(streams.Err), label)
		defer p.end()
		r, found = p.reader(r), &p.found
	}
	rep, err := codes.Explain(r, codes.ExplainOptions{Providers: providers, Found: found})
	if errors.Is(err, codes.ErrBinaryInput) {
		return rep, notFoundErrorf("%s: %v; nothing to explain", displayName(name), err)
	}
	if err != nil {
		// A read error is exit 2, as documented; the *PathError already names the file, so only its reason is
		// kept.
		return rep, usageErrorf("cannot read %s: %v", displayName(name), unwrapPathError(err))
	}
	return rep, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
