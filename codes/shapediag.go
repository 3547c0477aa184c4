// Diagnoses by shape: what filing a finding needs of a line's diagnosis (whether it is an error, and the
// finding's provider, status and code) is kept per shape (lineshape.go) and learnt as the shape memo learns
// analyses (shapememo.go): the diagnosis of the shape's first line's analysis stands for a line that differs
// from it only at tokens where lines diagnosed in full and compared have differed shapeAgreements times
// without changing it.

package codes

import (
	"maps"
	"math/bits"
)

// shapeDiagnosis is what filing needs of the diagnosis of a shape's first line's analysis, made in the context
// ctxEvidence and ctxService say.
type shapeDiagnosis struct {
	set         bool
	ctxEvidence map[string]int
	ctxService  string
	ctxGen      uint64 // see explainer.contextIs
	isError     bool
	provider    string
	status      int
	// code is the finding's code, unless codeIsInput says it is the observation's own (an unknown code, or one
	// written as the catalog has it), which another line of the shape may have another value of.
	code        string
	codeIsInput bool
	agreed      []uint8 // per token: how many lines that differed there were diagnosed the same
	dead        bool    // a line was diagnosed otherwise
}

// shapeDiagnosed writes into x.keyBuf the key of o's finding as its shape's diagnosis gives it, when that may
// stand for o's own. isError false means o is no error. ok is false when o is to be diagnosed in full.
func (x *explainer) shapeDiagnosed(o *observation) (isError bool, ok bool) {
	s := o.shape
	if s == nil || !x.shapeDiagnosis(s) {
		return false, false
	}
	d := &s.diag
	for diff := o.shapeDiff; diff != 0; diff &= diff - 1 {
		if d.agreed[bits.TrailingZeros64(diff)] < shapeAgreements {
			return false, false
		}
	}
	if !d.isError {
		return false, true
	}
	code := d.code
	if d.codeIsInput {
		code = o.code
	}
	x.buildKey(d.provider, d.status, code)
	return true, true
}

// learnDiagnosis compares the full diagnosis of o (as it was before diagnose), whose finding has the key's
// provider, status and code when isError, with its shape's.
func (x *explainer) learnDiagnosis(o *observation, isError bool, provider string, status int, code string) {
	s := o.shape
	if s == nil || o.shapeDiff == 0 || !x.shapeDiagnosis(s) {
		return
	}
	d := &s.diag
	if isError != d.isError || isError && (provider != d.provider || status != d.status ||
		d.codeIsInput && code != o.code || !d.codeIsInput && code != d.code) {
		d.dead = true
		return
	}
	for diff := o.shapeDiff; diff != 0; diff &= diff - 1 {
		if k := bits.TrailingZeros64(diff); d.agreed[k] < 255 {
			d.agreed[k]++
		}
	}
}

// shapeDiagnosis makes sure s.diag is the diagnosis of s's first line's analysis in the input's context as it
// is now (diagnose reads nothing else), and reports whether it may serve. When the context has changed since
// it was made, it is made again and what was learnt is forgotten.
func (x *explainer) shapeDiagnosis(s *shapeMemo) bool {
	d := &s.diag
	if d.dead {
		return false
	}
	if d.set && x.contextIs(&d.ctxGen, d.ctxEvidence, d.ctxService) {
		return true
	}
	first := cloneObservation(&s.obs)
	x.quiet = true // a diagnosis of no record of the input: it must leave nothing behind
	f, _, isError := x.diagnose(&first)
	x.quiet = false
	*d = shapeDiagnosis{set: true, ctxEvidence: maps.Clone(x.context.evidence), ctxService: x.context.service, ctxGen: x.contextGen,
		isError: isError, agreed: make([]uint8, len(s.tokens))}
	if isError {
		d.provider, d.status, d.code = f.Provider, f.Status, f.Code
		if f.Entry != nil && f.Entry.Kind == KindCode {
			d.code = f.Entry.Code
		}
		d.codeIsInput = d.code == s.obs.code
	}
	return true
}
