package cmd

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// ProvidersOptions are the inputs of `errcode providers`.
type ProvidersOptions struct {
	IO     *render.Streams
	Global *globalOptions
}

// NewCmdProviders builds `errcode providers`.
func NewCmdProviders(g *globalOptions, io *render.Streams, runF func(*ProvidersOptions) error) *cobra.Command {
	opts := &ProvidersOptions{IO: io, Global: g}
	return &cobra.Command{
		Use:   "providers",
		Short: "List the providers with their ids, aliases, entry counts and docs",
		Args:  noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runProviders(opts)
		},
	}
}

func runProviders(opts *ProvidersOptions) error {
	var ps []codes.Provider
	for _, p := range codes.Providers() {
		if len(opts.Global.providerIDs) == 0 || contains(opts.Global.providerIDs, p.ID) {
			ps = append(ps, p)
		}
	}
	if opts.Global.JSON {
		out := make([]render.ProviderJSON, 0, len(ps))
		for _, p := range ps {
			out = append(out, render.NewProviderJSON(p))
		}
		return render.WriteJSON(opts.IO.Stdout(), out)
	}
	// On a narrow terminal the name is cut first and the docs URL, never cut, moves under its row.
	t := render.Table{Header: []string{"ID", "NAME", "ALIASES", "ENTRIES", "DOCS"}, Cut: "NAME", OwnLine: "DOCS"}
	for _, p := range ps {
		t.Rows = append(t.Rows, []string{p.ID, p.Name, strings.Join(p.Aliases, ","), strconv.Itoa(codes.ProviderCount(p.ID)), p.Docs})
	}
	return render.WriteTable(opts.IO, t)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
