package cmd

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// maxCompletionDescription keeps descriptions on one line in every shell's menu.
const maxCompletionDescription = 60

// completeQueries completes lookup's QUERY arguments with the codes of every provider (or of the -p ones), each
// described by its provider, status and message. With a prefix typed, codes that start with it come first in
// alphabetical order; when none does, fuzzy search supplies ranked guesses so that zsh and fish, which match
// loosely, still offer "NoSuchKey" for "NoSuhc". It never prints: completion output is the shell's protocol.
func completeQueries(g *globalOptions) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		ids, err := resolveProviders(g.Providers)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		opts := codes.Options{Providers: ids}
		entries := codes.WithCodePrefix(toComplete, opts)
		directive := cobra.ShellCompDirectiveNoFileComp
		if len(entries) == 0 && toComplete != "" {
			opts.Limit = 20
			for _, m := range codes.Search(toComplete, opts) {
				entries = append(entries, m.Entry)
			}
			directive |= cobra.ShellCompDirectiveKeepOrder
		} else {
			sort.SliceStable(entries, func(i, j int) bool { return entries[i].Code < entries[j].Code })
		}
		return describeCodes(entries), directive
	}
}

// describeCodes turns entries into completions, one per distinct code: a status such as 404 is one candidate,
// described by its first provider and how many others share it.
func describeCodes(entries []*codes.Entry) []cobra.Completion {
	type item struct {
		first *codes.Entry
		more  int
	}
	var order []string
	seen := map[string]*item{}
	for _, e := range entries {
		if it, ok := seen[e.Code]; ok {
			it.more++
			continue
		}
		seen[e.Code] = &item{first: e}
		order = append(order, e.Code)
	}
	out := make([]cobra.Completion, 0, len(order))
	for _, code := range order {
		it := seen[code]
		desc := it.first.Provider
		if it.first.Status != 0 && it.first.Kind == codes.KindCode {
			desc += fmt.Sprintf(" %d", it.first.Status)
		}
		desc += ": " + render.Summary(it.first)
		if it.more > 0 {
			desc += fmt.Sprintf(" (+%d more)", it.more)
		}
		out = append(out, cobra.CompletionWithDesc(code, oneLine(desc, maxCompletionDescription)))
	}
	return out
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return s[:cut] + "…"
}

// completeProviders completes -p with provider ids and aliases.
func completeProviders(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, p := range codes.Providers() {
		out = append(out, cobra.CompletionWithDesc(p.ID, p.Name))
		for _, a := range p.Aliases {
			out = append(out, cobra.CompletionWithDesc(a, "alias of "+p.ID))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

func completeVerdicts(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, v := range codes.Verdicts() {
		out = append(out, cobra.CompletionWithDesc(string(v), verdictHelp[v]))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

var verdictHelp = map[codes.Verdict]string{
	codes.Never:   "retrying cannot succeed; fix the request first",
	codes.Refresh: "renew a token, URL or clock, then retry",
	codes.Later:   "retry when the running operation finished",
	codes.Wait:    "rate limited; wait the given delay",
	codes.Backoff: "transient; retry with exponential backoff",
}

func completeColor(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{
		cobra.CompletionWithDesc(render.ColorAuto, "colour on terminals, honouring NO_COLOR"),
		cobra.CompletionWithDesc(render.ColorAlways, "colour even into pipes"),
		cobra.CompletionWithDesc(render.ColorNever, "no escape codes at all"),
	}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

func completeStatus(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, class := range []string{"1xx", "2xx", "3xx", "4xx", "5xx"} {
		out = append(out, cobra.Completion(class))
	}
	for _, e := range codes.WithCodePrefix("", codes.Options{Providers: []string{codes.FallbackProvider}}) {
		out = append(out, cobra.CompletionWithDesc(e.Code, e.Name))
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

func completeOnUnknown(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{
		cobra.CompletionWithDesc("stop", "stop when no API error is recognised"),
		cobra.CompletionWithDesc("retry", "retry with backoff when no API error is recognised"),
	}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// registerCompletions wires the completion functions to the command tree.
func registerCompletions(root *cobra.Command, g *globalOptions) {
	_ = root.RegisterFlagCompletionFunc("provider", completeProviders)
	_ = root.RegisterFlagCompletionFunc("color", completeColor)
	_ = root.RegisterFlagCompletionFunc("format", func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{
			cobra.CompletionWithDesc(render.LayoutAuto, "pretty on a terminal, plain on a pipe"),
			cobra.CompletionWithDesc(render.LayoutPretty, "cards and aligned tables fitted to the width"),
			cobra.CompletionWithDesc(render.LayoutPlain, "one field per line, tab-separated rows"),
		}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	})
	for _, c := range root.Commands() {
		switch c.Name() {
		case "lookup":
			c.ValidArgsFunction = completeQueries(g)
		case "list":
			_ = c.RegisterFlagCompletionFunc("retry", completeVerdicts)
			_ = c.RegisterFlagCompletionFunc("status", completeStatus)
		case "retry":
			_ = c.RegisterFlagCompletionFunc("on-unknown", completeOnUnknown)
		case "search", "providers", "version":
			c.ValidArgsFunction = cobra.NoFileCompletions
		}
	}
}
