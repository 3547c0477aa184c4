package codes

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// observation is what one record of the input (an HTTP response, a multi-line body, or one log line) says about
// an error, before the catalog is consulted.
type observation struct {
	line int // first line of the record, 1-based

	status     int
	statusText string
	code       string
	message    string
	// messageWeak marks a message recognised from a bare line, which a message from a body replaces.
	messageWeak bool
	requestID   string
	// hostID is the extended request id (S3's x-amz-id-2, <HostId>) when the text shows one.
	hostID string
	// service is the service the text's marks name, for a provider whose API several services speak (S3).
	service string

	headers map[string]string // lower-cased names; only those a diagnosis uses
	// headerBlock: the headers came from the response's own header lines (a transcript such as curl -i or -v),
	// so every interesting header it had was recorded and a missing one was missing.
	headerBlock bool

	retryAfterBody    float64 // Discord's retry_after, seconds
	hasRetryAfterBody bool
	retryAfterText    string // retry_after as written ("6457", "64.57"): an integer may be milliseconds
	retryDelay        string // Google RetryInfo's retryDelay from an error body's details ("30s")
	// apiVersion is the API version the request's path names, when a provider reads one from it (0: unknown).
	apiVersion  int
	global      bool
	fieldErrors []FieldError
	// fieldErrorsDropped counts the field errors beyond MaxFieldErrors that were left out.
	fieldErrorsDropped int

	evidence   map[string]int // provider id -> weight of the evidence for it
	clues      []string       // human-readable evidence, for the report
	errorShape bool           // the record had the shape of an error (a body, an SDK error, an error header)
	failure    bool           // the text says something failed (an error word, an exception), whatever it names
	// head is the start of the record's text, where a status-only observation may spell its code out (see
	// extract_spelled.go); read only when resolution gets that far.
	head   string
	upload bool // B2: the failed call was an upload
	// call is the provider API call the text names, when a provider reads one (B2: b2_authorize_account).
	call string
	// ban: the provider answered with a block of the client's IP rather than an ordinary error (Discord behind
	// Cloudflare's 1015 page).
	ban bool
	// method is the HTTP method of the failed request when the text shows it ("POST").
	method string
	// clients are the client libraries the text names, in the order they were recognised.
	clients  []string
	stamped  bool // the record starts with a timestamp: a log event of its own
	lastLine int  // the last line merged into this observation
	// memo is the memoised analysis this observation is an unmodified copy of, or nil (see memo.go).
	memo *lineMemo
	// shape is the shape of the line this observation is the unmodified analysis of, or nil, and shapeDiff the
	// tokens where the line differs from the shape's first line (shapediag.go).
	shape     *shapeMemo
	shapeDiff uint64
	// shared says the maps and slices are the memo's own, to be copied before they are changed.
	shared bool
}

// FieldError is one entry of a Discord 50035 "Invalid Form Body" error tree: where in the request body, and what
// is wrong there.
type FieldError struct {
	Path    string // dotted path into the request body, such as "embeds.0.fields.1.value"
	Code    string // the inner code, such as "BASE_TYPE_REQUIRED"; never a top-level error code
	Message string
}

func (o *observation) addEvidence(provider string, weight int, clue string) {
	if o.evidence == nil {
		o.evidence = map[string]int{}
	}
	o.evidence[provider] += weight
	if clue != "" && len(o.clues) < 8 {
		for _, c := range o.clues {
			if c == clue {
				return
			}
		}
		o.clues = append(o.clues, clue)
	}
}

func (o *observation) setHeader(name, value string) {
	if o.headers == nil {
		o.headers = map[string]string{}
	}
	if len(o.headers) < 64 {
		o.headers[name] = value
	}
}

