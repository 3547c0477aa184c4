package codes_test

import (
	"testing"

	"github.com/errcode/errcode/codes"
)

// TestFilteredStatus: a status keeps exactly the entries that come with it, every provider's, in catalog order.
func TestFilteredStatus(t *testing.T) {
	got := codes.Filtered(codes.Filter{Status: "404"}, codes.Options{})
	want := 0
	for _, e := range codes.All() {
		if e.Status == 404 {
			want++
		}
	}
	if len(got) != want || want == 0 {
		t.Fatalf("status 404: %d entries, the catalog has %d", len(got), want)
	}
	providers := map[string]bool{}
	for _, e := range got {
		if e.Status != 404 {
			t.Errorf("%s %s has status %d", e.Provider, e.Code, e.Status)
		}
		providers[e.Provider] = true
	}
	for _, p := range []string{"b2", "obs", "backup", "discord", "s3", "http"} {
		if !providers[p] {
			t.Errorf("no 404 entry of %s", p)
		}
	}
}

// TestFilteredClass: a class keeps every entry whose status is in it and the providers' entries for the class
// itself (Discord's "5xx"), and nothing else.
func TestFilteredClass(t *testing.T) {
	got := codes.Filtered(codes.Filter{Status: "5XX"}, codes.Options{})
	sawClass, saw503 := false, false
	for _, e := range got {
		switch {
		case e.Kind == codes.KindClass:
			if e.Code != "5xx" {
				t.Errorf("class entry %s %s under 5xx", e.Provider, e.Code)
			}
			sawClass = sawClass || e.Provider == "discord"
		case e.Status < 500 || e.Status > 599:
			t.Errorf("%s %s (status %d) under 5xx", e.Provider, e.Code, e.Status)
		}
		saw503 = saw503 || (e.Provider == "b2" && e.Code == "service_unavailable")
	}
	if !sawClass || !saw503 {
		t.Errorf("5xx left out discord's 5xx entry (%v) or b2 service_unavailable (%v)", sawClass, saw503)
	}
}

// TestFilteredVerdictAndProvider: the filters combine; an unknown status keeps nothing rather than everything.
func TestFilteredVerdictAndProvider(t *testing.T) {
	got := codes.Filtered(codes.Filter{Status: "4xx", Retry: codes.Later}, codes.Options{Providers: []string{"backup"}})
	if len(got) == 0 {
		t.Fatal("backup has 4xx entries to retry later (140 Export Already in Progress)")
	}
	found140 := false
	for _, e := range got {
		if e.Provider != "backup" || e.Retry.Verdict != codes.Later || e.Status/100 != 4 {
			t.Errorf("%s %s %d %s passed backup 4xx later", e.Provider, e.Code, e.Status, e.Retry.Verdict)
		}
		found140 = found140 || e.Code == "140"
	}
	if !found140 {
		t.Error("backup 140 missing")
	}
	if all := codes.Filtered(codes.Filter{}, codes.Options{}); len(all) != codes.Len() {
		t.Errorf("no filter: %d entries of %d", len(all), codes.Len())
	}
	for _, bad := range []string{"4x", "600", "abc"} {
		if got := codes.Filtered(codes.Filter{Status: bad}, codes.Options{}); len(got) != 0 {
			t.Errorf("status %q kept %d entries", bad, len(got))
		}
	}
}

// TestFilteredReturnsCopies: changing a result leaves the catalog alone.
func TestFilteredReturnsCopies(t *testing.T) {
	got := codes.Filtered(codes.Filter{Status: "404"}, codes.Options{Providers: []string{"obs"}})
	got[0].Code, got[0].Messages[0] = "changed", "changed"
	again := codes.Filtered(codes.Filter{Status: "404"}, codes.Options{Providers: []string{"obs"}})
	if again[0].Code == "changed" || again[0].Messages[0] == "changed" {
		t.Fatal("Filtered handed out the catalog's own entry")
	}
}
