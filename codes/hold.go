// Holding and accumulating observations: the status, headers and body of one response are often logged on
// neighbouring lines, and repeats of one error are counted once.

package codes

import (
	"maps"
	"strconv"
	"strings"
)

// mergeEvidence adds another observation's evidence, divided by div.
func (o *observation) mergeEvidence(from *observation, div int) {
	for p, w := range from.evidence {
		if w/div > 0 {
			o.addEvidence(p, w/div, "")
		}
	}
	for _, c := range from.clues {
		o.addEvidence("", 0, c)
	}
	for _, c := range from.clients {
		o.addClient(c)
	}
	delete(o.evidence, "")
}

// contextClueWeight is the weight from which a record's clue (a host, a client's name) becomes evidence for
// the rest of the input.
const contextClueWeight = 3

// givesContext reports whether mergeClues would add some of o's evidence to a context.
func (o *observation) givesContext() bool {
	for _, w := range o.evidence {
		if w >= contextClueWeight {
			return true
		}
	}
	return false
}

// mergeClues keeps the strong clues of a record (hosts, client names) as context for the rest of the input. It
// reports whether that changed o's evidence or service.
func (o *observation) mergeClues(from *observation) (changed bool) {
	for p, w := range from.evidence {
		if w >= contextClueWeight && o.evidence[p] < 8 {
			o.addEvidence(p, w, "")
			changed = true
		}
	}
	if o.service == "" && from.service != "" {
		o.service = from.service // the service a host or header named (an S3-compatible endpoint)
		changed = true
	}
	return changed
}

// contextGenChecked, when set (by tests), is told on each context found unchanged by its generation whether the
// context's evidence and service are indeed what they were.
var contextGenChecked func(same bool)

// mergeContext merges a record's clues into the input's context (mergeClues), counting a change.
func (x *explainer) mergeContext(from *observation) {
	if x.context.mergeClues(from) {
		x.contextGen++
	}
}

// contextIs reports whether the input's context has the evidence and service given, or the generation gen.
// *gen is brought up to date when it does: comparing the evidence costs a map lookup per provider, and a
// context that does not change (most of a log) is compared by its generation alone.
func (x *explainer) contextIs(gen *uint64, evidence map[string]int, service string) bool {
	if *gen == x.contextGen {
		if contextGenChecked != nil {
			contextGenChecked(service == x.context.service && maps.Equal(evidence, x.context.evidence))
		}
		return true
	}
	if service != x.context.service || !maps.Equal(evidence, x.context.evidence) {
		return false
	}
	*gen = x.contextGen
	return true
}

// finish takes a record's observation. Observations are held and accumulated while the following lines add
// to the same response without contradicting it: logs print a status, its headers and its body on
// neighbouring lines, and SDKs dump an error's fields one per line.
func (x *explainer) finish(o *observation) {
	o.applyHeaders()
	h := x.held
	if !o.signal() {
		x.considerProviderOnly(o)
		// Headers or a request id alone complete a held response but are no error of their own.
		if h != nil && o.supplement() && o.line-h.lastLine <= heldLines && compatible(h, o) {
			merge(h, o)
			h.lastLine = o.line
		}
		return
	}
	// A client's one-line summary of the response it has just printed in full ("ERROR 429: Too Many Requests."
	// after wget's headers) is that response again: the body that may follow still belongs to it.
	if h != nil && o.statusOnly() && o.status == h.status && len(h.headers) > 0 && len(o.headers) == 0 &&
		h.code == "" && o.line-h.lastLine <= heldLines {
		h.lastLine = o.line
		return
	}
	// A new log event (a timestamped line) starts a new response, except the body logged right after its status.
	if h != nil && o.line-h.lastLine <= heldLines && compatible(h, o) && (!o.stamped || h.statusOnly()) &&
		!(o.complete() && h.complete()) && adds(h, o) {
		merge(h, o)
		h.lastLine = o.line
		return
	}
	if h != nil {
		x.file(h)
	}
	o.lastLine = o.line
	// The held observation is a copy the explainer owns, so that the record o belongs to can serve the next line.
	x.heldObs = *o
	x.held = &x.heldObs
}

// heldLines is how far apart the lines of one response may be printed.
const heldLines = 16

// signal reports whether an observation says anything about an error at all. A message counts only when it
// came in an error's shape: {"msg": "logged in"} in a JSON log line is no error.
func (o *observation) signal() bool {
	return o.status != 0 || o.code != "" || (o.message != "" && o.errorShape) || o.hasRetryAfterBody || len(o.fieldErrors) > 0
}

// adds reports whether b tells something a does not know yet. One that only repeats what a says is the same
// error printed again, which counts as a repeat rather than melting into the first.
func adds(a, b *observation) bool {
	repeat := (b.status == 0 || b.status == a.status) && (b.code == "" || strings.EqualFold(b.code, a.code)) &&
		(b.message == "" || b.message == a.message) && (!b.hasRetryAfterBody || a.hasRetryAfterBody) &&
		(len(b.fieldErrors) == 0 || len(a.fieldErrors) > 0)
	return !repeat
}

// supplement reports whether an observation without an error of its own carries something a held one can use.
func (o *observation) supplement() bool {
	return o.requestID != "" || len(o.headers) > 0
}

func (o *observation) statusOnly() bool {
	return o.status != 0 && o.code == "" && o.message == "" && !o.hasRetryAfterBody && len(o.fieldErrors) == 0
}

// complete reports whether an observation stands on its own: a status and a code.
func (o *observation) complete() bool { return o.status != 0 && o.code != "" }

