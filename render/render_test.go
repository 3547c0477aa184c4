package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"plain text":                               "plain text",
		"\x1b[31mred\x1b[0m":                       "red",
		"\x1b]0;evil title\x07ok":                  "ok",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\": "link",
		"clear\x1b[2Jscreen":                       "clearscreen",
		"a\tb\nc\rd":                               "a b c d",
		"nul\x00byte\x7f":                          "nulbyte",
		"bad \xff utf8":                            "bad \uFFFD utf8",
		"c1 \u009b31m csi":                         "c1 31m csi",
		"rtl \u202Eevil\u202C":                     "rtl evil",
		"lone esc \x1b":                            "lone esc ",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChooseProfile(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cases := []struct {
		mode string
		tty  bool
		env  func(string) string
		want colorprofile.Profile
	}{
		{ColorAuto, true, env(), colorprofile.ANSI},
		{ColorAuto, false, env(), colorprofile.NoTTY},
		{ColorAuto, true, env("NO_COLOR", "1"), colorprofile.Ascii},
		{ColorAuto, true, env("TERM", "dumb"), colorprofile.NoTTY},
		{ColorAuto, true, env("CLICOLOR", "0"), colorprofile.Ascii},
		{ColorAuto, false, env("CLICOLOR_FORCE", "1"), colorprofile.ANSI},
		{ColorAuto, false, env("CLICOLOR_FORCE", "0"), colorprofile.NoTTY},
		{ColorAlways, false, env("NO_COLOR", "1"), colorprofile.ANSI},
		{ColorNever, true, env("CLICOLOR_FORCE", "1"), colorprofile.NoTTY},
	}
	for _, c := range cases {
		if got := ChooseProfile(c.mode, c.tty, c.env); got != c.want {
			t.Errorf("ChooseProfile(%s, tty=%v) = %v, want %v", c.mode, c.tty, got, c.want)
		}
	}
}

func TestTablePipedIsTSVAndTerminalFits(t *testing.T) {
	tb := Table{Header: []string{"A", "B"}, Rows: [][]string{{"x", strings.Repeat("long ", 40)}, {"yy", "short"}}}
	ts := NewTestStreams(false, nil)
	if err := WriteTable(ts.Streams, tb); err != nil {
		t.Fatal(err)
	}
	if got := ts.OutBuf.String(); !strings.HasPrefix(got, "x\tlong long") || strings.Contains(got, "A\tB") {
		t.Fatalf("piped table %q", got)
	}
	tty := NewTestStreams(true, nil)
	if err := WriteTable(tty.Streams, tb); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(tty.OutBuf.String(), "\n") {
		if w := len([]rune(stripSGR(line))); w > 100 {
			t.Errorf("line of %d cells exceeds the 100-cell terminal: %q", w, line)
		}
		if strings.HasSuffix(line, " ") {
			t.Errorf("trailing space in %q", line)
		}
	}
	if !strings.Contains(tty.OutBuf.String(), "…") {
		t.Error("long cell was not cut with an ellipsis")
	}
}

func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
