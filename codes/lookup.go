package codes

import (
	"strconv"
	"strings"
	"sync"
)

// How tells how an entry matched a query.
type How uint8

const (
	// ByCode: the query is the entry's code, ignoring case ("nosuchkey") or separators ("no such key").
	ByCode How = iota + 1
	// ByName: the query is the entry's name or one of its aliases ("MissingPermissions").
	ByName
	// ByStatus: the query is an HTTP status ("404") or class ("4xx") and the entry comes with it.
	ByStatus
	// ByMessage: the query is one of the entry's messages, or an instance of one of its message templates.
	ByMessage
	// ByFuzzy: the entry was found by ranked fuzzy search, not by an exact key.
	ByFuzzy
)

// Exact reports whether the match was by an exact key rather than by fuzzy search.
func (h How) Exact() bool { return h != ByFuzzy }

// String returns "exact" or "fuzzy", the words the JSON output uses.
func (h How) String() string {
	if h.Exact() {
		return "exact"
	}
	return "fuzzy"
}

// Match is an entry found for a query.
type Match struct {
	Entry *Entry
	How   How
	Score int // ranking score of fuzzy matches, higher is better; 0 for exact matches
}

// Options narrows a lookup or search.
type Options struct {
	// Providers keeps only entries of these provider ids; empty means every provider. Resolve user input with
	// ProviderByName first.
	Providers []string
	// Limit caps the number of matches of a search; 0 means DefaultLimit. Lookup ignores it.
	Limit int
}

func (o *Options) allows(provider string) bool {
	if len(o.Providers) == 0 {
		return true
	}
	for _, p := range o.Providers {
		if p == provider {
			return true
		}
	}
	return false
}

// ParseStatus reads a query as an HTTP status ("404") or status class ("4xx", "4XX"). For a status it returns
// (404, false, true); for a class (4, true, true).
func ParseStatus(q string) (n int, class bool, ok bool) {
	q = strings.TrimSpace(q)
	if len(q) != 3 {
		return 0, false, false
	}
	if q[0] >= '1' && q[0] <= '5' && (q[1] == 'x' || q[1] == 'X') && (q[2] == 'x' || q[2] == 'X') {
		return int(q[0] - '0'), true, true
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 100 || n > 599 {
		return 0, false, false
	}
	return n, false, true
}

// Lookup answers a query by exact keys only: code (ignoring case and separators), name or alias, HTTP status or
// class, and message or message template. It returns nil when nothing matches exactly; Search is the fallback.
//
// A status query returns every provider's entries for that status, provider by provider (in Providers order),
// each provider's general status entry before its specific codes.
//
// Each match's Entry is a fresh copy that shares no memory with the catalog or with other results: the caller may
// modify it.
func Lookup(query string, opts Options) []Match {
	return copyMatches(lookup(query, opts))
}

// lookup is Lookup on the catalog's own entries, for the package's internal use.
func lookup(query string, opts Options) []Match {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil
	}
	var out []Match
	seen := map[int]bool{}
	addIDs := func(ids []uint16, how How) {
		for _, id := range ids {
			i := int(id)
			if !seen[i] && opts.allows(entries[i].Provider) {
				seen[i] = true
				out = append(out, Match{Entry: &entries[i], How: how})
			}
		}
	}

	if n, class, ok := ParseStatus(query); ok {
		// A backup errorCode such as "127" is also a three-digit number: codes first, then the status.
		addIDs(findNormalized(codeIndex[:], query), ByCode)
		for i := range entries {
			e := &entries[i]
			hit := e.Status == n
			if class {
				hit = e.Status/100 == n || (e.Kind == KindClass && e.Code[0] == query[0])
			}
			if hit && !seen[i] && opts.allows(e.Provider) {
				seen[i] = true
				out = append(out, Match{Entry: e, How: ByStatus})
			}
		}
		sortByProvider(out)
		return out
	}

	norm := Normalize(query)
	addIDs(find(codeIndex[:], norm), ByCode)
	addIDs(find(nameIndex[:], norm), ByName)
	addIDs(find(messageIndex[:], norm), ByMessage)
	for _, m := range matchTemplates(query, opts) {
		if !seen[m] {
			seen[m] = true
			out = append(out, Match{Entry: &entries[m], How: ByMessage})
		}
	}
	return out
}

// LookupMessage finds the entries whose message, or message template, is text, such as "Invalid authorization
// token" (B2 bad_auth_token) or "Export Already in Progress" (backup 140). The entries are copies the caller may
// modify.
func LookupMessage(text string, opts Options) []Match {
	return copyMatches(lookupMessage(text, opts))
}

// lookupMessage is LookupMessage on the catalog's own entries.
func lookupMessage(text string, opts Options) []Match {
	var out []Match
	for _, id := range findNormalized(messageIndex[:], text) {
		if opts.allows(entries[id].Provider) {
			out = append(out, Match{Entry: &entries[id], How: ByMessage})
		}
	}
	for _, i := range matchTemplates(text, opts) {
		out = append(out, Match{Entry: &entries[i], How: ByMessage})
	}
	return out
}

