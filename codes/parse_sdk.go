package codes

import (
	"iter"
	"strconv"
	"strings"
	"sync"
)

// sdkPattern recognises the error string of one client library or tool. The guard is a plain substring that
// must occur before the (slower) regular expression runs, which keeps the scan of large logs fast.
type sdkPattern struct {
	fills fields // what the pattern can find: it is skipped once all of that is known
	guard string
	also  string   // a second substring that must occur too
	anyOf []string // alternative guards: the pattern runs when any of them occurs
	// pre, when set, is a necessary condition for re to match, much faster than re on a large text (see
	// precheck.go).
	pre      func(s string) bool
	re       *lazyRegexp
	provider string // "" when the format is shared by several providers
	clue     string
	client   string // the client library whose format this is (one of the provider's clients), "" for none
	// apply copies the submatches into the observation.
	apply func(o *observation, m []string)
	// The ids of guard, also and anyOf in patternGuards, set by allPatterns (-1: none).
	guardID, alsoID int
	anyOfIDs        []int
	// near searches re only near its guard or anyOf words, set by allPatterns.
	near *nearRegexp
}

func atoiStatus(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 599 {
		return 0
	}
	return n
}

// statusFromGroup1 is the apply of the patterns that only find a status, in their first group.
func statusFromGroup1(o *observation, m []string) {
	if o.status == 0 {
		o.status = atoiStatus(m[1])
	}
}

// setStatusCodeMessageID is the apply of the patterns whose groups are status, code, message and request id.
func setStatusCodeMessageID(o *observation, m []string) {
	o.status = atoiStatus(m[1])
	setIfEmpty(&o.code, m[2])
	setIfEmpty(&o.message, m[3])
	setIfEmpty(&o.requestID, m[4])
}

func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

