package codes

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// MaxRetryDelay caps any delay errcode recommends, in seconds. A server asking for more than an hour (or sending
// a date years away) is better handled by a person than by a retry loop; the plan says when it was capped.
const MaxRetryDelay = 3600.0

// MaxScheduledDelay caps a wait a provider writes into its own message, such as the legacy backup endpoints'
// "Approximate time till next allowed backup: 23h 59m": those limits run for a day or two by design.
const MaxScheduledDelay = 72 * 3600.0

// MaxSaneDelay is the longest server-given wait a retry loop should sleep, in seconds: curl and urllib3 stop at
// 6 h. A longer wait, or a sentinel such as Java's Long.MAX_VALUE, means "do not retry automatically".
const MaxSaneDelay = 21600.0

// RetryPlan is the concrete retry recommendation for one finding.
type RetryPlan struct {
	Verdict Verdict
	Advice  string
	// After is the delay to wait before retrying, in seconds, when the input gave one (HasAfter). With the verdict
	// never it is the least a person retrying by hand should wait (the server asked for an absurd delay).
	After    float64
	HasAfter bool
	// Jitter is the most random delay, in seconds, to add to After so that many clients do not retry at the same
	// instant: 10% of After, at least 1 s and at most 5 min. Zero without a server-given delay.
	Jitter float64
	// Source says where the delay came from: a header ("Retry-After header", "X-RateLimit-Reset header",
	// "RateLimit header", ...) or a body field ("retry_after field", "retryDelay field"); without one,
	// "backoff schedule" or "catalog". A verdict header names itself ("Stripe-Should-Retry header").
	Source string
	// Scope is Discord's rate-limit scope when known: "global", "user", "shared" or "bucket <id>".
	Scope string
	// Schedule is the suggested backoff delays in seconds, when there is no server-given delay to wait.
	Schedule []float64
	// Note explains an adjustment (a capped, negative, epoch, millisecond or unreadable delay) and what other
	// rate-limit headers said.
	Note string
	// Client is what the client library named in the input already does about this failure by itself; nil
	// when the input names no client whose behaviour is known for it.
	Client *ClientBehaviour
}

// planRetry turns an entry's verdict and what the response said into a concrete plan. It follows the reading
// order of shared/reference/ratelimit_headers.md: verdict headers first, then exact waits, then window resets.
func planRetry(e *Entry, provider string, o *observation, now time.Time) RetryPlan {
	p := RetryPlan{Source: "catalog"}
	if e != nil {
		p.Verdict, p.Advice = e.Retry.Verdict, e.Retry.Advice
	} else {
		p.Verdict = verdictForStatus(o.status)
		p.Advice = "No catalog entry matches; this follows general HTTP practice for the status."
	}

	// What the situation adds to the catalog's general verdict.
	spec := specFor(provider)
	if spec != nil && spec.adjustPlan != nil {
		spec.adjustPlan(&p, o)
	}
	if spec != nil && spec.scope != nil {
		p.Scope = spec.scope(o)
	}

	// 1. The server's explicit verdict overrides the status rules.
	v := verdictHeaders(o.headers)
	if v.stop != "" {
		p.Verdict, p.Source = Never, v.source
		p.Advice = "Do not retry: " + v.stop
		return p
	}
	if v.allow != "" && p.Verdict == Never && transientStatus(o.status) {
		p.Verdict, p.Source = Backoff, v.source
		p.Advice = v.allow
	}

	// 2 and 3. Exact waits, then window resets.
	w := serverDelay(o, spec, now)
	p.Note = w.note
	after, source, ok := w.after, w.source, w.ok
	if !ok && spec != nil && spec.messageDelay != nil {
		// A wait the provider writes into its message ("Approximate time till next allowed backup: 23h 59m").
		// It is the provider's own schedule, not a header a proxy could garble, so it has its own cap.
		after, ok = spec.messageDelay(o.message)
		after, source = min(after, MaxScheduledDelay), "the message"
	}
	if p.Verdict.Retryable() && ok && w.absurd {
		// 4. Sanity: no retry loop should sleep that long.
		p.Verdict, p.After, p.HasAfter, p.Source = Never, MaxRetryDelay, true, source
		p.Advice = "Do not retry automatically. " + p.Note + " Have a person check the limit; if you retry by hand, wait at least " +
			formatSeconds(MaxRetryDelay) + "."
		return p
	}
	if p.Verdict.Retryable() && ok {
		p.After, p.HasAfter, p.Source = after, true, source
		p.Jitter = jitterFor(after)
		if p.Verdict == Backoff {
			p.Verdict = Wait // the server said how long: waiting that long beats guessing
		}
	}

	switch {
	case p.HasAfter:
		p.Advice = fmt.Sprintf("Wait %s (%s), plus up to %s of random jitter (10%% of the wait, 1 s to 5 min), then retry.",
			formatSeconds(p.After), p.Source, formatSeconds(p.Jitter))
		switch {
		case p.Scope == "global":
			p.Advice += " The limit is global: pause every request with this token, not only this route."
		case strings.HasPrefix(p.Scope, "bucket "):
			p.Advice += " The limit is per route (" + p.Scope + "); other routes may continue."
		case p.Scope == "user":
			p.Advice += " The limit is on this token (user scope)."
		case p.Scope == "shared":
			p.Advice += " The limit is shared by everyone using this resource; it does not count against your token."
		}
		if spec != nil && spec.waitNote != "" && p.Scope != "shared" {
			p.Advice += " " + spec.waitNote
		}
		if p.Note != "" {
			p.Advice += " " + p.Note
		}
	case p.Verdict == Backoff || p.Verdict == Wait:
		s := backoffFor(provider)
		p.Schedule = append([]float64(nil), s...)
		p.Source = "backoff schedule"
		p.Advice += " Suggested delays: " + formatSchedule(s) + ", each with full jitter (a random wait up to that long)."
		if p.Note != "" {
			p.Advice += " " + p.Note
		}
	}
	if o.method != "" && p.Verdict.Retryable() && mayHaveRun(e, o) {
		if idempotentMethod(o.method) {
			p.Advice += " The request was a " + o.method + ", which is idempotent: repeating it is safe."
		} else {
			p.Advice += " The request was a " + o.method + " and may have run before it failed: retry only if it is idempotent " +
				"(sending it twice has the effect of sending it once); otherwise check whether it took effect first."
		}
	}
	p.Client = clientBehaviour(provider, o)
	return p
}

