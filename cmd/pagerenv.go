package cmd

import (
	"errors"
	"strings"
)

// defaultPager is the pager when neither ERRCODE_PAGER nor PAGER is set, as for gh and git: -F quits at once
// when the text fits one screen, -R passes colours through, -X leaves the text on the screen afterwards.
const defaultPager = "less -FRX"

// pagerArgv returns the pager command to run, or nil for none. ERRCODE_PAGER wins over PAGER, even when it is
// set to the empty string (gh's GH_PAGER works the same way), so that a user can turn paging off for errcode
// alone. An empty value, "cat", or a value that cannot be split into words means no pager.
func pagerArgv(lookupEnv func(string) (string, bool)) []string {
	value, ok := lookupEnv("ERRCODE_PAGER")
	if !ok {
		value, ok = lookupEnv("PAGER")
	}
	if !ok {
		value = defaultPager
	}
	words, err := splitWords(value)
	if err != nil || len(words) == 0 || (len(words) == 1 && words[0] == "cat") {
		return nil
	}
	return words
}

// pagerEnv is the pager's environment: errcode's own, plus LESS=FRX and LV=-c where they are unset, as git does,
// so that `PAGER=less` alone still passes colours through and quits on a short text. They are set whatever the
// pager is, as git does, since a wrapper script that ends in less needs them too and other programs ignore them.
func pagerEnv(environ []string) []string {
	env := append([]string(nil), environ...)
	for _, kv := range []string{"LESS=FRX", "LV=-c"} {
		name := kv[:strings.IndexByte(kv, '=')+1]
		set := false
		for _, e := range environ {
			if strings.HasPrefix(e, name) {
				set = true
				break
			}
		}
		if !set {
			env = append(env, kv)
		}
	}
	return env
}

// errUnterminatedQuote is splitWords' error for a value whose quote is never closed.
var errUnterminatedQuote = errors.New("unterminated quote")

// splitWords splits a command line into words the way a POSIX shell splits a simple command, without expanding
// anything: blanks separate words; 'single quotes' keep everything literally; "double quotes" keep everything
// but a backslash before $, `, ", \ or a newline; outside quotes a backslash keeps the next character literally.
// A pager value such as `less -R +'/Error'` needs quoting; a dependency (google/shlex) for this one split is
// not worth it, and shlex differs from the shell on backslashes in double quotes anyway.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\':
			inWord = true
			if i+1 < len(s) {
				i++
				if s[i] != '\n' { // a backslash-newline is a line continuation: nothing
					cur.WriteByte(s[i])
				}
			}
		case c == '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errUnterminatedQuote
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			inWord = true
			closed := false
			for i++; i < len(s); i++ {
				if s[i] == '"' {
					closed = true
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
					if s[i] != '\n' {
						cur.WriteByte(s[i])
					}
					continue
				}
				cur.WriteByte(s[i])
			}
			if !closed {
				return nil, errUnterminatedQuote
			}
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
