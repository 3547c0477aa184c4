package codes_test

import (
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