// interestingHeaders are the response headers a diagnosis reads; others are ignored to keep records small.
func interestingHeader(name string) bool {
	switch name {
	case "retry-after", "date", "server",
		// Retry timing and verdicts (see retryplan.go).
		"retry-after-ms", "x-ms-retry-after-ms", "x-amz-retry-after", "grpc-retry-pushback-ms", "stripe-should-retry",
		"x-should-retry", "ratelimit", "ratelimit-policy", "ratelimit-reset", "ratelimit-remaining", "ratelimit-limit",
		"ratelimit-resettime", "ratelimit-reason", "x-rate-limit-reset", "x-rate-limit-remaining", "x-ratelimit-nearlimit",
		"beta-retry-after", "beta-ratelimit", "beta-ratelimit-policy", "x-beta-ratelimit-reset", "x-obs-request-id", "x-obs-id-2", "x-obs-error-code", "x-obs-error-message",
		"x-amz-request-id", "x-amz-id-2", "x-amz-error-code", "x-amz-error-message", "x-bz-request-id",
		"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-reset-after",
		"x-ratelimit-bucket", "x-ratelimit-global", "x-ratelimit-scope", "x-request-id", "atl-traceid",
		"content-type", "host", "via", "cf-ray",
		// S3-compatible services' own marks (see provider_s3.go).
		"x-minio-error-code", "x-minio-error-desc", "x-wasabi-cm-reference-id", "x-oss-request-id", "x-cos-request-id":
		return true
	}
	return strings.HasPrefix(name, "x-bz-") || strings.HasPrefix(name, "x-obs-") || strings.HasPrefix(name, "x-rgw-") ||
		strings.HasPrefix(name, "x-goog-")
}

// applyHeaders turns the recorded headers into evidence and facts.
func (o *observation) applyHeaders() {
	h := o.headers
	if h == nil {
		return
	}
	o.applyHeaderClues(h)
	for _, name := range []string{"x-obs-error-code", "x-amz-error-code"} {
		if v := h[name]; v != "" && o.code == "" {
			o.code = v
			o.errorShape = true
		}
	}
	for _, name := range []string{"x-obs-error-message", "x-amz-error-message"} {
		if v := h[name]; v != "" && o.message == "" {
			o.message = v
		}
	}
	if o.requestID == "" {
		for _, name := range []string{"x-obs-request-id", "x-amz-request-id", "x-bz-request-id", "x-request-id"} {
			if v := h[name]; v != "" {
				o.requestID = v
				break
			}
		}
	}
	if strings.EqualFold(h["x-ratelimit-global"], "true") || strings.EqualFold(h["x-ratelimit-scope"], "global") {
		o.global = true
	}
	if host := h["host"]; host != "" {
		o.hostEvidence(host)
	}
}

