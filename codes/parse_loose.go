package codes

import "strings"

// A tolerant parser for the object notations API errors are printed in: JSON (pretty, minified or truncated),
// JavaScript object literals (unquoted keys, single quotes), Ruby hashes ("code" => 1, :code => 1, code: 1) and
// Python reprs ('code': 1, None, True). It never fails: it skips what it does not understand and stops at the end
// of the input, so a truncated body still yields the keys that arrived. Work and memory are bounded: nesting
// beyond maxLooseDepth is skipped without recursion, and at most maxLooseNodes values are kept.

const (
	maxLooseDepth  = 24
	maxLooseNodes  = 4096
	maxLooseString = 4096
)

// lnode is a parsed value.
type lnode struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 'z' null, 'w' bare word
	str   string
	truth bool
	keys  []string // object keys, in order
	vals  []*lnode // object values, parallel to keys
	items []*lnode // array items
}

// get returns the value of the first key equal to one of names.
func (n *lnode) get(names ...string) *lnode {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for _, name := range names {
		for i, k := range n.keys {
			if k == name {
				return n.vals[i]
			}
		}
	}
	return nil
}

// getSuffix returns the value of the first key ending in one of the suffixes, for dotted keys such as ECS's
// "http.response.status_code".
func (n *lnode) getSuffix(suffixes ...string) *lnode {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for i, k := range n.keys {
		for _, s := range suffixes {
			if len(k) > len(s) && k[len(k)-len(s):] == s {
				return n.vals[i]
			}
		}
	}
	return nil
}

// text returns a scalar as text ("" for objects and arrays).
func (n *lnode) text() string {
	if n == nil {
		return ""
	}
	switch n.kind {
	case 's', 'n', 'w':
		return n.str
	case 'b':
		if n.truth {
			return "true"
		}
		return "false"
	}
	return ""
}

type looseParser struct {
	s     string
	i     int
	nodes int
}

// parseLooseObjects parses the objects that start at top-level '{' in s, up to max of them.
func parseLooseObjects(s string, max int) []*lnode {
	return (&looseObjects{p: looseParser{s: s}}).first(max)
}

// looseObjects is a parse of a text's objects that can go on where it stopped: a large record is asked for
// its first object, then for its first eight, and parsing the first one twice would double the work.
type looseObjects struct {
	p    looseParser
	out  []*lnode
	done bool // no '{' is left
}

// first returns the first max objects of the text (fewer when it has fewer), the same as
// parseLooseObjects(s, max), parsing only what earlier calls did not.
func (l *looseObjects) first(max int) []*lnode {
	p, s := &l.p, l.p.s
	for len(l.out) < max && !l.done {
		j := indexByteFrom(s, '{', p.i)
		if j < 0 {
			l.done = true
			break
		}
		p.i = j
		n := p.value(0)
		if n != nil && n.kind == 'o' && len(n.keys) > 0 {
			l.out = append(l.out, n)
		}
		if p.i <= j {
			p.i = j + 1
		}
	}
	return l.out[:min(max, len(l.out)):min(max, len(l.out))]
}

// indexByteFrom is the position of the first c in s at or after from, or -1.
func indexByteFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

func (p *looseParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r', ',':
			p.i++
		default:
			return
		}
	}
}

func (p *looseParser) value(depth int) *lnode {
	p.skipSpace()
	if p.nodes >= maxLooseNodes {
		// Out of budget: stop reading altogether. Returning without consuming input would leave the caller's
		// loop where it is, forever (found by FuzzLooseObjects).
		p.i = len(p.s)
		return nil
	}
	if p.i >= len(p.s) {
		return nil
	}
	p.nodes++
	c := p.s[p.i]
	switch {
	case c == '{' || c == '[':
		if depth >= maxLooseDepth {
			p.skipNested()
			return nil
		}
		if c == '{' {
			return p.object(depth + 1)
		}
		return p.array(depth + 1)
	case c == '"' || c == '\'':
		return &lnode{kind: 's', str: p.quoted()}
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		start := p.i
		for p.i < len(p.s) && isNumberByte(p.s[p.i]) {
			p.i++
		}
		return &lnode{kind: 'n', str: p.s[start:p.i]}
	}
	w := p.bare()
	switch w {
	case "":
		p.i++ // a byte that starts no value: skip it
		return nil
	case "true", "True":
		return &lnode{kind: 'b', truth: true}
	case "false", "False":
		return &lnode{kind: 'b'}
	case "null", "None", "nil", "undefined":
		return &lnode{kind: 'z'}
	}
	return &lnode{kind: 'w', str: w}
}

