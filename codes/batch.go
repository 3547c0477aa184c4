// Batched analysis: a log whose every line is a different error (each with ids of its own, so the memo never
// hits) spends most of its time analysing single-line records. Those analyses depend on nothing but a record's
// text and whether the input's context held evidence before it (see readRecord), so runs of single-line
// records are analysed on other goroutines while the explainer reads on, and then merged, filed and diagnosed
// in the input's order exactly as one at a time.

package codes

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// batchSizes bound a batch of single-line records waiting for analysis. workers is how many goroutines may
// analyse at once, the explainer's own included; records are not batched at all when it is 1 or less. A batch
// is analysed on other goroutines only when it has spawnLines records to analyse or spawnBytes of them: waking
// another processor costs tens of microseconds: with goroutines for every batch, FuzzExplain (short inputs)
// ran 27% fewer executions in 45 s than without batches; with these bounds, 7% fewer.
type batchSizes struct {
	workers                int
	maxLines, maxBytes     int
	spawnLines, spawnBytes int
}

// defaultBatch is what Explain uses: enough lines that handing a batch over costs little beside its analysis
// (microseconds a line), and little memory (two batches are held at most).
func defaultBatch() batchSizes {
	return batchSizes{workers: runtime.GOMAXPROCS(0), maxLines: 512, maxBytes: 512 << 10, spawnLines: 32,
		spawnBytes: 32 << 10}
}

// pendingLine is a single-line record in a batch: where it stands, its text, and its analysis once made.
type pendingLine struct {
	line       int
	stamped    bool
	start, end int       // the record's text in the batch's text
	pre        *analysis // made ahead, or nil
}

// analysis is a record's analysis made ahead: what analyseWith puts into the record's observation and what
// its clues were, made with the context's evidence as evidenceBefore says.
type analysis struct {
	evidenceBefore bool
	obs, clues     observation
	// shape is the shape the analysis was translated from, and shapeDiff where the record differs from its
	// first line; nil when the record was analysed in full.
	shape     *shapeMemo
	shapeDiff uint64
	// notInMemo: the memo was full and did not hold the record, so it will not when the record is taken;
	// inMemo: it was full and held it (then nothing else of the analysis is made).
	notInMemo, inMemo bool
}

// analysisBatch is a run of single-line records from the input.
type analysisBatch struct {
	text    []byte
	lines   []pendingLine
	todo    []*pendingLine // the lines analysed ahead
	results []analysis     // their analyses
	seen    map[string]bool
	shapes  *shapeTable // the explainer's, which the analyses read
	// memo is the explainer's memo when it is full, which it then stays: the goroutines that analyse the batch
	// look the records up in it themselves (with flag, see analyseSingle), which spares the explainer a
	// lookup of each record. It is nil when prepare looked them up.
	memo map[string]*lineMemo
	flag byte
	full bool // the memo was full
	// next is the index in todo of the next analysis to make, for whichever goroutine comes first: those
	// started for the batch and the explainer's own when it needs the batch (see work).
	next    atomic.Int64
	workers sync.WaitGroup
}

// batcher holds the batch being filled and the one being analysed on other goroutines meanwhile.
//
// A log that repeats a few errors needs no batches: the memo (memo.go) holds its lines, and copying them into
// batches to look them up there costs more than it saves (a tenth of the time of a log that repeats one error).
// So after a batch whose records the memo held nearly all of, records are taken one at a time (direct), until
// directMisses in a row are not in the memo.
type batcher struct {
	sizes    batchSizes
	filling  *analysisBatch
	inFlight *analysisBatch
	spare    *analysisBatch
	direct   bool
	misses   int // records in a row the memo did not hold, while direct
}

// directMisses is how many records in a row not in the memo end taking records one at a time.
const directMisses = 16

// on reports whether records are batched: whether more than one goroutine may analyse, and the memo has not
// been holding the records of late.
func (b *batcher) on() bool { return b.sizes.workers > 1 && !b.direct }

