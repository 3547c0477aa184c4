// Codes spelt out in words: clients that print only a message often still say the code's words ("internal
// error", "download bandwidth ... cap exceeded"). Such an entry is a candidate only; resolution takes it when
// the status agrees and, among several, when the API call named in the text is one the entry lists.

package codes

import (
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

// spelledCodes returns the code entries all of whose words stand in s, and the API calls s names.
func spelledCodes(s string) (found []*Entry, calls []string) {
	ws := lineWords(s)
	present := make(map[string]bool, len(ws))
	for _, w := range ws {
		present[w.w] = true
		if callNames()[w.w] {
			calls = append(calls, w.w)
		}
		// lineWords keeps snake_case whole; the code's words are looked up one by one.
		if strings.Contains(w.w, "_") {
			for _, part := range strings.Split(w.w, "_") {
				present[part] = true
			}
		}
	}
	seen := map[int]bool{}
	idx := spelledIndex()
	for w := range present {
		for _, i := range idx.byWord[w] {
			if seen[i] {
				continue
			}
			seen[i] = true
			all := true
			for _, cw := range idx.words[i] {
				if !present[cw] {
					all = false
					break
				}
			}
			if all {
				found = append(found, &entries[i])
			}
		}
	}
	return found, calls
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
