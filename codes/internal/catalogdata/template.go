package catalogdata

import (
	"errors"
	"strings"
)

// IsTemplate reports whether a message holds {placeholders}.
func IsTemplate(msg string) bool {
	return strings.ContainsRune(msg, '{') || strings.ContainsRune(msg, '}')
}

// CompileTemplate splits a message template into the literal parts around its placeholders: "a {} b {x}" gives
// ["a ", " b ", ""]. It fails on unbalanced or nested braces, adjacent placeholders (which no text can be split
// between) and templates whose literal text is too short to recognise a message by.
func CompileTemplate(msg string) ([]string, error) {
	var parts []string
	rest := msg
	for {
		open := strings.IndexByte(rest, '{')
		closeAt := strings.IndexByte(rest, '}')
		if open < 0 {
			if closeAt >= 0 {
				return nil, errors.New("'}' without '{'")
			}
			parts = append(parts, rest)
			break
		}
		if closeAt >= 0 && closeAt < open {
			return nil, errors.New("'}' without '{'")
		}
		if closeAt < 0 {
			return nil, errors.New("'{' without '}'")
		}
		name := rest[open+1 : closeAt]
		if strings.ContainsAny(name, "{ ") {
			return nil, errors.New("nested brace or space inside a placeholder")
		}
		if len(parts) > 0 && open == 0 {
			return nil, errors.New("two placeholders side by side")
		}
		parts = append(parts, rest[:open])
		rest = rest[closeAt+1:]
	}
	literal := 0
	for _, p := range parts {
		literal += len(strings.TrimSpace(p))
	}
	if literal < 6 {
		return nil, errors.New("too little literal text to recognise the message by")
	}
	return parts, nil
}
