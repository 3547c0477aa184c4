// Extraction of HTTP statuses from the many ways clients and loggers print them, beyond a status line: "RESP:
// [403]", "(409) Conflict", "401 - UNAUTHORIZED", "<Response [503]>", `"statusCode":404`, `"status-code": 404`,
// "ResponseCode[404]", "Status Code: 404", "error=400", "Error code 400", "failure 404", "StatusCode: Forbidden",
// and a status glued to CJK text.

package codes

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// statusIdioms find a 4xx or 5xx status in its first group. Each needs a word or a bracket that says the number
// is a status: a number on its own is a size, a port or an id far more often.
var statusIdioms = []*lazyRegexp{
	// A key that names a status, then the number: "Status Code: 404", "statusCode":404, "status-code": 404,
	// "ResponseCode[404]", "RESP: [403]", "error=400", "Error code 400", "curl error code=403", "failure 404".
	lazyRE(`(?i)(?:\bstatus(?:[ _-]?code)?|\bhttp[ _-]?(?:status|code)|\bresponse[ _-]?code|\bresp|\berror(?:[ _-]?code)?|\bfailure|\bcode)["']?\s*[:=：]?\s*[\[("']?\s*([45]\d\d)\b`),
	// .NET: "(409) Conflict"; requests: "<Response [503]>".
	lazyRE(`\(([45]\d\d)\) [A-Z]`),
	lazyRE(`<Response \[([45]\d\d)\]>`),
	// "401 - UNAUTHORIZED", "401 - unauthorized: ...", "Discord 400 error details".
	lazyRE(`(?:^|[\s(\[:])([45]\d\d) - [A-Za-z]`),
	lazyRE(`(?i)(?:^|[\s(\[:])([45]\d\d) error\b`),
	// A status inside an identifier: "hit_429", "http_503", "status_404".
	lazyRE(`(?i)\b(?:hit|got|http|status|error)_([45]\d\d)\b`),
}

// statusCandidate is a status found in a line and where it stands.
type statusCandidate struct {
	status, pos int
}

// findStatuses returns the statuses the idioms find in s, in the order they stand.
func findStatuses(s string) []statusCandidate {
	if len(s) > maxTokenScan {
		s = s[:maxTokenScan]
	}
	var out []statusCandidate
	if strings.ContainsAny(s, "45") {
		for _, re := range statusIdioms {
			for _, m := range re.FindAllStringSubmatchIndex(s, 8) {
				if st := atoiStatus(s[m[2]:m[3]]); st != 0 {
					out = append(out, statusCandidate{st, m[2]})
				}
			}
		}
		out = append(out, cjkGluedStatuses(s)...)
	}
	if st, pos := statusByName(s); st != 0 {
		out = append(out, statusCandidate{st, pos})
	}
	return out
}

// cjkGluedStatuses finds a 4xx or 5xx glued to a CJK ideograph ("发现403"), as Chinese and Japanese text writes
// numbers without spaces.
func cjkGluedStatuses(s string) []statusCandidate {
	var out []statusCandidate
	for i := 0; i+3 <= len(s); i++ {
		if (s[i] != '4' && s[i] != '5') || !isDigits(s[i:i+3]) {
			continue
		}
		if i+3 < len(s) && isDigitByte(s[i+3]) || i > 0 && isDigitByte(s[i-1]) {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+3:])
		if unicode.Is(unicode.Han, prev) || unicode.Is(unicode.Han, next) {
			out = append(out, statusCandidate{atoiStatus(s[i : i+3]), i})
		}
	}
	return out
}

// statusName finds a status given by its reason phrase after a status key: "StatusCode: Forbidden" (the OBS .NET
// SDK), "status=Not Found".
var statusName = lazyRE(`(?i)\bstatus(?:[ _-]?code)?\s*[:=：]\s*([A-Za-z][A-Za-z ]{2,30}[A-Za-z])`)

func statusByName(s string) (int, int) {
	if !strings.Contains(strings.ToLower(s), "status") {
		return 0, 0
	}
	for _, m := range statusName.FindAllStringSubmatchIndex(s, 4) {
		name := strings.ToLower(s[m[2]:m[3]])
		for _, e := range httpErrorStatuses() {
			if strings.HasPrefix(name, strings.ToLower(e.Name)) {
				return e.Status, m[2]
			}
		}
	}
	return 0, 0
}

// httpErrorStatuses lists the plain HTTP 4xx and 5xx entries, whose names are the reason phrases.
var httpErrorStatuses = sync.OnceValue(func() []*Entry {
	var out []*Entry
	for i := range entries {
		if e := &entries[i]; e.Provider == httpID && e.Kind == KindStatus && e.Status >= 400 {
			out = append(out, e)
		}
	}
	return out
})

// pickStatus chooses among the statuses of one line: the one nearest the error's code when the line has one,
// otherwise the last, since a wrapper prints its own status before the error it wraps ("HTTP 500 ... while
// serving: ... Status Code: 404").
func pickStatus(cands []statusCandidate, codePos int) int {
	if len(cands) == 0 {
		return 0
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if codePos >= 0 {
			if abs(c.pos-codePos) < abs(best.pos-codePos) {
				best = c
			}
		} else if c.pos > best.pos {
			best = c
		}
	}
	return best.status
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
