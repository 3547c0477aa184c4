package codes

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFindNormalizedAgreesWithFind checks the stack-built key against Normalize on every code, name and message
// of the catalog, in other cases and wrapped in punctuation, on non-ASCII text and on keys too long for the
// stack: a disagreement would resolve a line to another entry, or to none.
func TestFindNormalizedAgreesWithFind(t *testing.T) {
	var texts []string
	for i := range entries {
		e := &entries[i]
		texts = append(texts, e.Code, e.Name)
		texts = append(texts, e.Messages...)
	}
	texts = append(texts, "", " ", "--", "Ünauthorized", "bad_request_1", "NoSuchKey\x00", "访问被拒绝", "\xff\xfe",
		strings.Repeat("a", normKeyRoom), strings.Repeat("a", normKeyRoom+1), strings.Repeat("Ab-", normKeyRoom))
	hits := 0
	for _, s := range texts {
		for _, v := range []string{s, strings.ToUpper(s), strings.ToLower(s), " (" + s + ")."} {
			for name, idx := range map[string][]indexKey{"code": codeIndex[:], "message": messageIndex[:], "name": nameIndex[:]} {
				want := find(idx, Normalize(v))
				if got := findNormalized(idx, v); !slices.Equal(got, want) {
					t.Fatalf("%s index, %q: findNormalized %v, find(Normalize) %v", name, v, got, want)
				}
				if len(want) > 0 {
					hits++
				}
			}
			if got, want := equalNormalized(v, s), Normalize(v) == Normalize(s); got != want {
				t.Fatalf("equalNormalized(%q, %q) = %v, want %v", v, s, got, want)
			}
			if got, want := equalNormalized(v, "x"+s), Normalize(v) == Normalize("x"+s); got != want {
				t.Fatalf("equalNormalized(%q, %q) = %v, want %v", v, "x"+s, got, want)
			}
		}
	}
	if hits < len(entries) {
		t.Fatalf("only %d look-ups found entries: the texts do not exercise the indexes", hits)
	}
}

// TestFindNormalizedDoesNotAllocate keeps the look-up of a log line's code off the heap.
func TestFindNormalizedDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() {
		findNormalized(codeIndex[:], "Bad_Request_12345")
		equalNormalized("TooManyRequests", "Too Many Requests")
	}); n != 0 {
		t.Fatalf("%v allocations per look-up", n)
	}
}

// TestStatusEntryAgreesWithFindEntry checks the status table against findEntry for every provider and status,
// inside the table and out of it.
func TestStatusEntryAgreesWithFindEntry(t *testing.T) {
	found := 0
	for i := range providers {
		p := providers[i].ID
		for _, st := range []int{0, 1, 99, 100, 200, 399, 400, 401, 403, 404, 409, 429, 500, 503, 599, 600, 999, 1015, 40001} {
			want, wantOK := findEntry(p, strconv.Itoa(st), st)
			got, ok := statusEntry(p, st)
			if got != want || ok != wantOK {
				t.Fatalf("%s %d: statusEntry %v %v, findEntry %v %v", p, st, got, ok, want, wantOK)
			}
			if ok {
				found++
			}
		}
		for st := 100; st < 600; st++ {
			want, _ := findEntry(p, strconv.Itoa(st), st)
			if got, _ := statusEntry(p, st); got != want {
				t.Fatalf("%s %d: statusEntry %v, findEntry %v", p, st, got, want)
			}
		}
	}
	if got, ok := statusEntry("nosuchprovider", 404); got != nil || ok {
		t.Fatalf("an unknown provider has a status entry: %v", got)
	}
	if found < len(providers) {
		t.Fatalf("only %d statuses found: the test does not exercise the table", found)
	}
}
