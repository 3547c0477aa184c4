// Resolution: the catalog entry that explains an observation, from its code, its message or its status, for
// the providers the evidence ranks.

package codes

import (
	"strings"
)

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
		for _, id := range findNormalized(codeIndex[:], code) {
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
		byMessage := x.messageMatches(o.message)
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
					// A look-alike's wording (S3's, printed by an S3-compatible service) names the code; the
					// provider the evidence names (firmly, or alone in the input) explains it when it has that
					// code too.
					named := firm
					if named == "" && len(ranked) > 0 && !contains(ranked, m.Entry.Provider) {
						named = ranked[0]
					}
					if named != "" && named != m.Entry.Provider && m.Entry.Kind == KindCode {
						if fe := codeEntry(named, m.Entry.Code, status); fe != nil {
							return fe, named
						}
					}
					return m.Entry, m.Entry.Provider
				}
			}
		}
	}
	if status != 0 && o.head != "" && code == "" && len(ranked) > 0 {
		spelled, calls := spelledCodes(o.head, func(e *Entry) bool {
			return e.Status == status && contains(ranked, e.Provider)
		})
		if e := pickSpelled(spelled, calls, status, ranked); e != nil && allowed(e.Provider) {
			return e, e.Provider
		}
	}
	if status != 0 {
		for _, p := range ranked {
			if e, ok := statusEntry(p, status); ok {
				return e, p
			}
		}
		provider := ""
		if len(ranked) > 0 {
			provider = ranked[0]
		}
		if allowed(httpID) || len(x.opts.Providers) == 0 {
			if e, ok := statusEntry(httpID, status); ok {
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
	for _, id := range findNormalized(codeIndex[:], code) {
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
	for _, id := range findNormalized(codeIndex[:], e.Code) {
		if o := &entries[id]; o.Provider == e.Provider && o.Kind == KindCode && o.Status != e.Status {
			return false
		}
	}
	return true
}

// soleMessage reports whether message, a sentence of three words or more, is one provider's own: no other
// provider has an entry with it, so it names the provider as surely as a host or a client would.
func soleMessage(message string) bool {
	if len(lineWords(message)) < 3 {
		return false
	}
	owner := ""
	for _, m := range messageEntries(message, Options{}) {
		switch {
		case m.Entry.Provider == httpID:
		case owner == "":
			owner = m.Entry.Provider
		case m.Entry.Provider != owner:
			return false
		}
	}
	return owner != ""
}

// messageMatches is messageEntries(message, Options{}), remembered for the last message asked: resolve and
// diagnose both ask it of one finding's message, and the catalog match is much of a distinct line's cost. The
// matches are read, never changed.
func (x *explainer) messageMatches(message string) []Match {
	if m := &x.lastMessage; m.set && m.text == message {
		return m.matches
	}
	ms := messageEntries(message, Options{})
	x.lastMessage = messageMemo{text: message, matches: ms, set: true}
	return ms
}

// messageMemo is the last message messageMatches matched.
type messageMemo struct {
	text    string
	matches []Match
	set     bool
}

// messageNames reports whether a message found in the input is one of the entry's own.
func (x *explainer) messageNames(e *Entry, message string) bool {
	for _, m := range x.messageMatches(message) {
		if m.Entry == e {
			return true
		}
	}
	return false
}
