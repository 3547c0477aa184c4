package codes_test

import (
	"fmt"
	"testing"

	"github.com/errcode/errcode/codes"
)

func TestSearchRanksTheIntendedEntryFirst(t *testing.T) {
	cases := []struct {
		query, provider, code string
	}{
		{"NoSuhcKey", "obs", "NoSuchKey"},     // transposed letters
		{"NoSuchKy", "obs", "NoSuchKey"},      // a missing letter
		{"NoSuchKeey", "obs", "NoSuchKey"},    // an extra letter
		{"no such key", "obs", "NoSuchKey"},   // separators
		{"NOSUCHKEY", "obs", "NoSuchKey"},     // case
		{"missing acess", "discord", "50001"}, // a misspelt phrase
		{"download cap exceded", "b2", "download_cap_exceeded"},
		{"expird auth tokn", "b2", "expired_auth_token"},
		{"bucket not empty", "obs", "BucketNotEmpty"},
		{"SignatureDoesNotMach", "obs", "SignatureDoesNotMatch"},
		{"missing permisions", "discord", "50013"},
		{"unknwon interaction", "discord", "10062"},
		{"RequestTimeTooSkewd", "obs", "RequestTimeTooSkewed"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			ms := codes.Search(c.query, codes.Options{})
			if len(ms) == 0 {
				t.Fatal("no match")
			}
			e := ms[0].Entry
			if e.Provider != c.provider || e.Code != c.code {
				var got []string
				for _, m := range ms {
					got = append(got, m.Entry.Provider+":"+m.Entry.Code)
				}
				t.Fatalf("first is %s:%s, want %s:%s; ranking %v", e.Provider, e.Code, c.provider, c.code, got)
			}
			if ms[0].How.Exact() {
				t.Error("search results are fuzzy matches")
			}
		})
	}
}

func TestSearchLimitAndFilter(t *testing.T) {
	ms := codes.Search("unknown", codes.Options{Limit: 3})
	if len(ms) != 3 {
		t.Fatalf("limit 3 returned %d", len(ms))
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].Score > ms[i-1].Score {
			t.Fatal("results are not ranked best first")
		}
	}
	for _, m := range codes.Search("timeout", codes.Options{Providers: []string{"obs"}, Limit: 50}) {
		if m.Entry.Provider != "obs" {
			t.Fatalf("provider filter leaked %s", m.Entry.Provider)
		}
	}
}

func TestSearchNoise(t *testing.T) {
	for _, q := range []string{"", "!!!", "zqxjkvbw"} {
		if ms := codes.Search(q, codes.Options{}); len(ms) != 0 {
			t.Errorf("Search(%q) found %s first", q, ms[0].Entry.Code)
		}
	}
	long := make([]byte, 10000)
	for i := range long {
		long[i] = 'a'
	}
	codes.Search(string(long), codes.Options{}) // bounded work, no panic
}

func BenchmarkSearchTypo(b *testing.B) {
	codes.Search("warm up", codes.Options{})
	b.ReportAllocs()
	for b.Loop() {
		codes.Search("NoSuhcKey", codes.Options{})
	}
}

func BenchmarkSearchPhrase(b *testing.B) {
	codes.Search("warm up", codes.Options{})
	b.ReportAllocs()
	for b.Loop() {
		codes.Search("download cap exceded", codes.Options{})
	}
}

func BenchmarkLookupExact(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		codes.Lookup("NoSuchKey", codes.Options{})
	}
}

func BenchmarkLookupStatus(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		codes.Lookup("503", codes.Options{})
	}
}