// mayHaveRun reports whether the failure leaves open whether the server carried out the request: a 5xx, or a
// timeout after the request was sent.
func mayHaveRun(e *Entry, o *observation) bool {
	if o.status >= 500 {
		return true
	}
	if o.status == 0 && e != nil {
		id := strings.ToLower(e.Code + " " + e.Name)
		return strings.Contains(id, "timeout") || strings.Contains(id, "timed out")
	}
	return false
}

// jitterFor is the random delay to add to a server-given wait: 10% of it, at least 1 s and at most 5 min,
// rounded to a tenth of a second.
func jitterFor(after float64) float64 {
	j := min(max(after/10, 1), 300)
	return math.Round(j*10) / 10
}

func verdictForStatus(status int) Verdict {
	switch {
	case status == 429:
		return Wait
	case status == 408 || status == 500 || status == 502 || status == 503 || status == 504:
		return Backoff
	}
	return Never
}

// transientStatus reports whether a status may succeed on a retry when the server says so (the statuses the
// Stainless SDKs retry): 408, 409, 429 and 5xx.
func transientStatus(status int) bool {
	return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599)
}

// serverVerdict is what the verdict headers say: stop (do not retry, and why), or allow (the request may be
// retried), and which header said it.
type serverVerdict struct {
	stop, allow, source string
}

// verdictHeaders reads Stripe-Should-Retry and x-should-retry (true or false) and grpc-retry-pushback-ms, whose
// negative or non-integer value tells gRPC clients to stop.
func verdictHeaders(h map[string]string) serverVerdict {
	var v serverVerdict
	for _, hd := range [...]struct{ key, name string }{{"stripe-should-retry", "Stripe-Should-Retry"}, {"x-should-retry", "x-should-retry"}} {
		switch strings.ToLower(strings.TrimSpace(h[hd.key])) {
		case "false":
			if v.stop == "" {
				v.stop = "the response's " + hd.name + " header says false: the server knows a retry of this request cannot succeed."
				v.source = hd.name + " header"
			}
		case "true":
			if v.allow == "" && v.stop == "" {
				v.allow = "The response's " + hd.name + " header says true: the server says this request may be retried."
				v.source = hd.name + " header"
			}
		}
	}
	if raw, ok := h["grpc-retry-pushback-ms"]; ok && v.stop == "" && strings.TrimSpace(raw) != "" {
		if _, ok := pushbackMillis(raw); !ok {
			v.stop = fmt.Sprintf("the grpc-retry-pushback-ms value %q (negative or not an integer) tells clients to stop retrying.", clip(raw, 40))
			v.source = "grpc-retry-pushback-ms header"
		}
	}
	return v
}

