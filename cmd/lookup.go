package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// LookupOptions are the inputs of `errcode lookup`.
type LookupOptions struct {
	IO      *render.Streams
	Global  *globalOptions
	Queries []string
}

// fallbackLimit is how many closest matches lookup shows when nothing matched exactly.
const fallbackLimit = 5

// cardLimit is the most matches lookup shows as cards on a terminal; more become a table.
const cardLimit = 3

// NewCmdLookup builds `errcode lookup`. runF replaces the command's work in tests.
func NewCmdLookup(g *globalOptions, io *render.Streams, runF func(*LookupOptions) error) *cobra.Command {
	opts := &LookupOptions{IO: io, Global: g}
	return &cobra.Command{
		Use:   "lookup QUERY...",
		Short: "Explain an error code, HTTP status, status class or message",
		Long: `Look up each QUERY exactly: an error code (NoSuchKey, expired_auth_token, 50013, 127), a name
(MissingPermissions), an HTTP status (404), a status class (4xx), or a provider's message. Case and the
separators _ - . and space do not matter: "no such key" finds NoSuchKey.

A status shows every provider's meaning of it, provider by provider. When nothing matches exactly,
lookup says so on stderr, shows the closest matches of a fuzzy search instead, and exits 1: only exact
matches for every QUERY exit 0.`,
		Example: `  errcode lookup NoSuchKey
  errcode lookup expired_auth_token 50013
  errcode lookup 404 -p obs
  errcode lookup "Missing Permissions" --json`,
		Args:    minArgs(1, "a code, status or message to look up"),
		Aliases: []string{"l", "show"},
		RunE: func(c *cobra.Command, args []string) error {
			for _, q := range args {
				if strings.TrimSpace(q) == "" {
					return usageErrorf("lookup needs a code, status or message, not an empty query")
				}
			}
			opts.Queries = args
			if runF != nil {
				return runF(opts)
			}
			return runLookup(opts)
		},
	}
}

// lookupResult is the answer to one query.
type lookupResult struct {
	query   string
	matches []codes.Match
	fuzzy   bool
}

func runLookup(opts *LookupOptions) error {
	io, g := opts.IO, opts.Global
	var results []lookupResult
	inexact := false
	for _, q := range opts.Queries {
		r := lookupResult{query: q, matches: codes.Lookup(q, g.codesOptions(0))}
		if len(r.matches) == 0 {
			r.matches = codes.Search(q, g.codesOptions(fallbackLimit))
			r.fuzzy = true
			if len(r.matches) > 0 {
				fmt.Fprintf(io.Stderr(), "errcode: no exact match for %s; closest matches:\n", shown(q))
			}
		}
		if r.fuzzy {
			inexact = true
		}
		if len(r.matches) == 0 {
			reportNothingFound(io, g, q, "lookup")
			continue
		}
		results = append(results, r)
	}

	if g.JSON {
		out := []render.EntryJSON{}
		for _, r := range results {
			for _, m := range r.matches {
				j := render.NewEntryJSON(m.Entry)
				j.Match, j.Query = m.How.String(), r.query
				out = append(out, j)
			}
		}
		if err := render.WriteJSON(io.Stdout(), out); err != nil {
			return err
		}
	} else {
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(io.Stdout())
			}
			if err := writeMatches(io, r); err != nil {
				return err
			}
		}
	}
	if inexact {
		return silentExit(ExitNotFound)
	}
	return nil
}

// writeMatches shows a few matches as cards and many as a table that ends with the count. After a fuzzy
// fallback the best guess gets a card of its own and the other candidates a table.
func writeMatches(io *render.Streams, r lookupResult) error {
	if r.fuzzy && len(r.matches) > 1 {
		if err := render.WriteCard(io, render.EntryCard(r.matches[0].Entry)); err != nil {
			return err
		}
		if io.Pretty() {
			fmt.Fprintln(io.Stdout(), "\nOther close matches:")
		} else {
			fmt.Fprintln(io.Stdout())
		}
		return render.WriteTable(io, matchTable(r.matches[1:]))
	}
	if len(r.matches) <= cardLimit {
		for i, m := range r.matches {
			if i > 0 {
				fmt.Fprintln(io.Stdout())
			}
			if err := render.WriteCard(io, render.EntryCard(m.Entry)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := render.WriteTable(io, matchTable(r.matches)); err != nil {
		return err
	}
	if io.Pretty() {
		providers := map[string]bool{}
		for _, m := range r.matches {
			providers[m.Entry.Provider] = true
		}
		note := fmt.Sprintf("%d entries match %s (%s); 'errcode lookup CODE -p PROVIDER' shows one in full.",
			len(r.matches), shown(r.query), plural(len(providers), "provider"))
		fmt.Fprintf(io.Stdout(), "\n%s\n", strings.Join(render.WrapWords(note, max(io.Width, 40)), "\n"))
	}
	return nil
}

func matchTable(ms []codes.Match) render.Table {
	t := render.Table{Header: []string{"PROVIDER", "STATUS", "CODE", "RETRY", "MESSAGE"}}
	for _, m := range ms {
		e := m.Entry
		t.Rows = append(t.Rows, []string{e.Provider, render.StatusText(e), e.Code, string(e.Retry.Verdict), render.Summary(e)})
	}
	return t
}

// reportNothingFound tells the user on stderr that a query found nothing, with the likeliest intended entry.
// The hint never suggests the command that was just run: after search, it points at list.
func reportNothingFound(io *render.Streams, g *globalOptions, q string, command string) {
	msg := fmt.Sprintf("errcode: nothing matches %s", shown(q))
	if e, ok := codes.Suggest(q, g.codesOptions(1)); ok {
		msg += fmt.Sprintf("; did you mean %s (%s)?", e.Code, e.Provider)
	} else if len(g.providerIDs) > 0 {
		msg += fmt.Sprintf(" for provider %v; try without -p", g.providerIDs)
	} else if command == "search" {
		msg += "; try fewer or other words, or 'errcode list' to browse"
	} else {
		msg += "; try 'errcode search WORDS' or 'errcode list'"
	}
	fmt.Fprintln(io.Stderr(), msg)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
