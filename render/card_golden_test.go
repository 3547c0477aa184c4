package render

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the card goldens of testdata/")

// goldenEntries are catalog entries of every heading shape (and OBS codes that AWS S3 shares and lacks): a code with a status, a code without one, a code
// whose name differs from it, a status entry, a class entry, a status entry keyed by a code of errcode's own
// whose name is too long for 80 columns, and a transport failure.
var goldenEntries = []struct {
	provider, code string
	status         int
}{
	{"obs", "NoSuchKey", 404},
	{"obs", "WebsiteRedirect", 301},
	{"obs", "RequestIsNotMultiPartContent", 400},
	{"s3", "NoSuchKey", 404},
	{"b2", "bad_auth_token", 401},
	{"discord", "50013", 0},
	{"backup", "127", 409},
	{"backup", "legacy-frequency-limit", 412},
	{"http", "404", 404},
	{"discord", "5xx", 0},
	{"net", "connect_refused", 0},
}

// goldenInputs are pasted errors whose findings show every part of a finding's heading: a status and a code from
// the input beside the entry's name, an input code the catalog lacks, a provider alone, and the fields only
// findings have (request and host ids, service, client, field errors, candidates).
var goldenInputs = []struct{ name, text string }{
	{"discord 429 with code 0", "HTTP/2 429\ncontent-type: application/json\nretry-after: 2\nvia: 1.1 google\nx-ratelimit-scope: user\n\n" +
		`{"message": "You are being rate limited.", "retry_after": 1.337, "global": false, "code": 0}` + "\n"},
	{"obs go sdk", "obs: service returned error: Status=403 Forbidden, Code=SignatureDoesNotMatch, Message=The request " +
		"signature we calculated does not match the signature you provided., RequestId=0000019A4961B65A0C27FF1C143308B2\n"},
	{"discord.js 50013", "DiscordAPIError[50013]: Missing Permissions\n    at handleErrors (node_modules/@discordjs/rest/dist/index.js:730:13)\n" +
		"  status: 403,\n  method: 'POST',\n  url: 'https://discord.com/api/v10/channels/1187369011420954654/messages'\n"},
	{"discord 50035 field errors", `{"code": 50035, "errors": {"embeds": {"0": {"fields": {"1": {"value": {"_errors": ` +
		`[{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}}}}, "message": "Invalid Form Body"}` + "\n"},
	{"aws cli archived object", "download failed: s3://reports/2025/q3.csv to ./q3.csv An error occurred " +
		"(InvalidObjectState) when calling the GetObject operation: The operation is not valid for the object's storage class\n"},
	{"jira legacy backup 412", "HTTP/1.1 412 Precondition Failed\nContent-Type: application/json\n\n" +
		`{"error":"You cannot make another backup right now. Approximate time until next allowed backup: 23h 59m"}` + "\n"},
	{"go refused", `Get "https://api.backblazeb2.com/b2api/v3/b2_list_buckets": dial tcp 104.153.233.177:443: connect: connection refused` + "\n"},
	{"unknown code", "HTTP/1.1 418 I'm a teapot\nContent-Type: application/json\n\n" +
		`{"code": "teapot_mode", "message": "short and stout"}` + "\n"},
}

// goldenNow is the time an HTTP-date Retry-After would be measured from, fixed so the goldens never change by day.
var goldenNow = time.Date(2026, 11, 12, 8, 20, 41, 0, time.UTC)