// pushbackMillis reads grpc-retry-pushback-ms: exactly one non-negative integer of milliseconds (gRFC A6).
func pushbackMillis(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 18 || !isDigits(s) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return float64(n), true
}

// serverWait is the delay the response asked for.
type serverWait struct {
	after  float64
	source string
	note   string
	ok     bool
	// absurd: the wait is longer than MaxSaneDelay or a sentinel; no automatic retry.
	absurd bool
}

// reading is one header or field read as a delay in seconds.
type reading struct {
	v        float64
	epoch    bool // the value was a point in time, turned into a delay
	sentinel bool // a value servers use for "never" (the largest 32- or 64-bit integer, or longer)
	note     string
}

// delayCandidate is a header or field that may hold the delay.
type delayCandidate struct {
	key    string // lower-cased header name, or "" for a body field
	source string
	parse  func(c *delayContext, raw string) (reading, bool)
}

// delayContext is what a candidate's parser may need besides the raw value.
type delayContext struct {
	o   *observation
	ref time.Time // the response's Date, else now
}

func readSeconds(_ *delayContext, s string) (reading, bool) {
	v, ok := parseSeconds(s)
	return reading{v: v}, ok
}

func readMillis(_ *delayContext, s string) (reading, bool) {
	v, ok := parseSeconds(s)
	return reading{v: v / 1000}, ok
}

func readResetAt(c *delayContext, s string) (reading, bool) { return readReset(s, c.ref) }

// delayCandidates are the headers and fields that may hold the delay, in the reading order of
// shared/reference/ratelimit_headers.md. Exact waits come first (Discord's precise retry_after field before the
// rounded Retry-After header it comes with, then retry-after-ms, x-ms-retry-after-ms, Retry-After,
// x-amz-retry-after, Google's retryDelay, grpc-retry-pushback-ms), then window resets (the IETF RateLimit field,
// RateLimit-Reset, X-RateLimit-Reset-After, X-RateLimit-Reset, x-rate-limit-reset, RateLimit-ResetTime, and a
// RateLimit-Policy window when the quota is spent).
var delayCandidates = [...]delayCandidate{
	{"", "retry_after field", func(c *delayContext, _ string) (reading, bool) {
		return reading{v: c.o.retryAfterBody}, c.o.hasRetryAfterBody
	}},
	{"retry-after-ms", "retry-after-ms header", readMillis},
	{"x-ms-retry-after-ms", "x-ms-retry-after-ms header", readMillis},
	{"retry-after", "Retry-After header", func(c *delayContext, s string) (reading, bool) { return parseRetryAfter(s, c.ref) }},
	{"x-amz-retry-after", "x-amz-retry-after header", readMillis},
	{"", "retryDelay field", func(c *delayContext, s string) (reading, bool) {
		if s == "" {
			return reading{}, false
		}
		return parseDuration(s)
	}},
	{"grpc-retry-pushback-ms", "grpc-retry-pushback-ms header", func(_ *delayContext, s string) (reading, bool) {
		v, ok := pushbackMillis(s)
		return reading{v: v / 1000}, ok
	}},
	{"ratelimit", "RateLimit header", func(_ *delayContext, s string) (reading, bool) { return ietfReset(s) }},
	{"ratelimit-reset", "RateLimit-Reset header", readResetAt},
	{"x-ratelimit-reset-after", "X-RateLimit-Reset-After header", readSeconds},
	{"x-ratelimit-reset", "X-RateLimit-Reset header", readResetAt},
	{"x-rate-limit-reset", "x-rate-limit-reset header", readResetAt},
	{"ratelimit-resettime", "RateLimit-ResetTime header", readResetAt},
	{"ratelimit-policy", "RateLimit-Policy header", func(c *delayContext, s string) (reading, bool) { return policyWindow(s, c.o.headers) }},
}

