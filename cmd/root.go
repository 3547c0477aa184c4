// Package cmd is errcode's command line: one file per command, each parsing its flags into an options struct,
// asking package codes, and handing the answer to package render. Errors become exit codes in Main only.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/render"
)

// Main runs errcode with the process's arguments and streams and returns the exit code.
//
// It installs no signal handler: Ctrl-C ends errcode the default way, and os/signal would start a goroutine
// and a thread on every run, a cost that completion pays on every TAB. Only `errcode retry` handles signals,
// inside its own run, to pass them on to its command; explain's progress line, once shown, to erase it; and a
// running pager, which errcode must outlive.
func Main() int {
	return Run(context.Background(), render.System(), os.Args[1:])
}

// Run runs errcode with the given streams and arguments and returns the exit code. Tests call it directly.
func Run(ctx context.Context, io *render.Streams, args []string) int {
	return execute(ctx, io, NewRootCmd(io), args)
}

// execute runs a command tree and maps its error to the exit code.
func execute(ctx context.Context, io *render.Streams, root *cobra.Command, args []string) int {
	pager := startPaging(io, root, args)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	err := root.ExecuteContext(withPaging(ctx, pager))
	pager.finish(noPagerFlag(root))
	if err == nil {
		return ExitOK
	}
	code, msg := exitCodeOf(err)
	msg = helpfulFlagError(root, args, msg)
	// Messages quote input (cobra's "unknown flag: --<argv>", a code or a file name): one sanitised, bounded line.
	msg = render.Clean(msg, maxErrorWidth)
	if msg != "" {
		fmt.Fprintf(io.Stderr(), "errcode: %s\n", msg)
		if code == ExitUsage && !isOwnUsageError(err) {
			fmt.Fprintln(io.Stderr(), "Run 'errcode --help' for usage.")
		}
	}
	return code
}

// maxErrorWidth is the longest error message printed on stderr.
const maxErrorWidth = 1000

func isOwnUsageError(err error) bool {
	var ee *exitError
	return errors.As(err, &ee)
}

// NewRootCmd builds the command tree.
func NewRootCmd(io *render.Streams) *cobra.Command { return newRootCmd(io, nil) }

// newRootCmd builds the command tree; retryRunF, when set, replaces how `errcode retry` runs (tests inject
// their clock and random source through it).
func newRootCmd(io *render.Streams, retryRunF func(*RetryOptions) error) *cobra.Command {
	g := &globalOptions{Color: render.ColorAuto, Format: render.LayoutAuto}
	root := &cobra.Command{
		Use:   "errcode",
		Short: "Explain API errors of cloud services: cause, fix and whether to retry",
		Long: `errcode turns an API error into an answer: which provider and error it is, what caused it, how to fix
it, and whether and how to retry, the way the providers' official clients do. It works offline.

Providers: ` + providerSummary() + ".",
		Example: `  errcode lookup NoSuchKey
  errcode lookup 503 -p b2
  errcode search "download cap exceded"
  errcode list --provider discord --retry wait
  curl -si https://api.example.com/... | errcode explain
  errcode retry -- curl -sS --fail-with-body https://api.example.com/...`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(c *cobra.Command, args []string) error {
			return g.resolve(io)
		},
	}
	root.SetVersionTemplate("errcode {{.Version}}\n")
	// Declared here rather than left to cobra, whose default help line is "version for errcode".
	root.Flags().BoolP("version", "v", false, "print errcode's version and exit (errcode version --json for scripts)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v", err)
	})

	pf := root.PersistentFlags()
	pf.StringSliceVarP(&g.Providers, "provider", "p", nil, "only this provider (repeatable; "+providerList()+" or an alias)")
	pf.BoolVar(&g.JSON, "json", false, "print JSON for scripts")
	pf.StringVar(&g.Color, "color", render.ColorAuto, "colour: auto, always or never (only adds or removes escape codes)")
	pf.StringVar(&g.Format, "format", render.LayoutAuto, "layout: auto (pretty on a terminal, plain on a pipe), pretty or plain")
	pf.BoolVar(&g.NoPager, "no-pager", false, "print straight to the terminal: lookup, search, list, providers, explain and help otherwise "+
		"page output longer than the screen through $ERRCODE_PAGER, $PAGER or less -FRX (never on a pipe, a paste or retry)")

	root.AddCommand(
		NewCmdLookup(g, io, nil),
		NewCmdSearch(g, io, nil),
		NewCmdList(g, io, nil),
		NewCmdProviders(g, io, nil),
		NewCmdExplain(g, io, nil),
		NewCmdRetry(g, io, retryRunF),
		NewCmdVersion(g, io),
		newExitCodesTopic(),
	)
	root.SetHelpCommand(newHelpCmd())
	installHelp(root, io)
	fixCompletionCmd(root)
	registerCompletions(root, g)
	return root
}