// compatible reports whether two observations can describe one response: no different statuses or codes, and
// no strong evidence for different providers.
func compatible(a, b *observation) bool {
	if a.status != 0 && b.status != 0 && a.status != b.status {
		return false
	}
	if a.code != "" && b.code != "" && !strings.EqualFold(a.code, b.code) {
		return false
	}
	sa := a.strongProvider()
	if sa == "" {
		return true
	}
	sb := b.strongProvider()
	return sb == "" || sa == sb
}

// strongProvider is the provider the observation's own evidence names firmly, or "". A repeat that shares its
// memo's evidence asks the memo, which works it out once.
func (o *observation) strongProvider() string {
	if m := o.memo; o.shared && m != nil {
		if !m.strongSet {
			m.strong, m.strongSet = strongProviderOf(o.evidence), true
		}
		return m.strong
	}
	return strongProviderOf(o.evidence)
}

// strongProviderOf is the provider that evidence names with a weight of 4 or more, the heaviest (of a tie, the
// first in catalog order, so that the answer does not change from run to run), or "".
func strongProviderOf(evidence map[string]int) string {
	best, bestW := "", 0
	for p, w := range evidence {
		if w > bestW || w == bestW && providerRank(p) < providerRank(best) {
			best, bestW = p, w
		}
	}
	if bestW >= 4 {
		return best
	}
	return ""
}

// merge folds b into a.
func merge(a, b *observation) {
	if a.shared {
		*a = cloneObservation(a)
	}
	a.memo, a.shape, a.shapeDiff = nil, nil, 0 // no longer what the memoised analysis says, nor its shape's
	if a.status == 0 {
		a.status, a.statusText = b.status, b.statusText
	}
	setIfEmpty(&a.code, b.code)
	setIfEmpty(&a.head, b.head)
	if (b.errorShape || b.code != "") && b.message != "" && (a.message == "" || a.messageWeak && !b.messageWeak) {
		a.message, a.messageWeak = b.message, b.messageWeak
	}
	setIfEmpty(&a.requestID, b.requestID)
	if !a.hasRetryAfterBody {
		a.retryAfterBody, a.hasRetryAfterBody, a.retryAfterText = b.retryAfterBody, b.hasRetryAfterBody, b.retryAfterText
	}
	setIfEmpty(&a.retryDelay, b.retryDelay)
	if a.apiVersion == 0 {
		a.apiVersion = b.apiVersion
	}
	a.global = a.global || b.global
	a.upload = a.upload || b.upload
	a.ban = a.ban || b.ban
	a.headerBlock = a.headerBlock || b.headerBlock
	setIfEmpty(&a.call, b.call)
	setIfEmpty(&a.method, b.method)
	a.errorShape = a.errorShape || b.errorShape
	if len(a.fieldErrors) == 0 {
		a.fieldErrors, a.fieldErrorsDropped = b.fieldErrors, b.fieldErrorsDropped
	}
	for k, v := range b.headers {
		if _, ok := a.headers[k]; !ok {
			a.setHeader(k, v)
		}
	}
	a.mergeEvidence(b, 1)
}

// file diagnoses an observation and files its finding, counting repeats of one error once.
func (x *explainer) file(o *observation) {
	// A repeat of a memoised line, or a line of a shape whose diagnosis is known, needs its finding's key only,
	// unless it is a new finding still to be kept.
	isError, ok := x.diagnoseMemo(o)
	if !ok {
		isError, ok = x.shapeDiagnosed(o)
	}
	if ok {
		if !isError {
			return
		}
		if prev, ok := x.findings[string(x.keyBuf)]; ok {
			x.countFound()
			prev.Count++
			return
		}
		if len(x.order) >= MaxFindings {
			x.countFound()
			x.dropped++
			return
		}
	}
	f, weak, ok := x.diagnose(o)
	if !ok {
		x.rememberDiagnosis(o, false, "")
		x.learnDiagnosis(o, false, "", 0, "")
		return
	}
	x.countFound()
	code := f.Code
	if f.Entry != nil && f.Entry.Kind == KindCode {
		code = f.Entry.Code
	}
	x.learnDiagnosis(o, true, f.Provider, f.Status, code)
	// The key is built in a buffer and becomes a string of its own only when something keeps it: a line past
	// MaxFindings that is no repeat of a kept one leaves nothing behind.
	x.buildKey(f.Provider, f.Status, code)
	if o.memo != nil {
		x.rememberDiagnosis(o, true, string(x.keyBuf))
	}
	if prev, ok := x.findings[string(x.keyBuf)]; ok {
		prev.Count++
		return
	}
	if len(x.order) >= MaxFindings {
		x.dropped++
		return
	}
	key := string(x.keyBuf)
	kept := new(Finding) // a copy of its own: f stays off the heap for the lines whose finding is not kept
	*kept = f
	x.complete(kept, o, weak)
	kept.Count = 1
	if room := MaxTotalFieldErrors - x.fieldErrors; len(kept.FieldErrors) > room {
		kept.FieldErrorsDropped += len(kept.FieldErrors) - room
		kept.FieldErrors = kept.FieldErrors[:room:room]
	}
	x.fieldErrors += len(kept.FieldErrors)
	x.findings[key] = kept
	x.order = append(x.order, kept)
}

// buildKey writes into x.keyBuf the key findings are filed by: one finding per provider, status and code.
func (x *explainer) buildKey(provider string, status int, code string) {
	x.keyBuf = append(strconv.AppendInt(append(append(x.keyBuf[:0], provider...), 0), int64(status), 10), 0)
	x.keyBuf = append(x.keyBuf, code...)
}

// countFound tells a watcher (ExplainOptions.Found) of one more error found, a repeat or not.
func (x *explainer) countFound() {
	if x.opts.Found != nil {
		x.opts.Found.Add(1)
	}
}
