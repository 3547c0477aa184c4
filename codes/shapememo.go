// Shape memo: a log whose lines are one logging statement with ids of their own (request ids, object keys,
// counters, times) never repeats a line, so the memo (memo.go) never serves it. But the analysis of such lines
// is the same up to the ids: the code, message and request id it reads are the same stretches of each line.
// The shape memo keeps the analysis of the first line of each shape (lineshape.go), and stands it in for
// another line of the shape, with every string it read taken from the same place in that line.
//
// That holds only where a token's value means nothing to the analysis, which the shape memo does not assume:
// it learns it. A line that differs from the first at tokens where no line has differed before is analysed in
// full, and its analysis compared with the first one's translated: when they agree, the line's differing tokens
// count one agreement each; when they do not, the shape is never used again. A line is served from the shape
// only where every token it differs at has shapeAgreements agreements. Tokens whose value names something
// (statuses, catalog codes, "S3") are part of the shape and never stand for another value (see keepsToken).

package codes

import (
	"maps"
	"math/bits"
	"slices"
	"sync"
)

// Bounds of the shape memo: at most shapeMaxEntries shapes, of shapeMaxBytes, are kept (then the memo starts
// afresh), a token serves once shapeAgreements lines that differ there agreed with the first, and a shape whose
// lines could not be translated shapeMaxMisfits times is given up.
const (
	shapeMaxEntries = 1024
	shapeAgreements = 2
	shapeMaxMisfits = 8
	// shapeMaxOnce is how many shapes seen once are remembered (see shapeTable.once).
	shapeMaxOnce = 4096
	// shapeMaxVariants is how many shapeMemos a shape keeps for lines that hold different digitNeedles in its
	// tokens (see shapeFamily).
	shapeMaxVariants = 8
	// shapeMaxBytes bounds the text the shapes kept and the shapes seen once hold, each: lines of up to
	// memoMaxText would otherwise hold 8 MiB of keys.
	shapeMaxBytes = 1 << 20
)

// shapeMemo is the analysis of the first line of a shape, and what the lines after it taught about its tokens.
type shapeMemo struct {
	text    string       // the first line
	flag    byte         // whether the context held evidence before it, as in its key
	tokens  []shapeToken // its tokens
	classes []byte       // their classes (tokenClass)
	// runs are the runs of hexadecimal digits the tokens were cut from (trimGlued), and runLetters says which
	// have a letter: what keepsToken is asked of a line that may be of the shape.
	runs       []shapeToken
	runLetters []bool
	family     *shapeFamily
	needles    uint64 // the digitNeedles the first line holds at its family's checks
	// obs, clueEvidence and clueService are what the first line's analysis made (see lineMemo).
	obs          observation
	clueEvidence map[string]int
	clueService  string
	agreed       []uint8 // per token: how many lines that differed there agreed with the first line's analysis
	misfits      int     // lines whose analysis the first line's could not be translated to
	dead         bool    // a line's analysis disagreed: the shape serves no line
	diag         shapeDiagnosis
	plan         []stringPlan // per string of obs (shapeStrings): where the first line has it
}

// shapeFamily is what the lines of one shape share: where in them a token may make a digitNeedle appear
// (shapeneedles.go), and the shape's memos, one for each set of such needles its lines were seen to hold there.
// A memo serves only lines that hold the needles its first line holds.
type shapeFamily struct {
	checks []needleCheck
	memos  []*shapeMemo
}

// memoOf returns f's memo of lines that hold needles, or nil.
func (f *shapeFamily) memoOf(needles uint64) *shapeMemo {
	for _, s := range f.memos {
		if s.needles == needles {
			return s
		}
	}
	return nil
}

// shapeTable is an input's shape memo. The explainer alone changes it; the goroutines that analyse a batch
// (batch.go) look lines up in it and translate, holding mu for reading. What a shapeMemo is made with never
// changes; what the lines after its first teach it (agreed, misfits, dead) changes with mu held; its diagnosis
// (diag) is the explainer's alone.
type shapeTable struct {
	off     bool // no line is served from its shape (tests compare the two)
	mu      sync.RWMutex
	entries map[string]*shapeFamily
	kept    int // shapeMemos in entries
	// once holds the shapes seen once: a shape is kept from its second line on, so that lines of shapes of their
	// own (a number that is a status, a line unlike any other) cost a key, not an entry.
	once map[string]bool
	// onceBytes and entryBytes are the bytes of the keys in once, and of the keys and first lines in entries.
	onceBytes, entryBytes int
	// generation counts the times entries started afresh (see shapeLookup.recent).
	generation int
}

