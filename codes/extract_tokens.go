// Extraction of catalog codes wherever they stand in a line: the catalog, not a list of formats, decides what is
// a code. A token counts by its shape (snake_case and CamelCase codes are rarely ordinary words) and by its
// context (in parentheses, after "code", as the value of Key[value], beside a status, as the last part of an
// exception class name).

package codes

import (
	"sort"
	"strings"
)

// tokenShape classifies a run of letters, digits and underscores.
type tokenShape uint8

const (
	shapeOther  tokenShape = iota
	shapeSnake             // download_cap_exceeded
	shapeCamel             // NoSuchUpload: two or more humps
	shapeDigits            // 10004: four to six digits
	shapeWord              // unauthorized, Conflict, UNAUTHORIZED: one word, a code only in context
)

// codeToken is a catalog code found in a line, with how much its place in the line says it is the error's code.
type codeToken struct {
	text  string
	pos   int
	score int
	// exception says the token is an SDK exception class name rather than a code.
	exception bool
}

// code returns the catalog code the token stands for: itself, or the code of the error its exception class is
// raised for (the one with the observed status when the class stands for several).
func (t codeToken) code(status int) string {
	if !t.exception {
		return t.text
	}
	ms := lookupException(t.text, Options{})
	for _, m := range ms {
		if m.Entry.Kind == KindCode && (status == 0 || m.Entry.Status == status) {
			return m.Entry.Code
		}
	}
	if len(ms) > 0 && ms[0].Entry.Kind == KindCode {
		return ms[0].Entry.Code
	}
	return ""
}

// maxTokenScan bounds the part of a record that is searched for catalog tokens.
const maxTokenScan = 16 << 10

// findCodeToken returns the catalog code in s that its shape and context mark most clearly as an error code.
// hasClue says the record already points at a provider, which lets one-word codes count with less context.
func findCodeToken(s string, hasClue bool) (codeToken, bool) {
	if len(s) > maxTokenScan {
		s = s[:maxTokenScan]
	}
	var best codeToken
	found := false
	for i := 0; i < len(s); {
		if !isTokenByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isTokenByte(s[j]) {
			j++
		}
		tok := s[i:j]
		start := i
		i = j
		shape := classifyToken(tok)
		if shape == shapeOther {
			continue
		}
		// The context is cheaper to judge than the catalog: words and numbers without it are skipped first.
		ctx := tokenContext(s, start, j)
		score := ctx
		switch shape {
		case shapeSnake, shapeCamel:
			score += 2
		case shapeDigits:
			if ctx < 3 && !followedByOwnMessage(tok, s[j:]) {
				continue // a bare number is an id, a port or a size far more often than a code
			}
			score = max(score, 3)
		case shapeWord:
			need := 4
			if hasClue {
				need = 3
			}
			if ctx < need {
				continue
			}
		}
		if score < 2 || inPathOrURL(s, start, j) {
			continue
		}
		exception := false
		if !inCatalogAsCode(tok, shape) {
			// An SDK's exception class for an error ("StorageCapExceeded") names it as well as its code.
			if shape != shapeCamel || len(lookupException(tok, Options{})) == 0 {
				continue
			}
			exception = true
		}
		// Equal scores: the later token wins, since wrappers print their own words before the error they wrap.
		if !found || score >= best.score {
			best, found = codeToken{text: tok, pos: start, score: score, exception: exception}, true
		}
	}
	return best, found
}

func isTokenByte(c byte) bool {
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// classifyToken tells what kind of code a token could be.
func classifyToken(t string) tokenShape {
	if len(t) < 3 || len(t) > 64 {
		return shapeOther
	}
	digits, lower, upper, under, humps := 0, 0, 0, 0, 0
	for k := 0; k < len(t); k++ {
		c := t[k]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
			if k > 0 && t[k-1] >= 'a' && t[k-1] <= 'z' {
				humps++
			}
		case c == '_':
			under++
		}
	}
	switch {
	case digits == len(t):
		if len(t) >= 4 && len(t) <= 6 {
			return shapeDigits
		}
	case under > 0 && upper == 0 && t[0] >= 'a' && t[0] <= 'z' && t[len(t)-1] != '_':
		return shapeSnake
	case under == 0 && humps >= 1 && t[0] >= 'A' && t[0] <= 'Z' && lower > 0:
		return shapeCamel
	case under == 0 && digits == 0 && (upper == 0 || upper == len(t) || (upper == 1 && t[0] >= 'A' && t[0] <= 'Z')):
		return shapeWord
	}
	return shapeOther
}

// inCatalogAsCode reports whether a token is spelt like a catalog code (case aside; CamelCase may match a
// snake_case code, since SDKs rename codes as exception classes).
func inCatalogAsCode(tok string, shape tokenShape) bool {
	// Every entry filed under the token's normalised form matches it once case and underscores are ignored,
	// which is what a CamelCase token may differ by.
	for _, id := range findASCII(codeIndex[:], tok) {
		e := &entries[id]
		if e.Kind == KindCode && (shape == shapeCamel || strings.EqualFold(e.Code, tok)) {
			return true
		}
	}
	return false
}

