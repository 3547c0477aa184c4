// Record assembly: the lines of an input become records (an HTTP response with its headers and body, a
// multi-line JSON or XML body, a line with its indented continuation) that are read as one text.

package codes

import (
	"bytes"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

type explainer struct {
	opts        ExplainOptions
	paste       bool           // the whole input fits in one buffer
	prescan     *prescanReader // the input read ahead and scanned for candidate lines; nil for a paste
	lineNo      int
	cur         *record
	fieldErrors int         // field errors kept by all findings so far (MaxTotalFieldErrors)
	context     observation // clues seen anywhere so far (hosts, client names): weak evidence for every record
	// contextGen counts the changes to context's evidence and service (see mergeContext): a diagnosis made
	// when it was what it is now was made with the context as it is.
	contextGen  uint64
	request     observation // clues of the last curl request line, for the response that follows it
	findings    map[string]*Finding
	order       []*Finding
	dropped     int
	held        *observation // a partial observation waiting for its other half: nil or &heldObs
	heldObs     observation
	lastMessage messageMemo          // see messageMatches
	memo        map[string]*lineMemo // analyses of single-line records by text (see memo.go)
	memoKey     []byte
	shapes      shapeTable  // analyses of single-line records by shape (see shapememo.go)
	shapeLookup shapeLookup // the explainer's own lookups in shapes
	// quiet: the diagnosis being made is of no record of the input (shapediag.go) and must change nothing.
	quiet       bool
	keyBuf      []byte        // a finding's key being built (see file)
	spareBody   []byte        // a single-line record's body buffer, for the next one
	spareRecord *record       // a single-line record no longer referenced, for the next one
	loose       *looseObjects // the objects of the record being flushed, parsed as far as asked for
	batch       batcher       // single-line records waiting to be analysed together (see batch.go)
	settling    observation   // the observation of the batch's record being taken
	spareBlock  []byte        // a multi-line body's buffer, for the next one
	frame       framer
	// inRequest says the lines are a plain request dump ("POST /path HTTP/1.1", then headers), whose clues go to
	// the response that follows.
	inRequest bool
	// providerOnly is the best failure that names a provider but no status, code or message, reported only
	// when the input holds no other error.
	providerOnly      *Finding
	providerOnlyScore int
}

// record is a multi-line unit being collected: an HTTP response (status line, headers, body) or a JSON/XML body.
type record struct {
	obs       observation
	http      bool
	inHeaders bool
	body      []byte
	bodyLines int
	// bodyBrace and bodyLead are running facts about body, kept as lines arrive so that a record of L lines
	// costs O(L), not O(L^2): whether it holds a '{', and its first non-space character (0 while none).
	bodyBrace bool
	bodyLead  rune
	depth     int  // brace balance of a JSON body
	started   bool // the body has begun
	// single is a line of its own with the indented lines that continue it.
	single bool
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
	// The error a wrapper wraps: aws-sdk-go's "caused by: InvalidRequest: ...", Java's "Caused by: ...".
	if bytes.HasPrefix(raw, []byte("caused by: ")) || bytes.HasPrefix(raw, []byte("Caused by: ")) {
		return true
	}
	return bytes.HasPrefix(raw, []byte("In ")) && bytes.Contains(raw, []byte(": "))
}

func (x *explainer) line(raw []byte) {
	x.lineNo++
	for len(raw) > 0 && (raw[len(raw)-1] == '\n' || raw[len(raw)-1] == '\r') {
		raw = raw[:len(raw)-1] // bytes.TrimRight(raw, "\r\n") without its per-call cutset set-up
	}
	examined := x.paste && x.lineNo <= pasteLines
	if x.cur == nil && !examined {
		if !mayHoldError(raw) {
			// An ordinary line of a large log: nothing to frame, since no record waits for a continuation.
			return
		}
		examined = true
	}
	raw, stamped := x.frame.stripRepeatedPrefix(raw)
	if t := bytes.TrimLeft(raw, " "); len(t) > 0 && t[0] == '>' {
		if l, ok := x.frame.unquote(string(raw)); ok {
			raw = []byte(l)
		}
	} else {
		x.frame.quoted = false
	}
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
	if x.cur == nil && !examined && !mayHoldError(raw) {
		return
	}
	// A line of a multi-line body goes to the body without becoming a string of its own (a copy per line was a
	// tenth of the time of a long unclosed <Error> record), when nothing below would read it first.
	bodyTaken := false
	if c := x.cur; c != nil && !c.single && !c.http && len(raw) > 0 {
		if view := strings.TrimSpace(unsafe.String(&raw[0], len(raw))); x.plainBodyLine(view) {
			if x.addBody(c, view) { // addBody copies the line: the view does not outlive raw's buffer
				return
			}
			x.flush()
			bodyTaken = true
		}
	}
	if x.cur == nil && !bodyTaken && len(raw) > 0 {
		// Most lines of a log of errors start a record of their own, which copies the line: they need no
		// string of their own (a tenth of the explainer's time on a log of distinct errors), when none of the
		// lines takeLine takes, which keep parts of it, reads it first.
		view := unsafe.String(&raw[0], len(raw))
		if trimmed := strings.TrimSpace(view); x.recordOfItsOwn(trimmed) {
			x.lineOfItsOwn(view, trimmed, stamped, true)
			return
		}
	}
	line := string(raw)
	trimmed := strings.TrimSpace(line)
	if !bodyTaken {
		var taken bool
		if line, trimmed, taken = x.takeLine(line, trimmed); taken {
			return
		}
	}
	x.lineOfItsOwn(line, trimmed, stamped, false)
}

// recordOfItsOwn reports whether a trimmed line that comes while no record is open is none of the lines
// takeLine takes or changes (a request dump, curl's decorations, a Markdown bullet, a status line): it starts
// a record of its own (lineOfItsOwn).
func (x *explainer) recordOfItsOwn(trimmed string) bool {
	if x.inRequest || strings.HasPrefix(trimmed, "* ") || curlDecoration(trimmed) {
		return false
	}
	_, _, isStatus := parseStatusLine(trimmed)
	return !isStatus && !isRequestLine(trimmed)
}

// plainBodyLine reports whether a trimmed line that comes while a multi-line body is open is a plain line of
// that body: none of the lines takeLine takes or changes (a request dump, curl's decorations, a
// Markdown bullet, a status line).
func (x *explainer) plainBodyLine(trimmed string) bool {
	// A Markdown bullet starts with "* " too, so curlDecoration covers it.
	if x.inRequest || isRequestLine(trimmed) || curlDecoration(trimmed) {
		return false
	}
	_, _, isStatus := parseStatusLine(trimmed)
	return !isStatus
}

// curlDecoration reports whether a trimmed line is one of curl -v's decorations, whose clues go to the context or
// the request rather than to a record: "* " information, "> " request lines and headers. ("< " response lines and
// headers are read as the response.)
func curlDecoration(trimmed string) bool {
	return strings.HasPrefix(trimmed, "* ") || strings.HasPrefix(trimmed, "> ") || trimmed == ">"
}

// takeLine reads a line as part of what came before it: a request dump, curl's decorations, a status line, a
// response's headers, or the open record's body. It reports whether it took the line; when it did not, the line
// (with a Markdown bullet's "* " taken off) stands on its own, and the open record is flushed. A line it takes
// may keep parts of it: recordOfItsOwn must say false for every kind of line it takes while no record is open.
func (x *explainer) takeLine(line, trimmed string) (string, string, bool) {
	if x.requestDump(trimmed) {
		return line, trimmed, true
	}

	// A Markdown bullet ("* `ERROR: ...`") looks like curl's "* " information line; one that quotes code or says
	// something failed is the text of the error, not curl's chatter.
	if strings.HasPrefix(trimmed, "* ") && (strings.Contains(trimmed, "`") || saysFailure(trimmed)) {
		line = strings.TrimPrefix(strings.TrimSpace(line), "* ")
		trimmed = strings.TrimSpace(line)
	}
	if curlDecoration(trimmed) {
		if strings.HasPrefix(trimmed, "> ") {
			x.request.scanClues(trimmed)
			if name, value, ok := parseHeader(strings.TrimPrefix(trimmed, "> ")); ok && name == "host" {
				x.request.hostEvidence(value)
			}
		} else {
			x.settle() // the records before this line are read without its clues
			x.context.scanClues(trimmed)
			x.contextGen++
		}
		return line, trimmed, true
	}

	if status, reason, ok := parseStatusLine(trimmed); ok {
		x.flush()
		x.cur = &record{http: true, inHeaders: true}
		x.cur.obs.status, x.cur.obs.statusText, x.cur.obs.line = status, reason, x.lineNo
		x.cur.obs.mergeEvidence(&x.request, 1)
		x.cur.obs.upload, x.cur.obs.call, x.cur.obs.method = x.request.upload, x.request.call, x.request.method
		x.cur.obs.apiVersion = x.request.apiVersion
		x.request = observation{}
		return line, trimmed, true
	}

	if c := x.cur; c != nil {
		if c.http && c.inHeaders {
			if trimmed == "" || trimmed == "<" {
				c.inHeaders = false
				return line, trimmed, true
			}
			if name, value, ok := parseHeader(trimmed); ok {
				if interestingHeader(name) {
					c.obs.setHeader(name, value)
				}
				c.obs.headerBlock = true
				return line, trimmed, true
			}
			c.inHeaders = false // a body without the blank line before it
		}
		if x.addBody(c, trimmed) {
			return line, trimmed, true
		}
		x.flush()
	}

	return line, trimmed, false
}

// lineOfItsOwn starts a record at a line that belongs to nothing before it: the start of a multi-line body, or a
// record by itself. view says the line is the read buffer's, which the next read overwrites: what is kept of it
// is copied.
func (x *explainer) lineOfItsOwn(line, trimmed string, stamped, view bool) {
	if strings.HasPrefix(trimmed, "{") && braceBalance(trimmed) > 0 {
		x.cur = &record{body: x.takeSpareBlock()}
		x.cur.obs.line = x.lineNo
		x.addBody(x.cur, trimmed)
		return
	}
	if (strings.HasPrefix(trimmed, "<?xml") || strings.HasPrefix(trimmed, "<Error")) && !strings.Contains(trimmed, "</Error>") {
		x.cur = &record{body: x.takeSpareBlock()}
		x.cur.obs.line = x.lineNo
		x.addBody(x.cur, trimmed)
		return
	}
	if strings.Contains(trimmed, "curl ") || strings.HasPrefix(trimmed, "$ ") {
		if view {
			trimmed = strings.Clone(trimmed) // scanClues keeps parts of it (the request's method)
		}
		x.request.scanClues(trimmed) // a shell command names the host of the response printed after it
	}
	// The body buffer of the last single-line record is reused: analyseSingle keeps no reference to it.
	r := x.spareRecord
	if r == nil {
		r = new(record)
	}
	x.spareRecord = nil
	*r = record{single: true, bodyLines: 1, body: append(x.spareBody[:0], line...)}
	x.cur = r
	zeroStamp(x.cur.body[:leadingStamp(line)])
	x.spareBody = nil
	x.cur.body = append(x.cur.body, '\n')
	x.cur.obs.line = x.lineNo
	x.cur.obs.stamped = stamped || hasTimestamp(trimmed)
}

// requestDump takes the lines of a plain request dump ("POST /b2api/v3/... HTTP/1.1", "Host: ...") and keeps
// their clues for the response that follows. It reports whether the line was one of them.
func (x *explainer) requestDump(trimmed string) bool {
	if isRequestLine(trimmed) {
		x.flush()
		x.request = observation{}
		x.request.scanClues(trimmed)
		x.inRequest = true
		return true
	}
	if !x.inRequest {
		return false
	}
	if trimmed == "" {
		x.inRequest = false
		return true
	}
	if name, value, ok := parseHeader(trimmed); ok {
		if name == "host" {
			x.request.hostEvidence(value)
		}
		return true
	}
	x.inRequest = false
	return false
}

// takeSpareBlock hands out the spare multi-line body buffer, empty, or nil when there is none.
func (x *explainer) takeSpareBlock() []byte {
	b := x.spareBlock[:0]
	x.spareBlock = nil
	return b
}

// addBody appends a line to the record's body and reports whether the body goes on. It keeps no reference to
// line, which may be a view of the reader's buffer (see line).
func (x *explainer) addBody(c *record, line string) bool {
	if !c.started && line == "" {
		return true
	}
	if c.started && line == "" && c.depth <= 0 {
		return false // a blank line after a complete body ends the record
	}
	if len(c.body) < maxBlockBytes {
		part := line[:min(len(line), maxBlockBytes-len(c.body))]
		c.body = append(c.body, part...)
		c.body = append(c.body, '\n')
		c.bodyBrace = c.bodyBrace || strings.IndexByte(part, '{') >= 0
		if c.bodyLead == 0 {
			if t := strings.TrimLeftFunc(part, unicode.IsSpace); t != "" {
				c.bodyLead, _ = utf8.DecodeRuneInString(t)
			}
		}
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
	case c.depth <= 0 && c.bodyBrace && strings.HasSuffix(strings.TrimSpace(line), "}"):
		x.flush()
		return true
	case !c.http && c.depth <= 0 && c.bodyLead != '<':
		return false
	}
	return true
}

// braceBalance counts '{' minus '}' outside quoted strings. It skips runs of other bytes with a table: it runs
// for every line of a multi-line body.
func braceBalance(s string) int {
	n := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		for i < len(s) && !braceBytes[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
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

// braceBytes marks the bytes braceBalance acts on.
var braceBytes = [256]bool{'"': true, '{': true, '}': true, '\\': true}

func (x *explainer) flush() {
	c := x.cur
	if c == nil {
		return
	}
	x.cur = nil
	if c.single && x.batch.on() {
		if x.batch.add(&c.obs, c.body) {
			x.rotate()
		}
		if cap(c.body) <= memoMaxText*2 {
			x.spareBody = c.body[:0] // add copied it
		}
		x.spareRecord = c
		return
	}
	x.settle() // the batch's records come first, and they change what the next record is read against
	if c.single {
		x.batch.taken(x.analyseSingle(&c.obs, c.body, nil))
		if cap(c.body) <= memoMaxText*2 {
			x.spareBody = c.body[:0]
		}
		x.finish(&c.obs)
		x.spareRecord = c // finish keeps no reference to the record (it holds a copy of its observation)
		return
	}
	text := string(c.body)
	if cap(c.body) > cap(x.spareBlock) {
		x.spareBlock = c.body[:0] // text is a copy: the buffer serves the next multi-line body
	}
	// The record's objects are parsed once, for explodeLogExport and analyse both.
	x.loose = &looseObjects{p: looseParser{s: text}}
	defer func() { x.loose = nil }()
	if !c.http && !c.single && x.explodeLogExport(c, text) {
		return
	}
	x.analyse(&c.obs, text)
	x.finish(&c.obs)
}

// looseObjects is parseLooseObjects(text, max), from the flushed record's parse when text is that record's.
func (x *explainer) looseObjects(text string, max int) []*lnode {
	return firstObjects(x.loose, text, max)
}

// firstObjects is parseLooseObjects(text, max), from the parse loose when it is text's (loose may be nil).
func firstObjects(loose *looseObjects, text string, max int) []*lnode {
	if loose != nil && loose.p.s == text {
		return loose.first(max)
	}
	return parseLooseObjects(text, max)
}

// jsonUnescaper undoes one level of JSON string escaping, for bodies logged inside another JSON record.
var jsonUnescaper = strings.NewReplacer(`\\"`, `"`, `\"`, `"`, `\\n`, "\n", `\n`, "\n", `\\`, `\`)

// fromXML reads an XML <Error> body (OBS, S3) in text, if there is one and o has no code yet.
func (o *observation) fromXML(text string) {
	if o.code != "" {
		return
	}
	if xe, ok := parseXMLError(text); ok {
		o.code, o.errorShape = xe.code, true
		setIfEmpty(&o.message, xe.message)
		setIfEmpty(&o.requestID, xe.requestID)
		setIfEmpty(&o.hostID, xe.hostID)
		o.xmlEvidence()
	}
}

// analyse reads everything a record's text says into o.
func (x *explainer) analyse(o *observation, text string) { x.analyseWith(o, text, nil) }

// analyseWith is analyse that also copies into clues what scanClues found (see analyseSingle), when clues is
// not nil.
func (x *explainer) analyseWith(o *observation, text string, clues *observation) {
	o.scanClues(text)
	if clues != nil {
		clues.evidence, clues.service = maps.Clone(o.evidence), o.service
	}
	x.mergeContext(o)
	readRecord(o, text, x.loose, len(x.context.evidence) > 0)
}

// analyseDetached is analyseWith for a record read apart from the input's state, on another goroutine: what
// the input's context held is given (contextEvidence, as it stood before the record), and what the clues were
// goes to clues for the caller to merge into the context in the input's order.
func analyseDetached(o *observation, text string, contextEvidence bool, clues *observation) {
	o.scanClues(text)
	clues.evidence, clues.service = maps.Clone(o.evidence), o.service
	readRecord(o, text, nil, contextEvidence || o.givesContext())
}

// readRecord reads into o what a record's text says besides its clues (scanClues). Nothing outside the text
// counts but whether the input's context holds evidence, the record's own clues merged (contextEvidence):
// the memo (memo.go) and the batches (batch.go) depend on it. loose is the record's parse, or nil.
func readRecord(o *observation, text string, loose *looseObjects, contextEvidence bool) {
	o.fromXML(text)
	if strings.Contains(text, "{") {
		if o.code == "" {
			for _, n := range firstObjects(loose, text, 8) {
				if o.fromObject(n, 0) {
					break
				}
			}
		} else if o.status == 0 {
			// An XML body inside a JSON log record: the record may still say the status.
			for _, n := range firstObjects(loose, text, 2) {
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
		un := jsonUnescaper.Replace(text)
		o.fromXML(un)
		for _, n := range parseLooseObjects(un, 8) {
			if o.code != "" || o.fromObject(n, 0) {
				break
			}
		}
	}
	extractGeneric(o, text, contextEvidence)
	// Whether the text says something failed matters only for a record that names a provider without an error
	// of its own (see considerProviderOnly).
	if o.status < 400 && (len(o.evidence) > 0 || contextEvidence) {
		o.failure = saysFailure(firstLines(text))
	}
	o.headersFromText(text)
	if len(o.fieldErrors) == 0 && hasLineStarting(text, "In ") {
		for _, m := range discordPyFieldError.FindAllStringSubmatch(text, 100) {
			o.addFieldError(m[1], "", strings.TrimSpace(m[2]))
		}
	}
}

// hasLineStarting reports whether a line of text after the first starts with prefix (strings.Contains(text,
// "\n"+prefix)), looking for the prefix rather than for every line end of a large body.
func hasLineStarting(text, prefix string) bool {
	for from := 1; from < len(text); {
		i := strings.Index(text[from:], prefix)
		if i < 0 {
			return false
		}
		if text[from+i-1] == '\n' {
			return true
		}
		from += i + 1
	}
	return false
}

// discordPyFieldError reads the lines discord.py prints under an HTTPException for each field error.
var discordPyFieldError = lazyRE(`(?m)^In ([A-Za-z0-9_.\[\]]+): (.+)$`)

// hasTimestamp reports whether a date (2026-03-02, 2026/03/02) or a time of day (12:34:56) stands in the first
// 48 bytes of a line: the mark of a log event. It runs for every line that starts a record.
func hasTimestamp(line string) bool {
	s := line[:min(len(line), 48)]
	d := func(i int) bool { return i < len(s) && isDigitByte(s[i]) }
	sep := func(i int) bool { return i < len(s) && (s[i] == '-' || s[i] == '/') }
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			continue
		}
		if d(i+1) && d(i+2) && d(i+3) && sep(i+4) && d(i+5) && d(i+6) && sep(i+7) && d(i+8) && d(i+9) {
			return true
		}
		if d(i+1) && i+2 < len(s) && s[i+2] == ':' && d(i+3) && d(i+4) && i+5 < len(s) && s[i+5] == ':' && d(i+6) && d(i+7) {
			return true
		}
	}
	return false
}

// explodeLogExport handles a JSON document that is a log export (CloudWatch's {"events": [{"message": ...}]},
// Loki's or Elasticsearch's arrays of records): each record's message is judged as a log line of its own
// rather than the whole export as one error. It reports whether the text was such an export.
func (x *explainer) explodeLogExport(c *record, text string) bool {
	objs := x.looseObjects(text, 1)
	if len(objs) == 0 {
		return false
	}
	var messages []string
	var walk func(n *lnode, depth int)
	walk = func(n *lnode, depth int) {
		if n == nil || depth > 3 || len(messages) > 10000 {
			return
		}
		for i, v := range n.vals {
			if n.keys[i] == "_errors" {
				continue // Discord's field-error leaves ({"code", "message"}) are one error's details, not log records
			}
			switch v.kind {
			case 'a':
				for _, item := range v.items {
					if m := item.get("message", "msg", "log", "line"); m != nil && m.kind == 's' {
						messages = append(messages, m.str)
					}
				}
			case 'o':
				walk(v, depth+1)
			}
		}
	}
	walk(objs[0], 0)
	if len(messages) < 2 {
		return false
	}
	for _, m := range messages {
		for _, line := range strings.Split(strings.TrimRight(m, "\n"), "\n") {
			o := observation{line: c.obs.line, stamped: hasTimestamp(line)}
			x.analyse(&o, line)
			x.finish(&o)
		}
	}
	return true
}

// failureWords say that something failed, as words of logs and exceptions (after splitting camelCase, so
// "ObsException" says "exception"); "errors_total=0" in a metrics line does not. failureText is the same in
// Chinese, which has no word breaks.
var (
	failureWords = []string{"error", "exception", "fail", "failed", "failure", "fatal", "denied", "refused",
		"unable", "cannot"}
	failureText = []string{"报错", "错误", "失败", "异常"}
)

// saysFailure reports whether a text says that something failed. It splits words itself, without allocating.
func saysFailure(s string) bool {
	start := -1
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		hump := letter && c <= 'Z' && start >= 0 && s[i-1] >= 'a' && s[i-1] <= 'z'
		if start >= 0 && (!letter || hump) {
			if isFailureWord(s[start:i]) {
				return true
			}
			start = -1
		}
		if letter && start < 0 {
			start = i
		}
	}
	for _, w := range failureText {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func isFailureWord(w string) bool {
	for _, f := range failureWords {
		if len(w) == len(f) && strings.EqualFold(w, f) {
			return true
		}
	}
	return false
}