func isNumberByte(c byte) bool {
	return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'
}

func (p *looseParser) object(depth int) *lnode {
	n := &lnode{kind: 'o'}
	p.i++ // '{'
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return n // truncated: keep what arrived
		}
		switch p.s[p.i] {
		case '}':
			p.i++
			return n
		case ']':
			p.i++ // stray closer
			continue
		}
		key, ok := p.key()
		if !ok {
			p.i++
			continue
		}
		if !p.separator() {
			continue
		}
		v := p.value(depth)
		if v != nil && len(n.keys) < 256 {
			n.keys = append(n.keys, key)
			n.vals = append(n.vals, v)
		}
	}
}

func (p *looseParser) array(depth int) *lnode {
	n := &lnode{kind: 'a'}
	p.i++ // '['
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return n
		}
		if p.s[p.i] == ']' {
			p.i++
			return n
		}
		if p.s[p.i] == '}' {
			p.i++
			continue
		}
		v := p.value(depth)
		if v != nil && len(n.items) < 256 {
			n.items = append(n.items, v)
		}
	}
}

// key reads an object key: quoted, bare (code, retry_after), a Ruby symbol (:code) or a number ("0" in
// Discord's error trees).
func (p *looseParser) key() (string, bool) {
	c := p.s[p.i]
	switch {
	case c == '"' || c == '\'':
		return p.quoted(), true
	case c == ':':
		p.i++
		if w := p.bare(); w != "" {
			return w, true
		}
		return "", false
	}
	if w := p.bare(); w != "" {
		return w, true
	}
	return "", false
}

// separator consumes ':', '=>' or '=' between a key and its value.
func (p *looseParser) separator() bool {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
	if p.i >= len(p.s) {
		return false
	}
	switch {
	case p.s[p.i] == ':':
		p.i++
		return true
	case p.s[p.i] == '=' && p.i+1 < len(p.s) && p.s[p.i+1] == '>':
		p.i += 2
		return true
	case p.s[p.i] == '=':
		p.i++
		return true
	}
	return false
}

// bare reads an identifier-like word.
func (p *looseParser) bare() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c == '$' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

// quoted reads a string in the quote at p.i, undoing the common escapes, and stops at the end of the input if
// the string never closes.
func (p *looseParser) quoted() string {
	q := p.s[p.i]
	p.i++
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.s) && p.s[p.i] != q && p.s[p.i] != '\\' {
		p.i++
	}
	if p.i >= len(p.s) || p.s[p.i] == q {
		s := p.s[start:p.i]
		if p.i < len(p.s) {
			p.i++
		}
		return capString(s)
	}
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == q {
			p.i++
			break
		}
		if c == '\\' && p.i+1 < len(p.s) {
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				buf = append(buf, '\n')
			case 't':
				buf = append(buf, '\t')
			case 'r':
				buf = append(buf, '\r')
			case 'u':
				if r, ok := hex4(p.s, p.i+1); ok {
					buf = appendRune(buf, r)
					p.i += 4
				} else {
					buf = append(buf, 'u')
				}
			default:
				buf = append(buf, e)
			}
			p.i++
			continue
		}
		if len(buf) < maxLooseString*2 {
			buf = append(buf, c)
		}
		p.i++
	}
	return capString(string(buf))
}

func capString(s string) string {
	if len(s) > maxLooseString {
		return s[:maxLooseString]
	}
	return s
}

func hex4(s string, at int) (rune, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[at : at+4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

func appendRune(buf []byte, r rune) []byte {
	var tmp [4]byte
	n := encodeRune(tmp[:], r)
	return append(buf, tmp[:n]...)
}

// skipNested jumps over a nested region too deep to keep, counting brackets in a loop (never recursing), so
// that a body nested a million levels deep costs one pass and no stack.
func (p *looseParser) skipNested() {
	depth := 0
	for p.i < len(p.s) {
		switch c := p.s[p.i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				p.i++
				return
			}
		case '"', '\'':
			p.quoted()
			continue
		}
		p.i++
	}
}
