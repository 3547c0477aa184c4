package codes

import (
	"strings"
	"testing"
	"time"
)

func explainString(t *testing.T, in string) []Finding {
	t.Helper()
	rep, err := Explain(strings.NewReader(in), ExplainOptions{Now: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Findings
}

func one(t *testing.T, in string) Finding {
	t.Helper()
	fs := explainString(t, in)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(fs), fs)
	}
	return fs[0]
}

func TestRetryDelays(t *testing.T) {
	head := "HTTP/1.1 503 Service Unavailable\nDate: Sat, 21 Nov 2026 10:00:00 GMT\nServer: OBS\n"
	cases := []struct {
		name, headers string
		after         float64
		has           bool
		note          string
	}{
		{"seconds", "Retry-After: 120\n", 120, true, ""},
		{"http-date against Date", "Retry-After: Sat, 21 Nov 2026 10:00:30 GMT\n", 30, true, ""},
		{"garbage", "Retry-After: soon-ish\n", 0, false, "is not a delay"},
		{"negative", "Retry-After: -5\n", 0, true, "negative delay"},
		{"capped", "Retry-After: 7200\n", MaxRetryDelay, true, "capped at 1 h"},
		// Absurd waits: no automatic retry, and at least MaxRetryDelay for a person retrying by hand.
		{"years away", "Retry-After: Fri, 01 Jan 2100 00:00:00 GMT\n", MaxRetryDelay, true, "Do not retry automatically"},
		{"too big for any integer", "Retry-After: 99999999999999999999999999999\n", MaxRetryDelay, true, "sentinel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := one(t, head+c.headers+"\n")
			if f.Retry.HasAfter != c.has || f.Retry.After != c.after {
				t.Fatalf("after %v (%v), want %v (%v); plan %+v", f.Retry.After, f.Retry.HasAfter, c.after, c.has, f.Retry)
			}
			if absurd := strings.Contains(c.note, "automatically") || c.note == "sentinel"; absurd && f.Retry.Verdict != Never {
				t.Errorf("verdict %s with an absurd server delay, want never", f.Retry.Verdict)
			} else if c.has && !absurd && f.Retry.Verdict != Wait {
				t.Errorf("verdict %s with a server delay, want wait", f.Retry.Verdict)
			}
			if !c.has && f.Retry.Verdict != Backoff {
				t.Errorf("verdict %s without a usable delay, want backoff", f.Retry.Verdict)
			}
			if c.note != "" && !strings.Contains(f.Retry.Advice, c.note) {
				t.Errorf("advice %q does not say %q", f.Retry.Advice, c.note)
			}
		})
	}
}

func TestDiscordRateLimitPrefersBodyAndNamesScope(t *testing.T) {
	f := one(t, "< HTTP/2 429\n< retry-after: 3\n< x-ratelimit-reset-after: 2.9\n< x-ratelimit-bucket: abcd1234\n<\n"+
		`{"message": "You are being rate limited.", "retry_after": 2.345, "global": true}`)
	if f.Provider != "discord" || f.Status != 429 || f.Retry.Verdict != Wait {
		t.Fatalf("%+v", f)
	}
	if f.Retry.After != 2.345 || f.Retry.Source != "retry_after field" || f.Retry.Scope != "global" {
		t.Fatalf("plan %+v", f.Retry)
	}
	if !strings.Contains(f.Retry.Advice, "global") {
		t.Errorf("advice %q does not mention the global scope", f.Retry.Advice)
	}
}

func TestDiscordFieldErrorsAreNotTheCode(t *testing.T) {
	f := one(t, `{"code": 50035, "errors": {"embeds": {"0": {"fields": {"1": {"value": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}}}, "content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}, "message": "Invalid Form Body"}`)
	if f.Code != "50035" || f.Entry == nil || f.Entry.Code != "50035" {
		t.Fatalf("code %q entry %v", f.Code, f.Entry)
	}
	want := []FieldError{
		{"embeds.0.fields.1.value", "BASE_TYPE_REQUIRED", "This field is required"},
		{"content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."},
	}
	if len(f.FieldErrors) != len(want) {
		t.Fatalf("field errors %+v", f.FieldErrors)
	}
	for i := range want {
		if f.FieldErrors[i] != want[i] {
			t.Errorf("field error %d = %+v, want %+v", i, f.FieldErrors[i], want[i])
		}
	}
}