// shapeLookup is a line looked up in the shape memo: its shape's key and its tokens, and where it differs from
// its shape's first line. Each goroutine that looks lines up has its own.
type shapeLookup struct {
	key    []byte // the shape's key: flag, then the shape
	tokens []shapeToken
	family *shapeFamily // the shape's, or nil when the memo holds none
	diff   uint64       // bit k: the line differs from its shape's first line at token k
	strs   []*string
	// recent holds the shape last found for a line of each length and flag: all lines of a shape have its
	// first line's length, and checking that a line fits a shape costs less than making its key.
	recent map[int]*shapeMemo
	// needles are the digitNeedles the line holds at its family's checks.
	needles uint64
	// generation is the shape memo's generation the shapes in recent are of.
	generation int
}

// maxRecentShapes bounds shapeLookup.recent.
const maxRecentShapes = 256

// fits reports whether a line (looked up with flag) is of s's shape: the text between the tokens is the same
// as in s's first line, and each token is of the same class and no value the shape would keep as it is.
func (s *shapeMemo) fits(flag byte, body []byte) bool {
	if s.flag != flag || len(body) != len(s.text) {
		return false
	}
	lit := 0
	for k, t := range s.tokens {
		start, end := int(t.start), int(t.end)
		if s.text[lit:start] != string(body[lit:start]) || tokenClass(body[start:end]) != s.classes[k] {
			return false
		}
		// The run the token is cut from (trimGlued) has the same bytes around the token as the first line's.
		run := s.runs[k]
		if keepsToken(body, int(run.start), int(run.end), s.runLetters[k]) {
			return false
		}
		lit = end
	}
	return s.text[lit:] == string(body[lit:])
}

// find looks a single-line record's text up, with the flag that says whether the context held evidence before
// it. shaped is false when the line has no shape; s is nil when its shape is not held yet; serves says whether
// s may stand for the line: every token it differs at has agreed often enough. Only the explainer may call it
// without holding t.mu for reading.
func (t *shapeTable) find(l *shapeLookup, flag byte, body []byte) (s *shapeMemo, shaped, serves bool) {
	if t.off {
		return nil, false, false
	}
	l.diff, l.family = 0, nil
	if l.generation != t.generation {
		// The memo started afresh: the shapes recent holds are no longer its own, and what was learnt of them
		// would be lost.
		clear(l.recent)
		l.generation = t.generation
	}
	recent := len(body)<<1 | int(flag&1)
	if s = l.recent[recent]; s != nil && s.fits(flag, body) {
		l.tokens = append(l.tokens[:0], s.tokens...) // a line of the shape has its tokens where the first has
		l.family = s.family
		if l.needles = needlesAt(l.family.checks, body); l.needles != s.needles {
			if s = l.family.memoOf(l.needles); s == nil {
				// learn keeps the line as the first of its needles, under the shape's key.
				l.key, l.tokens, _ = appendLineShape(append(l.key[:0], flag), l.tokens[:0], body)
				return nil, true, false
			}
		}
	} else {
		l.key, l.tokens, shaped = appendLineShape(append(l.key[:0], flag), l.tokens[:0], body)
		if !shaped {
			return nil, false, false
		}
		if l.family = t.entries[string(l.key)]; l.family == nil {
			return nil, true, false
		}
		l.needles = needlesAt(l.family.checks, body)
		if s = l.family.memoOf(l.needles); s == nil {
			return nil, true, false
		}
		if l.recent == nil || len(l.recent) >= maxRecentShapes {
			l.recent = make(map[int]*shapeMemo, maxRecentShapes)
		}
		l.recent[recent] = s
	}
	for k, tok := range s.tokens {
		mine := l.tokens[k]
		if s.text[tok.start:tok.end] != string(body[mine.start:mine.end]) {
			l.diff |= 1 << k
		}
	}
	if s.dead {
		return s, true, false
	}
	for d := l.diff; d != 0; d &= d - 1 {
		if s.agreed[bits.TrailingZeros64(d)] < shapeAgreements {
			return s, true, false
		}
	}
	return s, true, true
}

// seenBefore reports whether the shape of the line looked up was seen before, and notes that it was.
func (t *shapeTable) seenBefore(l *shapeLookup) bool {
	if t.once[string(l.key)] {
		return true
	}
	if t.once == nil || len(t.once) >= shapeMaxOnce || t.onceBytes+len(l.key) > shapeMaxBytes {
		t.once, t.onceBytes = make(map[string]bool, shapeMaxOnce), 0
	}
	t.once[string(l.key)] = true
	t.onceBytes += len(l.key)
	return false
}

