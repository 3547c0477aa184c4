package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// genPages writes the man pages into a temporary directory once per test binary.
var pagesDir string

func pages(t *testing.T) map[string]string {
	t.Helper()
	if pagesDir == "" {
		dir, err := os.MkdirTemp("", "errcode-man")
		if err != nil {
			t.Fatal(err)
		}
		t.Setenv("SOURCE_DATE_EPOCH", "1796000000")
		if err := run(dir, false); err != nil {
			t.Fatal(err)
		}
		pagesDir = dir
	}
	files, _ := filepath.Glob(filepath.Join(pagesDir, "*.1"))
	m := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m[filepath.Base(f)] = string(data)
	}
	return m
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pagesDir != "" {
		os.RemoveAll(pagesDir)
	}
	os.Exit(code)
}

// TestEachPageHasItsOwnTitle: man errcode-lookup shows ERRCODE-LOOKUP(1) in its header, not ERRCODE(1).
func TestEachPageHasItsOwnTitle(t *testing.T) {
	ps := pages(t)
	for _, want := range []string{"errcode.1", "errcode-lookup.1", "errcode-explain.1", "errcode-retry.1", "errcode-completion-zsh.1"} {
		if _, ok := ps[want]; !ok {
			t.Errorf("no page %s", want)
		}
	}
	for name, page := range ps {
		title := strings.ToUpper(strings.TrimSuffix(name, ".1"))
		if !strings.Contains(page, "\n.TH \""+title+"\" \"1\" ") {
			t.Errorf("%s: no .TH %q", name, title)
		}
	}
}

// TestNoHyphenation: hyphenation is off after .TH and stays off after examples (HY 0), and no hyphen in the text
// is one groff may break a line at.
func TestNoHyphenation(t *testing.T) {
	for name, page := range pages(t) {
		lines := strings.Split(page, "\n")
		if lines[0] != ".nr HY 0" || !strings.HasPrefix(lines[1], ".TH ") || lines[2] != ".nh" || lines[3] != ".ad l" {
			t.Errorf("%s starts %q, want .nr HY 0, .TH, .nh, .ad l", name, lines[:4])
		}
		for i, l := range lines {
			if strings.HasPrefix(l, ".hy") {
				t.Errorf("%s:%d: hyphenation request %q", name, i+1, l)
			}
			if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
				continue
			}
			if strings.Contains(strings.ReplaceAll(l, `\-`, ""), "-") {
				t.Errorf("%s:%d: a bare hyphen, where groff may break: %q", name, i+1, l)
			}
		}
	}
}

func TestMainPageEnvironmentAndVersion(t *testing.T) {
	page := pages(t)["errcode.1"]
	env := section(page, "ENVIRONMENT")
	if env == "" {
		t.Fatal("errcode.1 has no ENVIRONMENT section")
	}
	for _, name := range []string{"NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "ERRCODE_PAGER", "PAGER"} {
		if !strings.Contains(env, "\n.B "+name+"\n") {
			t.Errorf("ENVIRONMENT does not list %s:\n%s", name, env)
		}
	}
	for _, want := range []string{`less \-FRX`, `\-\-no\-pager`, `\-\-color=always`} {
		if !strings.Contains(env, want) {
			t.Errorf("ENVIRONMENT does not mention %s", want)
		}
	}
	if opts := section(page, "OPTIONS"); !strings.Contains(opts, ".TP\n"+`\fB\-v\fP, \fB\-\-version\fP`) {
		t.Errorf("OPTIONS does not list --version:\n%s", opts)
	}
}

