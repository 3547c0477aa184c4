package codes

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
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
)

// ExplainOptions tunes Explain.
type ExplainOptions struct {
	Providers []string  // only consider these provider ids; empty means all
	Now       time.Time // the time an HTTP-date Retry-After is measured from when the response has no Date; zero: now
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
	Entry      *Entry // the catalog entry that explains it; nil when none does
	Retry      RetryPlan
	// FieldErrors are the field errors of a Discord 50035 body.
	FieldErrors []FieldError
	Count       int      // how many times it occurs in the input
	Line        int      // the line where it first occurs
	Clues       []string // the evidence the provider was recognised by
}

// Report is the result of Explain.
type Report struct {
	Findings []Finding // most relevant first
	Lines    int       // lines read
	Dropped  int       // occurrences of distinct errors beyond MaxFindings
}

// Explain reads an API error in any form (an HTTP response or curl transcript, a JSON or XML body, a log, an SDK
// exception, or a bare message) and diagnoses every distinct error in it. It streams: memory stays bounded however
// large the input is. Only a read error or binary input make it fail.
func Explain(r io.Reader, opts ExplainOptions) (Report, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, peekErr := br.Peek(64 << 10)
	if looksBinary(head[:min(len(head), 8<<10)]) {
		return Report{}, ErrBinaryInput
	}
	// An input that fits in one buffer is a paste: every line of it is examined, even a bare message. A larger
	// one is a log, where only lines with a sign of an error are.
	x := &explainer{opts: opts, findings: map[string]*Finding{}, paste: peekErr != nil}
	var long []byte
	for {
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
			long = long[:0]
			long = nil
		case len(chunk) > 0:
			x.line(chunk)
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			return x.report(), err
		}
	}
	x.flush()
	if x.held != nil {
		x.file(x.held)
		x.held = nil
	}
	return x.report(), nil
}

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

type explainer struct {
	opts     ExplainOptions
	paste    bool // the whole input fits in one buffer
	lineNo   int
	cur      *record
	context  observation // clues seen anywhere so far (hosts, client names): weak evidence for every record
	request  observation // clues of the last curl request line, for the response that follows it
	findings map[string]*Finding
	order    []*Finding
	dropped  int
	held     *observation // a partial observation waiting for its other half
}

// record is a multi-line unit being collected: an HTTP response (status line, headers, body) or a JSON/XML body.
type record struct {
	obs       observation
	http      bool
	inHeaders bool
	body      []byte
	bodyLines int
	depth     int  // brace balance of a JSON body
	started   bool // the body has begun
	// single is a line of its own with the indented lines that continue it; bareMessage says it may be a
	// provider message with nothing else on the line.
	single, bareMessage bool
}

// isContinuation reports whether a line continues the one before it: indented (a stack trace, aws-sdk-go's
// "\tstatus code: 404") or one of discord.py's "In embeds.0.title: ..." field-error lines.
func isContinuation(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	if raw[0] == ' ' || raw[0] == '\t' {
		return true
	}
	return bytes.HasPrefix(raw, []byte("In ")) && bytes.Contains(raw, []byte(": "))
}

