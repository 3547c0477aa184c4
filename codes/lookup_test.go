package codes_test

import (
	"testing"

	"github.com/errcode/errcode/codes"
)

func first(t *testing.T, ms []codes.Match) *codes.Entry {
	t.Helper()
	if len(ms) == 0 {
		t.Fatal("no match")
	}
	return ms[0].Entry
}

func TestLookupExactKeys(t *testing.T) {
	cases := []struct {
		query, provider, code string
		status                int
	}{
		{"NoSuchKey", "obs", "NoSuchKey", 404},
		{"nosuchkey", "obs", "NoSuchKey", 404},
		{"no such key", "obs", "NoSuchKey", 404},
		{"bucket not empty", "obs", "BucketNotEmpty", 409},
		{"expired_auth_token", "b2", "expired_auth_token", 401},
		{"Expired-Auth-Token", "b2", "expired_auth_token", 401},
		{"50013", "discord", "50013", 0},
		{"MissingPermissions", "discord", "50013", 0},
		{"Missing Permissions", "discord", "50013", 0},                         // the live wording
		{"You lack permissions to perform that action", "discord", "50013", 0}, // the documented wording
		{"ChannelSendRateLimit", "discord", "20028", 0},                        // a deprecated alias
		{"127", "backup", "127", 409},
		{"Invalid authorization token", "b2", "bad_auth_token", 401},
		{"Export Already in Progress", "backup", "140", 400},
		{"Backup Policy already exists with orgId: 42 cloudId: abc product: JIRA", "backup", "127", 409},
		{"Brie job=IMPORT with externalId=77 is not present", "backup", "110", 404},
		{"System Capacity Not enough", "obs", "System Capacity Not enough", 403},
		{"CustomDomainAreadyExist", "obs", "CustomDomainAreadyExist", 400},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			ms := codes.Lookup(c.query, codes.Options{})
			e := first(t, ms)
			if e.Provider != c.provider || e.Code != c.code || e.Status != c.status {
				t.Fatalf("got %s %d %s, want %s %d %s", e.Provider, e.Status, e.Code, c.provider, c.status, c.code)
			}
			if !ms[0].How.Exact() {
				t.Fatalf("match is %v, want exact", ms[0].How)
			}
		})
	}
}

func TestLookupNothing(t *testing.T) {
	for _, q := range []string{"", "   ", "NoSuhcKey", "definitely not an error", "999"} {
		if ms := codes.Lookup(q, codes.Options{}); len(ms) != 0 {
			t.Errorf("Lookup(%q) = %d matches, want none", q, len(ms))
		}
	}
}

func TestLookupStatusListsEveryProvider(t *testing.T) {
	ms := codes.Lookup("404", codes.Options{})
	seen := map[string]bool{}
	order := []string{}
	for _, m := range ms {
		if m.Entry.Status != 404 {
			t.Errorf("%s %s has status %d", m.Entry.Provider, m.Entry.Code, m.Entry.Status)
		}
		if !seen[m.Entry.Provider] {
			seen[m.Entry.Provider] = true
			order = append(order, m.Entry.Provider)
		}
	}
	want := []string{"b2", "obs", "backup", "discord", "s3", "http"}
	if len(order) != len(want) {
		t.Fatalf("providers %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("providers in order %v, want %v (grouped, in Providers order)", order, want)
		}
	}
	// OBS's general 404 comes before its specific codes.
	for _, m := range ms {
		if m.Entry.Provider == "obs" {
			if m.Entry.Kind != codes.KindStatus {
				t.Fatalf("first obs entry for 404 is %s, want the status entry", m.Entry.Code)
			}
			break
		}
	}
}

func TestLookupClassAndProviderFilter(t *testing.T) {
	ms := codes.Lookup("5xx", codes.Options{Providers: []string{"b2"}})
	if len(ms) == 0 {
		t.Fatal("no b2 5xx entries")
	}
	for _, m := range ms {
		if m.Entry.Provider != "b2" || m.Entry.Status/100 != 5 {
			t.Errorf("5xx for b2 returned %s %d %s", m.Entry.Provider, m.Entry.Status, m.Entry.Code)
		}
	}
	// B2 answers 503 with two codes: both are listed.
	n := 0
	for _, m := range ms {
		if m.Entry.Status == 503 && m.Entry.Kind == codes.KindCode {
			n++
		}
	}
	if n != 2 {
		t.Errorf("b2 has %d code entries for 503, want 2 (service_unavailable and bad_request)", n)
	}
}

func TestProviderByName(t *testing.T) {
	for name, want := range map[string]string{"b2": "b2", "Backblaze": "b2", "huawei": "obs", "atlassian": "backup", "DISCORD": "discord", "http": "http", "aws": "s3", "Amazon-S3": "s3"} {
		p, ok := codes.ProviderByName(name)
		if !ok || p.ID != want {
			t.Errorf("ProviderByName(%q) = %q, %v; want %q", name, p.ID, ok, want)
		}
	}
	if _, ok := codes.ProviderByName("gcs"); ok {
		t.Error("gcs is not a provider")
	}
}

func TestFind(t *testing.T) {
	e, ok := codes.Find("b2", "access_denied", 401)
	if !ok || e.Status != 401 {
		t.Fatalf("Find b2 access_denied 401: %v %v", e, ok)
	}
	e, ok = codes.Find("b2", "access_denied", 403)
	if !ok || e.Status != 403 {
		t.Fatalf("Find b2 access_denied 403: %v %v", e, ok)
	}
	if _, ok := codes.Find("obs", "expired_auth_token", 0); ok {
		t.Fatal("expired_auth_token is not an OBS code")
	}
}

func TestByStatusCode(t *testing.T) {
	es := codes.ByStatusCode(409, codes.Options{Providers: []string{"backup"}})
	if len(es) != 4 { // the status entry and codes 127, 137, 128
		t.Fatalf("backup 409: %d entries", len(es))
	}
	for _, e := range es {
		if e.Provider != "backup" || e.Status != 409 {
			t.Fatalf("got %s %d %s", e.Provider, e.Status, e.Code)
		}
	}
}