// serverDelay reads the delay the response asked for, trying delayCandidates in order. Values are capped at
// MaxRetryDelay, negative ones become 0, and absurd ones are marked.
func serverDelay(o *observation, spec *providerSpec, now time.Time) serverWait {
	h := o.headers
	ctx := delayContext{o: o, ref: referenceTime(h["date"], now)}
	var notes []string
	w := serverWait{}
	for i := range delayCandidates {
		c := &delayCandidates[i]
		raw := o.retryAfterText
		if c.key != "" {
			raw = h[c.key]
			if raw == "" {
				continue
			}
		} else if c.source == "retryDelay field" {
			raw = o.retryDelay
		}
		r, ok := c.parse(&ctx, raw)
		if !ok {
			if c.key != "" || raw != "" {
				notes = append(notes, fmt.Sprintf("The %s value %q is not a delay and was ignored.", c.source, clip(raw, 40)))
			}
			continue
		}
		if spec != nil && spec.delayUnits != nil {
			if v, note := spec.delayUnits(o, c.source, raw, r.v); note != "" {
				r.v = v
				notes = append(notes, note)
			}
		}
		if r.note != "" {
			notes = append(notes, r.note)
		}
		v := r.v
		switch {
		case r.sentinel:
			notes = append(notes, fmt.Sprintf("The %s value %q is a sentinel (the largest integer a server can send), not a wait.", c.source, clip(raw, 40)))
			w.absurd = true
		case v > MaxSaneDelay:
			notes = append(notes, fmt.Sprintf("The %s asked for %s (%q), longer than any retry loop should sleep (curl and urllib3 stop at 6 h).",
				c.source, formatLong(v), clip(raw, 40)))
			w.absurd = true
		case v < 0 && r.epoch:
			notes = append(notes, fmt.Sprintf("The time the %s names (%q) has already passed; the limit has reset.", c.source, clip(raw, 40)))
			v = 0
		case v < 0:
			notes = append(notes, fmt.Sprintf("The %s asked for a negative delay (%s); treated as 0.", c.source, clip(raw, 40)))
			v = 0
		case v > MaxRetryDelay:
			notes = append(notes, fmt.Sprintf("The %s asked for %s; capped at %s.", c.source, formatSeconds(v), formatSeconds(MaxRetryDelay)))
			v = MaxRetryDelay
		}
		w.after, w.source, w.ok = min(max(v, 0), MaxRetryDelay), c.source, true
		break
	}
	notes = append(notes, rateLimitInfo(h)...)
	w.note = strings.Join(notes, " ")
	return w
}

// formatLong writes a very long delay in days or years.
func formatLong(v float64) string {
	if v >= 2*365*86400 {
		if v > 1e6*365*86400 {
			return "more than a million years"
		}
		return fmt.Sprintf("%.0f years", v/(365*86400))
	}
	return formatSeconds(math.Round(v))
}

// rateLimitInfo is what other rate-limit headers tell the user without changing the wait: a limit announced
// but not enforced yet (the Beta- headers), a budget nearly spent.
func rateLimitInfo(h map[string]string) []string {
	var out []string
	switch {
	case h["beta-retry-after"] != "":
		out = append(out, fmt.Sprintf("The Beta-Retry-After header (%q) reports a limit announced but not yet enforced for this caller: a warning, not a wait.",
			clip(h["beta-retry-after"], 40)))
	case h["beta-ratelimit"] != "":
		out = append(out, fmt.Sprintf("The Beta-RateLimit header (%q) reports a limit announced but not yet enforced for this caller: a warning, not a wait.",
			clip(h["beta-ratelimit"], 60)))
	}
	if strings.EqualFold(strings.TrimSpace(h["x-ratelimit-nearlimit"]), "true") {
		out = append(out, "Less than 20% of the rate-limit budget remains (X-RateLimit-NearLimit).")
	}
	return out
}

func clip(s string, n int) string {
	return printable(s, n)
}

// parseSeconds reads a non-negative or negative decimal number of seconds; NaN and infinities are not delays.
func parseSeconds(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 32 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Numbers too big for float64 still mean "very long".
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return math.Copysign(1e18, v), true
		}
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// isSentinel reports whether a bare number is one servers send for "never": the largest 32- or 64-bit
// integer (Java's Integer.MAX_VALUE, Long.MAX_VALUE), or any integer longer than an epoch in milliseconds.
func isSentinel(s string) bool {
	s = strings.TrimSpace(s)
	return isDigits(s) && (s == "2147483647" || s == "4294967295" || len(s) > 13)
}

