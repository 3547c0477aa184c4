package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// SearchOptions are the inputs of `errcode search`.
type SearchOptions struct {
	IO     *render.Streams
	Global *globalOptions
	Query  string
	Limit  int
}

// NewCmdSearch builds `errcode search`.
func NewCmdSearch(g *globalOptions, io *render.Streams, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: io, Global: g}
	c := &cobra.Command{
		Use:   "search WORDS...",
		Short: "Fuzzy-search codes, names, messages and causes of every provider",
		Long: `Search ranks every catalog entry against WORDS, tolerating typos (transposed, missing or extra
letters), separators and case: "NoSuhcKey", "missing acess" and "download cap exceded" all find
what was meant. The best match comes first.`,
		Example: `  errcode search "bucket not empty"
  errcode search missing acess --limit 3
  errcode search timeout -p obs --json`,
		Args:    minArgs(1, "words to search for"),
		Aliases: []string{"s", "find"},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if strings.TrimSpace(opts.Query) == "" {
				return usageErrorf("search needs words to search for, not an empty query")
			}
			if opts.Limit < 1 {
				return usageErrorf("--limit must be at least 1, got %d", opts.Limit)
			}
			if runF != nil {
				return runF(opts)
			}
			return runSearch(opts)
		},
	}
	c.Flags().IntVarP(&opts.Limit, "limit", "n", codes.DefaultLimit, "show at most `N` matches")
	return c
}

func runSearch(opts *SearchOptions) error {
	io, g := opts.IO, opts.Global
	ms := codes.Search(opts.Query, g.codesOptions(opts.Limit))
	if len(ms) == 0 {
		reportNothingFound(io, g, opts.Query, "search")
		if g.JSON {
			_ = render.WriteJSON(io.Stdout(), []render.EntryJSON{})
		}
		return silentExit(ExitNotFound)
	}
	if g.JSON {
		out := make([]render.EntryJSON, 0, len(ms))
		for _, m := range ms {
			j := render.NewEntryJSON(m.Entry)
			j.Match, j.Query = m.How.String(), opts.Query
			out = append(out, j)
		}
		return render.WriteJSON(io.Stdout(), out)
	}
	return render.WriteTable(io, matchTable(ms))
}
