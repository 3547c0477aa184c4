package codes

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestRetryHeaders has one case per header or field of shared/reference/ratelimit_headers.md: what delay it
// gives, where the plan says it came from, the verdict, and the notes (capped, epoch, milliseconds, sentinel).
// The clock is fixed at the Date header's time.
func TestRetryHeaders(t *testing.T) {
	const (
		date  = "Date: Sat, 21 Nov 2026 10:00:00 GMT\n"
		epoch = 1795255200 // Sat, 21 Nov 2026 10:00:00 GMT
	)
	now := time.Unix(epoch, 0).UTC()
	discordBody := func(ra string) string {
		return `{"message": "You are being rate limited.", "retry_after": ` + ra + `, "global": false}` + "\n"
	}
	cases := []struct {
		name    string
		in      string
		after   float64 // -1: no server delay
		source  string
		verdict Verdict
		note    string // a phrase the advice must hold
	}{
		// Retry-After (RFC 9110 10.2.3) and its non-standard values.
		{"Retry-After seconds", "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n", 30, "Retry-After header", Wait, "plus up to 3 s of random jitter"},
		{"Retry-After fraction (Shopify)", "HTTP/1.1 429 Too Many Requests\nRetry-After: 2.0\n\n", 2, "Retry-After header", Wait, ""},
		{"Retry-After HTTP-date", "HTTP/1.1 503 Service Unavailable\n" + date + "Retry-After: Sat, 21 Nov 2026 10:00:30 GMT\n\n", 30, "Retry-After header", Wait, ""},
		{"Retry-After epoch seconds", "HTTP/1.1 429 Too Many Requests\n" + date + "Retry-After: 1795255290\n\n", 90, "Retry-After header", Wait, "Unix time in seconds"},
		{"Retry-After epoch milliseconds", "HTTP/1.1 429 Too Many Requests\n" + date + "Retry-After: 1795255290000\n\n", 90, "Retry-After header", Wait, "Unix time in milliseconds"},
		{"Retry-After Long.MAX_VALUE", "HTTP/1.1 429 Too Many Requests\nRetry-After: 9223372036854775807\nX-RateLimit-Limit: 0\n\n", MaxRetryDelay, "Retry-After header", Never, "sentinel"},
		{"Retry-After epoch centuries away", "HTTP/1.1 429 Too Many Requests\n" + date + "Retry-After: 9999999999\n\n", MaxRetryDelay, "Retry-After header", Never, "Do not retry automatically"},
		{"Retry-After capped", "HTTP/1.1 503 Service Unavailable\nRetry-After: 5400\n\n", MaxRetryDelay, "Retry-After header", Wait, "capped at 1 h"},
		{"Retry-After over 6 h", "HTTP/1.1 503 Service Unavailable\nRetry-After: 86400\n\n", MaxRetryDelay, "Retry-After header", Never, "curl and urllib3 stop at 6 h"},
		{"Retry-After negative", "HTTP/1.1 429 Too Many Requests\nRetry-After: -30\n\n", 0, "Retry-After header", Wait, "negative delay"},

		// Milliseconds headers, in azcore's order before Retry-After.
		{"retry-after-ms", "HTTP/1.1 429 Too Many Requests\nretry-after-ms: 1500\n\n", 1.5, "retry-after-ms header", Wait, ""},
		{"x-ms-retry-after-ms", "HTTP/1.1 429 Too Many Requests\nx-ms-retry-after-ms: 250\n\n", 0.25, "x-ms-retry-after-ms header", Wait, "plus up to 1 s"},
		{"retry-after-ms before Retry-After", "HTTP/1.1 429 Too Many Requests\nRetry-After: 2\nretry-after-ms: 1500\n\n", 1.5, "retry-after-ms header", Wait, ""},
		{"x-amz-retry-after", "HTTP/1.1 503 Slow Down\nx-amz-retry-after: 2000\n\n", 2, "x-amz-retry-after header", Wait, ""},
		{"grpc-retry-pushback-ms", "HTTP/2 503\ngrpc-retry-pushback-ms: 750\n\n", 0.75, "grpc-retry-pushback-ms header", Wait, ""},

		// Verdict headers.
		{"grpc-retry-pushback-ms negative", "HTTP/2 503\ngrpc-retry-pushback-ms: -1\nRetry-After: 5\n\n", -1, "grpc-retry-pushback-ms header", Never, "stop retrying"},
		{"grpc-retry-pushback-ms not an integer", "HTTP/2 503\ngrpc-retry-pushback-ms: 1.5\n\n", -1, "grpc-retry-pushback-ms header", Never, "not an integer"},
		{"Stripe-Should-Retry false", "HTTP/1.1 429 Too Many Requests\nStripe-Should-Retry: false\nRetry-After: 5\n\n", -1, "Stripe-Should-Retry header", Never, "says false"},
		{"x-should-retry false", "HTTP/1.1 503 Service Unavailable\nx-should-retry: false\n\n", -1, "x-should-retry header", Never, "says false"},
		{"Stripe-Should-Retry true on 409", "HTTP/1.1 409 Conflict\nStripe-Should-Retry: true\n\n", -1, "backoff schedule", Backoff, "says true"},
		{"x-should-retry true with a delay", "HTTP/1.1 409 Conflict\nx-should-retry: true\nretry-after-ms: 500\n\n", 0.5, "retry-after-ms header", Wait, ""},
		{"x-should-retry true on 400 is not enough", "HTTP/1.1 400 Bad Request\nx-should-retry: true\n\n", -1, "catalog", Never, ""},

		// Google RetryInfo in the error body.
		{"retryDelay", "HTTP/1.1 429 Too Many Requests\n\n" + `{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"}]}}` + "\n", 30, "retryDelay field", Wait, ""},
		{"retryDelay fraction", "HTTP/1.1 429 Too Many Requests\n\n" + `{"error": {"code": 429, "message": "Quota exceeded.", "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "0.250s"}]}}` + "\n", 0.25, "retryDelay field", Wait, ""},

		// Window resets: X-RateLimit-Reset by magnitude, Atlassian's ISO time, Twitter's spelling.
		{"X-RateLimit-Reset delta", "HTTP/1.1 429 Too Many Requests\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 30\n\n", 30, "X-RateLimit-Reset header", Wait, "plus up to 3 s"},
		{"X-RateLimit-Reset epoch seconds (GitHub)", "HTTP/1.1 429 Too Many Requests\n" + date + "X-RateLimit-Reset: 1795255245\n\n", 45, "X-RateLimit-Reset header", Wait, ""},
		{"X-RateLimit-Reset epoch milliseconds", "HTTP/1.1 429 Too Many Requests\n" + date + "X-RateLimit-Reset: 1795255245000\n\n", 45, "X-RateLimit-Reset header", Wait, ""},
		{"X-RateLimit-Reset fractional epoch (Discord)", "HTTP/1.1 429 Too Many Requests\n" + date + "X-RateLimit-Reset: 1795255245.5\n\n", 45.5, "X-RateLimit-Reset header", Wait, ""},
		{"X-RateLimit-Reset passed", "HTTP/1.1 429 Too Many Requests\n" + date + "X-RateLimit-Reset: 1795255100\n\n", 0, "X-RateLimit-Reset header", Wait, "already passed"},
		{"X-RateLimit-Reset ISO 8601 (Atlassian)", "HTTP/1.1 429 Too Many Requests\n" + date + "X-RateLimit-Reset: 2026-11-21T10:02Z\n\n", 120, "X-RateLimit-Reset header", Wait, ""},
		{"x-rate-limit-reset (X/Twitter)", "HTTP/1.1 429 Too Many Requests\n" + date + "x-rate-limit-remaining: 0\nx-rate-limit-reset: 1795256100\n\n", 900, "x-rate-limit-reset header", Wait, ""},
		{"X-RateLimit-Reset-After", "HTTP/1.1 429 Too Many Requests\nX-RateLimit-Reset-After: 12.5\nX-RateLimit-Reset: 1795255245\n\n", 12.5, "X-RateLimit-Reset-After header", Wait, ""},

		// IETF RateLimit fields of every draft generation.
		{"RateLimit -08+", "HTTP/1.1 429 Too Many Requests\nRateLimit-Policy: \"default\";q=100;w=60\nRateLimit: \"default\";r=0;t=30\n\n", 30, "RateLimit header", Wait, ""},
		{"RateLimit spent policy wins", "HTTP/1.1 429 Too Many Requests\nRateLimit: \"burst\";r=5;t=1, \"daily\";r=0;t=3000\n\n", 3000, "RateLimit header", Wait, ""},
		{"RateLimit -07 dictionary", "HTTP/1.1 429 Too Many Requests\nRateLimit: limit=100, remaining=0, reset=5\nRateLimit-Policy: 100;w=10\n\n", 5, "RateLimit header", Wait, ""},
		{"RateLimit-Reset <= -06 delta", "HTTP/1.1 429 Too Many Requests\nRateLimit-Limit: 10\nRateLimit-Remaining: 0\nRateLimit-Reset: 7\n\n", 7, "RateLimit-Reset header", Wait, ""},
		{"RateLimit-Reset epoch (GitLab)", "HTTP/1.1 429 Too Many Requests\n" + date + "RateLimit-Remaining: 0\nRateLimit-Reset: 1795255260\n\n", 60, "RateLimit-Reset header", Wait, ""},
		{"RateLimit-ResetTime (GitLab)", "HTTP/1.1 429 Too Many Requests\n" + date + "RateLimit-ResetTime: Sat, 21 Nov 2026 10:01:00 GMT\n\n", 60, "RateLimit-ResetTime header", Wait, ""},
		{"RateLimit-Policy window when spent", "HTTP/1.1 429 Too Many Requests\nRateLimit-Policy: \"burst\";q=100;w=60, \"daily\";q=1000;w=86400\nRateLimit: \"burst\";r=0\n\n", 60, "RateLimit-Policy header", Wait, "one full window"},
		{"RateLimit-Policy -04 with RateLimit-Remaining 0", "HTTP/1.1 429 Too Many Requests\nRateLimit-Remaining: 0\nRateLimit-Policy: 10;w=1, 50;w=60\n\n", 60, "RateLimit-Policy header", Wait, "one full window"},
		{"Retry-After beats RateLimit", "HTTP/1.1 429 Too Many Requests\nRetry-After: 20\nRateLimit: \"default\";r=0;t=30\n\n", 20, "Retry-After header", Wait, ""},

		// Atlassian's informational headers: a warning, never a wait.
		{"Beta-Retry-After", "HTTP/1.1 503 Service Unavailable\nBeta-Retry-After: 120\nBeta-RateLimit: \"tenant-app-quota\";r=0;t=120\n\n", -1, "backoff schedule", Backoff, "not yet enforced"},
		{"X-RateLimit-NearLimit", "HTTP/1.1 429 Too Many Requests\nRetry-After: 5\nX-RateLimit-NearLimit: true\n\n", 5, "Retry-After header", Wait, "Less than 20%"},

		// Discord: retry_after in seconds from v8, milliseconds before.
		{"Discord v10 float seconds", "$ curl -si https://discord.com/api/v10/channels/123456789012345678/messages\nHTTP/2 429\nretry-after: 65\n\n" + discordBody("64.57"), 64.57, "retry_after field", Wait, ""},
		{"Discord v6 milliseconds", "$ curl -si https://discord.com/api/v6/channels/123456789012345678/messages\nHTTP/2 429\nretry-after: 6457\n\n" + discordBody("6457"), 6.457, "retry_after field", Wait, "milliseconds before API v8"},
		{"Discord unversioned path is v6", "$ curl -si https://discord.com/api/channels/123456789012345678/messages\nHTTP/2 429\n\n" + discordBody("450"), 0.45, "retry_after field", Wait, "unversioned path"},
		{"Discord integer too large for seconds", discordBody("6457"), 6.457, "retry_after field", Wait, "cannot be seconds"},
		{"Discord v9 integer stays seconds", "$ curl -si https://discord.com/api/v9/channels/123456789012345678/messages\nHTTP/2 429\n\n" + discordBody("1500"), 1500, "retry_after field", Wait, ""},
		{"Discord v6 Retry-After header", "$ curl -si https://discord.com/api/v6/channels/123456789012345678/messages\nHTTP/2 429\nx-ratelimit-bucket: abc\nretry-after: 6457\n\n", 6.457, "Retry-After header", Wait, "milliseconds"},
		{"Discord v6 Cloudflare seconds", "$ curl -si https://discord.com/api/v6/channels/123456789012345678/messages\nHTTP/2 429\nx-ratelimit-bucket: abc\nretry-after: 30\n\n", 30, "Retry-After header", Wait, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Explain(strings.NewReader(c.in), ExplainOptions{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("%d findings, want 1", len(rep.Findings))
			}
			p := rep.Findings[0].Retry
			if c.after < 0 {
				if p.HasAfter {
					t.Errorf("after %v from %s, want none", p.After, p.Source)
				}
			} else if !p.HasAfter || math.Abs(p.After-c.after) > 1e-9 {
				t.Errorf("after %v (%v), want %v", p.After, p.HasAfter, c.after)
			}
			if p.Source != c.source || p.Verdict != c.verdict {
				t.Errorf("source %q verdict %s, want %q %s", p.Source, p.Verdict, c.source, c.verdict)
			}
			if c.note != "" && !strings.Contains(p.Advice, c.note) {
				t.Errorf("advice %q does not say %q", p.Advice, c.note)
			}
			switch {
			case p.HasAfter && p.Verdict != Never:
				if want := math.Round(min(max(p.After/10, 1), 300)*10) / 10; p.Jitter != want || !strings.Contains(p.Advice, "jitter") {
					t.Errorf("jitter %v, want %v; advice %q", p.Jitter, want, p.Advice)
				}
			case p.Jitter != 0:
				t.Errorf("jitter %v without a wait", p.Jitter)
			}
		})
	}
}

