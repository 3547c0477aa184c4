// Memoised analysis: a log that repeats one error on many lines (a retry loop, a flapping dependency) costs a
// map lookup per repeat instead of a full analysis and diagnosis.

package codes

import (
	"maps"
	"slices"
)

// Bounds of the memo, so that an input of ever new lines keeps memory flat: lines longer than memoMaxText are
// never memoised, and once memoMaxEntries distinct texts are held new ones are analysed without being kept.
const (
	memoMaxText    = 2 << 10
	memoMaxEntries = 1024
)

// lineMemo is the analysis of one single-line record's text (with its indented continuation), which depends on
// nothing but the text and whether the input's context had evidence before it (see analyseSingle).
type lineMemo struct {
	obs observation // the result of analyse, without line numbers and the record's own stamp
	// clueEvidence and clueService are what scanClues found, which analyse merges into the input's context;
	// a hit replays that merge, since the context is the rest of the input's state.
	clueEvidence map[string]int
	clueService  string
	// The diagnosis of an observation that came straight from this memo (nothing merged into it), valid while
	// the context's evidence and service are those it was made with: diagnose reads nothing else.
	diagnosed  bool
	isError    bool
	findingKey string
	ctxEvid    map[string]int
	ctxGen     uint64 // see explainer.contextIs
	ctxService string
	// strong is obs's strongProvider, worked out on first use (strongSet).
	strong    string
	strongSet bool
}

// analyseSingle is analyse for a single-line record, memoised by the record's text. The result of analyse
// depends on the text and on whether x.context held evidence before it: the merge of the record's clues makes
// the context's emptiness afterwards a function of those two as well.
//
// A line of a shape whose analysis is known is served from it (shapememo.go). pre is the record's analysis
// made ahead by a batch (batch.go), from its shape or in full, or nil; it serves when it was made with the
// context as it is now, and its shape still serves. analyseSingle reports whether the memo held the record.
func (x *explainer) analyseSingle(o *observation, body []byte, pre *analysis) (hit bool) {
	evidence := len(x.context.evidence) > 0
	if pre != nil && (pre.evidenceBefore != evidence || pre.inMemo || pre.shape != nil && pre.shape.dead) {
		// A record before it in its batch gave the context its first evidence, or killed its shape; or the
		// memo holds it.
		pre = nil
	}
	if len(body) > memoMaxText {
		if pre != nil {
			x.adopt(o, pre)
			return false
		}
		x.analyse(o, string(body))
		return false
	}
	flag := memoFlag(evidence)
	if pre != nil && pre.notInMemo {
		x.takeUnmemoised(o, body, pre, flag)
		return false
	}
	x.memoKey = appendMemoKey(x.memoKey[:0], flag, body)
	if m, ok := x.memo[string(x.memoKey)]; ok {
		x.mergeContext(&observation{evidence: m.clueEvidence, service: m.clueService})
		line, stamped := o.line, o.stamped
		if m.obs.headers == nil {
			// Without headers finish changes nothing in the maps and slices, and merge copies them before it
			// changes them: the copy can share them.
			*o = m.obs
			o.shared = true
		} else {
			*o = cloneObservation(&m.obs)
		}
		o.line, o.stamped, o.memo = line, stamped, m
		return true
	}
	clues := x.takeUnmemoised(o, body, pre, flag)
	if len(x.memo) >= memoMaxEntries {
		return false
	}
	if x.memo == nil {
		x.memo = map[string]*lineMemo{}
	}
	m := &lineMemo{obs: cloneObservation(o), clueEvidence: clues.evidence, clueService: clues.service}
	m.obs.line, m.obs.stamped = 0, false
	x.memo[string(x.memoKey)] = m
	o.memo = m
	return false
}

// memoFlag is the flag a record's memo and shape keys start with: whether the input's context held evidence
// before it, which its analysis depends on.
func memoFlag(evidence bool) byte {
	if evidence {
		return '1'
	}
	return '0'
}

// appendMemoKey appends the memo's key of a single-line record, its flag (memoFlag) and its text, to key.
func appendMemoKey(key []byte, flag byte, body []byte) []byte {
	return append(append(key, flag), body...)
}