// fromObject reads an error-shaped object (or the error-shaped object nested inside a log record) into o.
func (o *observation) fromObject(n *lnode, depth int) bool {
	if n == nil || n.kind != 'o' || depth > 4 {
		return false
	}
	o.headersFromObject(n, 0)
	o.retryInfo(n)
	code := n.get("code", "errorCode", "error_code", "Code")
	msg := n.get("message", "errorMessage", "error_message", "Message", "msg")
	if msg == nil {
		if e := n.get("error"); e != nil && e.kind == 's' && strings.Contains(e.str, " ") {
			msg = e // Jira's legacy backup endpoint: {"error": "You cannot make another backup right now. ..."}
		}
	}
	status := n.get("status", "statusCode", "status_code", "httpStatus", "StatusCode", "Status")
	if status == nil {
		status = n.getSuffix(".status_code", ".statusCode", ".status")
	}
	// An HTTP client's own error constant (axios ERR_BAD_REQUEST, got ERR_NON_2XX_3XX_RESPONSE, ECONNRESET) is
	// no provider's code.
	if code != nil && isClientConstant(code.text()) {
		code = nil
	}
	// A numeric "code" from 200 to 599 is a status ({Status Code: 500}); no provider numbers its codes there
	// (backup's errorCodes are strings below 200, Discord's are 0 or five digits and more).
	if code != nil && code.kind == 'n' && n.get("errorCode") != code {
		if v, err := strconv.Atoi(code.str); err == nil && v >= 200 && v <= 599 {
			if status == nil {
				status = code
			}
			code = nil
		}
	}
	if status == nil {
		if resp := n.get("response", "res"); resp != nil {
			status = resp.get("status", "statusCode", "status_code")
		}
	}
	// A client's own error code ({code: 'ERR_BAD_REQUEST', response: {data: {code: 'access_denied'}}}) hides
	// the provider's: when the code here is unknown, a nested body with a known one wins.
	if code != nil && code.kind != 'o' && len(providersWithCode(code.text())) == 0 && mayNest(n) {
		var inner observation // on the heap (fromNested recurses): made only when there is a body to look into
		if inner.fromNested(n, depth) && len(providersWithCode(inner.code)) > 0 {
			if st, err := strconv.Atoi(status.text()); err == nil && inner.status == 0 {
				inner.status = st
			}
			o.adopt(&inner)
			return true
		}
	}

	o.bodyEvidence(bodyFields{n: n, code: code, msg: msg, status: status})

	found := false
	if code == nil {
		// No code of its own: a wrapper may still hold the provider's body ({..., response: {data: {...}}}).
		if o.fromNested(n, depth) {
			if st, err := strconv.Atoi(status.text()); err == nil && st >= 100 && st <= 599 && o.status == 0 {
				o.status = st
			}
			return true
		}
	}
	if code != nil && code.kind != 'o' && code.kind != 'a' && code.text() != "" {
		o.code = code.text()
		found = true
	}
	if msg != nil && msg.kind == 's' {
		if o.message == "" || found {
			o.message = msg.text()
		}
		if !found {
			// A message without a code may still be an error ({"message": "401: Unauthorized"}).
			found = looksLikeError(o.message)
		}
	}
	if status != nil {
		if st, err := strconv.Atoi(status.text()); err == nil && st >= 100 && st <= 599 && (found || o.status == 0) {
			o.status = st
		}
	}
	if o.status == 0 && looksLikeError(o.message) {
		o.status = atoiStatus(o.message[:3]) // Discord's code 0 carries plain HTTP errors: "500: Internal Server Error"
	}
	if ra := n.get("retry_after"); ra != nil && ra.kind == 'n' {
		if v, err := strconv.ParseFloat(ra.str, 64); err == nil {
			o.retryAfterBody, o.hasRetryAfterBody, o.retryAfterText = v, true, ra.str
			found = true
		}
	}
	if g := n.get("global"); g != nil && g.kind == 'b' && g.truth {
		o.global = true
	}
	if id := n.get("request_id", "requestId", "RequestId", "RequestID", "request-id"); id != nil && id.text() != "" {
		o.requestID = id.text()
	}
	if errs := n.get("errors"); errs != nil && errs.kind == 'o' {
		o.collectFieldErrors(errs, "", 0)
	}
	if found {
		o.errorShape = true
		return true
	}
	return o.fromNested(n, depth)
}

