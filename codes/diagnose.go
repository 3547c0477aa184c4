package codes

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// confidentScore is the evidence weight from which a provider is named without listing alternatives.
const confidentScore = 3

// diagnose decides whether an observation is an error and, if so, which provider and catalog entry explain it.
// The finding it returns identifies the error (provider, status, code, entry) but lacks the parts only a kept
// finding shows, candidates and retry plan, which complete adds: past MaxFindings, and for a repeat, nothing
// reads them. weak says the evidence was weak enough to name candidates.
func (x *explainer) diagnose(o *observation) (f Finding, weak bool, ok bool) {
	scores := x.evidenceScores(o)
	allowed := x.allowed
	// Evidence that firmly names one provider outweighs the code's own provider: an S3-style code seen beside
	// a B2 upload id is B2's S3-compatible API, not OBS.
	if o.service == "" {
		o.service = x.context.service // a host or header seen earlier in the input (an endpoint in a config line)
	}
	yielder, yieldedTo := yieldToMarks(scores, o)
	firm := firmProvider(scores, allowed)
	if firm != "" && !contextMayDecide(firm, o) {
		firm = ""
	}
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

	var rankBuf [8]string
	ranked := rankProvidersInto(rankBuf[:0], scores, o.evidence, allowed)
	e, provider := x.resolve(o, ranked, allowed, firm)
	e = adjustEntry(provider, e, o)
	if yieldedTo != "" && provider == yieldedTo {
		o.clues = append(o.clues[:len(o.clues):len(o.clues)], yielder+" client format, shared with "+yieldedTo+": "+
			yieldedTo+"'s own marks decide")
	}
	// A provider's own message for a status (the legacy backup endpoints' frequency limit) is an error too.
	byOwnMessage := e != nil && e.Kind == KindStatus && e.Provider != httpID && o.message != "" && o.errorShape &&
		e.Status >= 400 && x.messageNames(e, o.message)
	isError := o.status >= 400 || (e != nil && e.Kind == KindCode && o.errorShape) || byOwnMessage ||
		(o.status == 202 && o.hasRetryAfterBody)
	if !isError {
		if !x.quiet {
			x.considerProviderOnly(o)
		}
		return Finding{}, false, false
	}
	if provider == "" {
		provider = httpID
	}

	f = Finding{
		Provider: provider, Status: o.status, Code: o.code, Message: o.message, RequestID: o.requestID,
		Entry: e, FieldErrors: o.fieldErrors, FieldErrorsDropped: o.fieldErrorsDropped, Line: o.line, Clues: o.clues,
	}
	if p := specFor(provider); p != nil && p.service != nil {
		f.Service, f.HostID = p.service(o), o.hostID
	}
	if f.Message == "" && o.statusText != "" && e == nil {
		f.Message = o.statusText
	}
	if byOwnMessage && f.Status == 0 {
		f.Status = e.Status
	}
	if e != nil && e.Kind == KindCode {
		if strings.EqualFold(e.Code, f.Code) || anyEqualFold(e.Exceptions, f.Code) {
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
		// Looked up only here: matching the message against the catalog is much of a distinct line's cost.
		ownMessage := e != nil && e.Provider != httpID && o.message != "" && x.messageNames(e, o.message)
		if !(ownMessage && soleMessage(o.message)) {
			if (e == nil || e.Kind != KindCode) && !ownMessage && top < 2 && o.status != 0 && allowed(httpID) {
				if he, ok := statusEntry(httpID, o.status); ok {
					f.Provider, f.Entry, e, provider = httpID, he, he, httpID
				}
			}
			weak = true
		}
	}
	// A format that several services speak, with no mark of which one (an S3 error, no S3-compatible host or
	// header): the services with their own provider that have this error could have sent it.
	if spec := specFor(provider); spec != nil && spec.formatOnly != nil && spec.formatOnly(o) {
		weak = true
	}
	return f, weak, true
}

// complete adds to a finding of o that diagnose made (weak as it said) the other providers that could have
// sent it and its retry plan, both of which depend on nothing but the finding, o and the options.
func (x *explainer) complete(f *Finding, o *observation, weak bool) {
	if weak {
		f.Candidates = candidateProviders(o, f.Provider, x.allowed)
		if spec := specFor(f.Provider); spec != nil && spec.formatOnly != nil && spec.formatOnly(o) {
			// Only a service that speaks the format could have sent it.
			f.Candidates = slices.DeleteFunc(f.Candidates, func(p string) bool {
				cs := specFor(p)
				return cs == nil || !cs.compatibleAPI
			})
		}
	}
	// The plan reads the status and code the finding settled on when the text left them out ("(bad_auth_token)"
	// says 401).
	po := *o
	if po.status == 0 {
		po.status = f.Status
	}
	if e := f.Entry; po.code == "" && e != nil && e.Kind == KindCode {
		po.code = e.Code
	}
	f.Retry = planRetry(f.Entry, f.Provider, &po, x.opts.Now)
}

// yieldToMarks lowers the score of a provider recognised only by a shared client format below the best provider
// that shares the format and has evidence of its own, so that the marks decide (Server: OBS beside a boto3 error
// means OBS). It returns the provider that yielded and the one it yielded to, or "" twice.
func yieldToMarks(scores map[string]int, o *observation) (yielder, yieldedTo string) {
	yields := false
	for p := range scores {
		if spec := specFor(p); spec != nil && spec.formatOnly != nil && spec.formatOnly(o) {
			yields = true
			break
		}
	}
	if !yields {
		return "", ""
	}
	// In catalog order, both loops: a map's order would pick among tied providers at random.
	ids := slices.SortedFunc(maps.Keys(scores), func(a, b string) int { return providerRank(a) - providerRank(b) })
	for _, p := range ids {
		s := scores[p]
		spec := specFor(p)
		if spec == nil || spec.formatOnly == nil || !spec.formatOnly(o) {
			continue
		}
		best, by := 0, ""
		for _, q := range ids {
			t := scores[q]
			if qs := specFor(q); q != p && qs != nil && qs.compatibleAPI && t > best {
				best, by = t, q
			}
		}
		if best > 0 && s >= best {
			scores[p] = best - 1
			yielder, yieldedTo = p, by
		}
	}
	return yielder, yieldedTo
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// anyEqualFold reports whether ss holds s, ignoring case.
func anyEqualFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
