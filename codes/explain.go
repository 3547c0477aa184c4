package codes

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"sync/atomic"
	"time"
)

// ErrBinaryInput is returned by Explain when the input is not text.
var ErrBinaryInput = errors.New("the input looks like binary data, not text")

// Limits that keep Explain's memory bounded whatever the input: a line longer than maxLineBytes is judged by its
// first maxLineBytes, a multi-line body by its first maxBlockBytes, and at most MaxFindings distinct errors are kept
// (later ones are counted in Report.Dropped).
const (
	maxLineBytes  = 256 << 10
	maxBlockBytes = 256 << 10
	maxBlockLines = 4000
	// maxContinuation is how many indented lines (a stack trace) are kept with the line before them.
	maxContinuation = 64
	// MaxFindings is the number of distinct errors Explain reports.
	MaxFindings = 100
	// pasteLines is how many lines of a paste (an input of at most 64 KiB) are examined whatever they hold,
	// even a bare message ("Invalid authorization token"). Other lines must show a sign of an error first.
	pasteLines = 200
	// readBufferSize is the input buffer: a large one lets skipOrdinary pass many ordinary lines at once.
	readBufferSize = 256 << 10
)

// ExplainOptions tunes Explain.
type ExplainOptions struct {
	Providers []string  // only consider these provider ids; empty means all
	Now       time.Time // the time an HTTP-date Retry-After is measured from when the response has no Date; zero: now
	// Found, when set, is incremented for each occurrence of an error as Explain finds it, repeats included, so
	// that another goroutine can show progress while a large input streams. It is a running count only: the
	// Report, which folds duplicates, is the answer.
	Found *atomic.Int64
}

// Finding is one distinct error found in the input, with its diagnosis.
type Finding struct {
	Provider string
	// Candidates names the other providers the error could belong to when the input's evidence is weak.
	Candidates []string
	Status     int    // 0 when the input gave none
	Code       string // as the input gave it; "" when it gave none
	Message    string // as the input gave it (untrusted text: sanitise before printing)
	RequestID  string
	HostID     string // S3's extended request id (x-amz-id-2, <HostId>), when the input gave one
	// Service names the service behind the provider's API when several speak it (S3: "Amazon S3", "Backblaze B2
	// S3-compatible API", "MinIO", ...), or says that the input does not tell which.
	Service string
	Entry   *Entry // the catalog entry that explains it; nil when none does
	Retry   RetryPlan
	// FieldErrors are the field errors of a Discord 50035 body.
	FieldErrors []FieldError
	// FieldErrorsDropped counts the field errors left out of FieldErrors (beyond MaxFieldErrors per finding or
	// MaxTotalFieldErrors per Explain).
	FieldErrorsDropped int
	Count              int      // how many times it occurs in the input
	Line               int      // the line where it first occurs
	Clues              []string // the evidence the provider was recognised by
}

// Report is the result of Explain.
type Report struct {
	Findings []Finding // most relevant first
	Lines    int       // lines read
	Dropped  int       // occurrences of distinct errors beyond MaxFindings
}

// ReportedCode is the code a finding reports: the one in the input, else the catalog code it was recognised as
// (a message or an exception class names it), else "".
func (f *Finding) ReportedCode() string {
	if f.Code != "" {
		return f.Code
	}
	if f.Entry != nil && f.Entry.Kind == KindCode {
		return f.Entry.Code
	}
	return ""
}

// Primary returns the finding a script should act on: the most relevant one (Findings are ordered by
// relevance). ok is false when the report has no finding.
func (r *Report) Primary() (Finding, bool) {
	if len(r.Findings) == 0 {
		return Finding{}, false
	}
	return r.Findings[0], true
}

// Explain reads an API error in any form (an HTTP response or curl transcript, a JSON or XML body, a log, an SDK
// exception, or a bare message) and diagnoses every distinct error in it. It streams: memory stays bounded however
// large the input is. Only a read error or binary input make it fail. A log is read ahead and its lines analysed
// on up to GOMAXPROCS goroutines, all ended when Explain returns; the report is the same as with one.
func Explain(r io.Reader, opts ExplainOptions) (Report, error) {
	return explain(r, opts, &defaultPrescan)
}

// explain is Explain, with the scan ahead on a second goroutine in the given sizes, or without it when prescan
// is nil (tests compare the two).
func explain(r io.Reader, opts ExplainOptions, prescan *prescanSizes) (Report, error) {
	return explainBatched(r, opts, prescan, defaultBatch())
}

// explainBatched is explain with single-line records analysed in batches of the given sizes (batch.go).
func explainBatched(r io.Reader, opts ExplainOptions, prescan *prescanSizes, batch batchSizes) (Report, error) {
	return explainShaped(r, opts, prescan, batch, true)
}

