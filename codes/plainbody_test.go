package codes

import (
	"strings"
	"testing"
)

// TestPlainBodyLineLeavesTakenLinesToTakeLine checks that the fast path for the lines of an open multi-line body
// hands every line that takeLine would take or change (a request dump, curl's decorations, a Markdown bullet, a
// status line) to the full path: appended to the body instead, a status line inside an unclosed <Error> would
// not start the next response.
func TestPlainBodyLineLeavesTakenLinesToTakeLine(t *testing.T) {
	x := &explainer{}
	for _, line := range []string{"POST /b2api/v3/b2_upload_file HTTP/1.1", "* Connected to api.backblazeb2.com",
		"* `ERROR: 503 service_unavailable`", "> GET /x HTTP/1.1", ">", "HTTP/1.1 503 Service Unavailable",
		"< HTTP/2 429"} {
		if x.plainBodyLine(line) {
			t.Errorf("plainBodyLine(%q) = true, want false: takeLine reads this line", line)
		}
	}
	for _, line := range []string{"<Detail>line of an unclosed error record</Detail>", "<Code>NoSuchKey</Code>",
		`"code": "bad_auth_token",`, "}", "", "*"} {
		if strings.TrimSpace(line) != line {
			t.Fatalf("test lines must be trimmed: %q", line)
		}
		if !x.plainBodyLine(line) {
			t.Errorf("plainBodyLine(%q) = false, want true", line)
		}
	}
	x.inRequest = true
	if x.plainBodyLine("Host: api.backblazeb2.com") {
		t.Error("plainBodyLine is true inside a request dump, whose headers requestDump takes")
	}
}

// TestStatusLineAfterUnclosedXMLStartsAResponse checks the fast path end to end: an <Error> body that never
// closes, then a curl -i response, gives the response's own finding, on the status line's line.
func TestStatusLineAfterUnclosedXMLStartsAResponse(t *testing.T) {
	in := "<Error>\n<Code>NoSuchKey</Code>\n<Detail>x</Detail>\n" +
		"HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n" +
		`{"status": 401, "code": "bad_auth_token", "message": "Invalid authorization token"}` + "\n"
	rep, err := Explain(strings.NewReader(in), ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Status == 401 && f.Code == "bad_auth_token" && f.Line == 4 {
			return
		}
	}
	t.Fatalf("no 401 bad_auth_token finding on line 4 after an unclosed <Error> body: %+v", rep.Findings)
}
