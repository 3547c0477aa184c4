package codes

import (
	"sort"
	"strconv"
	"strings"
)

// confidentScore is the evidence weight from which a provider is named without listing alternatives.
const confidentScore = 3

// diagnose decides whether an observation is an error and, if so, which provider and catalog entry explain it.
func (x *explainer) diagnose(o *observation) (Finding, bool) {
	scores := x.evidenceScores(o)
	allowed := x.allowed
	// Evidence that firmly names one provider outweighs the code's own provider: an S3-style code seen beside
	// a B2 upload id is B2's S3-compatible API, not OBS.
	firm := firmProvider(scores, allowed)
	// The code itself is evidence: only Discord has five- and six-digit codes, only B2 snake_case ones.
	if o.code != "" {
		holders := providersWithCode(o.code)
		for _, p := range holders {
			w := 1
			if len(holders) == 1 {
				w = 3
			}
			scores[p] += w
		}
	}

	ranked := rankProviders(scores, allowed)
	e, provider := x.resolve(o, ranked, allowed, firm)
	e = adjustEntry(provider, e, o)
	// A provider's own message for a status (the legacy backup endpoints' frequency limit) is an error too.
	byOwnMessage := e != nil && e.Kind == KindStatus && e.Provider != httpID && o.message != "" && o.errorShape &&
		e.Status >= 400 && messageNames(e, o.message)
	isError := o.status >= 400 || (e != nil && e.Kind == KindCode && o.errorShape) || byOwnMessage ||
		(o.status == 202 && o.hasRetryAfterBody)
	if !isError {
		x.considerProviderOnly(o)
		return Finding{}, false
	}
	if provider == "" {
		provider = httpID
	}

	f := Finding{
		Provider: provider, Status: o.status, Code: o.code, Message: o.message, RequestID: o.requestID,
		Entry: e, FieldErrors: o.fieldErrors, Line: o.line, Clues: o.clues,
	}
	if f.Message == "" && o.statusText != "" && e == nil {
		f.Message = o.statusText
	}
	if byOwnMessage && f.Status == 0 {
		f.Status = e.Status
	}
	if e != nil && e.Kind == KindCode {
		if strings.EqualFold(e.Code, f.Code) || containsFold(e.Exceptions, f.Code) {
			f.Code = e.Code // the catalog's spelling: "UNAUTHORIZED" as a client prints it is "unauthorized"
		}
		// A code that comes with one status only says the status the text left out.
		if f.Status == 0 && e.Status != 0 && codeHasOneStatus(e) {
			f.Status = e.Status
			f.Clues = append(append([]string(nil), f.Clues...), "status "+strconv.Itoa(e.Status)+" from the code")
		}
	}
	// Weak evidence: name the other providers that could have sent this error, and when nothing but a hint
	// points at one, explain the status as plain HTTP rather than guess.
	top := scores[provider]
	if top < confidentScore || (len(ranked) > 1 && scores[ranked[1]] == top) {
		ownMessage := e != nil && e.Provider != httpID && o.message != "" && messageNames(e, o.message)
		if (e == nil || e.Kind != KindCode) && !ownMessage && top < 2 && o.status != 0 && allowed(httpID) {
			if he, ok := Find(httpID, strconv.Itoa(o.status), o.status); ok {
				f.Provider, f.Entry, e, provider = httpID, he, he, httpID
			}
		}
		f.Candidates = candidateProviders(o, provider, allowed)
	}
	f.Retry = planRetry(e, provider, o, x.opts.Now)
	return f, true
}

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