// shapeClasses works out what fits needs of a line's tokens: their classes, the runs of hexadecimal digits they
// were cut from, and whether those runs have letters.
func shapeClasses(body []byte, tokens []shapeToken) (classes []byte, runs []shapeToken, letters []bool) {
	classes, runs, letters = make([]byte, len(tokens)), make([]shapeToken, len(tokens)), make([]bool, len(tokens))
	for k, t := range tokens {
		classes[k] = tokenClass(body[t.start:t.end])
		start, end := int(t.start), int(t.end)
		for start > 0 && hexClass[body[start-1]] != 0 {
			start--
		}
		for end < len(body) && hexClass[body[end]] != 0 {
			end++
		}
		runs[k] = shapeToken{int32(start), int32(end)}
		for _, c := range body[start:end] {
			letters[k] = letters[k] || hexClass[c]&(hexLower|hexUpper) != 0
		}
	}
	return classes, runs, letters
}

// learn takes the full analysis o of the line looked up in l (body), with its clues: it keeps it as the
// shape's first line when the shape is new and seen before, and otherwise compares it with the shape's
// translated. It returns the line's shape when o is what the shape's analysis translates to (the line's first
// one included), or nil. Only the explainer calls it.
func (t *shapeTable) learn(l *shapeLookup, s *shapeMemo, body []byte, o, clues *observation) *shapeMemo {
	if s == nil {
		return t.keep(l, body, o, clues)
	}
	if s.dead {
		return nil
	}
	if l.diff == 0 {
		return s // the first line again
	}
	var translated observation
	fits := translate(l, &translated, s, body)
	agrees := fits && sameAnalysis(&translated, o) && maps.Equal(s.clueEvidence, clues.evidence) &&
		s.clueService == clues.service
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case !fits:
		if s.misfits++; s.misfits >= shapeMaxMisfits {
			s.dead = true
		}
		return nil
	case !agrees:
		s.dead = true
		return nil
	}
	for d := l.diff; d != 0; d &= d - 1 {
		if k := bits.TrailingZeros64(d); s.agreed[k] < 255 {
			s.agreed[k]++
		}
	}
	return s
}

// keep makes the full analysis o of the line looked up in l (body), with its clues, the first line of its shape's
// memo of the digitNeedles it holds, when its shape was seen before and has room for another memo. It returns
// the memo, or nil.
func (t *shapeTable) keep(l *shapeLookup, body []byte, o, clues *observation) *shapeMemo {
	family := l.family
	if family == nil && !t.seenBefore(l) || family != nil && len(family.memos) >= shapeMaxVariants {
		return nil
	}
	s := &shapeMemo{text: string(body), flag: l.key[0], tokens: slices.Clone(l.tokens), obs: cloneObservation(o),
		clueEvidence: maps.Clone(clues.evidence), clueService: clues.service, agreed: make([]uint8, len(l.tokens))}
	s.classes, s.runs, s.runLetters = shapeClasses(body, l.tokens)
	s.obs.line, s.obs.stamped, s.obs.lastLine = 0, false, 0
	s.plan = planShape(s, l.strs[:0])
	t.mu.Lock()
	defer t.mu.Unlock()
	size := len(body)
	if family == nil {
		size += len(l.key)
	}
	if t.entries == nil || t.kept >= shapeMaxEntries || t.entryBytes+size > shapeMaxBytes {
		// A fresh start: the shapes still in use are learnt again in a few lines each.
		t.entries, t.entryBytes, t.kept = make(map[string]*shapeFamily, shapeMaxEntries), 0, 0
		t.generation++
		if family != nil {
			family, size = &shapeFamily{checks: family.checks}, size+len(l.key)
		}
	}
	if family == nil {
		family = &shapeFamily{checks: shapeNeedleChecks(body, l.tokens, s.classes)}
		l.needles = needlesAt(family.checks, body)
	}
	if len(family.memos) == 0 {
		t.entries[string(l.key)] = family
	}
	s.family, s.needles = family, l.needles
	family.memos = append(family.memos, s)
	t.entryBytes += size
	t.kept++
	return s
}

// sameAnalysis reports whether two observations say the same, leaving out where they stand in the input.
func sameAnalysis(a, b *observation) bool {
	return a.status == b.status && a.statusText == b.statusText && a.code == b.code && a.message == b.message &&
		a.messageWeak == b.messageWeak && a.requestID == b.requestID && a.hostID == b.hostID &&
		a.service == b.service && maps.Equal(a.headers, b.headers) && a.headerBlock == b.headerBlock &&
		a.retryAfterBody == b.retryAfterBody && a.hasRetryAfterBody == b.hasRetryAfterBody &&
		a.retryAfterText == b.retryAfterText && a.retryDelay == b.retryDelay && a.apiVersion == b.apiVersion &&
		a.global == b.global && slices.Equal(a.fieldErrors, b.fieldErrors) &&
		a.fieldErrorsDropped == b.fieldErrorsDropped && maps.Equal(a.evidence, b.evidence) &&
		slices.Equal(a.clues, b.clues) && a.errorShape == b.errorShape && a.failure == b.failure &&
		a.head == b.head && a.upload == b.upload && a.call == b.call && a.ban == b.ban && a.method == b.method &&
		slices.Equal(a.clients, b.clients)
}