// TestRetryHeadersInLogs reads the same headers where logs print them: inside a line, and in a dumped object.
func TestRetryHeadersInLogs(t *testing.T) {
	cases := []struct {
		name, in string
		after    float64
		source   string
	}{
		{"log line", "2026-11-21T10:00:00Z ERROR upstream 429 Too Many Requests x-ms-retry-after-ms=2500\n", 2.5, "x-ms-retry-after-ms header"},
		{"log line IETF", "2026-11-21T10:00:00Z WARN request failed: 429 Too Many Requests RateLimit: \"default\";r=0;t=12\n", 12, "RateLimit header"},
		{"python dict", "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests; headers={'x-amz-retry-after': '1500', 'content-type': 'application/json'}\n", 1.5, "x-amz-retry-after header"},
		{"JSON log", `{"level": "error", "status": 429, "msg": "rate limited", "headers": {"RateLimit": "\"api\";r=0;t=9", "ratelimit-policy": "\"api\";q=10;w=60"}}` + "\n", 9, "RateLimit header"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := one(t, c.in)
			if !f.Retry.HasAfter || f.Retry.After != c.after || f.Retry.Source != c.source {
				t.Errorf("plan %+v, want %v from %s", f.Retry, c.after, c.source)
			}
		})
	}
}
