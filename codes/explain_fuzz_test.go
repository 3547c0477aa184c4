package codes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedInputs are one example of every input format explain reads; the fuzz targets start from them and from
// the corpus in testdata/explain.
var seedInputs = []string{
	"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{\"status\": 401, \"code\": \"expired_auth_token\", \"message\": \"Authorization token has expired\"}",
	"< HTTP/2 429\n< retry-after: 3\n< x-ratelimit-scope: user\n<\n{\"message\": \"You are being rate limited.\", \"retry_after\": 2.5, \"global\": false}",
	"{\"code\": 50035, \"errors\": {\"embeds\": {\"0\": {\"fields\": {\"1\": {\"value\": {\"_errors\": [{\"code\": \"BASE_TYPE_REQUIRED\", \"message\": \"This field is required\"}]}}}}}}, \"message\": \"Invalid Form Body\"}",
	"{\"errorCode\": \"127\", \"errorMessage\": \"Backup Policy already exists with orgId: 1 cloudId: 2 product: JIRA\"}",
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>0001</RequestId></Error>",
	"<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature",
	"DiscordAPIError[50013]: Missing Permissions",
	"discord.errors.Forbidden: 403 Forbidden (error code: 50013): Missing Permissions",
	"net.dv8tion.jda.api.exceptions.ErrorResponseException: 10008: Unknown Message",
	"b2sdk._internal.exception.ServiceError: 503 service_unavailable Service temporarily unavailable",
	"obs: service returned error: Status=403 Forbidden, Code=SignatureDoesNotMatch, Message=The request signature we calculated does not match, RequestId=00000184",
	"Failed to copy: Invalid authorization token (401 bad_auth_token)",
	"NoSuchKey: The specified key does not exist.\n\tstatus code: 404, request id: 0000018A, host id: abc",
	"{ code: 10008, message: 'Unknown Message' }",
	"{\"code\"=>50013, \"message\"=>\"Missing Permissions\"}",
	"{'code': 50013, 'message': 'Missing Permissions', 'errors': None}",
	"{\"level\":\"error\",\"body\":\"{\\\"code\\\":50013,\\\"message\\\":\\\"Missing Permissions\\\"}\"}",
	"Invalid authorization token",
	"Retry-After: Wed, 21 Oct 2015 07:28:00 GMT",
	strings.Repeat("[", 1000) + strings.Repeat("{\"a\":", 1000),
}

func addCorpusSeeds(f *testing.F) {
	for _, s := range seedInputs {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "explain", "*", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 32<<10 {
			f.Add(string(b))
		}
	}
}

// FuzzExplain feeds whole inputs to Explain: it must never panic, and every finding must be well formed.
func FuzzExplain(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		rep, err := Explain(strings.NewReader(in), ExplainOptions{})
		if err != nil && err != ErrBinaryInput {
			t.Fatalf("unexpected error %v", err)
		}
		if len(rep.Findings) > MaxFindings {
			t.Fatalf("%d findings exceed the cap", len(rep.Findings))
		}
		for _, fd := range rep.Findings {
			if fd.Provider == "" || !fd.Retry.Verdict.Valid() || fd.Count < 1 {
				t.Fatalf("malformed finding %+v", fd)
			}
			limit := MaxRetryDelay
			if fd.Retry.Source == "the message" {
				limit = MaxScheduledDelay
			}
			if fd.Retry.HasAfter && (fd.Retry.After < 0 || fd.Retry.After > limit) {
				t.Fatalf("delay %v (%s) outside [0, %v]", fd.Retry.After, fd.Retry.Source, limit)
			}
			// A field error's code must not be hoisted into the finding: a code that the input holds once, in a
			// field error, is not the top-level code. (Held twice, it may well be both: {"code": 5, ... "_errors":
			// [{"code": 5 ...}]}.)
			for _, fe := range fd.FieldErrors {
				if fe.Code == fd.Code && fd.Code != "" && strings.Count(in, fd.Code) < 2 {
					t.Fatalf("inner code %q reported as the top-level code", fe.Code)
				}
			}
		}
	})
}

// FuzzExplainLine feeds single lines, the unit a large log is judged in.
func FuzzExplainLine(f *testing.F) {
	for _, s := range seedInputs {
		f.Add(strings.SplitN(s, "\n", 2)[0])
	}
	f.Fuzz(func(t *testing.T, line string) {
		x := &explainer{findings: map[string]*Finding{}}
		x.line([]byte(line))
		x.flush()
		_ = x.report()
	})
}

// FuzzLooseObjects feeds the tolerant object parser (JSON, JS, Ruby, Python notations).
func FuzzLooseObjects(f *testing.F) {
	for _, s := range seedInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range parseLooseObjects(s, 8) {
			var o observation
			o.fromObject(n, 0)
			if len(o.fieldErrors) > 100 {
				t.Fatalf("%d field errors exceed the cap", len(o.fieldErrors))
			}
		}
	})
}

// FuzzXMLError feeds the OBS <Error> reader.
func FuzzXMLError(f *testing.F) {
	f.Add("<Error><Code>NoSuchKey</Code><Message>m</Message></Error>")
	f.Add(`<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Error><Code>&b;</Code></Error>`)
	f.Add("<Error><Code>Trunc")
	f.Fuzz(func(t *testing.T, s string) {
		e, _ := parseXMLError(s)
		if len(e.code) > maxLooseString || len(e.message) > maxLooseString {
			t.Fatal("element longer than the cap")
		}
	})
}

// FuzzHeaderBlock feeds status lines and headers, the way curl prints them.
func FuzzHeaderBlock(f *testing.F) {
	f.Add("HTTP/1.1 503 Service Unavailable\nRetry-After: 120\nDate: Sat, 21 Nov 2026 10:00:00 GMT\n\n")
	f.Add("< HTTP/2 429\n< x-ratelimit-reset-after: 1.5\n< retry-after: -5\n")
	f.Add("HTTP/3 200\nretry-after: 99999999999999999999999999\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range strings.Split(s, "\n") {
			if st, _, ok := parseStatusLine(line); ok && (st < 100 || st > 599) {
				t.Fatalf("status %d out of range", st)
			}
			parseHeader(line)
		}
		rep, _ := Explain(strings.NewReader(s), ExplainOptions{})
		for _, fd := range rep.Findings {
			limit := MaxRetryDelay
			if fd.Retry.Source == "the message" {
				limit = MaxScheduledDelay
			}
			if fd.Retry.HasAfter && (fd.Retry.After < 0 || fd.Retry.After > limit) {
				t.Fatalf("delay %v (%s) outside [0, %v]", fd.Retry.After, fd.Retry.Source, limit)
			}
		}
	})
}

// FuzzQuery feeds lookup and search, which take whatever a user types.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"NoSuchKey", "no such key", "404", "4xx", "NoSuhcKey", "missing acess", "", "\x00\xff", "50013"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, m := range Lookup(q, Options{}) {
			if m.Entry == nil {
				t.Fatal("nil entry")
			}
		}
		if ms := Search(q, Options{Limit: 5}); len(ms) > 5 {
			t.Fatalf("%d results over the limit", len(ms))
		}
	})
}
