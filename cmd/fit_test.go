package cmd

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/render"
)

// runWidth runs errcode on a fake terminal of the given width.
func runWidth(t *testing.T, width int, args ...string) string {
	t.Helper()
	ts := render.NewTestStreams(true, map[string]string{"TERM": "xterm-256color"})
	ts.Width = width
	out, errOut, code := runStreams(ts, args...)
	if code != 0 && code != ExitNotFound {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

// TestOutputFitsTheTerminal: tables and cards fit 80 and 120 columns, headers included, without breaking URLs,
// codes or header names.
func TestOutputFitsTheTerminal(t *testing.T) {
	commands := [][]string{
		{"lookup", "404"}, {"lookup", "NoSuchKey"}, {"lookup", "50035"}, {"lookup", "NoSuhcKey"},
		{"search", "rate limit"}, {"list", "-p", "b2"}, {"providers"}, {"lookup", "bad_auth_token"},
		{"--help"}, {"explain", "--help"}, {"lookup", "--help"},
		{"lookup", "legacy-frequency-limit"}, // a heading longer than 80 columns
	}
	for _, width := range []int{80, 120} {
		for _, args := range commands {
			out := runWidth(t, width, args...)
			plain := ansi.Strip(out)
			for _, line := range strings.Split(plain, "\n") {
				if w := ansi.StringWidth(line); w > width && !isOneToken(line) {
					t.Errorf("%d columns, %v: line of %d cells:\n%s", width, args, w, line)
				}
			}
			for _, whole := range []string{"https://discord.com/developers/docs/topics/opcodes-and-status-codes#json",
				"https://www.backblaze.com/docs/cloud-storage-native-api-error-handling-and-status-codes"} {
				if strings.Contains(plain, whole[:30]) && !strings.Contains(plain, whole) {
					t.Errorf("%d columns, %v: URL %s broken:\n%s", width, args, whole, plain)
				}
			}
		}
	}
}

// isOneToken reports whether a line is a single word (a URL) that may not be broken, alone on its line.
func isOneToken(line string) bool { return len(strings.Fields(line)) == 1 }

// TestTableHeadersCount: the header row is part of the width (ENTRIES is wider than any count).
func TestProvidersAt80(t *testing.T) {
	out := ansi.Strip(runWidth(t, 80, "providers"))
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "ENTRIES") || strings.Contains(lines[0], "DOCS") {
		t.Errorf("header %q", lines[0])
	}
	if !strings.Contains(out, "\n  https://discord.com/developers/docs/topics/opcodes-and-status-codes#json\n") {
		t.Errorf("docs URL not on its own line:\n%s", out)
	}
	wide := ansi.Strip(runWidth(t, 200, "providers"))
	if !strings.Contains(strings.Split(wide, "\n")[0], "DOCS") {
		t.Errorf("at 200 columns the URLs should stay in the table:\n%s", wide)
	}
}