// takeUnmemoised takes a single-line record the memo does not hold: its analysis made ahead (pre, or nil),
// from its shape or in full (and then learnt from by the shape memo), or analysed now. It returns the clues.
func (x *explainer) takeUnmemoised(o *observation, body []byte, pre *analysis, flag byte) (clues observation) {
	switch {
	case pre != nil && pre.shape != nil:
		clues = pre.clues
		x.adopt(o, pre)
		o.shape, o.shapeDiff = pre.shape, pre.shapeDiff
	case pre != nil:
		clues = pre.clues
		x.adopt(o, pre)
		x.learnShape(o, body, &clues, flag)
	default:
		x.analyseShaped(o, body, &clues, flag)
	}
	return clues
}

// analyseShaped is analyseWith for a single-line record, from its shape when that serves, and otherwise in
// full and learnt from.
func (x *explainer) analyseShaped(o *observation, body []byte, clues *observation, flag byte) {
	l := &x.shapeLookup
	s, shaped, serves := x.shapes.find(l, flag, body)
	if serves {
		line, stamped := o.line, o.stamped
		if translate(l, o, s, body) {
			o.line, o.stamped = line, stamped
			o.shape, o.shapeDiff = s, l.diff
			*clues = observation{evidence: s.clueEvidence, service: s.clueService}
			x.mergeContext(clues)
			return
		}
		*o = observation{line: line, stamped: stamped}
	}
	x.analyseWith(o, string(body), clues)
	if shaped {
		x.learnFrom(l, s, o, body, clues)
	}
}

// learnShape looks a record analysed in full ahead up, and learns from it.
func (x *explainer) learnShape(o *observation, body []byte, clues *observation, flag byte) {
	l := &x.shapeLookup
	if s, shaped, _ := x.shapes.find(l, flag, body); shaped {
		x.learnFrom(l, s, o, body, clues)
	}
}

// learnFrom has the shape memo learn from a line analysed in full, and marks the line's observation with its
// shape when it is what the shape's analysis translates to.
func (x *explainer) learnFrom(l *shapeLookup, s *shapeMemo, o *observation, body []byte, clues *observation) {
	if s = x.shapes.learn(l, s, body, o, clues); s != nil {
		o.shape, o.shapeDiff = s, l.diff
	}
}

// adopt takes a batch's analysis of a record as analyseWith would have made it now: the record's own place,
// and its clues merged into the context.
func (x *explainer) adopt(o *observation, pre *analysis) {
	line, stamped := o.line, o.stamped
	*o = pre.obs
	o.line, o.stamped = line, stamped
	x.mergeContext(&pre.clues)
}

// diagnoseMemo writes into x.keyBuf the key of the finding memoised for o when o is exactly a memoised
// analysis and the context is as it was then. isError false means o is no error; ok is false when there is
// none.
func (x *explainer) diagnoseMemo(o *observation) (isError bool, ok bool) {
	m := o.memo
	if m == nil || !m.diagnosed || !x.contextIs(&m.ctxGen, m.ctxEvid, m.ctxService) {
		return false, false
	}
	x.keyBuf = append(x.keyBuf[:0], m.findingKey...)
	return m.isError, true
}

// rememberDiagnosis keeps a diagnosis of a memoised observation for its repeats.
func (x *explainer) rememberDiagnosis(o *observation, isError bool, key string) {
	m := o.memo
	if m == nil {
		return
	}
	m.diagnosed, m.isError, m.findingKey = true, isError, key
	m.ctxEvid, m.ctxService, m.ctxGen = maps.Clone(x.context.evidence), x.context.service, x.contextGen
}

// cloneObservation copies an observation with its own maps and slices, so that merging into the copy leaves
// the original untouched.
func cloneObservation(o *observation) observation {
	c := *o
	c.headers = maps.Clone(o.headers)
	c.evidence = maps.Clone(o.evidence)
	c.clues = slices.Clip(slices.Clone(o.clues))
	c.fieldErrors = slices.Clip(slices.Clone(o.fieldErrors))
	c.clients = slices.Clip(slices.Clone(o.clients))
	c.memo, c.shared = nil, false
	return c
}
