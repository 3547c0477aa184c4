package cmd

import (
	"fmt"
	"strings"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	Providers []string // as typed: ids or aliases, possibly comma-separated
	JSON      bool
	Color     string
	Format    string
	NoPager   bool // read by execute, after the run, from the flag itself (see noPagerFlag)

	providerIDs []string // resolved provider ids
}

// resolve checks and normalises the global flags once, before any command runs.
func (g *globalOptions) resolve(io *render.Streams) error {
	if err := io.SetColorMode(g.Color); err != nil {
		return usageErrorf("%v", err)
	}
	if err := io.SetLayout(g.Format); err != nil {
		return usageErrorf("%v", shown(err.Error()))
	}
	ids, err := resolveProviders(g.Providers)
	if err != nil {
		return err
	}
	g.providerIDs = ids
	return nil
}

// resolveProviders turns provider names and aliases into ids, rejecting unknown ones with the list of valid
// names and a guess at what was meant.
func resolveProviders(names []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, name := range names {
		p, ok := codes.ProviderByName(name)
		if !ok {
			hint := ""
			if s, ok := codes.SuggestProvider(name); ok {
				hint = fmt.Sprintf(" (did you mean %s?)", s)
			}
			return nil, usageErrorf("unknown provider %q%s; valid providers: %s", shown(name), hint, providerList())
		}
		if !seen[p.ID] {
			seen[p.ID] = true
			ids = append(ids, p.ID)
		}
	}
	return ids, nil
}

func providerList() string {
	var parts []string
	for _, p := range codes.Providers() {
		parts = append(parts, p.ID)
	}
	return strings.Join(parts, ", ")
}

// providerSummary names every provider with what it is, for the root help, from the catalog so that a new
// provider is never left out: "b2 (Backblaze B2 native API), ... and http (HTTP, the fallback)".
func providerSummary() string {
	ps := codes.Providers()
	parts := make([]string, len(ps))
	for i, p := range ps {
		what := p.Name
		if p.ID == codes.FallbackProvider {
			what += ", the fallback"
		}
		parts[i] = fmt.Sprintf("%s (%s)", p.ID, what)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func (g *globalOptions) codesOptions(limit int) codes.Options {
	return codes.Options{Providers: g.providerIDs, Limit: limit}
}

// shown prepares text the user typed for an error message: sanitised and cut, so that a hostile argument cannot
// flood or drive the terminal.
func shown(s string) string { return render.Truncate(render.Sanitize(s), 80) }