// TestSearchTypedQueries covers what people type around a code: provider names, decorations around numbers,
// header and field names, joined and split words. want is the top result; within > 1 accepts it among the first
// few, for queries whose other candidates are as plausible.
func TestSearchTypedQueries(t *testing.T) {
	cases := []struct {
		query, provider, code string
		status, within        int
	}{
		// A provider name or alias narrows the search.
		{query: "huawei NoSuchBucket", provider: "obs", code: "NoSuchBucket"},
		{query: "backblaze expired token", provider: "b2", code: "expired_auth_token"},
		{query: "unknown guild discord", provider: "discord", code: "10004"},
		{query: "bz 416", provider: "b2", status: 416},
		{query: "obs 409 bucket not empty", provider: "obs", code: "BucketNotEmpty"},
		// Code-shaped tokens inside decorations are tried as exact codes.
		{query: "HTTPException: 403 Forbidden (error code: 50001)", provider: "discord", code: "50001"},
		{query: "request failed with errorCode=131", provider: "backup", code: "131"},
		{query: "got APIError[10004] while fetching", provider: "discord", code: "10004"},
		{query: "Err 30005 on create", provider: "discord", code: "30005"},
		// A status number selects that status; the words rank among its entries.
		{query: "upload failed 503 b2", provider: "b2", status: 503},
		{query: "status 413 discord", provider: "discord", status: 413},
		// Header and body field names find the entries that mention them.
		{query: "X-RateLimit-Remaining", status: 429},
		{query: "retry-after header", status: 429, within: 4}, // S3's XAmzContentSHA256Mismatch message names a header too
		{query: "retry_after", status: 429},
		// Joined, split and inflected forms.
		{query: "ratelimited", status: 429},
		{query: "rate limiting", status: 429},
		{query: "time skewed", provider: "obs", code: "RequestTimeTooSkewed"},
		{query: "skewed clock", provider: "obs", code: "RequestTimeTooSkewed"},
		{query: "signatures mismatched", provider: "obs", code: "SignatureDoesNotMatch"},
		// OBS and S3 both hold SignatureDoesNotMatch; S3's InvalidRequest and InvalidSignature messages speak of signatures.
		{query: "incorrect signature", code: "SignatureDoesNotMatch", within: 5},
		{query: "slow mode", provider: "discord", code: "20016", within: 3},
		// A message with its placeholders filled in; b2sdk before 1.18 raised it under bad_request, so both
		// entries carry it.
		{query: "upload using auth token 4_0022623512fc8f80000000004", provider: "b2", code: "auth_token_limit", within: 2},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			ms := codes.Search(c.query, codes.Options{})
			within := max(c.within, 1)
			var got []string
			for i, m := range ms {
				e := m.Entry
				got = append(got, fmt.Sprintf("%s:%d:%s", e.Provider, e.Status, e.Code))
				if i < within && (c.provider == "" || e.Provider == c.provider) &&
					(c.code == "" || e.Code == c.code) && (c.status == 0 || e.Status == c.status) {
					return
				}
			}
			t.Fatalf("want %s:%d:%s in the first %d; ranking %v", c.provider, c.status, c.code, within, got)
		})
	}
}

// TestSearchStatusWordsListEveryProvider checks that words describing a status (rate limiting is 429) list every
// provider's entries of that status before specific codes that merely share the words.
func TestSearchStatusWordsListEveryProvider(t *testing.T) {
	for _, q := range []string{"rate limit", "rate-limited", "ratelimit"} {
		ms := codes.Search(q, codes.Options{Limit: 20})
		providers := map[string]bool{}
		done := false
		for _, m := range ms {
			if m.Entry.Status != 429 {
				done = true
				continue
			}
			if done {
				t.Errorf("%q: %s:%s (429) ranks after an entry of another status", q, m.Entry.Provider, m.Entry.Code)
			}
			providers[m.Entry.Provider] = true
		}
		has429 := map[string]bool{} // a transport provider's entries have no status at all; S3 sends no 429
		for _, e := range codes.All() {
			has429[e.Provider] = has429[e.Provider] || e.Status == 429
		}
		for _, p := range codes.Providers() {
			if codes.ProviderCount(p.ID) > 0 && has429[p.ID] && !providers[p.ID] {
				t.Errorf("%q: no 429 entry of %s", q, p.ID)
			}
		}
	}
}

func TestSearchProviderNameAlone(t *testing.T) {
	// A provider name is a filter only next to other words; alone, or when its entries do not match, it is a word.
	if ms := codes.Search("discord backup code", codes.Options{}); len(ms) == 0 {
		t.Fatal("no match")
	}
	for _, m := range codes.Search("obs 10004", codes.Options{Providers: []string{"obs"}}) {
		if m.Entry.Provider != "obs" {
			t.Fatalf("-p obs leaked %s", m.Entry.Provider)
		}
	}
}

func BenchmarkAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		codes.All()
	}
}

func BenchmarkWithCodePrefix(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		codes.WithCodePrefix("No", codes.Options{})
	}
}