// explainShaped is explainBatched with lines served from their shape's analysis (shapememo.go) or, when shapes
// is false, never (tests compare the two).
func explainShaped(r io.Reader, opts ExplainOptions, prescan *prescanSizes, batch batchSizes, shapes bool) (Report, error) {
	src := &switchReader{r: r}
	br := bufio.NewReaderSize(src, readBufferSize)
	head, peekErr := br.Peek(64 << 10)
	if looksBinary(head[:min(len(head), 8<<10)]) {
		return Report{}, ErrBinaryInput
	}
	// An input that fits in one buffer is a paste: every line of it is examined, even a bare message. A larger
	// one is a log, where only lines with a sign of an error are.
	x := &explainer{opts: opts, findings: map[string]*Finding{}, paste: peekErr != nil}
	x.batch.sizes = batch
	x.shapes.off = !shapes
	if prescan != nil && !x.paste {
		x.prescan = src.prescan(*prescan)
		x.prescan.stalled = x.settle
		defer x.prescan.close()
	}
	var long []byte
	for {
		if x.cur == nil && !x.paste && long == nil && x.skipOrdinary(br) > 0 {
			continue
		}
		chunk, err := br.ReadSlice('\n')
		switch {
		case err == bufio.ErrBufferFull:
			// A long line: keep its head, drop the rest up to the newline.
			if len(long) < maxLineBytes {
				long = append(long, chunk[:min(len(chunk), maxLineBytes-len(long))]...)
			}
			continue
		case long != nil:
			if len(long) < maxLineBytes {
				long = append(long, chunk[:min(len(chunk), maxLineBytes-len(long))]...)
			}
			x.line(long)
			long = nil
		case len(chunk) > 0:
			x.line(chunk)
			if lineDone != nil {
				lineDone(chunk)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			x.settle()
			return x.report(), err
		}
	}
	x.flush()
	x.settle()
	if x.held != nil {
		x.file(x.held)
		x.held = nil
	}
	return x.report(), nil
}

// lineDone, when set (by tests), is given each line of the read buffer once the explainer has read it: the
// buffer's next read overwrites it, so the explainer must have copied whatever it keeps of the line.
var lineDone func(line []byte)

// looksBinary reports whether the start of the input is binary data: NUL bytes among many other control bytes.
func looksBinary(head []byte) bool {
	if len(head) == 0 || bytes.IndexByte(head, 0) < 0 {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

func (x *explainer) report() Report {
	coded := map[string]bool{}
	for _, f := range x.order {
		if f.Entry != nil && f.Entry.Kind == KindCode && f.Status != 0 {
			coded[f.Provider+"\x00"+strconv.Itoa(f.Status)] = true
			coded["http\x00"+strconv.Itoa(f.Status)] = true // a status explained only as plain HTTP: the same error
		}
	}
	withStatus := map[*Entry]*Finding{}
	for _, f := range x.order {
		if f.Entry != nil && f.Entry.Kind == KindCode && f.Status != 0 && withStatus[f.Entry] == nil {
			withStatus[f.Entry] = f
		}
	}
	// The same error printed once with its status and once without (an SDK's summary line, a message repeated
	// on its own) is one error.
	folded := map[*Finding]bool{}
	for _, f := range x.order {
		if f.Status == 0 && f.Entry != nil {
			if into := withStatus[f.Entry]; into != nil {
				into.Count += f.Count
				folded[f] = true
			}
		}
	}
	out := make([]Finding, 0, len(x.order))
	for _, f := range x.order {
		if folded[f] {
			continue
		}
		// A bare status that a coded finding of the same provider already explains is the same error printed
		// twice (a summary line, a "Caused by").
		if (f.Entry == nil || f.Entry.Kind != KindCode) && f.Code == "" && coded[f.Provider+"\x00"+strconv.Itoa(f.Status)] {
			continue
		}
		out = append(out, *f)
	}
	// Most relevant first: explained by a specific code, then by message, then by status alone; more frequent
	// first; then in input order. A transport failure (no response at all) comes after any API error: when a
	// response was received too, the provider's error says why the exchange failed, and the transport error
	// that followed it (a retry that could not connect, a reset) is secondary.
	rank := func(f *Finding) int {
		if p := specFor(f.Provider); p != nil && p.transport {
			return 3
		}
		switch {
		case f.Entry != nil && f.Entry.Kind == KindCode:
			return 0
		case f.Entry != nil:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(&out[i]), rank(&out[j])
		if ri != rj {
			return ri < rj
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Line < out[j].Line
	})
	if len(out) == 0 && x.providerOnly != nil {
		out = append(out, *x.providerOnly)
	}
	detach(out)
	return Report{Findings: out, Lines: x.lineNo, Dropped: x.dropped}
}

// detach gives the findings of a report their own memory: catalog entries and the plans' schedules and client
// notes are copied, and slices that observations may share (clues, field errors) are cloned. Explain's internal
// paths work on shared pointers (findings are keyed and folded by entry identity); this is the one copy at the
// API boundary, after which the caller may modify the report freely.
func detach(fs []Finding) {
	es := make([]*Entry, 0, len(fs))
	for i := range fs {
		if fs[i].Entry != nil {
			es = append(es, fs[i].Entry)
		}
	}
	copies := copyEntries(es)
	for i := range fs {
		f := &fs[i]
		if f.Entry != nil {
			f.Entry, copies = copies[0], copies[1:]
		}
		f.Candidates = slices.Clip(slices.Clone(f.Candidates))
		f.Clues = slices.Clip(slices.Clone(f.Clues))
		f.FieldErrors = slices.Clip(slices.Clone(f.FieldErrors))
		f.Retry.Schedule = slices.Clip(slices.Clone(f.Retry.Schedule))
		if f.Retry.Client != nil {
			c := *f.Retry.Client
			f.Retry.Client = &c
		}
	}
}
