package cmd

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errcode/errcode/internal/golden"
	"github.com/errcode/errcode/render"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the example outputs of ../README.md")

// readmeExample is one "$ errcode ..." line of a ```console block of the README and the output shown under it.
type readmeExample struct {
	line       int    // 0-based index of the "$ " line in the README
	command    string // the line without "$ "
	output     []string
	blankAfter bool // a blank line separates the output from the next example
	end        int  // index of the first line after the example (its output and blank line)
}

// readmeExamples finds the examples of every ```console block.
func readmeExamples(lines []string) []readmeExample {
	var out []readmeExample
	inConsole := false
	for i := 0; i < len(lines); i++ {
		switch {
		case !inConsole && strings.TrimSpace(lines[i]) == "```console":
			inConsole = true
		case inConsole && strings.HasPrefix(lines[i], "```"):
			inConsole = false
		case inConsole && strings.HasPrefix(lines[i], "$ "):
			ex := readmeExample{line: i, command: strings.TrimPrefix(lines[i], "$ ")}
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(lines[j], "$ ") && !strings.HasPrefix(lines[j], "```") {
				j++
			}
			ex.output = lines[i+1 : j]
			for len(ex.output) > 0 && ex.output[len(ex.output)-1] == "" {
				ex.output = ex.output[:len(ex.output)-1]
				ex.blankAfter = true
			}
			ex.end = j
			out = append(out, ex)
			i = j - 1
		}
	}
	return out
}

// shellWords splits a command line as sh would for the README's examples: words, '...' and "..." quotes (with \"
// and \\ inside double quotes), "|" between commands, and a "#" comment at the end.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %q", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				w.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("unclosed \" in %q", s)
			}
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// exampleRun is how an example runs: errcode's arguments, its standard input, whether its output goes to a
// terminal or into a pipe, and the lines a grep after it keeps.
type exampleRun struct {
	args     []string
	stdin    string
	terminal bool
	grep     *regexp.Regexp
}

// parseExample understands the README's shapes: `errcode ARGS` (on a terminal), `errcode ARGS | cat` (into a
// pipe), `errcode ARGS | grep -E 'RE'` (into a pipe, the lines that match) and `echo 'TEXT' | errcode ARGS`
// (input from echo).
func parseExample(command string) (exampleRun, error) {
	words, err := shellWords(command)
	if err != nil {
		return exampleRun{}, err
	}
	var stages [][]string
	stage := []string{}
	for _, w := range words {
		if w == "|" {
			stages, stage = append(stages, stage), []string{}
			continue
		}
		stage = append(stage, w)
	}
	stages = append(stages, stage)
	r := exampleRun{terminal: true}
	if len(stages) > 1 && len(stages[0]) == 2 && stages[0][0] == "echo" {
		r.stdin = stages[0][1] + "\n"
		stages = stages[1:]
	}
	if n := len(stages); n > 1 && len(stages[n-1]) == 1 && stages[n-1][0] == "cat" {
		r.terminal = false
		stages = stages[:n-1]
	} else if last := stages[n-1]; n > 1 && len(last) == 3 && last[0] == "grep" && last[1] == "-E" {
		if r.grep, err = regexp.Compile(last[2]); err != nil {
			return exampleRun{}, err
		}
		r.terminal = false
		stages = stages[:n-1]
	}
	if len(stages) != 1 || len(stages[0]) == 0 || stages[0][0] != "errcode" {
		return exampleRun{}, fmt.Errorf("unsupported example %q: use errcode ARGS, errcode ARGS | cat or echo 'TEXT' | errcode ARGS", command)
	}
	r.args = stages[0][1:]
	return r, nil
}

// lockedBuffer is one buffer for stdout and stderr, as a terminal shows both; retry copies its command's two
// streams at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// readmeJitter is the random draw retry's examples are run with: the README shows one run of a random wait.
const readmeJitter = 0.367

// runExample runs an example from the repository's root, with stdout and stderr on one 80-column terminal (or
// stdout into a pipe), no colour, and no real waiting.
func runExample(t *testing.T, r exampleRun) string {
	t.Helper()
	var out lockedBuffer
	s := &render.Streams{In: strings.NewReader(r.stdin), Out: &out, Err: &out, OutTTY: r.terminal, ErrTTY: r.terminal,
		Getenv: func(string) string { return "" }}
	if r.terminal {
		s.Width = 80
	}
	if err := s.SetColorMode(render.ColorNever); err != nil {
		t.Fatal(err)
	}
	root := newRootCmd(s, func(o *RetryOptions) error {
		o.Sleep = func(context.Context, time.Duration) error { return nil }
		o.Rand = func() float64 { return readmeJitter }
		return runRetry(o)
	})
	execute(context.Background(), s, root, append([]string{"--color=never"}, r.args...))
	got := strings.TrimRight(out.b.String(), "\n")
	if r.grep != nil {
		var kept []string
		for _, l := range strings.Split(got, "\n") {
			if r.grep.MatchString(l) {
				kept = append(kept, l)
			}
		}
		got = strings.Join(kept, "\n")
	}
	return got
}

// TestReadmeExamples: every "$ errcode ..." example of the README shows what errcode prints today, at 80 columns
// on a terminal or into a pipe as the example says. Run with -update-readme to rewrite the outputs, and read the
// diff.
func TestReadmeExamples(t *testing.T) {
	t.Chdir("..") // the examples name files from the repository's root
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	examples := readmeExamples(lines)
	if len(examples) < 5 {
		t.Fatalf("found %d examples in README.md", len(examples))
	}
	var rewritten []string
	prev := 0
	for _, ex := range examples {
		r, err := parseExample(ex.command)
		if err != nil {
			t.Fatalf("README.md line %d: %v", ex.line+1, err)
		}
		want := strings.Join(ex.output, "\n")
		got := want
		// What version prints depends on how the binary was built (tag, commit, date): TestVersionOfACheckoutBuild
		// builds it the README's way and checks this example.
		if len(r.args) == 0 || r.args[0] != "version" {
			got = runExample(t, r)
		}
		if got != want && !*updateReadme {
			t.Errorf("README.md line %d: $ %s\n%s\n(run go test ./cmd -run TestReadmeExamples -update-readme)",
				ex.line+1, ex.command, golden.FirstDiff(got, want))
		}
		rewritten = append(rewritten, lines[prev:ex.line+1]...)
		if got != "" {
			rewritten = append(rewritten, strings.Split(got, "\n")...)
		}
		if ex.blankAfter {
			rewritten = append(rewritten, "")
		}
		prev = ex.end
	}
	rewritten = append(rewritten, lines[prev:]...)
	if *updateReadme {
		if err := os.WriteFile("README.md", []byte(strings.Join(rewritten, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
