package codes_test

import (
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// TestNetMatchesReference checks that every client pattern of transport.csv is a message of its kind's entry.
func TestNetMatchesReference(t *testing.T) {
	for _, r := range readCSV(t, "transport.csv") {
		e := mustFind(t, "net", r["kind"], "N/A")
		found := false
		for _, m := range e.Messages {
			found = found || m == r["pattern"]
		}
		if !found {
			t.Errorf("net %s: pattern %q missing", r["kind"], r["pattern"])
		}
	}
}

// TestNetExplainsReferenceExamples explains every example line of transport.csv: provider net, the row's kind,
// and the row's retry class (retry: backoff; retry_if_idempotent: backoff limited to idempotent requests;
// never: never).
func TestNetExplainsReferenceExamples(t *testing.T) {
	for _, r := range readCSV(t, "transport.csv") {
		rep, err := codes.Explain(strings.NewReader(r["example"]), codes.ExplainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		f, ok := rep.Primary()
		if !ok || f.Provider != "net" || f.Entry == nil || f.Entry.Code != r["kind"] {
			code := ""
			if ok && f.Entry != nil {
				code = f.Entry.Code
			}
			t.Errorf("%s: got %s %s; want net %s", r["example"], f.Provider, code, r["kind"])
			continue
		}
		want := map[string]codes.Verdict{"retry": codes.Backoff, "retry_if_idempotent": codes.Backoff, "never": codes.Never}[r["retry"]]
		idem := strings.Contains(f.Retry.Advice, "idempotent")
		if f.Retry.Verdict != want || idem != (r["retry"] == "retry_if_idempotent") {
			t.Errorf("%s: verdict %s (%q); want %s", r["example"], f.Retry.Verdict, f.Retry.Advice, r["retry"])
		}
	}
}

func TestNetLookup(t *testing.T) {
	for q, want := range map[string]string{"ECONNRESET": "reset", "curl 28": "read_timeout", "10061": "connect_refused",
		"11001": "dns_nxdomain", "UND_ERR_CONNECT_TIMEOUT": "connect_timeout", "enotfound": "dns_nxdomain"} {
		found := false
		for _, m := range codes.Lookup(q, codes.Options{}) {
			found = found || m.Entry.Provider == "net" && m.Entry.Code == want
		}
		if !found {
			t.Errorf("lookup %q: no net %s", q, want)
		}
	}
}

// TestNetAfterAPIError: a provider's error in the same text is the primary finding, the transport error after it
// secondary.
func TestNetAfterAPIError(t *testing.T) {
	in := "2026-01-02 10:00:00 ERROR b2_upload_file: 503 service_unavailable: c002_v0001000_t0042 is too busy\n" +
		"2026-01-02 10:00:05 ERROR Post \"https://api.example.com/v1\": read tcp 10.0.0.5:51234->10.1.2.3:443: read: connection reset by peer\n" +
		"2026-01-02 10:00:09 ERROR Post \"https://api.example.com/v1\": read tcp 10.0.0.5:51236->10.1.2.3:443: read: connection reset by peer\n"
	rep, err := codes.Explain(strings.NewReader(in), codes.ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) < 2 || rep.Findings[0].Provider == "net" || rep.Findings[1].Provider != "net" {
		t.Fatalf("findings %+v", rep.Findings)
	}
}