// byMagnitude turns a bare number whose unit the header name does not settle into a delay (reference section
// 4.3): 1e12 and more is a Unix time in milliseconds, 1e9 and more a Unix time in seconds (no API asks for a
// 31-year wait), anything smaller a delay in seconds. A decimal point never means milliseconds.
func byMagnitude(raw string, v float64, ref time.Time) reading {
	refSec := float64(ref.UnixNano()) / 1e9
	switch {
	case isSentinel(raw):
		return reading{v: v, sentinel: true}
	case v >= 1e12 && v < 1e13 && !strings.Contains(raw, "."):
		return reading{v: v/1000 - refSec, epoch: true}
	case v >= 1e9 && v < 1e12:
		return reading{v: v - refSec, epoch: true}
	}
	return reading{v: v}
}

// readReset reads a window reset whose form varies by provider: delta seconds, Unix seconds or milliseconds
// (told apart by magnitude), an ISO 8601 time (Atlassian's 2026-03-26T16:00Z) or an HTTP-date.
func readReset(s string, ref time.Time) (reading, bool) {
	s = strings.TrimSpace(s)
	if v, ok := parseSeconds(s); ok {
		return byMagnitude(s, v, ref), true
	}
	if t, ok := parseISOTime(s); ok {
		return reading{v: t.Sub(ref).Seconds(), epoch: true}, true
	}
	if t, ok := parseHTTPDate(s); ok {
		return reading{v: t.Sub(ref).Seconds(), epoch: true}, true
	}
	return reading{}, false
}

// parseISOTime reads an ISO 8601 time with or without seconds ("2026-03-26T16:00Z").
func parseISOTime(s string) (time.Time, bool) {
	if len(s) < 16 || len(s) > 40 || s[4] != '-' || !strings.ContainsRune(s, 'T') {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3), measured from ref (the
// response's Date header when it has one, else now). Fractions are read as seconds (Shopify's "2.0"); a number
// that can only be a Unix time is read as one, and the reading says so.
func parseRetryAfter(s string, ref time.Time) (reading, bool) {
	s = strings.TrimSpace(s)
	// Clients log the delay with a unit ("4500 ms", "3s"); the header itself is plain seconds.
	if v, ok := strings.CutSuffix(s, "ms"); ok {
		if n, ok := parseSeconds(strings.TrimSpace(v)); ok {
			return reading{v: n / 1000}, true
		}
	}
	if v, ok := strings.CutSuffix(s, "s"); ok && v != "" && (v[len(v)-1] == ' ' || (v[len(v)-1] >= '0' && v[len(v)-1] <= '9')) {
		s = strings.TrimSpace(v)
	}
	if s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) {
		if len(s) > 32 {
			return reading{v: 1e18, sentinel: true}, true // a number longer than any real delay
		}
		v, ok := parseSeconds(s)
		if !ok {
			return reading{}, false
		}
		r := byMagnitude(s, v, ref)
		if r.epoch {
			unit := "seconds"
			if v >= 1e12 {
				unit = "milliseconds"
			}
			r.note = fmt.Sprintf("The Retry-After header holds a Unix time in %s (%q), not a delay; it was read as one.", unit, clip(s, 40))
		}
		return r, true
	}
	t, ok := parseHTTPDate(s)
	if !ok {
		return reading{}, false
	}
	return reading{v: t.Sub(ref).Seconds()}, true
}

// parseDuration reads a protobuf JSON Duration ("30s", "0.250s"), as Google's RetryInfo.retryDelay writes it.
func parseDuration(s string) (reading, bool) {
	s = strings.TrimSpace(s)
	if v, ok := strings.CutSuffix(s, "ms"); ok {
		n, ok := parseSeconds(v)
		return reading{v: n / 1000}, ok
	}
	v, ok := parseSeconds(strings.TrimSuffix(s, "s"))
	return reading{v: v}, ok
}

// sfMember is one member of a Structured Field list (RFC 9651) as the RateLimit fields use it: an item (a
// policy name, a number, or key=value in draft -07's dictionary) and its parameters.
type sfMember struct {
	item   string
	params map[string]string
}

// parseSFList splits a RateLimit or RateLimit-Policy value into members, at most 16, ignoring anything it
// cannot read (the draft says to ignore malformed fields).
func parseSFList(s string) []sfMember {
	var out []sfMember
	for _, part := range splitOutsideQuotes(s, ',') {
		if len(out) == 16 {
			break
		}
		fields := splitOutsideQuotes(part, ';')
		m := sfMember{item: strings.Trim(strings.TrimSpace(fields[0]), `"`), params: map[string]string{}}
		for _, f := range fields[1:] {
			if k, v, ok := strings.Cut(strings.TrimSpace(f), "="); ok {
				m.params[strings.ToLower(k)] = strings.Trim(v, `"`)
			}
		}
		out = append(out, m)
	}
	return out
}

func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	quoted, from := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				out = append(out, s[from:i])
				from = i + 1
			}
		}
	}
	return append(out, s[from:])
}

