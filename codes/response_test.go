package codes

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestExplainResponse(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		header   http.Header
		body     string
		provider string
		code     string
		verdict  Verdict
		after    float64 // 0: no server delay
		source   string
	}{
		{"b2 503", 503, http.Header{"Content-Type": {"application/json"}},
			`{"status": 503, "code": "service_unavailable", "message": "c001_v0001 is too busy"}`,
			"b2", "service_unavailable", Backoff, 0, "backoff schedule"},
		{"discord 429 with retry_after", 429, http.Header{"Retry-After": {"3"}, "X-Ratelimit-Scope": {"user"}},
			`{"message": "You are being rate limited.", "retry_after": 1.337, "global": false}`,
			"discord", "", Wait, 1.337, "retry_after field"},
		{"obs 403 XML", 403, http.Header{"Server": {"OBS"}, "X-Obs-Request-Id": {"0000019A4961B65A0C27FF1C143308B2"}},
			`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`,
			"obs", "AccessDenied", Never, 0, "catalog"},
		{"Retry-After as an HTTP-date against Date", 503,
			http.Header{"Date": {"Mon, 02 Jan 2006 15:04:05 GMT"}, "Retry-After": {"Mon, 02 Jan 2006 15:04:35 GMT"}},
			"", "http", "", Wait, 30, "Retry-After header"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, ok := ExplainResponse(c.status, c.header, []byte(c.body), ExplainOptions{})
			if !ok {
				t.Fatal("no finding")
			}
			if f.Provider != c.provider || f.Status != c.status || f.Code != c.code || f.Retry.Verdict != c.verdict {
				t.Errorf("got %s %d %q %s, want %s %d %q %s", f.Provider, f.Status, f.Code, f.Retry.Verdict, c.provider, c.status, c.code, c.verdict)
			}
			if f.Retry.HasAfter != (c.after != 0) || f.Retry.After != c.after || f.Retry.Source != c.source {
				t.Errorf("plan %+v, want after %v from %q", f.Retry, c.after, c.source)
			}
		})
	}
}

func TestExplainResponseAgreesWithExplain(t *testing.T) {
	// One code path: the finding is the primary finding of Explain on the same transcript.
	h := http.Header{"Retry-After": {"7"}}
	body := []byte(`{"message": "You are being rate limited.", "retry_after": 2.5, "global": true}`)
	got, ok := ExplainResponse(429, h, body, ExplainOptions{})
	rep, err := Explain(strings.NewReader("HTTP/1.1 429\nRetry-After: 7\n\n"+string(body)+"\n"), ExplainOptions{})
	want, wok := rep.Primary()
	if err != nil || !ok || !wok || got.Provider != want.Provider || got.Retry.After != want.Retry.After || got.Retry.Scope != want.Retry.Scope {
		t.Fatalf("ExplainResponse %+v, Explain %+v (%v)", got, want, err)
	}
}

func TestExplainResponseNoError(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
	}{{200, `{"buckets": []}`}, {204, ""}, {0, ""}, {500, "\x00\x01\x02\x03\x04\x05\x06\x07\x00\x01"}} {
		if f, ok := ExplainResponse(c.status, nil, []byte(c.body), ExplainOptions{}); ok && c.status != 500 {
			t.Errorf("%d %q: finding %+v", c.status, c.body, f)
		}
	}
}

func TestExplainResponseHeaderInjection(t *testing.T) {
	// A header value with a line break stays one header line: it cannot pose as a status line or a body.
	h := map[string][]string{"X-Note": {"fine\r\nHTTP/1.1 403\r\n\r\n<Error><Code>AccessDenied</Code></Error>"}}
	f, ok := ExplainResponse(503, h, nil, ExplainOptions{Now: time.Unix(0, 0)})
	if !ok || f.Status != 503 {
		t.Fatalf("got %+v, %v", f, ok)
	}
	if f.Code == "AccessDenied" {
		t.Fatalf("a header value was read as a body: %+v", f)
	}
}

func TestExplainResponseProviders(t *testing.T) {
	// A bare 503 is plain HTTP; the possible providers are only those the options allow.
	f, ok := ExplainResponse(503, nil, nil, ExplainOptions{Providers: []string{"b2"}})
	if !ok || f.Provider != "http" || strings.Join(f.Candidates, ",") != "b2" {
		t.Fatalf("got %+v, %v", f, ok)
	}
}