// taken counts a record taken one at a time, with whether the memo held it.
func (b *batcher) taken(hit bool) {
	if !b.direct {
		return
	}
	if hit {
		b.misses = 0
		return
	}
	if b.misses++; b.misses >= directMisses {
		b.direct, b.misses = false, 0
	}
}

// add takes a single-line record (body is copied) and reports whether the batch being filled is full.
func (b *batcher) add(o *observation, body []byte) bool {
	f := b.filling
	if f == nil {
		f, b.spare = b.spare, nil
		if f == nil {
			f = &analysisBatch{}
		}
		b.filling = f
	}
	start := len(f.text)
	f.text = append(f.text, body...)
	f.lines = append(f.lines, pendingLine{line: o.line, stamped: o.stamped, start: start, end: len(f.text)})
	return len(f.lines) >= b.sizes.maxLines || len(f.text) >= b.sizes.maxBytes
}

// rotate hands the full batch to other goroutines to analyse, and takes the batch handed over before it.
func (x *explainer) rotate() {
	b := &x.batch
	full := b.filling
	b.filling = nil
	full.prepare(x.memo, &x.shapes, len(x.context.evidence) > 0)
	if len(full.todo)*16 <= len(full.lines) {
		// The memo holds nearly all: take the records one at a time from now on.
		x.takeInFlight()
		full.finishAnalyses()
		x.take(full)
		b.direct = true
		return
	}
	full.start(b.sizes.workers-1, b.sizes) // this goroutine reads on meanwhile
	x.takeInFlight()
	b.inFlight = full
}

// settle takes every record batched so far, in order. It must run before anything else reads or changes what
// records change (the context, the held observation, the findings): before a record of another kind is
// flushed, before a line adds clues to the context, and at the end of the input.
func (x *explainer) settle() {
	x.takeInFlight()
	b := &x.batch
	if f := b.filling; f != nil && len(f.lines) > 0 {
		b.filling = nil
		f.prepare(x.memo, &x.shapes, len(x.context.evidence) > 0)
		f.start(b.sizes.workers-1, b.sizes)
		f.finishAnalyses()
		x.take(f)
	}
}

// takeInFlight takes the batch being analysed, if any, once its analyses are made.
func (x *explainer) takeInFlight() {
	if f := x.batch.inFlight; f != nil {
		x.batch.inFlight = nil
		f.finishAnalyses()
		x.take(f)
	}
}

// take reads a batch's records in order as flush reads a single-line record, with their analyses made ahead,
// and keeps the batch for reuse.
func (x *explainer) take(f *analysisBatch) {
	for i := range f.lines {
		p := &f.lines[i]
		o := &x.settling
		*o = observation{line: p.line, stamped: p.stamped}
		x.analyseSingle(o, f.text[p.start:p.end], p.pre)
		x.finish(o)
	}
	// The analyses stay until the batch's next use overwrites them (work clears what it analyses in full):
	// clearing all of them here was the explainer's work, which bounds the speed of a log of distinct lines.
	clear(f.todo)
	f.lines, f.text, f.results, f.todo = f.lines[:0], f.text[:0], f.results[:0], f.todo[:0]
	if cap(f.text) <= 2*x.batch.sizes.maxBytes {
		x.batch.spare = f
	}
}

// prepare lists the records to analyse ahead, from their shapes (shapememo.go) or in full: all but those the
// memo holds or an earlier record of the batch will have put there, with the context's evidence as
// evidenceBefore says. A record after one whose clues change that is analysed again when taken (analyseSingle
// checks), and so is one the memo holds by then, or whose shape no longer serves.
func (f *analysisBatch) prepare(memo map[string]*lineMemo, shapes *shapeTable, evidenceBefore bool) {
	f.shapes, f.memo, f.full = shapes, nil, len(memo) >= memoMaxEntries
	f.flag = memoFlag(evidenceBefore)
	if f.full && !f.mostlyMemoised(memo) {
		f.memo = memo
		for i := range f.lines {
			f.todo = append(f.todo, &f.lines[i])
		}
	} else {
		f.lookUp(memo)
	}
	f.next.Store(0)
	if cap(f.results) >= len(f.todo) {
		f.results = f.results[:len(f.todo)] // work overwrites what an earlier use left
	} else {
		f.results = make([]analysis, len(f.todo))
	}
	for i, p := range f.todo {
		p.pre = &f.results[i]
		p.pre.evidenceBefore = evidenceBefore
	}
}

