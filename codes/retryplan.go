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

// RetryPlan is the concrete retry recommendation for one finding.
type RetryPlan struct {
	Verdict Verdict
	Advice  string
	// After is the delay to wait before retrying, in seconds, when the input gave one (HasAfter).
	After    float64
	HasAfter bool
	// Source says where the delay came from ("retry_after field", "Retry-After header",
	// "X-RateLimit-Reset-After header", "X-RateLimit-Reset header") or, without one, "backoff schedule" or
	// "catalog".
	Source string
	// Scope is Discord's rate-limit scope when known: "global", "user", "shared" or "bucket <id>".
	Scope string
	// Schedule is the suggested backoff delays in seconds, when there is no server-given delay to wait.
	Schedule []float64
	// Note explains an adjustment: a capped, negative or unreadable delay.
	Note string
	// Client is what the client library named in the input already does about this failure by itself; nil
	// when the input names no client whose behaviour is known for it.
	Client *ClientBehaviour
}

// planRetry turns an entry's verdict and what the response said into a concrete plan.
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

	after, source, note, ok := serverDelay(o, now)
	p.Note = note
	if !ok && spec != nil && spec.messageDelay != nil {
		// A wait the provider writes into its message ("Approximate time till next allowed backup: 23h 59m").
		// It is the provider's own schedule, not a header a proxy could garble, so it has its own cap.
		after, ok = spec.messageDelay(o.message)
		after, source = min(after, MaxScheduledDelay), "the message"
	}
	if p.Verdict.Retryable() && ok {
		p.After, p.HasAfter, p.Source = after, true, source
		if p.Verdict == Backoff {
			p.Verdict = Wait // the server said how long: waiting that long beats guessing
		}
	}
	if spec != nil && spec.scope != nil {
		p.Scope = spec.scope(o)
	}

	switch {
	case p.HasAfter:
		p.Advice = fmt.Sprintf("Wait %s (%s), then retry.", formatSeconds(p.After), p.Source)
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

func verdictForStatus(status int) Verdict {
	switch {
	case status == 429:
		return Wait
	case status == 408 || status == 500 || status == 502 || status == 503 || status == 504:
		return Backoff
	}
	return Never
}

// serverDelay reads the delay the response asked for, preferring Discord's precise body field, then the
// standard header, then Discord's reset headers. Values are capped at MaxRetryDelay and negative ones become 0.
func serverDelay(o *observation, now time.Time) (float64, string, string, bool) {
	type candidate struct {
		raw, source string
		parse       func(string) (float64, bool)
	}
	var cands []candidate
	if o.hasRetryAfterBody {
		cands = append(cands, candidate{strconv.FormatFloat(o.retryAfterBody, 'f', -1, 64), "retry_after field", parseSeconds})
	}
	h := o.headers
	if v := h["retry-after"]; v != "" {
		cands = append(cands, candidate{v, "Retry-After header", func(s string) (float64, bool) { return parseRetryAfter(s, h["date"], now) }})
	}
	if v := h["x-ratelimit-reset-after"]; v != "" {
		cands = append(cands, candidate{v, "X-RateLimit-Reset-After header", parseSeconds})
	}
	if v := h["x-ratelimit-reset"]; v != "" {
		cands = append(cands, candidate{v, "X-RateLimit-Reset header", func(s string) (float64, bool) {
			epoch, ok := parseSeconds(s)
			if !ok {
				return 0, false
			}
			return epoch - float64(referenceTime(h["date"], now).UnixNano())/1e9, true
		}})
	}
	var notes []string
	for _, c := range cands {
		v, ok := c.parse(c.raw)
		if !ok {
			notes = append(notes, fmt.Sprintf("The %s value %q is not a delay and was ignored.", c.source, clip(c.raw, 40)))
			continue
		}
		switch {
		case v < 0:
			notes = append(notes, fmt.Sprintf("The %s asked for a negative delay (%s); treated as 0.", c.source, clip(c.raw, 40)))
			v = 0
		case v > MaxRetryDelay:
			notes = append(notes, fmt.Sprintf("The %s asked for %s; capped at %s.", c.source, formatSeconds(v), formatSeconds(MaxRetryDelay)))
			v = MaxRetryDelay
		}
		return v, c.source, strings.Join(notes, " "), true
	}
	return 0, "", strings.Join(notes, " "), false
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
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
			return math.Copysign(MaxRetryDelay*2, v), true
		}
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3), measured from the
// response's Date header when it has one, else from now.
func parseRetryAfter(s, date string, now time.Time) (float64, bool) {
	s = strings.TrimSpace(s)
	// Clients log the delay with a unit ("4500 ms", "3s"); the header itself is plain seconds.
	if v, ok := strings.CutSuffix(s, "ms"); ok {
		if n, ok := parseSeconds(strings.TrimSpace(v)); ok {
			return n / 1000, true
		}
	}
	if v, ok := strings.CutSuffix(s, "s"); ok && v != "" && (v[len(v)-1] == ' ' || (v[len(v)-1] >= '0' && v[len(v)-1] <= '9')) {
		s = strings.TrimSpace(v)
	}
	if s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) {
		if len(s) > 32 {
			return MaxRetryDelay * 2, true // a number longer than any real delay
		}
		return parseSeconds(s)
	}
	t, ok := parseHTTPDate(s)
	if !ok {
		return 0, false
	}
	return t.Sub(referenceTime(date, now)).Seconds(), true
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
