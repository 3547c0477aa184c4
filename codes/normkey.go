// Catalog look-ups without allocation: every distinct line of a log looks its codes, statuses and messages up in
// the generated indexes, and building each key on the heap (Normalize, strconv.Itoa) was a good part of a
// line's garbage.

package codes

import (
	"sort"
	"strconv"
	"strings"
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
	// Only the keys that start with the key's first byte need searching: a tenth or less of the index.
	lo, hi := 0, len(idx)
	if b := bucketsOf(idx); b != nil && n > 0 {
		lo, hi = int(b[key[0]]), int(b[int(key[0])+1])
	}
	// string(key) in a comparison borrows key's bytes: nothing is copied.
	i := lo + sort.Search(hi-lo, func(i int) bool { return idx[lo+i].key >= string(key) })
	if i < hi && idx[i].key == string(key) {
		return idx[i].ids
	}
	return nil
}

// indexBuckets says where the keys of a sorted index that start with each byte begin: those starting with c
// are idx[b[c]:b[c+1]].
type indexBuckets [257]uint16

// bucketsOf returns the buckets of one of the generated indexes findNormalized searches, or nil for another.
func bucketsOf(idx []indexKey) *indexBuckets {
	if len(idx) == 0 {
		return nil
	}
	switch &idx[0] {
	case &codeIndex[0]:
		return codeBuckets()
	case &messageIndex[0]:
		return messageBuckets()
	case &nameIndex[0]:
		return nameBuckets()
	}
	return nil
}

// The buckets of the generated indexes, worked out on first use: they depend on the catalog alone.
var (
	codeBuckets    = sync.OnceValue(func() *indexBuckets { return bucketIndex(codeIndex[:]) })
	messageBuckets = sync.OnceValue(func() *indexBuckets { return bucketIndex(messageIndex[:]) })
	nameBuckets    = sync.OnceValue(func() *indexBuckets { return bucketIndex(nameIndex[:]) })
)

// bucketIndex works out the buckets of a sorted index: b[c] is the position of the first key whose first byte
// is c or more (an empty key sorts first, before every bucket's).
func bucketIndex(idx []indexKey) *indexBuckets {
	b := new(indexBuckets)
	k := 0
	for c := 0; c <= 256; c++ {
		for k < len(idx) && (idx[k].key == "" || int(idx[k].key[0]) < c) {
			k++
		}
		b[c] = uint16(k)
	}
	return b
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

// statusEntries tables every provider's status entries on first use, in one pass over the code index: the
// entry findEntry would find for a provider and status is the first, in the order the index files them under the
// status's key, that has the provider, the status and the status as its code.
var statusEntries = sync.OnceValue(func() []*providerStatuses {
	out := make([]*providerStatuses, len(providers))
	for i := range providers {
		out[i] = &providerStatuses{provider: providers[i].ID}
	}
	for _, k := range codeIndex {
		st, err := strconv.Atoi(k.key)
		if err != nil || st < minTabledStatus || st > maxTabledStatus || strconv.Itoa(st) != k.key {
			continue
		}
		for _, id := range k.ids {
			e := &entries[id]
			if e.Status != st || !strings.EqualFold(e.Code, k.key) {
				continue
			}
			for _, t := range out {
				if t.provider == e.Provider && t.byStatus[st-minTabledStatus] == nil {
					t.byStatus[st-minTabledStatus] = e
				}
			}
		}
	}
	return out
})