// lookUp lists in todo the records of the batch that neither the memo nor an earlier record of the batch holds.
func (f *analysisBatch) lookUp(memo map[string]*lineMemo) {
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	clear(f.seen)
	key := make([]byte, 0, 256)
	for i := range f.lines {
		p := &f.lines[i]
		body := f.text[p.start:p.end]
		if len(body) <= memoMaxText {
			key = appendMemoKey(key[:0], f.flag, body)
			if memo[string(key)] != nil || f.seen[string(key)] {
				continue
			}
			if len(memo) < memoMaxEntries {
				f.seen[string(key)] = true
			}
		}
		f.todo = append(f.todo, p)
	}
}

// mostlyMemoised reports whether the memo holds most of the first records of the batch: then the explainer
// looks them all up, so that rotate sees the batch is one to take a record at a time.
func (f *analysisBatch) mostlyMemoised(memo map[string]*lineMemo) bool {
	const sample = 16
	key := make([]byte, 0, 256)
	held, n := 0, min(sample, len(f.lines))
	for _, p := range f.lines[:n] {
		key = appendMemoKey(key[:0], f.flag, f.text[p.start:p.end])
		if memo[string(key)] != nil {
			held++
		}
	}
	return 2*held > n
}

// start starts up to workers goroutines making the analyses prepare listed, when there are enough of them
// (see batchSizes); otherwise the explainer makes them when it takes the batch.
func (f *analysisBatch) start(workers int, sizes batchSizes) {
	bytes := 0
	for _, p := range f.todo {
		bytes += p.end - p.start
	}
	if len(f.todo) < sizes.spawnLines && bytes < sizes.spawnBytes {
		return
	}
	for range min(workers, len(f.todo)) {
		f.workers.Go(f.work)
	}
}

// finishAnalyses makes the analyses no goroutine has taken yet and waits for those being made.
func (f *analysisBatch) finishAnalyses() {
	f.work()
	f.workers.Wait()
}

// work makes analyses of the batch until none is left to take. It touches nothing but the batch and, for
// reading, the shape memo.
func (f *analysisBatch) work() {
	var l shapeLookup
	var key []byte
	for {
		// The shape memo is read under its lock for a few records at a time: taking it for each record made
		// two processors fight over the lock's memory.
		from := int(f.next.Add(workRun)) - workRun
		if from >= len(f.todo) {
			return
		}
		to := min(from+workRun, len(f.todo))
		f.shapes.mu.RLock()
		for i := from; i < to; i++ {
			p, a := f.todo[i], &f.results[i]
			body := f.text[p.start:p.end]
			memoised := len(body) <= memoMaxText
			a.inMemo, a.notInMemo = false, f.full && memoised
			if a.notInMemo && f.memo != nil {
				key = appendMemoKey(key[:0], f.flag, body)
				if f.memo[string(key)] != nil {
					a.inMemo, a.notInMemo = true, false
					continue
				}
			}
			if memoised && fromShape(f.shapes, &l, a, body) {
				continue
			}
			a.obs, a.clues, a.shape, a.shapeDiff = observation{}, observation{}, nil, 0
			analyseDetached(&a.obs, string(body), a.evidenceBefore, &a.clues)
		}
		f.shapes.mu.RUnlock()
	}
}

// workRun is how many records work takes at a time.
const workRun = 16

// fromShape makes a, a record's analysis, from the record's shape, and reports whether its shape served. The caller
// holds shapes.mu for reading.
func fromShape(shapes *shapeTable, l *shapeLookup, a *analysis, body []byte) bool {
	s, _, serves := shapes.find(l, memoFlag(a.evidenceBefore), body)
	if !serves || !translate(l, &a.obs, s, body) {
		return false
	}
	a.shape, a.shapeDiff = s, l.diff
	a.clues = observation{evidence: s.clueEvidence, service: s.clueService}
	return true
}
