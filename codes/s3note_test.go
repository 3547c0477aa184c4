package codes_test

import (
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// TestS3Note: OBS codes say whether AWS S3 shares them, and with which status when it differs; other providers'
// entries and OBS's status entries say nothing.
func TestS3Note(t *testing.T) {
	cases := []struct {
		provider, code string
		status         int
		want           string
	}{
		{"obs", "NoSuchKey", 404, "AWS S3 uses the same code"},
		{"obs", "RequestIsNotMultiPartContent", 400, "AWS S3 uses the same code with status 412"},
		{"obs", "WebsiteRedirect", 301, "OBS only; AWS S3 has no such code"},
		{"obs", "404", 404, ""},
		{"s3", "NoSuchKey", 404, ""},
		{"b2", "bad_auth_token", 401, ""},
	}
	for _, c := range cases {
		e, ok := codes.Find(c.provider, c.code, c.status)
		if !ok {
			t.Fatalf("no entry %s %s", c.provider, c.code)
		}
		if got := e.S3Note(); got != c.want {
			t.Errorf("%s %s: S3Note %q, want %q", c.provider, c.code, got, c.want)
		}
	}
	for _, e := range codes.All() {
		if note := e.S3Note(); note != "" && !strings.Contains(note, "AWS S3") {
			t.Errorf("%s %s: %q", e.Provider, e.Code, note)
		}
	}
}
