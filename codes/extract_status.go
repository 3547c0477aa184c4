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
	if hasErrorStatusDigits(s) {
		out = append(out, markedStatuses(s)...)
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

// statusByName finds a status given by its reason phrase after a status key: "StatusCode: Forbidden" (the OBS
// .NET SDK), "status=Not Found". It returns the status and where its name starts.
func statusByName(s string) (int, int) {
	for from := 0; from < len(s); {
		i := indexFold(s[from:], "status")
		if i < 0 {
			return 0, 0
		}
		i += from
		from = i + 6
		if i > 0 && isAlnumByte(s[i-1]) {
			continue
		}
		j := i + 6
		if j < len(s) && (s[j] == ' ' || s[j] == '_' || s[j] == '-') && j+5 <= len(s) && strings.EqualFold(s[j+1:j+5], "code") {
			j += 5
		} else if j+4 <= len(s) && strings.EqualFold(s[j:j+4], "code") {
			j += 4
		}
		j = skipSpaces(s, j)
		switch {
		case j < len(s) && (s[j] == ':' || s[j] == '='):
			j++
		case strings.HasPrefix(s[j:], "："):
			j += len("：")
		default:
			continue
		}
		j = skipSpaces(s, j)
		k := j
		for k < len(s) && k-j < 32 && (s[k] == ' ' || (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z')) {
			k++
		}
		if k-j < 3 {
			continue
		}
		name := s[j:k]
		for _, e := range httpErrorStatuses() {
			if len(name) >= len(e.Name) && strings.EqualFold(name[:len(e.Name)], e.Name) {
				return e.Status, j
			}
		}
	}
	return 0, 0
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
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

// hasErrorStatusDigits reports whether s holds three digits starting with 4 or 5 that no other digit touches.
func hasErrorStatusDigits(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if (s[i] == '4' || s[i] == '5') && isDigitByte(s[i+1]) && isDigitByte(s[i+2]) &&
			(i == 0 || !isDigitByte(s[i-1])) && (i+3 == len(s) || !isDigitByte(s[i+3])) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// statusKeys are the words that, right before a number, say it is a status: "Status Code: 404",
// "statusCode":404, "status-code": 404, "ResponseCode[404]", "RESP: [403]", "error=400", "Error code 400",
// "curl error code=403", "failure 404". Matched case-insensitively against the end of the text before the
// number, at a word boundary.
var statusKeys = []string{"status", "statuscode", "status code", "status_code", "status-code", "http status",
	"http_status", "httpstatus", "http code", "http_code", "httpcode", "response code", "response_code",
	"responsecode", "resp", "error", "error code", "error_code", "errorcode", "failure", "code"}

// identifierKeys are the words a status is glued to with an underscore: "hit_429", "status_404".
var identifierKeys = []string{"hit", "got", "status", "error"}

// markedStatuses finds the 4xx and 5xx numbers that the text marks as statuses: after a status key (with only
// quotes, brackets, a colon or an equals sign between), in .NET's "(409) Conflict", in requests'
// "<Response [503]>", before " - REASON" ("401 - UNAUTHORIZED") or " error" ("Discord 400 error details"), and
// glued to a status word ("hit_429"). It is a scanner rather than regular expressions because it runs on every
// line that may hold an error.
func markedStatuses(s string) []statusCandidate {
	var out []statusCandidate
	for i := 0; i+3 <= len(s); i++ {
		if (s[i] != '4' && s[i] != '5') || !isDigitByte(s[i+1]) || !isDigitByte(s[i+2]) ||
			(i > 0 && isDigitByte(s[i-1])) || (i+3 < len(s) && isAlnumByte(s[i+3])) {
			continue
		}
		if statusMarkedAt(s, i) {
			out = append(out, statusCandidate{atoiStatus(s[i : i+3]), i})
		}
	}
	return out
}

// statusMarkedAt reports whether the number at s[i:i+3] is marked as a status by what stands around it.
func statusMarkedAt(s string, i int) bool {
	after := s[i+3:]
	var prev byte = ' '
	if i > 0 {
		prev = s[i-1]
	}
	switch {
	case prev == '(' && strings.HasPrefix(after, ") ") && len(after) > 2 && after[2] >= 'A' && after[2] <= 'Z':
		return true // .NET: "(409) Conflict"
	case prev == '[' && strings.HasPrefix(after, "]>") && strings.HasSuffix(s[:i-1], "<Response "):
		return true // requests: "<Response [503]>"
	case strings.ContainsRune(" ([:", rune(prev)) && len(after) > 3 && strings.HasPrefix(after, " - ") && isAlnumByte(after[3]):
		return true // "401 - UNAUTHORIZED"
	case strings.ContainsRune(" ([:", rune(prev)) && len(after) >= 6 && strings.EqualFold(after[:6], " error") &&
		(len(after) == 6 || !isAlnumByte(after[6])):
		return true // "Discord 400 error details"
	case prev == '_':
		word := strings.ToLower(s[max(0, i-7) : i-1])
		for _, k := range identifierKeys {
			if strings.HasSuffix(word, k) && (len(word) == len(k) || !isAlnumByte(word[len(word)-len(k)-1])) {
				return true // "hit_429"
			}
		}
		return false
	}
	j := i
	for j > 0 && i-j < 8 {
		if strings.IndexByte(" \t\"'[(:=", s[j-1]) >= 0 {
			j--
			continue
		}
		if j >= 3 && s[j-3:j] == "：" {
			j -= 3
			continue
		}
		break
	}
	if j == i {
		return false
	}
	before := strings.ToLower(s[max(0, j-16):j])
	for _, k := range statusKeys {
		if strings.HasSuffix(before, k) && (len(before) == len(k) || !isAlnumByte(before[len(before)-len(k)-1])) {
			return true
		}
	}
	return false
}
