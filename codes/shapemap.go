// Translating a shape's analysis to another line of the shape: a string the analysis read from the first
// line is the text at the same place in the other line.

package codes

import (
	"slices"
	"strings"
)

// maxShapeOccurrences is how many times a string may occur in a shape's first line: each must translate the
// same, or the line is analysed in full.
const maxShapeOccurrences = 8

// stringPlan is where a string of a shape's analysis stands in its first line: at every place it occurs
// (none: the analysis's own string, a label or a reason phrase), and which tokens those places overlap.
type stringPlan struct {
	tokens uint64
	places []placeSpan
	// tooMany: the string occurs more than maxShapeOccurrences times; tokens then has every bit, so that it
	// translates only for a line that differs from the first at no token.
	tooMany bool
}

// placeSpan is a place of a string in a shape's first line: where it starts and where it ends.
type placeSpan struct{ start, end placeEnd }

// placeEnd is an end of a place: its offset, and the token it falls inside of, or -1. Every line of a shape has
// its tokens where the first line has them (a shape fixes the text between them and their lengths), so an
// offset stands for the same place in each.
type placeEnd struct {
	at, inside int32
}

// planEnd plans an end of a place at offset at among a line's tokens.
func planEnd(tokens []shapeToken, at int) placeEnd {
	for k, t := range tokens {
		if int(t.start) < at && at < int(t.end) {
			return placeEnd{at: int32(at), inside: int32(k)}
		}
	}
	return placeEnd{at: int32(at), inside: -1}
}

// shapeFixedStrings is how many strings shapeStrings lists before those of o's lists.
const shapeFixedStrings = 11

// shapeStrings appends to ptrs the strings of o that translating rewrites, in a fixed order that the shape's
// plan follows. Headers are not among them: a map has no order (see translate).
func shapeStrings(o *observation, ptrs []*string) []*string {
	ptrs = append(ptrs, &o.statusText, &o.code, &o.message, &o.requestID, &o.hostID, &o.service, &o.retryAfterText,
		&o.retryDelay, &o.head, &o.call, &o.method)
	for i := range o.clues {
		ptrs = append(ptrs, &o.clues[i])
	}
	for i := range o.clients {
		ptrs = append(ptrs, &o.clients[i])
	}
	for i := range o.fieldErrors {
		fe := &o.fieldErrors[i]
		ptrs = append(ptrs, &fe.Path, &fe.Code, &fe.Message)
	}
	return ptrs
}

// planShape finds where the strings of s's analysis stand in its first line; a string the line holds more
// than once is planned at each place.
func planShape(s *shapeMemo, scratch []*string) []stringPlan {
	ptrs := shapeStrings(&s.obs, scratch)
	plan := make([]stringPlan, len(ptrs))
	for i, p := range ptrs {
		plan[i] = planString(s, *p)
	}
	return plan
}

// planString finds where str stands in s's first line.
func planString(s *shapeMemo, str string) stringPlan {
	var p stringPlan
	if str == "" {
		return p
	}
	for at, from := 0, 0; ; from = at + 1 {
		i := strings.Index(s.text[from:], str)
		if i < 0 {
			return p
		}
		at = from + i
		if len(p.places) == maxShapeOccurrences {
			p.tooMany, p.tokens = true, ^uint64(0)
			return p
		}
		p.places = append(p.places, placeSpan{planEnd(s.tokens, at), planEnd(s.tokens, at+len(str))})
		for k, t := range s.tokens {
			if int(t.start) < at+len(str) && at < int(t.end) {
				p.tokens |= 1 << k
			}
		}
	}
}

// translate makes o s's analysis as it reads for the line looked up in l (body), and reports whether every
// string of it could be taken from the same place in the line. It reads only what s was made with.
func translate(l *shapeLookup, o *observation, s *shapeMemo, body []byte) bool {
	if s.obs.headers == nil {
		// As in the memo: without headers finish changes nothing in the maps and slices, and merge copies them
		// before it changes them, so the translation shares those it does not change.
		*o = s.obs
		o.shared = true
	} else {
		*o = cloneObservation(&s.obs)
	}
	m := shapeMapper{from: s.text, body: body, tokens: s.tokens}
	for _, p := range s.plan[shapeFixedStrings:] {
		if p.tokens&l.diff != 0 {
			// A string in a list changes: the lists become the translation's own.
			o.clues, o.clients = slices.Clone(o.clues), slices.Clone(o.clients)
			o.fieldErrors = slices.Clone(o.fieldErrors)
			break
		}
	}
	l.strs = shapeStrings(o, l.strs[:0])
	fits := true
	for i, p := range l.strs {
		plan := &s.plan[i]
		if plan.tokens&l.diff == 0 {
			continue
		}
		str, ok := m.places(plan.places)
		if !ok || plan.tooMany {
			fits = false
			break
		}
		*p = str
	}
	clear(l.strs) // no pointer into o outlives the call
	if !fits {
		return false
	}
	if o.headers != nil {
		h := make(map[string]string, len(o.headers))
		for k, v := range o.headers {
			k, okK := m.str(k)
			v, okV := m.str(v)
			if !okK || !okV {
				return false
			}
			h[k] = v
		}
		o.headers = h
	}
	return true
}

// shapeMapper translates places of one line of a shape into another.
type shapeMapper struct {
	from string
	body []byte
	to   string // body as a string, made when a string is first translated: one copy serves them all
	// tokens are the first line's tokens, which the other line has at the same places.
	tokens []shapeToken
}

// places returns the text at each of a string's places in the other line, which must all be the same.
func (m *shapeMapper) places(places []placeSpan) (string, bool) {
	if m.to == "" {
		m.to = string(m.body)
	}
	var first string
	for n, p := range places {
		if !m.whole(p.start) || !m.whole(p.end) {
			return "", false
		}
		if got := m.to[p.start.at:p.end.at]; n == 0 {
			first = got
		} else if got != first {
			return "", false // the first line holds it twice, and the other line two different strings there
		}
	}
	return first, true
}

// whole reports whether an end of a place cuts no token that the two lines have differently: a string that
// takes part of an id is not that part of another id.
func (m *shapeMapper) whole(e placeEnd) bool {
	if e.inside < 0 {
		return true
	}
	t := m.tokens[e.inside]
	return m.from[t.start:t.end] == string(m.body[t.start:t.end])
}

// str translates a string with no plan (a header's name or value), finding its places first.
func (m *shapeMapper) str(s string) (string, bool) {
	p := planString(&shapeMemo{text: m.from, tokens: m.tokens}, s)
	if len(p.places) == 0 {
		return s, true
	}
	if p.tooMany {
		return "", false
	}
	return m.places(p.places)
}
