package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// ListOptions are the inputs of `errcode list`.
type ListOptions struct {
	IO     *render.Streams
	Global *globalOptions
	Status string // "404", "4xx" or ""
	Retry  string // a verdict or ""
}

// NewCmdList builds `errcode list`.
func NewCmdList(g *globalOptions, io *render.Streams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io, Global: g}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the catalog, filtered by provider, status and retry verdict",
		Long: `List every catalog entry that passes the filters: a table on a terminal, tab-separated lines
(provider, status, code, verdict, message) on a pipe, and a JSON array with --json.`,
		Example: `  errcode list -p b2
  errcode list --status 4xx --retry never -p obs
  errcode list --json | jq length`,
		Aliases: []string{"ls"},
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Status != "" {
				if _, _, ok := codes.ParseStatus(opts.Status); !ok {
					return usageErrorf("invalid --status %q: use a status such as 404 or a class such as 4xx", shown(opts.Status))
				}
			}
			if opts.Retry != "" && !codes.Verdict(opts.Retry).Valid() {
				return usageErrorf("invalid --retry %q: use %s", shown(opts.Retry), verdictList())
			}
			if runF != nil {
				return runF(opts)
			}
			return runList(opts)
		},
	}
	c.Flags().StringVar(&opts.Status, "status", "", "only entries with this HTTP `status` (404) or class (4xx)")
	c.Flags().StringVar(&opts.Retry, "retry", "", "only entries with this retry `verdict`: "+verdictList())
	return c
}

func verdictList() string {
	var vs []string
	for _, v := range codes.Verdicts() {
		vs = append(vs, string(v))
	}
	return strings.Join(vs, ", ")
}

func runList(opts *ListOptions) error {
	io := opts.IO
	entries := codes.Filtered(codes.Filter{Status: opts.Status, Retry: codes.Verdict(opts.Retry)}, opts.Global.codesOptions(0))
	if opts.Global.JSON {
		out := make([]render.EntryJSON, 0, len(entries))
		for _, e := range entries {
			out = append(out, render.NewEntryJSON(e))
		}
		if err := render.WriteJSON(io.Stdout(), out); err != nil {
			return err
		}
	} else if len(entries) > 0 {
		t := render.Table{Header: []string{"PROVIDER", "STATUS", "CODE", "RETRY", "MESSAGE"}}
		for _, e := range entries {
			t.Rows = append(t.Rows, []string{e.Provider, render.StatusText(e), e.Code, string(e.Retry.Verdict), render.Summary(e)})
		}
		if err := render.WriteTable(io, t); err != nil {
			return err
		}
	}
	if len(entries) == 0 {
		return notFoundErrorf("no entries match these filters")
	}
	return nil
}