func (x *explainer) line(raw []byte) {
	x.lineNo++
	raw = bytes.TrimRight(raw, "\r\n")
	if c := x.cur; c != nil && c.single {
		// Indented lines continue the line before them: a stack trace, or aws-sdk-go's "\tstatus code: 404".
		if isContinuation(raw) && c.bodyLines < maxContinuation {
			c.body = append(c.body, raw[:min(len(raw), max(0, maxBlockBytes-len(c.body)))]...)
			c.body = append(c.body, '\n')
			c.bodyLines++
			return
		}
		x.flush()
	}
	if x.cur == nil && !(x.paste && x.lineNo <= pasteLines) && !mayHoldError(raw) {
		return
	}
	line := string(raw)
	trimmed := strings.TrimSpace(line)

	// curl -v decorations: "* " information, "> " request lines and headers, "< " response lines and headers.
	if strings.HasPrefix(trimmed, "* ") || strings.HasPrefix(trimmed, "> ") || trimmed == ">" {
		if strings.HasPrefix(trimmed, "> ") {
			x.request.scanClues(trimmed)
			if name, value, ok := parseHeader(strings.TrimPrefix(trimmed, "> ")); ok && name == "host" {
				x.request.hostEvidence(value)
			}
		} else {
			x.context.scanClues(trimmed)
		}
		return
	}

	if status, reason, ok := parseStatusLine(trimmed); ok {
		x.flush()
		x.cur = &record{http: true, inHeaders: true}
		x.cur.obs.status, x.cur.obs.statusText, x.cur.obs.line = status, reason, x.lineNo
		x.cur.obs.mergeEvidence(&x.request, 1)
		x.cur.obs.upload = x.request.upload
		x.request = observation{}
		return
	}

	if c := x.cur; c != nil {
		if c.http && c.inHeaders {
			if trimmed == "" || trimmed == "<" {
				c.inHeaders = false
				return
			}
			if name, value, ok := parseHeader(trimmed); ok {
				if interestingHeader(name) {
					c.obs.setHeader(name, value)
				}
				return
			}
			c.inHeaders = false // a body without the blank line before it
		}
		if x.addBody(c, trimmed) {
			return
		}
		x.flush()
	}

	// A line of its own: the start of a multi-line body, or a record by itself.
	if strings.HasPrefix(trimmed, "{") && braceBalance(trimmed) > 0 {
		x.cur = &record{}
		x.cur.obs.line = x.lineNo
		x.addBody(x.cur, trimmed)
		return
	}
	if (strings.HasPrefix(trimmed, "<?xml") || strings.HasPrefix(trimmed, "<Error")) && !strings.Contains(trimmed, "</Error>") {
		x.cur = &record{}
		x.cur.obs.line = x.lineNo
		x.addBody(x.cur, trimmed)
		return
	}
	if strings.Contains(trimmed, "curl ") || strings.HasPrefix(trimmed, "$ ") {
		x.request.scanClues(trimmed) // a shell command names the host of the response printed after it
	}
	x.cur = &record{single: true, bodyLines: 1, body: append([]byte(nil), line...), bareMessage: x.paste && x.lineNo <= pasteLines}
	x.cur.body = append(x.cur.body, '\n')
	x.cur.obs.line = x.lineNo
	x.cur.obs.stamped = hasTimestamp(trimmed)
}

// addBody appends a line to the record's body and reports whether the body goes on.
func (x *explainer) addBody(c *record, line string) bool {
	if !c.started && line == "" {
		return true
	}
	if c.started && line == "" && c.depth <= 0 {
		return false // a blank line after a complete body ends the record
	}
	if len(c.body) < maxBlockBytes {
		c.body = append(c.body, line[:min(len(line), maxBlockBytes-len(c.body))]...)
		c.body = append(c.body, '\n')
	}
	c.started = true
	c.bodyLines++
	c.depth += braceBalance(line)
	switch {
	case c.bodyLines >= maxBlockLines:
		return false
	case strings.Contains(line, "</Error>"):
		x.flush()
		return true
	case c.depth <= 0 && strings.Contains(string(c.body), "{") && strings.HasSuffix(strings.TrimSpace(line), "}"):
		x.flush()
		return true
	case !c.http && c.depth <= 0 && !strings.HasPrefix(strings.TrimSpace(string(c.body)), "<"):
		return false
	}
	return true
}

// braceBalance counts '{' minus '}' outside quoted strings.
func braceBalance(s string) int {
	n := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"':
			quote = c
		case c == '{':
			n++
		case c == '}':
			n--
		}
	}
	return n
}

func (x *explainer) flush() {
	c := x.cur
	if c == nil {
		return
	}
	x.cur = nil
	text := string(c.body)
	x.analyse(&c.obs, text)
	if c.single && c.bareMessage && c.obs.code == "" && c.obs.status == 0 {
		c.obs.messageOnly(strings.TrimSpace(strings.SplitN(text, "\n", 2)[0]))
	}
	x.finish(&c.obs)
}

