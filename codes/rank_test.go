package codes

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// TestRankProvidersOrder checks the ranking against a plain sort by score, then the record's own evidence, then
// catalog order, on random evidence for every provider (ties included) and with a provider filter.
func TestRankProvidersOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	only := func(p string) bool { return p != httpID }
	for range 2000 {
		scores, own := map[string]int{}, map[string]int{}
		for i := range providers {
			if r.IntN(2) == 0 {
				scores[providers[i].ID] = r.IntN(5) - 1
			}
			if r.IntN(3) == 0 {
				own[providers[i].ID] = r.IntN(3)
			}
		}
		scores[""] = 9
		for _, allowed := range []func(string) bool{func(string) bool { return true }, only} {
			var want []string
			for p, s := range scores {
				if s > 0 && allowed(p) && p != "" {
					want = append(want, p)
				}
			}
			sort.Slice(want, func(i, j int) bool {
				if scores[want[i]] != scores[want[j]] {
					return scores[want[i]] > scores[want[j]]
				}
				if own[want[i]] != own[want[j]] {
					return own[want[i]] > own[want[j]]
				}
				return providerRank(want[i]) < providerRank(want[j])
			})
			var buf [2]string // too small at times: the ranking must grow past it
			if got := rankProvidersInto(buf[:0], scores, own, allowed); !slices.Equal(got, want) {
				t.Fatalf("scores %v: ranked %v, want %v", scores, got, want)
			}
		}
	}
}
