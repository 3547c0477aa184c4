// Generic extraction: what any record says about an error, whichever client printed it. The client formats
// (parse_sdk.go) run first, since they know exactly which part is which; the catalog then finds its codes,
// statuses and messages wherever they stand in what is left.

package codes

import (
	"strings"
)

// extractGeneric fills what the record's bodies did not say: the status from the idioms clients print it in,
// the code from the catalog's codes standing in the text, and the message from the catalog's messages.
// contextEvidence says whether the input's context holds evidence (see readRecord).
func extractGeneric(o *observation, text string, contextEvidence bool) {
	tok, hasTok := codeToken{}, false
	if o.code == "" {
		tok, hasTok = findCodeToken(text, len(o.evidence) > 0 || contextEvidence)
	}
	if o.status == 0 {
		codePos := -1
		if hasTok {
			codePos = tok.pos
			o.status = statusAfterToken(text, tok) // "access_denied (403)"
			if o.status == 0 {
				o.status = statusBefore(text, tok.pos) // "400: bad_request", "403 cap_exceeded"
			}
		}
		if o.status == 0 {
			o.status = pickStatus(findStatuses(text), codePos)
		}
	}
	o.applySDKPatterns(text)
	if hasTok && o.status != 0 && !isLower(tok.text) && namesStatus(tok.text, o.status) {
		// "RestClient::TooManyRequests: 429 Too Many Requests", "401 - UNAUTHORIZED": the client's name for the
		// status, no code. B2's codes are lower case ("401 - unauthorized" is B2's unauthorized).
		hasTok = false
	}
	if o.code == "" && hasTok {
		if c := tok.code(o.status); c != "" {
			o.code = c
			o.errorShape = true
		}
	}
	if o.code == "" && o.status != 0 {
		o.head = firstLines(text) // only a status without a code may need it
	}
	if o.message == "" || o.messageWeak {
		// A reason phrase ("Too Many Requests") says no more than a status, even where a code has it as its
		// message too (B2's "Too many requests" beside a 429). A short message ("Unauthorized") is an error only
		// beside a status, a code or a provider's clue, or when one provider alone uses it.
		if m, ok := findMessageSpan(firstLines(text)); ok && m.code && m.text != o.message &&
			!(o.status != 0 && namesStatus(m.text, o.status)) {
			if m.unique || o.code != "" || len(lineWords(m.text)) >= 3 || o.status != 0 || len(o.evidence) > 0 {
				o.message, o.messageWeak = m.text, true
				o.errorShape = true
			}
		}
	}
}

// firstLines is the head of a record's text that a message is looked for in: a stack trace's frames below it
// say nothing of the error.
func firstLines(text string) string {
	n := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			n++
			if n == 4 {
				return text[:i]
			}
		}
	}
	return strings.TrimRight(text, "\n")
}

// namesStatus reports whether a token is the reason phrase of the status run together ("TooManyRequests").
func namesStatus(tok string, status int) bool {
	e, ok := statusEntry(httpID, status)
	return ok && equalNormalized(e.Name, tok)
}

func isLower(s string) bool { return strings.ToLower(s) == s }

// statusAfterToken reads a 4xx or 5xx in parentheses right after a code: "access_denied (403)".
func statusAfterToken(text string, tok codeToken) int {
	rest := strings.TrimLeft(text[tok.pos+len(tok.text):], " ")
	if len(rest) >= 5 && rest[0] == '(' && rest[4] == ')' && (rest[1] == '4' || rest[1] == '5') {
		return atoiStatus(rest[1:4])
	}
	return 0
}
