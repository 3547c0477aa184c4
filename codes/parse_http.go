package codes

import "strings"

// parseStatusLine recognises an HTTP status line, also as curl -v prints it ("< HTTP/2 429"): HTTP/1.0, 1.1, 2
// and 3. It returns the status and reason phrase.
func parseStatusLine(line string) (int, string, bool) {
	s := trimSpaceTab(line)
	if strings.HasPrefix(s, "<") {
		s = trimSpaceTab(s[1:])
	}
	if !strings.HasPrefix(s, "HTTP/") {
		return 0, "", false
	}
	s = s[len("HTTP/"):]
	sp := strings.IndexByte(s, ' ')
	if sp < 0 {
		return 0, "", false
	}
	switch s[:sp] {
	case "1.0", "1.1", "2", "2.0", "3", "3.0":
	default:
		return 0, "", false
	}
	rest := strings.TrimLeft(s[sp+1:], " ")
	if len(rest) < 3 || !isDigits(rest[:3]) || (len(rest) > 3 && rest[3] != ' ' && rest[3] != '\r') {
		return 0, "", false
	}
	n := int(rest[0]-'0')*100 + int(rest[1]-'0')*10 + int(rest[2]-'0')
	if n < 100 || n > 599 {
		return 0, "", false
	}
	return n, strings.TrimSpace(rest[3:]), true
}

// trimSpaceTab is strings.TrimLeft(s, " \t") without the cutset set-up, which cost more than the trim itself
// on every line of a long record (parseStatusLine reads every line).
func trimSpaceTab(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[i:]
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseHeader recognises a "Name: value" header line, with or without curl's "< " prefix. Names are returned
// lower-cased.
func parseHeader(line string) (string, string, bool) {
	s := trimSpaceTab(line)
	if strings.HasPrefix(s, "< ") || s == "<" {
		s = trimSpaceTab(s[1:])
	}
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || colon > 64 {
		return "", "", false
	}
	name := s[:colon]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			return "", "", false
		}
	}
	return strings.ToLower(name), strings.TrimSpace(s[colon+1:]), true
}