// TestTablesKeepTheirLayout: the exit-code table, the shell loop and retry's verdict table are printed line for
// line (.EX/.EE: no filling), with their alignment.
func TestTablesKeepTheirLayout(t *testing.T) {
	ps := pages(t)
	for _, c := range []struct {
		page  string
		lines []string
	}{
		{"errcode.1", []string{
			"0    success: something was found or explained",
			"1    nothing found (lookup, search, list), lookup found only close matches,",
			"     or no error in the input (explain); a hint is printed on stderr",
		}},
		{"errcode.1", []string{
			"75   explain \\-\\-exit\\-status only: the primary error is worth retrying",
			"     (verdict backoff, wait, later or refresh), as EX_TEMPFAIL in sysexits.h",
			"126  retry only: the command cannot be run (permission denied, not an",
			"     executable)",
			"127  retry only: the command is not found",
			"130  interrupted (retry: 128+N when signal N interrupts a wait)",
		}},
		{"errcode.1", []string{
			`until out=$(curl \-si "$url")`,
			`      echo "$out" | errcode explain \-\-exit\-status >/dev/null`,
			`      [ $? \-ne 75 ]; do`,
			"  sleep 5",
			"done",
		}},
		{"errcode-retry.1", []string{
			"never                 stop at once",
			"backoff, wait, later  wait, then run again: the delay the server gave",
			"                      (Retry\\-After, Discord's retry_after, rate\\-limit",
		}},
	} {
		block := strings.Join(c.lines, "\n")
		page := ps[c.page]
		i := strings.Index(page, block)
		if i < 0 {
			t.Errorf("%s lacks, line for line:\n%s", c.page, block)
			continue
		}
		// Inside an example block: .EX opened before it and not yet closed.
		before := page[:i]
		if strings.LastIndex(before, "\n.EX\n") < strings.LastIndex(before, "\n.EE\n") || !strings.Contains(before, "\n.EX\n") {
			t.Errorf("%s: %q is not inside .EX/.EE", c.page, c.lines[0])
		}
	}
}

// TestRenderedPagesKeepWordsWhole renders every page with groff at 60 and 80 columns and checks that no line ends
// in a hyphenation, and that every code, flag and hyphenated word of the source is whole on one line.
func TestRenderedPagesKeepWordsWhole(t *testing.T) {
	if _, err := exec.LookPath("groff"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("groff is not installed; .ci/run must install groff-base")
		}
		t.Skip("groff is not installed")
	}
	word := regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_.]*(?:[-_][A-Za-z0-9_.]+)+|--[a-z][a-z-]*|[a-z]+[A-Z][A-Za-z]+`)
	font := regexp.MustCompile(`\\f[BIRP]|\\&`)
	checked := 0
	for name, page := range pages(t) {
		var words []string
		inExample := false
		for _, l := range strings.Split(page, "\n") {
			switch {
			case l == ".EX":
				inExample = true
			case l == ".EE":
				inExample = false
			}
			if inExample || strings.HasPrefix(l, ".") {
				continue // examples are not filled; request lines are not text
			}
			words = append(words, word.FindAllString(strings.ReplaceAll(font.ReplaceAllString(l, ""), `\-`, "-"), -1)...)
		}
		for _, width := range []string{"60", "80"} {
			cmd := exec.Command("groff", "-man", "-Tutf8", "-rLL="+width+"n", "-P-cbou", filepath.Join(pagesDir, name))
			cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("groff %s: %v", name, err)
			}
			rendered := strings.Split(string(out), "\n")
			for i, l := range rendered {
				if strings.HasSuffix(l, "‐") || strings.HasSuffix(l, "-") {
					t.Errorf("%s at %s columns, line %d ends in a hyphen: %q", name, width, i+1, l)
				}
			}
			for _, w := range words {
				whole := false
				for _, l := range rendered {
					if strings.Contains(l, w) {
						whole = true
						break
					}
				}
				if !whole {
					t.Errorf("%s at %s columns: %q is broken across lines", name, width, w)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d words checked", checked)
	}
}

// section is the text of a man page section, from its .SH line to the next.
func section(page, name string) string {
	start := strings.Index(page, "\n.SH "+name+"\n")
	if start < 0 {
		return ""
	}
	rest := page[start+1:]
	if end := strings.Index(rest[1:], "\n.SH "); end >= 0 {
		return rest[:end+1]
	}
	return rest
}