// fromNested looks for the error inside a wrapper: {"level": "error", "error": {...}} or
// {"response": {"body": "{...}"}}.
func (o *observation) fromNested(n *lnode, depth int) bool {
	for i, k := range n.keys {
		if k == "errors" || k == "_errors" {
			continue // Discord's field tree: its inner codes are never the error's own code
		}
		v := n.vals[i]
		switch v.kind {
		case 'o':
			if o.fromObject(v, depth+1) {
				return true
			}
		case 's':
			if s := strings.TrimSpace(v.str); strings.HasPrefix(s, "{") {
				for _, inner := range parseLooseObjects(s, 2) {
					if o.fromObject(inner, depth+1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// mayNest reports whether fromNested could find anything in n: a value that is an object, or a string that
// holds one.
func mayNest(n *lnode) bool {
	for i, k := range n.keys {
		if k == "errors" || k == "_errors" {
			continue
		}
		switch v := n.vals[i]; v.kind {
		case 'o':
			return true
		case 's':
			if strings.HasPrefix(strings.TrimSpace(v.str), "{") {
				return true
			}
		}
	}
	return false
}

// isClientConstant reports whether a code is an HTTP client's or the OS's error constant rather than an API's:
// ERR_BAD_REQUEST, ERR_NON_2XX_3XX_RESPONSE, ECONNRESET, ETIMEDOUT.
func isClientConstant(code string) bool {
	if strings.HasPrefix(code, "ERR_") {
		return true
	}
	if len(code) >= 5 && code[0] == 'E' && strings.ToUpper(code) == code && !strings.ContainsAny(code, "_0123456789") {
		return len(providersWithCode(code)) == 0
	}
	return false
}

// headersFromObject records response headers printed as an object ({'retry-after': '3', ...}), as HTTP
// clients dump them, at any depth.
func (o *observation) headersFromObject(n *lnode, depth int) {
	if n == nil || n.kind != 'o' || depth > 4 {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		if v.kind == 'o' {
			o.headersFromObject(v, depth+1)
			continue
		}
		if name := strings.ToLower(k); (strings.ContainsRune(name, '-') || name == "ratelimit") && interestingHeader(name) && v.text() != "" {
			o.setHeader(name, v.text())
		}
	}
}

// inlineHeader finds response headers logged inside a line ("  Retry-After: 120", "retry-after=5"). A value
// is an HTTP-date, a number (with a unit a client may have added: "4500 ms", "3s"), or text up to a quote,
// comma or semicolon; leftmost-first matching prefers the first that fits.
var inlineHeader = lazyRE(`(?i)(?:^|[\s,;{(])(retry-after(?:-ms)?|x-ms-retry-after-ms|x-amz-retry-after|grpc-retry-pushback-ms|` +
	`(?:stripe|x)-should-retry|x-ratelimit-(?:reset-after|reset|bucket|scope|global|nearlimit)|x-rate-limit-reset|` +
	`ratelimit-(?:reset|remaining)|beta-retry-after|x-obs-request-id|x-amz-request-id|x-obs-error-code|x-request-id|date)` +
	`\s*[:=]\s*['"]?((?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} [0-9:]{8} GMT)|-?\d+(?:\.\d+)?(?:\s?ms|s)?(?:$|[\s,;'"})\]])|[^'"\n,;]*[^'"\s,;])`)

// inlineRateLimit finds the IETF RateLimit and RateLimit-Policy fields logged inside a line, whose values are
// lists with quotes, semicolons and commas (RateLimit: "default";r=0;t=30, limit=100, remaining=0, reset=5).
var inlineRateLimit = lazyRE(`(?i)(?:^|[\s,;{(])((?:beta-)?ratelimit(?:-policy)?)\s*[:=]\s*'?` +
	`((?:"[\w.-]{1,64}"|[a-z]{1,16}=\d{1,19}|\d{1,19})(?:;[a-z][\w-]*=[^,;\s'"]+)*` +
	`(?:\s*,\s*(?:"[\w.-]{1,64}"|[a-z]{1,16}=\d{1,19}|\d{1,19})(?:;[a-z][\w-]*=[^,;\s'"]+)*)*)`)

// headersFromText records the headers a log line mentions. The regular expressions run only on lines that name
// one of the headers, so that large logs stay fast.
func (o *observation) headersFromText(s string) {
	var buf [16]bool
	present := headerWords.scanInto(s, buf[:0]) // one pass over the text rather than one per word
	ietf := present[0]                          // "ratelimit": the IETF fields, whose values need no dash
	if !ietf && !present[len(headerWordList)] {
		return // no "-" at all
	}
	if !ietf && !slices.Contains(present[1:len(headerWordList)], true) {
		return
	}
	for _, m := range inlineHeader.FindAllStringSubmatch(s, 16) {
		name := strings.ToLower(m[1])
		if _, ok := o.headers[name]; !ok {
			// A number ends where it ends ("grpc-retry-pushback-ms: -1 grpc-status: 14"): drop what closed it.
			o.setHeader(name, strings.TrimRight(strings.TrimSpace(m[2]), `,;'"})]`))
		}
	}
	if ietf {
		for _, m := range inlineRateLimit.FindAllStringSubmatch(s, 4) {
			name := strings.ToLower(m[1])
			if _, ok := o.headers[name]; !ok {
				o.setHeader(name, strings.TrimSpace(m[2]))
			}
		}
	}
}

// retryInfo records Google's RetryInfo ({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay":
// "30s"}), which rides in the details array of an error body.
func (o *observation) retryInfo(n *lnode) {
	if o.retryDelay != "" {
		return
	}
	if d := n.get("retryDelay", "retry_delay"); d != nil && d.kind == 's' {
		o.retryDelay = d.str
		return
	}
	if d := n.get("details"); d != nil && d.kind == 'a' {
		for _, item := range d.items {
			if item == nil || item.kind != 'o' {
				continue
			}
			if rd := item.get("retryDelay", "retry_delay"); rd != nil && rd.kind == 's' {
				o.retryDelay = rd.str
				return
			}
		}
	}
}

// adopt takes everything another observation found.
func (o *observation) adopt(in *observation) {
	o.code = in.code
	if in.message != "" {
		o.message = in.message
	}
	if in.status != 0 {
		o.status = in.status
	}
	setIfEmpty(&o.requestID, in.requestID)
	if in.hasRetryAfterBody {
		o.retryAfterBody, o.hasRetryAfterBody, o.retryAfterText = in.retryAfterBody, true, in.retryAfterText
	}
	setIfEmpty(&o.retryDelay, in.retryDelay)
	if o.apiVersion == 0 {
		o.apiVersion = in.apiVersion
	}
	o.global = o.global || in.global
	for _, fe := range in.fieldErrors {
		o.addFieldError(fe.Path, fe.Code, fe.Message)
	}
	o.fieldErrorsDropped += in.fieldErrorsDropped
	o.errorShape = true
	o.mergeEvidence(in, 1)
}

// Bounds on the field errors of one finding: a hostile 50035 tree (16 levels of 4 KB keys, arrays of thousands
// of _errors) must not blow up the output. What is left out is counted (Finding.FieldErrorsDropped).
const (
	// MaxFieldErrors is the most field errors a finding keeps.
	MaxFieldErrors = 100
	// MaxTotalFieldErrors is the most field errors all the findings of one Explain keep together.
	MaxTotalFieldErrors = 1000
	maxFieldPath        = 200 // bytes of a field path; a longer one is cut and ends in "…"
	maxFieldCode        = 64
	maxFieldMessage     = 500
)

// addFieldError keeps a field error, cut to bounds, or counts it as left out when the finding has enough.
func (o *observation) addFieldError(path, code, message string) {
	if len(o.fieldErrors) >= MaxFieldErrors {
		o.fieldErrorsDropped++
		return
	}
	o.fieldErrors = append(o.fieldErrors, FieldError{Path: cutText(path, maxFieldPath), Code: cutText(code, maxFieldCode),
		Message: cutText(message, maxFieldMessage)})
}

// cutText cuts s to at most n bytes at a rune boundary, ending it with "…" when it was cut.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// collectFieldErrors walks a Discord error tree: keys are field names or array positions, leaves are
// "_errors": [{"code", "message"}]. The cap is checked for every entry, and paths stop growing at maxFieldPath.
func (o *observation) collectFieldErrors(n *lnode, path string, depth int) {
	if depth > 16 {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		if k == "_errors" && v.kind == 'a' {
			for _, item := range v.items {
				if len(o.fieldErrors) >= MaxFieldErrors {
					o.fieldErrorsDropped++
					continue
				}
				o.addFieldError(path, item.get("code").text(), item.get("message").text())
			}
			continue
		}
		if v.kind == 'o' {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if len(p) > maxFieldPath {
				p = cutText(p, maxFieldPath)
			}
			o.collectFieldErrors(v, p, depth+1)
		}
	}
}

// looksLikeError reports whether a bare message reads like an HTTP error ("401: Unauthorized").
func looksLikeError(msg string) bool {
	if len(msg) >= 4 && isDigits(msg[:3]) && msg[3] == ':' {
		return msg[0] == '4' || msg[0] == '5'
	}
	return false
}

// methodPattern finds the HTTP method of the request a text shows: curl's "> POST /path", a request line, "-X
// POST", "on POST /path" in a client's error, "method: 'post'" in a dumped request object.
var methodPattern = lazyRE(`(?:^|[\s>])(GET|HEAD|POST|PUT|PATCH|DELETE) /|(?:-X|--request|\bon) ['"]?(GET|HEAD|POST|PUT|PATCH|DELETE)\b|(?i:\bmethod)['"]?\s*[:=]\s*['"]?((?i:get|head|post|put|patch|delete))\b`)

// requestMethod returns the HTTP method s shows, upper case, or "".
func requestMethod(s string) string {
	if !containsAny(s, methodWords) {
		return ""
	}
	return matchMethod(s)
}

// methodWords are the words without one of which methodPattern cannot match.
var methodWords = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "ethod"}

// methodNear searches methodPattern near its words only.
var methodNear = nearRE(methodPattern, methodWords...)

// matchMethod is requestMethod once s is known to hold one of methodWords.
func matchMethod(s string) string {
	m := methodNear.FindStringSubmatch(s)
	for _, g := range m[min(1, len(m)):] {
		if g != "" {
			return strings.ToUpper(g)
		}
	}
	return ""
}

// idempotentMethod reports whether repeating a request with this method has the effect of sending it once
// (RFC 9110 9.2.2).
func idempotentMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "PUT", "DELETE", "OPTIONS":
		return true
	}
	return false
}