// analyse reads everything a record's text says into o.
func (x *explainer) analyse(o *observation, text string) {
	o.scanClues(text)
	x.context.mergeClues(o)
	if xe, ok := parseXMLError(text); ok {
		o.code, o.codeKey = xe.code, "Code"
		setIfEmpty(&o.message, xe.message)
		setIfEmpty(&o.requestID, xe.requestID)
		o.errorShape = true
		o.addEvidence("obs", 3, "an XML <Error> body")
	}
	if strings.Contains(text, "{") {
		if o.code == "" {
			for _, n := range parseLooseObjects(text, 8) {
				if o.fromObject(n, 0) {
					break
				}
			}
		} else if o.status == 0 {
			// An XML body inside a JSON log record: the record may still say the status.
			for _, n := range parseLooseObjects(text, 2) {
				var outer observation
				outer.fromObject(n, 0)
				if outer.status != 0 {
					o.status = outer.status
					break
				}
			}
		}
	}
	if o.code == "" && strings.Contains(text, `\"`) {
		// JSON escaped inside another JSON log line.
		un := strings.NewReplacer(`\\"`, `"`, `\"`, `"`, `\\n`, "\n", `\n`, "\n", `\\`, `\`).Replace(text)
		if xe, ok := parseXMLError(un); ok && o.code == "" {
			o.code, o.codeKey, o.errorShape = xe.code, "Code", true
			setIfEmpty(&o.message, xe.message)
			setIfEmpty(&o.requestID, xe.requestID)
			o.addEvidence("obs", 3, "an XML <Error> body")
		}
		for _, n := range parseLooseObjects(un, 8) {
			if o.code != "" || o.fromObject(n, 0) {
				break
			}
		}
	}
	o.applySDKPatterns(text)
	o.headersFromText(text)
	if len(o.fieldErrors) == 0 && strings.Contains(text, "\nIn ") {
		for _, m := range discordPyFieldError.FindAllStringSubmatch(text, 100) {
			o.fieldErrors = append(o.fieldErrors, FieldError{Path: m[1], Message: strings.TrimSpace(m[2])})
		}
	}
}

// discordPyFieldError reads the lines discord.py prints under an HTTPException for each field error.
var discordPyFieldError = lazyRE(`(?m)^In ([A-Za-z0-9_.\[\]]+): (.+)$`)

// messageOnly treats a bare line as a provider message: the whole line, or what follows its last ": ".
func (o *observation) messageOnly(line string) {
	cands := []string{line}
	if i := strings.LastIndex(line, ": "); i >= 0 {
		cands = append(cands, line[i+2:])
	}
	for _, c := range cands {
		c = strings.Trim(strings.TrimSpace(c), `"'.`)
		if len(c) < 6 || len(c) > 300 {
			continue
		}
		if ms := LookupMessage(c, Options{}); len(ms) > 0 {
			o.message, o.messageWeak = c, true
			o.errorShape = true
			return
		}
	}
}

// mayHoldError is the cheap test that lets a large log's ordinary lines pass without analysis: a line with an
// error has an error word, a client's exception name, an HTTP status line, an error body's key, or a status of
// 4xx or 5xx next to a word that says it is one. It looks at each byte once.
func mayHoldError(b []byte) bool {
	// The first line of a multi-line body: errors are printed pretty more often than ordinary log records are.
	if t := bytes.TrimSpace(b); len(t) == 1 && t[0] == '{' {
		return true
	}
	// Each case first compares the next byte inline: most letters start no needle, and the call to
	// bytes.HasPrefix is what costs.
	n := len(b)
	for i := 0; i+1 < n; i++ {
		if !needleStart[b[i]] {
			continue
		}
		c, d := b[i], b[i+1]
		var hit bool
		switch c {
		case 'r':
			hit = (d == 'r' && hasAt(b, i, "rror")) || (d == 'e' && hasAt(b, i, "retry_after"))
		case 'R':
			hit = d == 'R' && hasAt(b, i, "RROR")
		case 'x':
			hit = d == 'c' && hasAt(b, i, "xception")
		case 'H':
			hit = d == 'T' && hasAt(b, i, "HTTP/")
		case 'o':
			hit = (d == 'd' && (hasAt(b, i, "ode=") || hasAt(b, i, "ode:") || hasAt(b, i, `ode":`))) ||
				(d == 'r' && hasAt(b, i, "orbidden"))
		case 'e':
			hit = d == 'n' && hasAt(b, i, "enied")
		case 'n':
			hit = (d == 'v' && hasAt(b, i, "nvalid")) || (d == 'a' && hasAt(b, i, "nauthori"))
		case 'i':
			hit = d == 'm' && hasAt(b, i, "imit")
		case 'a':
			hit = d == 'i' && hasAt(b, i, "ailed")
		case '<':
			hit = d == '?' && hasAt(b, i, "<?xml")
		case '4', '5':
			hit = isStatusInContext(b, i)
		}
		if hit {
			return true
		}
	}
	return false
}

// needleStart marks the bytes a needle or a status can start with.
var needleStart = func() (t [256]bool) {
	for _, c := range []byte("rRxHoenia<45") {
		t[c] = true
	}
	return t
}()

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

// isStatusInContext reports whether b[i:i+3] is a free-standing 4xx or 5xx that the text marks as a status:
// after "status", "code" or an arrow, or before a reason phrase ("503 Service Unavailable").
func isStatusInContext(b []byte, i int) bool {
	if i+2 >= len(b) || (i > 0 && isWordByte(b[i-1])) || !isDigitByte(b[i+1]) || !isDigitByte(b[i+2]) ||
		(i+3 < len(b) && isWordByte(b[i+3])) {
		return false
	}
	before := bytes.ToLower(b[max(0, i-12):i])
	for _, w := range [][]byte{[]byte("status"), []byte("code"), []byte("->"), []byte("=>")} {
		if bytes.Contains(before, w) {
			return true
		}
	}
	// A reason phrase: a space and a capital letter ("404 Not Found").
	return i+5 < len(b) && b[i+3] == ' ' && b[i+4] >= 'A' && b[i+4] <= 'Z'
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

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
	delete(o.evidence, "")
}

// mergeClues keeps the strong clues of a record (hosts, client names) as context for the rest of the input.
func (o *observation) mergeClues(from *observation) {
	for p, w := range from.evidence {
		if w >= 3 && o.evidence[p] < 8 {
			o.addEvidence(p, w, "")
		}
	}
}

// finish takes a record's observation. Observations are held and accumulated while the following lines add
// to the same response without contradicting it: logs print a status, its headers and its body on
// neighbouring lines, and SDKs dump an error's fields one per line.
func (x *explainer) finish(o *observation) {
	o.applyHeaders()
	h := x.held
	if !o.signal() {
		// Headers or a request id alone complete a held response but are no error of their own.
		if h != nil && o.supplement() && o.line-h.lastLine <= heldLines && compatible(h, o) {
			merge(h, o)
			h.lastLine = o.line
		}
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
	x.held = o
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
	return !(a.strongProvider() != "" && b.strongProvider() != "" && a.strongProvider() != b.strongProvider())
}

// strongProvider is the provider the observation's own evidence names firmly, or "".
func (o *observation) strongProvider() string {
	best, bestW := "", 0
	for p, w := range o.evidence {
		if w > bestW {
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
	if a.status == 0 {
		a.status, a.statusText = b.status, b.statusText
	}
	setIfEmpty(&a.code, b.code)
	if (b.errorShape || b.code != "") && b.message != "" && (a.message == "" || a.messageWeak && !b.messageWeak) {
		a.message, a.messageWeak = b.message, b.messageWeak
	}
	setIfEmpty(&a.requestID, b.requestID)
	if !a.hasRetryAfterBody {
		a.retryAfterBody, a.hasRetryAfterBody = b.retryAfterBody, b.hasRetryAfterBody
	}
	a.global = a.global || b.global
	a.upload = a.upload || b.upload
	a.errorShape = a.errorShape || b.errorShape
	if len(a.fieldErrors) == 0 {
		a.fieldErrors = b.fieldErrors
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
	f, ok := x.diagnose(o)
	if !ok {
		return
	}
	code := f.Code
	if f.Entry != nil && f.Entry.Kind == KindCode {
		code = f.Entry.Code
	}
	key := f.Provider + "\x00" + strconv.Itoa(f.Status) + "\x00" + code
	if prev, ok := x.findings[key]; ok {
		prev.Count++
		return
	}
	if len(x.order) >= MaxFindings {
		x.dropped++
		return
	}
	f.Count = 1
	x.findings[key] = &f
	x.order = append(x.order, &f)
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
	// first; then in input order.
	rank := func(f *Finding) int {
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
	return Report{Findings: out, Lines: x.lineNo, Dropped: x.dropped}
}

// stampPattern finds a date or a time of day near the start of a line: the mark of a log event.
var stampPattern = lazyRE(`\d{4}[-/]\d{2}[-/]\d{2}|\d{2}:\d{2}:\d{2}`)

func hasTimestamp(line string) bool {
	return stampPattern.MatchString(line[:min(len(line), 48)])
}