var sdkPatterns = []sdkPattern{
	{
		fills: fillCode,
		guard: "rrorCode", re: lazyRE(`(?:errorCode|ErrorCode)\s*[=:]\s*"?([A-Za-z0-9_.]+)`),
		apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]) },
	},
	{
		fills: fillCode,
		guard: "rror Code:", re: lazyRE(`Error Code: ?([A-Za-z0-9_.]+)`),
		apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]) },
	},
	{
		fills: fillMessage,
		guard: "rrorMessage", re: lazyRE(`(?:errorMessage|ErrorMessage)\s*[=:]\s*"?([^,\]"]+)`),
		apply: func(o *observation, m []string) { setIfEmpty(&o.message, m[1]) },
	},
	{ // "RequestId: 0000019A...", "request_id=...", "Request ID:..."
		fills: fillRequestID,
		guard: "equest", re: lazyRE(`(?i)\brequest[ _-]?id\s*[=:]\s*"?([A-Za-z0-9-]{8,64})`),
		// "id" has no letter whose (?i) form is outside ASCII ("request" has the s of the long s).
		pre:   func(s string) bool { return sepAfter(s, "id", true) },
		apply: func(o *observation, m []string) { setIfEmpty(&o.requestID, m[1]) },
	},
	{
		fills: fillRequestID,
		guard: "rrorRequestId", re: lazyRE(`errorRequestId\s*[=:]\s*([A-Za-z0-9-]+)`),
		apply: func(o *observation, m []string) { setIfEmpty(&o.requestID, m[1]) },
	},
	{ // aws-sdk-go v2 (rclone, restic and others against OBS's S3 API): StatusCode: 404, RequestID: ..., api error NoSuchKey: ...
		fills: fillCode | fillMessage,
		guard: "api error ", re: lazyRE(`api error ([A-Za-z][A-Za-z0-9.]*): (.*)`),
		apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]); setIfEmpty(&o.message, m[2]) },
	},
	{
		fills: fillStatus | fillRequestID,
		guard: "StatusCode: ", re: lazyRE(`StatusCode: (\d{3})(?:, RequestID: ([A-Za-z0-9-]+))?`),
		apply: func(o *observation, m []string) {
			if o.status == 0 {
				o.status = atoiStatus(m[1])
			}
			setIfEmpty(&o.requestID, m[2])
		},
	},
	{ // aws-sdk-go v1: NoSuchKey: The specified key does not exist.\n\tstatus code: 404, request id: ...
		fills: fillStatus | fillRequestID,
		guard: "status code: ", re: lazyRE(`status code: (\d{3})(?:, request id: ([A-Za-z0-9-]+))?`),
		apply: func(o *observation, m []string) {
			if o.status == 0 {
				o.status = atoiStatus(m[1])
			}
			setIfEmpty(&o.requestID, m[2])
		},
	},
	{ // minio-go and similar: "... Code: NoSuchKey ..." or "code=NoSuchKey"
		fills: fillCode,
		guard: "ode", re: lazyRE(`(?i)((?:status|http|response)[ _]?)?\b(?:error[_ ]?code|code)\s*[=:]\s*"?([A-Za-z0-9_.]{2,64})"?`),
		pre: func(s string) bool { return sepAfter(s, "code", true) },
		apply: func(o *observation, m []string) {
			// "status code: 404" and "HTTP Code: 403" are statuses, not codes; and a free-standing "code=exited"
			// is only taken when it is a code some provider has.
			if m[1] != "" || len(providersWithCode(m[2])) == 0 {
				return
			}
			if isDigits(m[2]) && atoiStatus(m[2]) >= 200 {
				return // "error code=403": a status, which the status idioms read
			}
			setIfEmpty(&o.code, m[2])
		},
	},
	{ // "-> HTTP/1.1 502 Bad Gateway" in the middle of a line, "HTTP 403 Forbidden" (discordgo)
		fills: fillStatus,
		guard: "HTTP", re: lazyRE(`\bHTTP(?:/[0-9.]+)? ([1-5]\d\d)\b`),
		apply: statusFromGroup1,
	},
	{ // "GET /channels -> 403 {...}"
		fills: fillStatus,
		guard: ">", re: lazyRE(`(?:->|=>|→)\s*([1-5]\d\d)\b`),
		pre:   arrowThenStatusDigit,
		apply: statusFromGroup1,
	},
	{ // "404 {"errorCode": ...}": a status printed right before its body
		fills: fillStatus,
		guard: "{", re: lazyRE(`\b([1-5]\d\d)\s*\{`),
		pre:   statusBeforeBrace,
		apply: statusFromGroup1,
	},
	{ // curl --fail: "The requested URL returned error: 409"; .NET: "does not indicate success: 400 (Bad Request)";
		// JDA: "Encountered 429 on route"; and similar verbs before a status
		fills: fillStatus,
		anyOf: []string{"returned error", "indicate success", "ncountered", "eceived", "esponded with", "ailed with", "ot status", "esponse code", "esponse Code"},
		re:    lazyRE(`(?i)\b(?:returned error|indicate success|encountered|received|responded with(?: status)?|failed with(?: status)?|got status|response code)\s*:?\s*([1-5]\d\d)\b`),
		apply: statusFromGroup1,
	},
	{ // urllib3 and access logs: "PUT /?lifecycle HTTP/1.1" 409 297
		fills: fillStatus,
		guard: "HTTP/", re: lazyRE(`HTTP/[0-9.]+"\s+([1-5]\d\d)\b`),
		apply: statusFromGroup1,
	},
	{ // s3cmd: "S3 error: 301 (PermanentRedirect): ..."
		fills: fillStatus | fillCode,
		guard: " (", re: lazyRE(`\b([1-5]\d\d) \(([A-Za-z][A-Za-z.]+)\)`),
		apply: func(o *observation, m []string) {
			if len(providersWithCode(m[2])) == 0 {
				return
			}
			if o.status == 0 {
				o.status = atoiStatus(m[1])
			}
			setIfEmpty(&o.code, m[2])
		},
	},
	{ // Python requests: "404 Client Error: Not Found for url: ..."
		fills: fillStatus,
		guard: " Error", re: lazyRE(`\b([1-5]\d\d) (?:Client|Server) Error\b`),
		apply: statusFromGroup1,
	},
	{
		fills: fillStatus,
		guard: "ode", re: lazyRE(`(?i)\b(?:http[ _]?code|response[ _]?code)\s*[=:]\s*([1-5]\d\d)\b`),
		pre:   func(s string) bool { return sepAfter(s, "code", true) },
		apply: statusFromGroup1,
	},
	{
		fills: fillStatus,
		guard: "tatus", re: lazyRE(`(?i)\b(?:http[ _]?status(?:[ _]?code)?|status[ _]?code|status)(?:\s*[=:]\s*|\s+)"?([1-5]\d\d)\b`),
		apply: statusFromGroup1,
	},
	{
		fills: fillStatus | fillCode | fillMessage,
		guard: "essage", re: lazyRE(`\b(?:[Ee]rror[_ ]?[Mm]essage|[Mm]essage)\s*[=:]\s*"([^"]{1,512})"`),
		pre:   func(s string) bool { return sepAfter(s, "essage", false) },
		apply: func(o *observation, m []string) { setIfEmpty(&o.message, m[1]) },
	},
}

