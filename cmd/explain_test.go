package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// runWithInput runs errcode with stdin holding in; stdinTTY pretends stdin is a terminal.
func runWithInput(t *testing.T, in string, stdinTTY bool, args ...string) (string, string, int) {
	t.Helper()
	ts := render.NewTestStreams(false, nil)
	ts.InBuf.WriteString(in)
	ts.InTTY = stdinTTY
	return runStreams(ts, args...)
}

const discord429 = "HTTP/2 429\nretry-after: 3\nx-ratelimit-scope: user\n\n{\"message\": \"You are being rate limited.\", \"retry_after\": 2.5, \"global\": false}\n"

func TestExplainJSONContract(t *testing.T) {
	out, _, code := runWithInput(t, discord429, false, "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("%d findings", len(fs))
	}
	f := fs[0]
	for _, k := range []string{"provider", "status", "code", "message", "request_id", "cause", "fix", "retry", "field_errors"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	if f["provider"] != "discord" || f["status"] != 429.0 || f["code"] != nil || f["request_id"] != nil {
		t.Errorf("finding %v", f)
	}
	r := f["retry"].(map[string]any)
	if r["verdict"] != "wait" || r["after_seconds"] != 2.5 || r["source"] != "retry_after field" {
		t.Errorf("retry %v", r)
	}
}

func TestExplainExitStatus(t *testing.T) {
	cases := []struct {
		name, in string
		want     int
	}{
		{"retryable", discord429, ExitTempFail},
		{"not retryable", "DiscordAPIError[50013]: Missing Permissions\n", ExitNotFound},
		{"no error", "HTTP/1.1 200 OK\n\n{}\n", ExitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, code := runWithInput(t, c.in, false, "explain", "--exit-status"); code != c.want {
				t.Fatalf("exit %d, want %d", code, c.want)
			}
		})
	}
}

func TestExplainNothingFound(t *testing.T) {
	out, errOut, code := runWithInput(t, "all quiet\nnothing to see\n", false, "explain")
	if code != ExitNotFound || out != "" || !strings.Contains(errOut, "no API error found in stdin (2 lines read)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestExplainTerminalStdinPrintsAHint: bare explain on a terminal prints a one-line hint and reads the paste, as
// cat would.
func TestExplainTerminalStdinPrintsAHint(t *testing.T) {
	out, errOut, code := runWithInput(t, discord429, true, "explain")
	if code != 0 || !strings.HasPrefix(errOut, "errcode: paste an API error, then press Ctrl-D") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "discord · 429") {
		t.Errorf("paste not explained:\n%s", out)
	}
}

func TestExplainFilesAndErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "resp.txt")
	if err := os.WriteFile(good, []byte(discord429), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "blob.bin")
	if err := os.WriteFile(bin, []byte(strings.Repeat("\x00\x01\x02\x7fELF", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, false, nil, "explain", good)
	if code != 0 || !strings.HasPrefix(out, "discord · 429 — TOO MANY REQUESTS\n") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	_, errOut, code := run(t, false, nil, "explain", filepath.Join(dir, "missing.txt"))
	if code != ExitUsage || !strings.Contains(errOut, "cannot read") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("missing file: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, false, nil, "explain", bin)
	if code != ExitNotFound || !strings.Contains(errOut, "looks like binary data") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("binary: exit %d, stderr %q", code, errOut)
	}
}

func TestExplainSanitisesInput(t *testing.T) {
	in := "{\"status\": 401, \"code\": \"bad_auth_token\", \"message\": \"evil \x1b]0;owned\x07 \x1b[2J text\"}\n"
	ts := render.NewTestStreams(true, nil)
	ts.InBuf.WriteString(in)
	Run(context.Background(), ts.Streams, []string{"explain", "-"})
	out := ts.OutBuf.String()
	if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x07") || strings.Contains(out, "\x1b[2J") {
		t.Fatalf("input escape sequences reached the terminal: %q", out)
	}
	if plain := stripANSI(out); !strings.Contains(plain, "“evil ") || !strings.Contains(plain, " text”") {
		t.Fatalf("message missing:\n%s", stripANSI(out))
	}
}

// TestExplainExitStatusTransport: a retryable transport failure exits 75, one that cannot succeed unchanged 1,
// and an API error before a transport failure decides.
func TestExplainExitStatusTransport(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]int{
		"Error: read ECONNRESET\n":                                      75,
		"curl: (28) Connection timed out after 10001 milliseconds\n":    75,
		"Error: getaddrinfo ENOTFOUND api.exmaple.com\n":                1,
		"curl: (60) SSL certificate problem: certificate has expired\n": 1,
		"2026-01-02 10:00:00 ERROR b2_list_file_names: 403 access_denied: not entitled\n" +
			"2026-01-02 10:00:02 ERROR Get \"https://api.example.com/v1\": read: connection reset by peer\n": 1,
	} {
		path := filepath.Join(dir, "in.txt")
		if err := os.WriteFile(path, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, code := run(t, false, nil, "explain", "--exit-status", path); code != want {
			t.Errorf("%q: exit %d, want %d", name, code, want)
		}
	}
}

// TestExplainJSONCarriesDroppedCount: when an input holds more distinct errors than Explain reports, --json says
// how many occurrences were left out, as the text output does on stderr.
func TestExplainJSONCarriesDroppedCount(t *testing.T) {
	var b strings.Builder
	n := 0
	for _, e := range codes.All() {
		if e.Provider == "discord" && e.Kind == codes.KindCode && n < codes.MaxFindings+30 {
			fmt.Fprintf(&b, "2026-01-02 ERROR DiscordAPIError[%s]: failed\n", e.Code)
			n++
		}
	}
	ts := render.NewTestStreams(false, nil)
	ts.InBuf.WriteString(b.String())
	out, errOut, code := runStreams(ts, "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []render.FindingJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != codes.MaxFindings || got[0].DroppedOccurrences != 30 {
		t.Fatalf("%d findings, dropped_occurrences %d; want %d and 30", len(got), got[0].DroppedOccurrences, codes.MaxFindings)
	}
	if !strings.Contains(errOut, "stdin: 30 more occurrences") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestExplainJSONNamesTheS3ServiceAndHostID(t *testing.T) {
	in := "operation error S3: GetObject, https response error StatusCode: 404, RequestID: 4442587FB7D0A2F9, " +
		"HostID: vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQ=, api error NoSuchKey: The specified key does not exist.\n" +
		"endpoint: https://s3.us-west-004.backblazeb2.com\n"
	out, _, code := runWithInput(t, in, false, "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []struct {
		Provider string  `json:"provider"`
		HostID   *string `json:"host_id"`
		Service  string  `json:"service"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) == 0 {
		t.Fatalf("%v: %s", err, out)
	}
	f := got[0]
	if f.Provider != "s3" || f.HostID == nil || *f.HostID != "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQ=" || f.Service == "" {
		t.Fatalf("got %+v, want s3 with the host id and a service", f)
	}
}