// ietfReset reads the IETF RateLimit field: "policy";r=0;t=30 items (drafts -08 to -10; the t of a spent
// policy, else the longest t) or draft -07's dictionary limit=100, remaining=0, reset=5. Both are delta seconds.
func ietfReset(s string) (reading, bool) {
	best, spent, found := 0.0, false, false
	for _, m := range parseSFList(s) {
		if k, v, ok := strings.Cut(m.item, "="); ok {
			if strings.EqualFold(strings.TrimSpace(k), "reset") {
				if n, ok := parseSeconds(v); ok {
					return reading{v: n, sentinel: isSentinel(v)}, true
				}
			}
			continue
		}
		t, ok := parseSeconds(m.params["t"])
		if !ok {
			continue
		}
		isSpent := strings.TrimSpace(m.params["r"]) == "0"
		switch {
		case isSpent && !spent:
			best, spent = t, true
		case isSpent == spent:
			best = max(best, t)
		}
		found = true
	}
	return reading{v: best}, found
}

// policyWindow is the fallback when a RateLimit field or RateLimit-Remaining says the quota is spent but no
// reset time was given: one full window (w) of the spent policy, or of the longest one, bounds the wait.
func policyWindow(s string, h map[string]string) (reading, bool) {
	spentName, spent := "", strings.TrimSpace(h["ratelimit-remaining"]) == "0"
	for _, m := range parseSFList(h["ratelimit"]) {
		if k, v, ok := strings.Cut(m.item, "="); ok {
			spent = spent || strings.EqualFold(strings.TrimSpace(k), "remaining") && strings.TrimSpace(v) == "0"
		} else if strings.TrimSpace(m.params["r"]) == "0" {
			spent, spentName = true, m.item
		}
	}
	if !spent {
		return reading{}, false
	}
	best, found := 0.0, false
	for _, m := range parseSFList(s) {
		w, ok := parseSeconds(m.params["w"])
		if !ok {
			continue
		}
		if spentName != "" && m.item == spentName {
			best, found = w, true
			break
		}
		best, found = max(best, w), true
	}
	if !found {
		return reading{}, false
	}
	return reading{v: best, note: fmt.Sprintf("No reset time was given; one full window of the RateLimit-Policy (%s) is the longest the wait can be.",
		formatSeconds(best))}, true
}

func referenceTime(date string, now time.Time) time.Time {
	if t, ok := parseHTTPDate(date); ok {
		return t
	}
	if now.IsZero() {
		return time.Now()
	}
	return now
}

// parseHTTPDate accepts the three date formats of RFC 9110 5.6.7 without importing net/http, whose package
// initialisation would slow every start.
func parseHTTPDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range []string{"Mon, 02 Jan 2006 15:04:05 GMT", "Monday, 02-Jan-06 15:04:05 GMT", "Mon Jan _2 15:04:05 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func formatSeconds(v float64) string {
	whole := v == math.Trunc(v)
	switch {
	case v >= 2*86400:
		return fmt.Sprintf("%.0f days", v/86400)
	case whole && v >= 3600 && int64(v)%3600 == 0:
		return fmt.Sprintf("%d h", int64(v)/3600)
	case whole && v >= 3600 && int64(v)%60 == 0:
		return fmt.Sprintf("%d h %d min", int64(v)/3600, int64(v)%3600/60)
	case whole && v >= 120 && int64(v)%60 == 0:
		return fmt.Sprintf("%d min", int64(v)/60)
	case whole:
		return fmt.Sprintf("%d s", int64(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + " s"
}

func formatSchedule(s []float64) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = formatSeconds(v)
	}
	return strings.Join(parts, ", ")
}