// resolve finds the catalog entry for an observation, trying providers from the best evidence down, and the
// code before the message before the status.
func (x *explainer) resolve(o *observation, ranked []string, allowed func(string) bool, firm string) (*Entry, string) {
	code, status := o.code, o.status
	if code != "" {
		tryFirst := ranked
		if firm != "" {
			tryFirst = []string{firm}
		}
		for _, p := range tryFirst {
			if e := codeEntry(p, code, status); e != nil {
				return e, p
			}
		}
		if firm != "" {
			// The evidence names the provider firmly, and it has no such code: an S3-style code from
			// Backblaze's S3-compatible API, say. The provider's status entry explains it better than another
			// provider's code entry.
			ranked = []string{firm}
			code = ""
		}
	}
	if code != "" {
		// No evidence names a provider that has this code: take the code's own provider when it is unambiguous
		// or when the status singles one out.
		var best *Entry
		for _, id := range find(codeIndex[:], Normalize(code)) {
			e := &entries[id]
			if !allowed(e.Provider) || !strings.EqualFold(e.Code, code) || e.Kind != KindCode {
				continue
			}
			if best == nil || (status != 0 && e.Status == status && best.Status != status) {
				best = e
			}
		}
		if best != nil {
			return best, best.Provider
		}
	}
	// A message names its code only when it agrees with the status: Discord's 429 body says "You are being
	// rate limited." without a code, and that is the 429, not the code whose message reads the same.
	if o.message != "" {
		byMessage := messageEntries(o.message, Options{})
		// First the entries of exactly the observed status, then those whose status the catalog does not fix
		// (Discord's codes): "Unauthorized" at 400 is Discord's 40001, not the 401.
		// A 429's message never names a code: rate-limit bodies describe the status ("You are being rate
		// limited."), and a code whose message reads the same is another error.
		for _, anyStatus := range []bool{false, status != 429} {
			for _, m := range byMessage {
				es := m.Entry.Status
				if !allowed(m.Entry.Provider) || (status != 0 && es != status && !(anyStatus && es == 0)) {
					continue
				}
				if status != 0 && (m.Entry.Provider == httpID || namesStatus(o.message, status)) {
					continue // a reason phrase says no more than the status itself
				}
				if len(ranked) == 0 || contains(ranked, m.Entry.Provider) || len(byMessage) == 1 {
					return m.Entry, m.Entry.Provider
				}
			}
		}
	}
	if status != 0 {
		for _, p := range ranked {
			if e, ok := Find(p, strconv.Itoa(status), status); ok {
				return e, p
			}
		}
		provider := ""
		if len(ranked) > 0 {
			provider = ranked[0]
		}
		if allowed(httpID) || len(x.opts.Providers) == 0 {
			if e, ok := Find(httpID, strconv.Itoa(status), status); ok {
				if provider == "" {
					provider = httpID
				}
				return e, provider
			}
		}
		return nil, provider
	}
	if len(ranked) > 0 {
		return nil, ranked[0]
	}
	return nil, ""
}

// codeEntry finds a provider's entry for a code, preferring the one with the observed status and the exact
// spelling; a CamelCase spelling of a snake_case code (an S3-style "AccessDenied" for "access_denied") counts.
func codeEntry(provider, code string, status int) *Entry {
	var best *Entry
	rank := func(e *Entry) int {
		r := 0
		if strings.EqualFold(e.Code, code) {
			r += 2
		}
		if status != 0 && e.Status == status {
			r += 1
		}
		return r
	}
	for _, id := range find(codeIndex[:], Normalize(code)) {
		e := &entries[id]
		if e.Provider != provider || e.Kind != KindCode {
			continue
		}
		if best == nil || rank(e) > rank(best) {
			best = e
		}
	}
	return best
}

// codeHasOneStatus reports whether every entry of e's provider with e's code has e's status.
func codeHasOneStatus(e *Entry) bool {
	for _, id := range find(codeIndex[:], Normalize(e.Code)) {
		if o := &entries[id]; o.Provider == e.Provider && o.Kind == KindCode && o.Status != e.Status {
			return false
		}
	}
	return true
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

// providersWithCode lists the providers that have a code entry spelt like code.
func providersWithCode(code string) []string {
	var out []string
	for _, id := range find(codeIndex[:], Normalize(code)) {
		e := &entries[id]
		if e.Kind == KindCode && strings.EqualFold(e.Code, code) && !contains(out, e.Provider) {
			out = append(out, e.Provider)
		}
	}
	return out
}

// rankProviders orders the providers with positive evidence, strongest first.
func rankProviders(scores map[string]int, allowed func(string) bool) []string {
	var out []string
	for p, s := range scores {
		if s > 0 && allowed(p) && p != "" {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if scores[out[i]] != scores[out[j]] {
			return scores[out[i]] > scores[out[j]]
		}
		return providerRank(out[i]) < providerRank(out[j])
	})
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

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// considerProviderOnly keeps the record that most firmly names a provider while it says something failed
// without a status, code or message ("ObsException: ... open failed", "Error occurs when accessing to OBS"): when
// the input holds no error of its own, that much is still worth reporting.
func (x *explainer) considerProviderOnly(o *observation) {
	if !o.failure || (o.status != 0 && o.status < 400) {
		return
	}
	scores := x.evidenceScores(o)
	ranked := rankProviders(scores, x.allowed)
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

// messageNames reports whether a message found in the input is one of the entry's own.
func messageNames(e *Entry, message string) bool {
	for _, m := range messageEntries(message, Options{}) {
		if m.Entry == e {
			return true
		}
	}
	return false
}
