// Attribution: which provider an observation belongs to, from the evidence the record and the rest of the input
// give (client names, hosts, paths, headers, body shapes, id shapes, the code's own provider).

package codes

import (
	"sort"
	"strings"
)

// evidenceScores adds up the evidence for each provider: the record's own, and a third of what the rest of the
// input said.
func (x *explainer) evidenceScores(o *observation) map[string]int {
	scores := map[string]int{}
	for p, w := range o.evidence {
		scores[p] += w
	}
	for p, w := range x.context.evidence {
		scores[p] += w / 3 // clues elsewhere in the input count, but less than the record's own
	}
	return scores
}

// allowed reports whether the options let explain answer with provider p.
func (x *explainer) allowed(p string) bool {
	return len(x.opts.Providers) == 0 || contains(x.opts.Providers, p)
}

// firmProvider is the provider the evidence names on its own (before the code is counted), clearly ahead of
// any other, or "".
func firmProvider(scores map[string]int, allowed func(string) bool) string {
	best, second := "", 0
	for p, s := range scores {
		if !allowed(p) {
			continue
		}
		if best == "" || s > scores[best] {
			if best != "" {
				second = max(second, scores[best])
			}
			best = p
		} else {
			second = max(second, s)
		}
	}
	if best != "" && scores[best] >= 4 && scores[best] > second {
		return best
	}
	return ""
}

// contextMayDecide reports whether p, which the evidence names firmly, may decide for o although the record
// itself may not name it: it may when the record names p, names no provider, or names others only by client
// formats that p's users print too (p has a compatible API). A boto3 error in a Discord bot's log is not
// Discord's, however often the rest of the log says Discord.
func contextMayDecide(p string, o *observation) bool {
	if o.evidence[p] > 0 {
		return true
	}
	ps := specFor(p)
	for q, w := range o.evidence {
		if q == "" || w <= 0 {
			continue
		}
		spec := specFor(q)
		if spec == nil || spec.formatOnly == nil || !spec.formatOnly(o) || ps == nil || !ps.compatibleAPI {
			return false
		}
	}
	return true
}

// providersWithCode lists the providers that have a code entry spelt like code.
func providersWithCode(code string) []string {
	var out []string
	for _, id := range findNormalized(codeIndex[:], code) {
		e := &entries[id]
		if e.Kind == KindCode && strings.EqualFold(e.Code, code) && !contains(out, e.Provider) {
			out = append(out, e.Provider)
		}
	}
	return out
}

// rankProviders orders the providers with positive evidence, strongest first; among equals, the one with more
// evidence of the record's own (own, which may be nil) comes first: what the record itself shows outweighs what
// other lines of the input said.
func rankProviders(scores, own map[string]int, allowed func(string) bool) []string {
	return rankProvidersInto(nil, scores, own, allowed)
}

// rankProvidersInto is rankProviders that appends to out, so that a caller can rank into a stack array. There
// are a handful of providers: an insertion sort, by an order without ties among them, does not allocate.
func rankProvidersInto(out []string, scores, own map[string]int, allowed func(string) bool) []string {
	out = out[:0]
	for p, s := range scores {
		if s > 0 && allowed(p) && p != "" {
			out = append(out, p)
		}
	}
	before := func(a, b string) bool {
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		if own[a] != own[b] {
			return own[a] > own[b]
		}
		return providerRank(a) < providerRank(b)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && before(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// candidateProviders names the other providers that have an entry for the observed code or status.
func candidateProviders(o *observation, chosen string, allowed func(string) bool) []string {
	var out []string
	add := func(p string) {
		if p != chosen && p != httpID && allowed(p) && !contains(out, p) {
			out = append(out, p)
		}
	}
	if o.code != "" {
		for _, p := range providersWithCode(o.code) {
			add(p)
		}
	}
	if o.status != 0 && len(out) == 0 {
		for i := range entries {
			if entries[i].Status == o.status {
				add(entries[i].Provider)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return providerRank(out[i]) < providerRank(out[j]) })
	return out
}

// considerProviderOnly keeps the record that most firmly names a provider while it says something failed
// without a status, code or message ("ObsException: ... open failed", "Error occurs when accessing to OBS"): when
// the input holds no error of its own, that much is still worth reporting.
func (x *explainer) considerProviderOnly(o *observation) {
	if !o.failure || (o.status != 0 && o.status < 400) {
		return
	}
	scores := x.evidenceScores(o)
	ranked := rankProviders(scores, o.evidence, x.allowed)
	if len(ranked) == 0 || scores[ranked[0]] < confidentScore || (len(ranked) > 1 && scores[ranked[1]] == scores[ranked[0]]) {
		return
	}
	if x.providerOnly != nil && x.providerOnlyScore >= scores[ranked[0]] {
		return
	}
	x.providerOnly = &Finding{Provider: ranked[0], Line: o.line, Clues: o.clues, Count: 1,
		Retry: RetryPlan{Verdict: Never, Source: "no response",
			Advice: "The text shows no status, code or message of a response: the failure may be the client's own " +
				"(a local file, the network, a wrapper). Read the client's error before retrying."}}
	x.providerOnlyScore = scores[ranked[0]]
}