// allPatterns lists the providers' client patterns, in registry order, before the generic ones: a client's
// own format knows which part is which.
var allPatterns = sync.OnceValue(func() []*sdkPattern {
	var out []*sdkPattern
	for _, spec := range registry {
		for i := range spec.patterns {
			p := &spec.patterns[i]
			p.provider = spec.id
			out = append(out, p)
		}
	}
	for i := range sdkPatterns {
		out = append(out, &sdkPatterns[i])
	}
	for _, p := range out {
		p.guardID, p.alsoID = -1, -1
		if p.guard != "" {
			p.guardID = patternGuards.add(p.guard)
		}
		if p.also != "" {
			p.alsoID = patternGuards.add(p.also)
		}
		for _, g := range p.anyOf {
			p.anyOfIDs = append(p.anyOfIDs, patternGuards.add(g))
		}
		if p.guard != "" {
			p.near = nearRE(p.re, p.guard)
		} else {
			p.near = nearRE(p.re, p.anyOf...)
		}
	}
	return out
})

// fields is a set of the facts a pattern can find.
type fields uint8

const (
	fillStatus fields = 1 << iota
	fillCode
	fillMessage
	fillRequestID
)

// known returns the fields o already has.
func (o *observation) known() fields {
	var f fields
	if o.status != 0 {
		f |= fillStatus
	}
	if o.code != "" {
		f |= fillCode
	}
	if o.message != "" {
		f |= fillMessage
	}
	if o.requestID != "" {
		f |= fillRequestID
	}
	return f
}

// guardedIn reports whether the pattern's guard occurs in s, whose guards patternGuards has scanned (present).
func (p *sdkPattern) guardedIn(s string, present []bool) bool {
	if p.alsoID >= 0 && !present[p.alsoID] {
		return false
	}
	if p.guardID >= 0 {
		return present[p.guardID] && (p.pre == nil || p.pre(s))
	}
	for _, id := range p.anyOfIDs {
		if present[id] {
			return true
		}
	}
	return false
}

// awsV1Heads lists the first n "Code: message" heads of aws-sdk-go v1 errors in s, which are accepted only when
// the code is a known catalog code (a capitalised word followed by a colon is too common to trust otherwise) and
// no client-specific pattern found one: in rclone's "Unauthorized: ... (401 expired_auth_token)" the B2 code
// wins. It finds what FindAllStringSubmatch of `(?:^|\s)([A-Z][A-Za-z]+(?:\.[A-Za-z]+)?): (.+)` finds, by
// looking at the word before each ": " instead of trying the pattern at every offset.
func awsV1Heads(s string, n int) iter.Seq2[string, string] {
	return func(yield func(code, message string) bool) {
		lineEnd := -1 // the end of the line of an earlier head: each line is scanned for its end once
		for from := 0; n > 0; {
			c := strings.Index(s[from:], ": ")
			if c < 0 {
				return
			}
			c += from
			from = c + 1
			b := c
			for b > 0 && (isLetterByte(s[b-1]) || s[b-1] == '.') {
				b--
			}
			if b > 0 && !isRE2Space(s[b-1]) || !awsV1CodeWord(s[b:c]) {
				continue
			}
			if lineEnd < c+2 { // the message runs to the end of its line
				lineEnd = len(s)
				if nl := strings.IndexByte(s[c+2:], '\n'); nl >= 0 {
					lineEnd = c + 2 + nl
				}
			}
			end := lineEnd
			if end == c+2 {
				continue
			}
			if !yield(s[b:c], s[c+2:end]) {
				return
			}
			n--
			from = end // matches do not overlap: the next starts after this one's message
		}
	}
}

