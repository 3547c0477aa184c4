// Log stamps: the date and time a logger writes at the head of each line. They say when, never what failed, and
// they change on every line, so a single-line record is analysed with the digits of its leading stamp set to
// zero: a log that repeats one error with an advancing clock then repeats one text, which the memo (memo.go)
// answers from a map. The stamp stays in place, zeroed rather than cut, so that what the analysis anchors at a
// line's start (an HTTP status line, a client's prefix) still sees a stamp there, as it always did.

package codes

// zeroStamp sets the digits of a leading stamp to '0'.
func zeroStamp(stamp []byte) {
	for i, c := range stamp {
		if isDigitByte(c) {
			stamp[i] = '0'
		}
	}
}

// leadingStamp returns the length of the log stamp at the start of line with the spaces after it, or 0 when the
// line does not start with one. The stamps it knows, each also inside "[...]":
//
//	2024-05-01T10:00:00.123Z   2024-05-01 10:00:00,123   2024/05/01 10:00:00   2024-05-01T10:00:00+02:00
//	May  1 10:00:00            May 12 10:00:00.123 (syslog)
//
// A stamp must be followed by a space and by more text: a line that is only a stamp keeps it. It is a hand-written
// scanner, not a regular expression, since it runs for every line that starts a record.
func leadingStamp(line string) int {
	i, bracket := 0, false
	if len(line) > 0 && line[0] == '[' {
		i, bracket = 1, true
	}
	n := isoStamp(line[i:])
	if n == 0 {
		n = syslogStamp(line[i:])
	}
	if n == 0 {
		return 0
	}
	i += n
	if bracket {
		if i >= len(line) || line[i] != ']' {
			return 0
		}
		i++
	}
	if i >= len(line) || line[i] != ' ' {
		return 0
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i == len(line) {
		return 0
	}
	return i
}

// isoStamp returns the length of a date and time at the start of s: "2024-05-01T10:00:00", "2024/05/01
// 10:00:00", with a fraction (".123", ",123") and a zone ("Z", "+02:00", "-0700") when they follow; else 0.
func isoStamp(s string) int {
	if !digitsAt(s, 0, 4) || len(s) < 11 || (s[4] != '-' && s[4] != '/') || !digitsAt(s, 5, 2) || s[7] != s[4] ||
		!digitsAt(s, 8, 2) || (s[10] != 'T' && s[10] != ' ') {
		return 0
	}
	n := clockAt(s, 11)
	if n == 0 {
		return 0
	}
	i := 11 + n
	if i < len(s) && s[i] == 'Z' {
		return i + 1
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') && digitsAt(s, i+1, 2) {
		switch {
		case byteAt(s, i+3, ':') && digitsAt(s, i+4, 2):
			return i + 6
		case digitsAt(s, i+3, 2):
			return i + 5
		}
	}
	return i
}

// syslogStamp returns the length of a syslog stamp at the start of s ("May  1 10:00:00", "May 12 10:00:00"),
// with a fraction when one follows; else 0.
func syslogStamp(s string) int {
	if len(s) < 15 || !isMonth(s[:3]) || s[3] != ' ' {
		return 0
	}
	switch {
	case s[4] == ' ' && digitsAt(s, 5, 1), digitsAt(s, 4, 2):
	default:
		return 0
	}
	if s[6] != ' ' {
		return 0
	}
	n := clockAt(s, 7)
	if n == 0 {
		return 0
	}
	return 7 + n
}

// clockAt returns the length of a time of day at s[i:] ("10:00:00", "10:00:00.123", "10:00:00,123"), or 0.
func clockAt(s string, i int) int {
	if !digitsAt(s, i, 2) || !byteAt(s, i+2, ':') || !digitsAt(s, i+3, 2) || !byteAt(s, i+5, ':') ||
		!digitsAt(s, i+6, 2) {
		return 0
	}
	j := i + 8
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigitByte(s[j+1]) {
		j++
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
	}
	return j - i
}

// digitsAt reports whether s[i:i+n] is n ASCII digits.
func digitsAt(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigitByte(s[k]) {
			return false
		}
	}
	return true
}

func byteAt(s string, i int, c byte) bool { return i < len(s) && s[i] == c }

// isMonth reports whether m is an English month's three-letter name, as syslog writes it.
func isMonth(m string) bool {
	switch m {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}