// LookupException finds the entries an SDK exception class stands for, such as "StorageCapExceeded" (B2
// storage_cap_exceeded) or "com.backblaze.b2.client.exceptions.B2UnauthorizedException". Only the last dotted
// segment of name counts, and case is ignored; the match is exact, never fuzzy. A class that an SDK raises for
// many codes finds only the entry that is its default. The entries are copies the caller may modify.
func LookupException(name string, opts Options) []Match {
	return copyMatches(lookupException(name, opts))
}

// lookupException is LookupException on the catalog's own entries.
func lookupException(name string, opts Options) []Match {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return nil
	}
	var out []Match
	for _, id := range find(exceptionIndex[:], strings.ToLower(name)) {
		if opts.allows(entries[id].Provider) {
			out = append(out, Match{Entry: &entries[id], How: ByName})
		}
	}
	return out
}

// ByStatusCode returns the entries that come with an HTTP status, in Providers order. They are copies the caller
// may modify.
func ByStatusCode(status int, opts Options) []*Entry {
	var out []*Entry
	for _, m := range lookup(strconv.Itoa(status), opts) {
		if m.Entry.Status == status {
			out = append(out, m.Entry)
		}
	}
	return copyEntries(out)
}

// Find returns the entry of a provider with the given code and status. Status 0 matches an entry of that code
// whatever its status, preferring the first in catalog order. The entry is a copy the caller may modify.
func Find(provider, code string, status int) (*Entry, bool) {
	if e, ok := findEntry(provider, code, status); ok {
		return e.clone(), true
	}
	return nil, false
}

// findEntry is Find on the catalog's own entries: the package keys findings by entry pointer, so its internal
// paths must use these, never copies.
func findEntry(provider, code string, status int) (*Entry, bool) {
	for _, id := range findNormalized(codeIndex[:], code) {
		e := &entries[id]
		if e.Provider == provider && strings.EqualFold(e.Code, code) && (status == 0 || e.Status == status) {
			return e, true
		}
	}
	return nil, false
}

// matchTemplates lists the entries one of whose message templates text is an instance of (template.match).
func matchTemplates(text string, opts Options) []int {
	text = strings.TrimSpace(text)
	if len(text) > 4096 {
		return nil // no catalog message is anywhere near this long
	}
	lower := strings.ToLower(text)
	pre := templatePrechecks()
	if len(lower) < pre.minLen {
		return nil // shorter than any instance of any template
	}
	var buf [templateScanRoom]bool
	present := pre.set.scanInto(lower, buf[:0])
	var out []int
	for i := range templates {
		t := &templates[i]
		c := &pre.byTemplate[i]
		if len(lower) < c.minLen || c.id >= 0 && !present[c.id] {
			continue // too short for the template, or without its longest literal: no instance
		}
		if !t.match(lower) || !opts.allows(entries[t.entry].Provider) {
			continue
		}
		if len(out) == 0 || out[len(out)-1] != t.entry {
			out = append(out, t.entry)
		}
	}
	return out
}

// providerRank returns the position of a provider in Providers order.
func providerRank(id string) int {
	for i := range providers {
		if providers[i].ID == id {
			return i
		}
	}
	return len(providers)
}

// sortByProvider orders matches provider by provider, general status entries before specific codes, keeping
// catalog order otherwise.
func sortByProvider(ms []Match) {
	rank := func(m Match) (int, int) {
		k := 1
		if m.Entry.Kind != KindCode {
			k = 0
		}
		return providerRank(m.Entry.Provider), k
	}
	// Insertion sort is stable and the lists are short (a status matches at most a few dozen entries).
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0; j-- {
			pa, ka := rank(ms[j-1])
			pb, kb := rank(ms[j])
			if pa < pb || (pa == pb && ka <= kb) {
				break
			}
			ms[j-1], ms[j] = ms[j], ms[j-1]
		}
	}
}

// templatePrecheck is what any instance of a template has, for matchTemplates to pass over most templates
// without matching them: a length of at least minLen (the literals and a byte for each placeholder) and the
// template's longest literal, whose id in templatePrecheckSet.set is id (-1: no literal).
type templatePrecheck struct {
	minLen int
	id     int
}

// templatePrecheckSet holds every template's precheck and a guard set that finds all the longest literals in
// one pass.
type templatePrecheckSet struct {
	byTemplate []templatePrecheck // parallel to templates
	set        *guardSet
	minLen     int // the least minLen of all
}

// templatePrechecks works out the templates' prechecks once: they depend on the catalog alone.
var templatePrechecks = sync.OnceValue(func() *templatePrecheckSet {
	ps := &templatePrecheckSet{byTemplate: make([]templatePrecheck, len(templates)), set: newGuardSet(false)}
	for i := range templates {
		parts := templates[i].parts
		c := templatePrecheck{minLen: len(parts) - 1, id: -1}
		longest := ""
		for _, p := range parts {
			c.minLen += len(p)
			if len(p) > len(longest) {
				longest = p
			}
		}
		if longest != "" {
			c.id = ps.set.add(longest)
		}
		ps.byTemplate[i] = c
		if i == 0 || c.minLen < ps.minLen {
			ps.minLen = c.minLen
		}
	}
	return ps
})