func TestFormats(t *testing.T) {
	cases := []struct {
		name, in, provider, code string
		status                   int
	}{
		{"escaped JSON in a JSON log line", `{"level":"error","msg":"send failed","body":"{\"code\": 50013, \"message\": \"Missing Permissions\"}"}`, "discord", "50013", 0},
		{"JS object literal", "DiscordAPIError: { code: 10008, message: 'Unknown Message' }", "discord", "10008", 0},
		{"Ruby hash", `{"code"=>10062, "message"=>"Unknown interaction"}`, "discord", "10062", 0},
		{"Python repr", `{'status': 401, 'code': 'bad_auth_token', 'message': 'Invalid authorization token'}`, "b2", "bad_auth_token", 401},
		{"truncated JSON", `{"status": 403, "code": "download_cap_exceeded", "message": "Cannot download fi`, "b2", "download_cap_exceeded", 403},
		{"truncated XML, no service mark", "<Error><Code>AccessDenied</Code><Message>Access Den", "s3", "AccessDenied", 403},
		{"truncated XML, OBS request id", "<Error><Code>AccessDenied</Code><RequestId>0000019A0A5315605E419CE025F3445E</RequestId><Message>Access Den", "obs", "AccessDenied", 403},
		{"bodiless HEAD", "HTTP/1.1 404 Not Found\nx-obs-error-code: NoSuchKey\nx-obs-request-id: 000001\n\n", "obs", "NoSuchKey", 404},
		{"b2sdk", "b2sdk._internal.exception.ServiceError: 503 service_unavailable c001_v0001 is too busy", "b2", "service_unavailable", 503},
		{"rclone B2", "ERROR : file.bin: Failed to copy: Invalid authorization token (401 bad_auth_token)", "b2", "bad_auth_token", 401},
		{"aws-sdk-go v1, no service mark", "NoSuchKey: The specified key does not exist.\n\tstatus code: 404, request id: 0001, host id: x", "s3", "NoSuchKey", 404},
		{"obsutil", "Error: Status [403 Forbidden], Error code [SignatureDoesNotMatch], Error message [sig], Request id [0002]", "obs", "SignatureDoesNotMatch", 403},
		{"backup template message alone", "Storage Details not found for storageId = 8f2a", "backup", "129", 404},
		{"message alone", "Export Already in Progress", "backup", "140", 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := one(t, c.in)
			if f.Provider != c.provider || f.Entry == nil || f.Entry.Code != c.code || f.Status != c.status {
				t.Fatalf("got %s %d %q (entry %v), want %s %d %s", f.Provider, f.Status, f.Code, f.Entry, c.provider, c.status, c.code)
			}
		})
	}
}

func TestWeakEvidenceNamesCandidates(t *testing.T) {
	f := one(t, "HTTP/1.1 503 Service Unavailable\n\n")
	if f.Provider != "http" || len(f.Candidates) < 3 {
		t.Fatalf("provider %s, candidates %v", f.Provider, f.Candidates)
	}
	strong := one(t, "HTTP/1.1 503 Service Unavailable\nServer: OBS\nx-obs-request-id: 0003\n\n")
	if strong.Provider != "obs" || len(strong.Candidates) != 0 || strong.RequestID != "0003" {
		t.Fatalf("provider %s, candidates %v, request id %q", strong.Provider, strong.Candidates, strong.RequestID)
	}
}

func TestLogsAreDeduplicatedAndRanked(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		b.WriteString("2026-11-21 ERROR DiscordAPIError[50013]: Missing Permissions\n")
		b.WriteString("2026-11-21 INFO all good\n")
	}
	b.WriteString("2026-11-21 ERROR HTTP 503 from upstream, status=503\n")
	fs := explainString(t, b.String())
	if len(fs) != 2 || fs[0].Code != "50013" || fs[0].Count != 3 || fs[0].Line != 1 {
		t.Fatalf("findings %+v", fs)
	}
}

func TestNoErrorInSuccessfulResponse(t *testing.T) {
	fs := explainString(t, "HTTP/2 200\ncontent-type: application/json\n\n{\"buckets\": []}\n")
	if len(fs) != 0 {
		t.Fatalf("a 200 gave findings %+v", fs)
	}
}

func TestB2UploadUnauthorizedMeansNewUploadURL(t *testing.T) {
	f := one(t, "> POST /b2api/v3/b2_upload_file/abc HTTP/1.1\n> Host: pod-000-1001-03.backblaze.com\n"+
		"< HTTP/1.1 401 Unauthorized\n<\n"+`{"status": 401, "code": "unauthorized", "message": "unauthorized"}`)
	if f.Retry.Verdict != Refresh || !strings.Contains(f.Retry.Advice, "b2_get_upload_url") {
		t.Fatalf("plan %+v", f.Retry)
	}
}

func TestBinaryInput(t *testing.T) {
	bin := strings.Repeat("\x00\x01\x02\x03binary", 1000)
	if _, err := Explain(strings.NewReader(bin), ExplainOptions{}); err != ErrBinaryInput {
		t.Fatalf("err %v, want ErrBinaryInput", err)
	}
}

func TestReportPrimary(t *testing.T) {
	rep, err := Explain(strings.NewReader("HTTP/1.1 503 Service Unavailable\n\nb2_upload_file: 401: bad_auth_token (401 bad_auth_token)\n"), ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := rep.Primary()
	if !ok || f.Entry == nil || f.Entry.Code != "bad_auth_token" {
		t.Fatalf("primary %+v, %v; want the coded B2 error before the bare 503", f, ok)
	}
	if _, ok := (&Report{}).Primary(); ok {
		t.Fatal("an empty report has a primary finding")
	}
}
