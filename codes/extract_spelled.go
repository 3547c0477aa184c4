// Codes spelt out in words: clients that print only a message often still say the code's words ("internal
// error", "download bandwidth ... cap exceeded"). Such an entry is a candidate only; resolution takes it when
// the status agrees and, among several, when the API call named in the text is one the entry lists.

package codes

import (
	"bytes"
	"slices"
	"strings"
	"sync"
)

// spelled is the index of codes by their words.
type spelled struct {
	byWord map[string][]int // word -> entries whose code has it
	words  map[int][]string // entry -> the words of its code
}

// spelledIndex files each code entry of two or more words under each of its words.
var spelledIndex = sync.OnceValue(func() spelled {
	idx := spelled{byWord: map[string][]int{}, words: map[int][]string{}}
	for i := range entries {
		e := &entries[i]
		if e.Kind != KindCode {
			continue
		}
		ws := words(e.Code)
		if len(ws) < 2 {
			continue
		}
		idx.words[i] = ws
		for _, w := range ws {
			idx.byWord[w] = append(idx.byWord[w], i)
		}
	}
	return idx
})

// callNames holds every API call name the catalog's entries list, for reading them from text.
var callNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for i := range entries {
		for _, c := range entries[i].Calls {
			if c != "*" && !strings.ContainsAny(c, "(?") {
				names[strings.ToLower(c)] = true
			}
		}
	}
	return names
})

// spelledCodes returns the code entries that keep accepts all of whose words stand in s, and the API calls s
// names. It lowers
// words on the stack and looks them up without allocating, since it may run for many records of a large log.
func spelledCodes(s string, keep func(*Entry) bool) (found []*Entry, calls []string) {
	idx := spelledIndex()
	var cands []int
	var buf [64]byte
	for i := 0; i < len(s); {
		if !isAlnumByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isAlnumByte(s[j]) || s[j] == '_') {
			j++
		}
		word := lowerInto(buf[:0], s[i:j])
		if callNames()[string(word)] {
			calls = append(calls, string(word))
		}
		// A snake_case run is looked up part by part: its parts are the code's words.
		for _, part := range bytes.Split(word, []byte("_")) {
			for _, id := range idx.byWord[string(part)] {
				if keep(&entries[id]) && !slices.Contains(cands, id) {
					cands = append(cands, id)
				}
			}
		}
		i = j
	}
	for _, id := range cands {
		all := true
		for _, cw := range idx.words[id] {
			if !hasWordFold(s, cw) {
				all = false
				break
			}
		}
		if all {
			found = append(found, &entries[id])
		}
	}
	return found, calls
}

// lowerInto appends the ASCII-lowered s to dst (up to its capacity).
func lowerInto(dst []byte, s string) []byte {
	for i := 0; i < len(s) && len(dst) < cap(dst); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// hasWordFold reports whether the lower-case word w stands in s as a word (or a part of a snake_case run), in any
// case.
func hasWordFold(s, w string) bool {
	for from := 0; from+len(w) <= len(s); {
		i := indexFold(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isAlnumByte(s[i-1])) && (j == len(s) || !isAlnumByte(s[j])) {
			return true
		}
		from = i + 1
	}
	return false
}

// pickSpelled chooses among the spelt-out codes the one of the observed status from a provider the evidence
// names, or, when several are, the only one that lists a call the text names. A code that only spells the
// status's reason phrase (not_found at 404) says nothing the status does not.
func pickSpelled(cands []*Entry, calls []string, status int, ranked []string) *Entry {
	var fit []*Entry
	for _, e := range cands {
		if e.Status == status && contains(ranked, e.Provider) && !namesStatus(e.Code, status) {
			fit = append(fit, e)
		}
	}
	if len(fit) == 1 {
		return fit[0]
	}
	var byCall []*Entry
	for _, e := range fit {
		for _, c := range e.Calls {
			if contains(calls, strings.ToLower(c)) {
				byCall = append(byCall, e)
				break
			}
		}
	}
	if len(byCall) == 1 {
		return byCall[0]
	}
	return nil
}
