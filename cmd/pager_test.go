package cmd

import (
	"slices"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestPagerArgvPrecedence: ERRCODE_PAGER wins over PAGER, even empty; neither gives less -FRX; empty or cat is
// no pager.
func TestPagerArgvPrecedence(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"neither set", nil, []string{"less", "-FRX"}},
		{"PAGER", map[string]string{"PAGER": "more"}, []string{"more"}},
		{"ERRCODE_PAGER wins", map[string]string{"ERRCODE_PAGER": "most -s", "PAGER": "more"}, []string{"most", "-s"}},
		{"ERRCODE_PAGER empty turns paging off despite PAGER", map[string]string{"ERRCODE_PAGER": "", "PAGER": "more"}, nil},
		{"PAGER empty", map[string]string{"PAGER": ""}, nil},
		{"PAGER blank", map[string]string{"PAGER": "  \t"}, nil},
		{"cat", map[string]string{"PAGER": "cat"}, nil},
		{"ERRCODE_PAGER cat", map[string]string{"ERRCODE_PAGER": " cat ", "PAGER": "less"}, nil},
		{"cat with flags is a pager", map[string]string{"PAGER": "cat -v"}, []string{"cat", "-v"}},
		{"quoted", map[string]string{"PAGER": `less -R '+/Error: x'`}, []string{"less", "-R", "+/Error: x"}},
		{"unparseable is no pager", map[string]string{"PAGER": `less "-R`}, nil},
	}
	for _, c := range cases {
		if got := pagerArgv(envOf(c.env)); !slices.Equal(got, c.want) {
			t.Errorf("%s: pagerArgv = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSplitWords: the pager value splits as a POSIX shell splits a simple command.
func TestSplitWords(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"less -FRX", []string{"less", "-FRX"}},
		{"  less\t -R  \n", []string{"less", "-R"}},
		{"", nil},
		{`'/opt/my pager/bin/p' -x`, []string{"/opt/my pager/bin/p", "-x"}},
		{`"/opt/my pager/p" "a\"b" "c\d" "e\\f" "\$HOME"`, []string{"/opt/my pager/p", `a"b`, `c\d`, `e\f`, "$HOME"}},
		{`my\ pager a\'b`, []string{"my pager", "a'b"}},
		{`a'b'"c"d`, []string{"abcd"}},
		{`'' ""`, []string{"", ""}},
		{`'it''s'`, []string{"its"}},
		{"a\\\nb", []string{"ab"}},
		{`'$HOME' *`, []string{"$HOME", "*"}},
	}
	for _, c := range cases {
		got, err := splitWords(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`less 'x`, `"abc`, `a "b\"`} {
		if got, err := splitWords(bad); err == nil {
			t.Errorf("splitWords(%q) = %q, want an unterminated-quote error", bad, got)
		}
	}
}

// TestPagerEnv: LESS and LV are set as git sets them, and a user's own values are kept.
func TestPagerEnv(t *testing.T) {
	got := pagerEnv([]string{"PATH=/bin", "LESSOPEN=|x %s"})
	if !slices.Contains(got, "LESS=FRX") || !slices.Contains(got, "LV=-c") || !slices.Contains(got, "LESSOPEN=|x %s") {
		t.Errorf("pagerEnv without LESS = %q, want LESS=FRX and LV=-c added", got)
	}
	got = pagerEnv([]string{"LESS=-S", "LV=", "PATH=/bin"})
	if !slices.Equal(got, []string{"LESS=-S", "LV=", "PATH=/bin"}) {
		t.Errorf("pagerEnv with LESS and LV set = %q, want them kept as they are", got)
	}
}

// TestTextRows: the rows a text takes on the terminal decide whether it fits without a pager; long lines wrap,
// escape codes take no room.
func TestTextRows(t *testing.T) {
	cases := []struct {
		text  string
		width int
		want  int
	}{
		{"a\nb\nc\n", 80, 3},
		{"a\n\nc", 80, 3},
		{strings.Repeat("x", 80) + "\n", 80, 1},
		{strings.Repeat("x", 81) + "\n", 80, 2},
		{"\x1b[1;31m" + strings.Repeat("x", 80) + "\x1b[0m\n", 80, 1},
		{strings.Repeat("界", 41) + "\n", 80, 2},
	}
	for _, c := range cases {
		if got := textRows(c.text, c.width); got != c.want {
			t.Errorf("textRows(%q, %d) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}