// renderGoldenCards renders every golden entry and finding card through WriteCard on s.
func renderGoldenCards(t *testing.T, s *TestStreams) string {
	t.Helper()
	var b strings.Builder
	for _, g := range goldenEntries {
		e, ok := codes.Find(g.provider, g.code, g.status)
		if !ok {
			t.Fatalf("no entry %s %s %d", g.provider, g.code, g.status)
		}
		s.OutBuf.Reset()
		if err := WriteCard(s.Streams, EntryCard(e)); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "=== lookup %s %s\n%s\n", g.provider, g.code, s.OutBuf.String())
	}
	for _, in := range goldenInputs {
		rep, err := codes.Explain(strings.NewReader(in.text), codes.ExplainOptions{Now: goldenNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) == 0 {
			t.Fatalf("%s: no finding", in.name)
		}
		for i := range rep.Findings {
			s.OutBuf.Reset()
			if err := WriteCard(s.Streams, FindingCard(&rep.Findings[i])); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "=== explain %s\n%s\n", in.name, s.OutBuf.String())
		}
	}
	return b.String()
}

// TestCardsGolden compares entry and finding cards with their goldens: on an 80-column terminal (wrapped beside
// the labels) and on a pipe (a field a line). Run with -update to accept a change, and read the diff.
func TestCardsGolden(t *testing.T) {
	tty := NewTestStreams(true, nil)
	tty.Width = 80
	if err := tty.SetColorMode(ColorNever); err != nil {
		t.Fatal(err)
	}
	pipe := NewTestStreams(false, nil)
	for _, c := range []struct {
		file string
		s    *TestStreams
	}{{"cards_tty80.golden", tty}, {"cards_pipe.golden", pipe}} {
		got := renderGoldenCards(t, c.s)
		golden.Check(t, filepath.Join("testdata", c.file), got, *update, "go test ./render -run TestCardsGolden -update")
	}
}

// TestCardHeadingsOneFormat: every card starts with PROVIDER · STATUS · CODE — Name, the same parts in the same
// order with the same separators, entry and finding alike, and an explained error whose input adds nothing shows
// the heading of its entry.
func TestCardHeadingsOneFormat(t *testing.T) {
	for _, e := range codes.All() {
		h := EntryHeading(e)
		if h.Provider != e.Provider {
			t.Fatalf("%s %s: heading provider %q", e.Provider, e.Code, h.Provider)
		}
		text := h.String()
		if strings.Count(text, headingName) > 1 || (h.Name == "") == strings.Contains(text, headingName) {
			t.Errorf("%s %s: heading %q", e.Provider, e.Code, text)
		}
		if h.Code != "" && h.Code == h.Status {
			t.Errorf("%s %s: code repeats the status in %q", e.Provider, e.Code, text)
		}
		if h.Code == "" && h.Status == "" {
			t.Errorf("%s %s: heading %q names neither status nor code", e.Provider, e.Code, text)
		}
		if e.Status != 0 && e.Kind != codes.KindClass && !strings.HasPrefix(text, fmt.Sprintf("%s%s%d", e.Provider, headingSep, e.Status)) {
			t.Errorf("%s %s: status %d not second in %q", e.Provider, e.Code, e.Status, text)
		}
		f := codes.Finding{Provider: e.Provider, Status: e.Status, Entry: e}
		if got := FindingHeading(&f).String(); got != text {
			t.Errorf("finding of %s %s: heading %q, its entry's %q", e.Provider, e.Code, got, text)
		}
	}
}

// TestCardColourOnlyAddsEscapes: a coloured card is the uncoloured card with escape codes added.
func TestCardColourOnlyAddsEscapes(t *testing.T) {
	plain := NewTestStreams(true, nil)
	plain.Width = 80
	if err := plain.SetColorMode(ColorNever); err != nil {
		t.Fatal(err)
	}
	colour := NewTestStreams(true, nil)
	colour.Width = 80
	if err := colour.SetColorMode(ColorAlways); err != nil {
		t.Fatal(err)
	}
	want, got := renderGoldenCards(t, plain), renderGoldenCards(t, colour)
	if got == want {
		t.Fatal("ColorAlways added no escape codes")
	}
	if stripped := ansi.Strip(got); stripped != want {
		t.Errorf("colour changed the layout:\n%s", golden.FirstDiff(stripped, want))
	}
}