// awsV1CodeWord reports whether w is [A-Z][A-Za-z]+(?:\.[A-Za-z]+)?.
func awsV1CodeWord(w string) bool {
	head, tail, dotted := strings.Cut(w, ".")
	if len(head) < 2 || head[0] < 'A' || head[0] > 'Z' || dotted && tail == "" || strings.Contains(tail, ".") {
		return false
	}
	return true // the rest are letters: the caller took a run of letters and dots
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// patternScanRoom is room for the presence of every pattern guard on the stack.
const patternScanRoom = 128

// applySDKPatterns runs the patterns whose guard occurs in s. Patterns never overwrite a code or message that a
// body already gave. The loose fallbacks come last: an aws-sdk-go style "Code: message" head, and a status
// printed with its reason phrase.
func (o *observation) applySDKPatterns(s string) {
	patterns := allPatterns()
	var buf [patternScanRoom]bool
	present := patternGuards.scanInto(s, buf[:0]) // one pass over the text rather than one per guard
	for _, p := range patterns {
		if p.fills&^o.known() == 0 && p.provider == "" {
			continue // nothing left for it to find
		}
		if !p.guardedIn(s, present) {
			continue // its guard is absent
		}
		m := p.near.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		beforeCode, beforeStatus, beforeMsg := o.code, o.status, o.message
		p.apply(o, m)
		clearNullWords(o)
		if o.code == beforeCode && o.status == beforeStatus && o.message == beforeMsg {
			continue // the pattern matched but declined (an unknown code) or added nothing
		}
		if p.provider != "" {
			o.addEvidence(p.provider, 3, p.clue)
		}
		o.addClient(p.client)
		o.errorShape = true
	}
	if o.code == "" && strings.Contains(s, ": ") {
		for code, message := range awsV1Heads(s, 8) {
			if len(providersWithCode(code)) > 0 {
				o.code = code
				setIfEmpty(&o.message, message)
				o.errorShape = true
				break
			}
		}
	}
	if o.status == 0 {
		o.status = statusFromReasonPhrase(s)
	}
}

// reasonPhrase finds "429 Too Many Requests"-like text.
var reasonPhrase = lazyRE(`\b([1-5]\d\d) \(?([A-Z][A-Za-z'-]*(?: [A-Za-z'-]+){0,4})`)

// statusFromReasonPhrase reads a status printed with its registered reason phrase ("429 Too Many Requests"),
// which no ordinary number is followed by.
func statusFromReasonPhrase(s string) int {
	if !statusThenSpace(s) {
		return 0
	}
	for _, m := range reasonPhrase.FindAllStringSubmatch(s, 4) {
		e, ok := findEntry(httpID, m[1], 0)
		if ok && strings.HasPrefix(strings.ToLower(m[2]), strings.ToLower(e.Name)) {
			return e.Status
		}
	}
	return 0
}

// clearNullWords drops the placeholders clients print for a field they did not get ("Error Code: null").
func clearNullWords(o *observation) {
	for _, f := range []*string{&o.code, &o.message, &o.requestID} {
		switch strings.ToLower(*f) {
		case "null", "nil", "none", "undefined", "n/a", "-":
			*f = ""
		}
	}
}
