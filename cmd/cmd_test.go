package cmd

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
	"github.com/errcode/errcode/render"
)

// run executes errcode in-process with fake streams and returns stdout, stderr and the exit code.
func run(t *testing.T, tty bool, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	return runStreams(render.NewTestStreams(tty, env), args...)
}

// runStreams executes errcode on prepared test streams.
func runStreams(ts *render.TestStreams, args ...string) (string, string, int) {
	code := Run(context.Background(), ts.Streams, args)
	return ts.OutBuf.String(), ts.ErrBuf.String(), code
}

func TestLookupPipedIsPlain(t *testing.T) {
	out, errOut, code := run(t, false, nil, "lookup", "NoSuchKey")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"obs · 404 · NoSuchKey\n", "“The specified key does not exist.”\n", "\nCause    ", "\nFix      ", "\nRetry    never: "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in piped output")
	}
}

func TestLookupTerminalIsStyledAndWrapped(t *testing.T) {
	out, _, code := run(t, true, nil, "lookup", "expired_auth_token")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "\x1b[") {
		t.Fatal("no styling on a terminal")
	}
	for _, line := range strings.Split(out, "\n") {
		if w := len([]rune(stripANSI(line))); w > 100 {
			t.Errorf("line of %d columns on a 100-column terminal: %q", w, stripANSI(line))
		}
	}
	if !strings.Contains(stripANSI(out), "refresh: Call b2_authorize_account") {
		t.Errorf("retry line missing:\n%s", stripANSI(out))
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var sgrColour = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m`)

// hasColour reports whether s sets a foreground colour (SGR 30-38 or 90-97), as opposed to bold or italic.
func hasColour(s string) bool { return sgrColour.MatchString(s) }

func TestColourDecisions(t *testing.T) {
	cases := []struct {
		name       string
		tty        bool
		env        map[string]string
		args       []string
		wantEscape bool
		wantColour bool
	}{
		{"terminal", true, nil, nil, true, true},
		{"pipe", false, nil, nil, false, false},
		{"NO_COLOR keeps bold, drops colour", true, map[string]string{"NO_COLOR": "1"}, nil, true, false},
		{"CLICOLOR=0", true, map[string]string{"CLICOLOR": "0"}, nil, true, false},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, nil, false, false},
		{"CLICOLOR_FORCE colours a pipe", false, map[string]string{"CLICOLOR_FORCE": "1"}, nil, true, true},
		{"NO_COLOR beats CLICOLOR_FORCE", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, nil, false, false},
		{"--color=never on a terminal", true, nil, []string{"--color=never"}, false, false},
		{"--color=always into a pipe", false, nil, []string{"--color=always"}, true, true},
		{"--color=always beats NO_COLOR", false, map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, code := run(t, c.tty, c.env, append(c.args, "lookup", "SlowDown")...)
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			if got := strings.Contains(out, "\x1b"); got != c.wantEscape {
				t.Errorf("escape sequences: got %v, want %v\n%q", got, c.wantEscape, out)
			}
			if got := hasColour(out); got != c.wantColour {
				t.Errorf("colour: got %v, want %v\n%q", got, c.wantColour, out)
			}
		})
	}
}

func TestLookupStatusTable(t *testing.T) {
	out, _, code := run(t, false, nil, "lookup", "404")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 10 {
		t.Fatalf("only %d lines for 404", len(lines))
	}
	lastProvider := ""
	seen := map[string]bool{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 5 || f[1] != "404" {
			t.Fatalf("bad row %q", l)
		}
		if f[0] != lastProvider {
			if seen[f[0]] {
				t.Fatalf("provider %s appears in two groups", f[0])
			}
			seen[f[0]] = true
			lastProvider = f[0]
		}
	}
	if !seen["http"] || !seen["obs"] || !seen["discord"] {
		t.Errorf("providers seen: %v", seen)
	}
	tty, _, _ := run(t, true, nil, "lookup", "404")
	if !strings.Contains(stripANSI(tty), "entries match 404 (6 providers)") {
		t.Errorf("terminal table does not end with the count:\n%s", stripANSI(tty))
	}
}

func TestLookupFallsBackToSearch(t *testing.T) {
	out, errOut, code := run(t, false, nil, "lookup", "NoSuhcKey")
	if code != ExitNotFound {
		t.Fatalf("exit %d, want 1: closest matches are not an exact answer", code)
	}
	if !strings.Contains(errOut, "no exact match for NoSuhcKey; closest matches:") {
		t.Errorf("stderr %q", errOut)
	}
	if !strings.HasPrefix(out, "obs · 404 · NoSuchKey\n") {
		t.Errorf("best guess is not first:\n%s", out)
	}
}

func TestLookupSeveralQueriesInOrder(t *testing.T) {
	out, _, code := run(t, false, nil, "lookup", "50013", "expired_auth_token")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	i, j := strings.Index(out, "discord · 50013 — MissingPermissions"), strings.Index(out, "b2 · 401 · expired_auth_token")
	if i < 0 || j < 0 || i > j {
		t.Fatalf("answers missing or out of order:\n%s", out)
	}
}

func TestNothingFound(t *testing.T) {
	out, errOut, code := run(t, false, nil, "lookup", "qqqqzzzzxxxx")
	if code != ExitNotFound || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "nothing matches qqqqzzzzxxxx") {
		t.Errorf("stderr %q", errOut)
	}
	_, errOut, code = run(t, false, nil, "search", "qqqqzzzzxxxx")
	if code != ExitNotFound || !strings.Contains(errOut, "nothing matches") {
		t.Errorf("search: exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-p", "gcs", "lookup", "x"}, `unknown provider "gcs"; valid providers: b2, obs, backup, discord, s3, net, http`},
		{[]string{"-p", "discrod", "lookup", "x"}, "did you mean discord?"},
		{[]string{"lookup"}, "needs a code, status or message"},
		{[]string{"lookup", "--bogus", "x"}, "unknown flag: --bogus"},
		{[]string{"lokup", "x"}, "unknown command"},
		{[]string{"--color=sometimes", "lookup", "x"}, "invalid --color"},
		{[]string{"list", "--retry", "maybe"}, "invalid --retry"},
		{[]string{"list", "--status", "99x"}, "invalid --status"},
		{[]string{"search", "-n", "0", "x"}, "--limit must be at least 1"},
		{[]string{"providers", "extra"}, "takes no arguments"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := run(t, false, nil, c.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want 2; stderr %q", code, errOut)
			}
			if !strings.Contains(errOut, c.want) || out != "" {
				t.Errorf("stderr %q lacks %q (stdout %q)", errOut, c.want, out)
			}
		})
	}
}

func TestEscapeSequencesInQueriesAreNotEchoed(t *testing.T) {
	_, errOut, _ := run(t, true, nil, "lookup", "\x1b]0;pwned\x07\x1b[2Jzzzqqqxxx")
	if strings.Contains(errOut, "\x1b]") || strings.Contains(errOut, "\x1b[2J") || strings.Contains(errOut, "\x07") {
		t.Fatalf("query escape sequences reached the terminal: %q", errOut)
	}
}

func TestListJSONIsTheWholeCatalog(t *testing.T) {
	out, _, code := run(t, false, nil, "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var entries []map[string]any
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != codes.Len() {
		t.Fatalf("%d entries, catalog has %d", len(entries), codes.Len())
	}
	for _, e := range entries {
		for _, k := range []string{"provider", "status", "code", "name", "message", "cause", "fix", "retry"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("entry %v lacks %q", e["code"], k)
			}
		}
		if _, ok := e["code"].(string); !ok {
			t.Fatalf("code %v is not a string", e["code"])
		}
		r := e["retry"].(map[string]any)
		if r["verdict"] == "" || r["advice"] == "" {
			t.Fatalf("entry %v has an empty retry", e["code"])
		}
		if e["provider"] == "discord" && e["kind"] == "code" && e["status"] != nil {
			t.Fatalf("discord code %v has a status", e["code"])
		}
	}
}

func TestListFilters(t *testing.T) {
	out, _, code := run(t, false, nil, "list", "-p", "huawei", "--status", "4xx", "--retry", "later")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if len(rows) < 2 {
		t.Fatalf("rows: %q", rows)
	}
	for _, r := range rows {
		f := strings.Split(r, "\t")
		if f[0] != "obs" || f[1][0] != '4' || f[3] != "later" {
			t.Errorf("row %q passes the filters wrongly", r)
		}
	}
	_, errOut, code := run(t, false, nil, "list", "-p", "b2", "--retry", "later")
	if code != ExitNotFound || !strings.Contains(errOut, "no entries match") {
		t.Errorf("empty list: exit %d, stderr %q", code, errOut)
	}
}

func TestSearchJSON(t *testing.T) {
	out, _, code := run(t, false, nil, "search", "download", "cap", "exceded", "--json", "--limit", "3")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var ms []render.EntryJSON
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || len(ms) > 3 || ms[0].Code != "download_cap_exceeded" || ms[0].Match != "fuzzy" {
		t.Fatalf("got %+v", ms)
	}
}

func TestProvidersJSON(t *testing.T) {
	out, _, code := run(t, false, nil, "providers", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var ps []render.ProviderJSON
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range ps {
		total += p.Entries
	}
	if len(ps) != 7 || ps[0].ID != "b2" || ps[6].ID != "http" || total != codes.Len() {
		t.Fatalf("providers %+v (total %d, catalog %d)", ps, total, codes.Len())
	}
}

func TestLookupRunFSeam(t *testing.T) {
	ts := render.NewTestStreams(false, nil)
	var got *LookupOptions
	c := NewCmdLookup(&globalOptions{}, ts.Streams, func(o *LookupOptions) error { got = o; return nil })
	c.SetArgs([]string{"a", "b c"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got.Queries) != 2 || got.Queries[1] != "b c" {
		t.Fatalf("options %+v", got)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, false, nil, "--version")
	if code != 0 || !strings.HasPrefix(out, "errcode ") {
		t.Fatalf("exit %d, %q", code, out)
	}
	out2, _, _ := run(t, false, nil, "version")
	if out2 != out {
		t.Errorf("version %q differs from --version %q", out2, out)
	}
}

// TestErrorsHelp checks that mistakes get a message that helps: the closest flag, the kind of value wanted
// rather than Go's parser error, the lookup command for a code given to explain, and no suggestion to run the
// command that just found nothing.
func TestErrorsHelp(t *testing.T) {
	for _, c := range []struct {
		args    []string
		code    int
		want    string
		notWant string
	}{
		{[]string{"lookup", "NoSuchKey", "--jsn"}, ExitUsage, "unknown flag: --jsn; did you mean --json?", ""},
		{[]string{"retry", "--attempts", "abc", "--", "true"}, ExitUsage, `invalid value "abc" for --attempts: want a whole number`, "strconv"},
		{[]string{"explain", "NoSuchKey"}, ExitUsage, "use 'errcode lookup NoSuchKey'", ""},
		{[]string{"search", "zzzzqqq"}, ExitNotFound, "errcode list", "errcode search"},
	} {
		_, errOut, code := run(t, false, nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) || (c.notWant != "" && strings.Contains(errOut, c.notWant)) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

// TestVersionJSONAndCallsInWords checks two JSON shapes a script reads: version --json is JSON, and an entry's
// calls are words, not the reference's internal shorthands.
func TestVersionJSONAndCallsInWords(t *testing.T) {
	out, _, code := run(t, false, nil, "version", "--json")
	var v struct {
		Version string  `json:"version"`
		Commit  *string `json:"commit"`
	}
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.Version == "" {
		t.Fatalf("version --json: exit %d, %v: %q", code, err, out)
	}
	out, _, _ = run(t, false, nil, "lookup", "expired_auth_token", "--json")
	if !strings.Contains(out, `"any call but b2_authorize_account"`) || strings.Contains(out, `"*-auth"`) {
		t.Fatalf("calls not in words:\n%s", out)
	}
}
