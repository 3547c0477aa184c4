// Catalog look-ups without allocation: every distinct line of a log looks its codes, statuses and messages up in
// the generated indexes, and building each key on the heap (Normalize, strconv.Itoa) was a good part of a
// line's garbage.

package codes

import (
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// normKeyRoom is the longest ASCII key normalised on the stack; a longer one, or one with other text, is built
// by Normalize.
const normKeyRoom = 128

// normalizeASCII writes Normalize(s) into buf when s is ASCII and its key fits, and reports whether it did.
func normalizeASCII(s string, buf *[normKeyRoom]byte) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return 0, false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			continue
		}
		if n == len(buf) {
			return 0, false
		}
		buf[n] = c
		n++
	}
	return n, true
}

// findNormalized is find(idx, Normalize(s)).
func findNormalized(idx []indexKey, s string) []uint16 {
	var buf [normKeyRoom]byte
	n, ok := normalizeASCII(s, &buf)
	if !ok {
		return find(idx, Normalize(s))
	}
	key := buf[:n]
	// string(key) in a comparison borrows key's bytes: nothing is copied.
	i := sort.Search(len(idx), func(i int) bool { return idx[i].key >= string(key) })
	if i < len(idx) && idx[i].key == string(key) {
		return idx[i].ids
	}
	return nil
}

// equalNormalized reports whether Normalize(a) == Normalize(b).
func equalNormalized(a, b string) bool {
	var ba, bb [normKeyRoom]byte
	na, okA := normalizeASCII(a, &ba)
	nb, okB := normalizeASCII(b, &bb)
	if !okA || !okB {
		return Normalize(a) == Normalize(b)
	}
	return string(ba[:na]) == string(bb[:nb])
}

// statusEntry is findEntry(provider, strconv.Itoa(status), status): a provider's entry for a status, which
// depends on the catalog alone and is looked up once per provider and status rather than once per line.
func statusEntry(provider string, status int) (*Entry, bool) {
	if status < minTabledStatus || status > maxTabledStatus {
		return findEntry(provider, strconv.Itoa(status), status)
	}
	for _, t := range statusEntries() {
		if t.provider == provider {
			e := t.byStatus[status-minTabledStatus]
			return e, e != nil
		}
	}
	return findEntry(provider, strconv.Itoa(status), status)
}

// The statuses statusEntries tables, for every provider.
const (
	minTabledStatus = 100
	maxTabledStatus = 599
)

// providerStatuses is one provider's entry for each tabled status (nil: none).
type providerStatuses struct {
	provider string
	byStatus [maxTabledStatus - minTabledStatus + 1]*Entry
}

// statusEntries tables every provider's status entries on first use.
var statusEntries = sync.OnceValue(func() []*providerStatuses {
	var out []*providerStatuses
	for i := range providers {
		t := &providerStatuses{provider: providers[i].ID}
		for st := minTabledStatus; st <= maxTabledStatus; st++ {
			t.byStatus[st-minTabledStatus], _ = findEntry(t.provider, strconv.Itoa(st), st)
		}
		out = append(out, t)
	}
	return out
})