// findASCII is find for an ASCII token, normalised on the stack: it runs for many tokens of every record.
func findASCII(idx []indexKey, tok string) []uint16 {
	var buf [64]byte
	n := 0
	for i := 0; i < len(tok) && n < len(buf); i++ {
		switch c := tok[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf[n] = c
			n++
		case c >= 'A' && c <= 'Z':
			buf[n] = c + 'a' - 'A'
			n++
		}
	}
	key := buf[:n]
	i := sort.Search(len(idx), func(i int) bool { return idx[i].key >= string(key) })
	if i < len(idx) && idx[i].key == string(key) {
		return idx[i].ids
	}
	return nil
}

// tokenContext scores what surrounds s[i:j]: how clearly the text presents the token as an error code.
func tokenContext(s string, i, j int) int {
	before := s[max(0, i-24):i]
	var prev, next byte = ' ', ' '
	if i > 0 {
		prev = s[i-1]
	}
	if j < len(s) {
		next = s[j]
	}
	score := 0
	switch {
	case prev == '(' && (next == ')' || next == ','):
		score += 3 // "(NoSuchUpload)", "(10004)"
	case prev == '[' && next == ']':
		score += 3 // "ErrorCode[NoSuchUpload]", "DiscordAPIError[10008]"
	case prev == '.' && i >= 2 && isTokenByte(s[i-2]) && (next == ':' || next == ' ' || j == len(s)):
		score += 2 // the last part of an exception class: "b2sdk.exception.CapExceeded:"
	}
	if strings.HasSuffix(before, ": ") || strings.HasSuffix(before, "：") || strings.HasSuffix(before, "- ") {
		score += 2
	}
	if next == ':' || next == ',' || next == ')' {
		score++ // "NoSuchKey: The specified key ...", Terraform's "MethodNotAllowed,", "(401 unauthorized)"
	}
	if keyBefore(before) {
		score += 3 // "error code: 10004", "ErrorCode=NoSuchKey", "Error: unauthorized"
	}
	if statusBeside(s, i) {
		score += 3 // "(401 unauthorized)", "401 - unauthorized", "403 cap_exceeded"
	}
	return score
}

// statusBeside reports whether a 4xx or 5xx status stands right before position i ("401 - ", "(403 ").
func statusBeside(s string, i int) bool { return statusBefore(s, i) != 0 }

// statusBefore returns the 4xx or 5xx status that stands right before position i, separated from it by
// spaces, a dash or a colon ("401 - unauthorized", "(403 cap_exceeded", "400: bad_request"), or 0.
func statusBefore(s string, i int) int {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '-' || s[k-1] == ':') && i-k < 4 {
		k--
	}
	if k < 3 || k == i {
		return 0
	}
	n := s[k-3 : k]
	if (n[0] != '4' && n[0] != '5') || !isDigits(n) || (k >= 4 && isTokenByte(s[k-4])) {
		return 0
	}
	return atoiStatus(n)
}

// inPathOrURL reports whether s[i:j] is part of a path, URL or file name rather than text about an error.
func inPathOrURL(s string, i, j int) bool {
	if i > 0 && (s[i-1] == '/' || s[i-1] == '\\' || s[i-1] == '=' && i > 1 && s[i-2] == '?') {
		return true
	}
	return j < len(s) && (s[j] == '/' || s[j] == '\\' || (s[j] == '.' && j+1 < len(s) && isTokenByte(s[j+1])))
}

// codeKeys are the words after which a token is presented as a code.
var codeKeys = []string{"code", "error", "reason", "exception"}

// keyBefore reports whether before ends with a code key and nothing but separators after it.
func keyBefore(before string) bool {
	end := len(before)
	for end > 0 && strings.IndexByte(" :=[\"'(", before[end-1]) >= 0 {
		end--
	}
	for _, w := range codeKeys {
		if end >= len(w) && strings.EqualFold(before[end-len(w):end], w) {
			return true
		}
	}
	return false
}

// followedByOwnMessage reports whether the text after a token begins with one of the messages of the code the
// token spells ("50013 Missing Permissions", "10004: Unknown Guild"): a number followed by its own message is
// that code.
func followedByOwnMessage(tok, after string) bool {
	after = strings.TrimLeft(after, " :-")
	if after == "" || !(after[0] >= 'A' && after[0] <= 'Z' || after[0] >= 'a' && after[0] <= 'z') {
		return false // a date, a time or another number: no message follows
	}
	for _, id := range findNormalized(codeIndex[:], tok) {
		e := &entries[id]
		if e.Kind != KindCode || e.Code != tok {
			continue
		}
		for _, m := range e.Messages {
			if len(after) >= len(m) && strings.EqualFold(after[:len(m)], m) && !strings.ContainsAny(m, "{}") {
				return true
			}
		}
	}
	return false
}
