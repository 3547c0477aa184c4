package codes

import (
	"sort"
	"strings"
)

// indexKey is one key of a generated index and the entries (positions in entries) filed under it.
type indexKey struct {
	key string
	ids []uint16
}

// template is a message template compiled at generate time: the literal text around its placeholders, lower-cased.
type template struct {
	entry int
	parts []string
}

// find returns the entry positions filed under key in a sorted generated index.
func find(idx []indexKey, key string) []uint16 {
	i := sort.Search(len(idx), func(i int) bool { return idx[i].key >= key })
	if i < len(idx) && idx[i].key == key {
		return idx[i].ids
	}
	return nil
}

// match reports whether text is an instance of the template: its literal parts appear in order, the first at
// the start and the last at the end, with some text for each placeholder. Case is ignored: the parts are stored
// lower-cased and the caller lowers the text once for all templates.
func (t *template) match(lowerText string) bool {
	parts := t.parts
	rest := lowerText
	first := parts[0]
	if !strings.HasPrefix(rest, first) {
		return false
	}
	rest = rest[len(first):]
	for i := 1; i < len(parts); i++ {
		lit := parts[i]
		if i == len(parts)-1 {
			// The last placeholder takes everything up to the final literal, which must end the text.
			if !strings.HasSuffix(rest, lit) || len(rest) == len(lit) {
				return false
			}
			return true
		}
		// Each placeholder needs at least one character, so look for the literal after the first one.
		if len(rest) < 1 {
			return false
		}
		j := strings.Index(rest[1:], lit)
		if lit == "" || j < 0 {
			return false
		}
		rest = rest[1+j+len(lit):]
	}
	return rest == ""
}
