package codes_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// referenceDir finds the shared reference tables the catalog's facts were copied from: $ERRCODE_REFERENCE, or
// shared/reference beside the repository (where CI and the developers' machines keep it).
func referenceDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("ERRCODE_REFERENCE"); dir != "" {
		return dir
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "reference"))
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("reference tables not found at %s (set ERRCODE_REFERENCE); CI must check the data", dir)
		}
		t.Skipf("reference tables not found at %s (set ERRCODE_REFERENCE)", dir)
	}
	return dir
}

func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(referenceDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	var body []string
	for _, line := range strings.SplitAfter(string(raw), "\n") {
		if !strings.HasPrefix(line, "#") {
			body = append(body, line)
		}
	}
	recs, err := csv.NewReader(strings.NewReader(strings.Join(body, ""))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func mustFind(t *testing.T, provider, code, status string) *codes.Entry {
	t.Helper()
	n, _ := strconv.Atoi(status) // "N/A" gives 0: no status
	e, ok := codes.Find(provider, code, n)
	if !ok || e.Code != code || e.Status != n {
		t.Fatalf("%s %s %s is missing from the catalog", provider, status, code)
	}
	return e
}

func TestB2MatchesReference(t *testing.T) {
	rows := readCSV(t, "b2_codes.csv")
	for _, r := range rows {
		e := mustFind(t, "b2", r["code"], r["status"])
		for _, call := range strings.Split(r["calls"], ";") {
			if call != "" && !slices.Contains(e.Calls, call) {
				t.Errorf("b2 %s %s: call %s missing", r["status"], r["code"], call)
			}
		}
	}
	// b2_messages.csv adds codes the official tools show that b2_codes.csv lacks.
	extra := map[string]bool{}
	for _, r := range readCSV(t, "b2_messages.csv") {
		if strings.Contains(r["source"], "EXTRA CODE") {
			mustFind(t, "b2", r["code"], r["status"])
			extra[r["status"]+" "+r["code"]] = true
		}
	}
	if got := countKind("b2", codes.KindCode); got != len(rows)+len(extra) {
		t.Errorf("b2 has %d code entries, reference has %d rows and %d extra codes", got, len(rows), len(extra))
	}
}

func TestOBSMatchesReference(t *testing.T) {
	rows := readCSV(t, "obs_codes.csv")
	for _, r := range rows {
		e := mustFind(t, "obs", r["code"], r["status"])
		if e.S3Compatible != (r["s3_compatible"] == "yes") {
			t.Errorf("obs %s: S3 compatibility differs", r["code"])
		}
		for _, m := range strings.Split(r["message"], " / ") {
			if !slices.Contains(e.Messages, strings.TrimSpace(m)) {
				t.Errorf("obs %s: message %q missing", r["code"], m)
			}
		}
	}
	if got := countKind("obs", codes.KindCode); got != len(rows) || got != 128 {
		t.Errorf("obs has %d code entries, reference has %d rows", got, len(rows))
	}
}

// TestS3MatchesReference checks every row of s3_codes.csv: code, status (several are split by |, none is N/A),
// AWS's message exactly, and the verdict its SDK retry class maps to.
func TestS3MatchesReference(t *testing.T) {
	rows := readCSV(t, "s3_codes.csv")
	verdict := map[string]codes.Verdict{"throttling": codes.Wait, "transient": codes.Backoff, "clock_skew": codes.Refresh, "never": codes.Never}
	for _, r := range rows {
		for _, status := range strings.Split(r["status"], "|") {
			e := mustFind(t, "s3", r["code"], status)
			if e.Message() != r["message"] {
				t.Errorf("s3 %s: message %q, reference %q", r["code"], e.Message(), r["message"])
			}
			want, ok := verdict[r["retry_class"]]
			if !ok || e.Retry.Verdict != want {
				t.Errorf("s3 %s: verdict %s, reference class %q", r["code"], e.Retry.Verdict, r["retry_class"])
			}
		}
	}
	distinct := map[string]bool{}
	for _, e := range codes.All() {
		if e.Provider == "s3" && e.Kind == codes.KindCode {
			distinct[e.Code] = true
		}
	}
	if len(distinct) != len(rows) || len(rows) != 265 {
		t.Errorf("s3 has %d codes, reference has %d rows", len(distinct), len(rows))
	}
}

func TestBackupMatchesReference(t *testing.T) {
	rows := readCSV(t, "backup_codes.csv")
	distinct := map[string]bool{}
	for _, r := range rows {
		e := mustFind(t, "backup", r["errorCode"], r["status"])
		distinct[r["errorCode"]] = true
		if !slices.Contains(e.Messages, r["errorMessage"]) {
			t.Errorf("backup %s: template %q missing", r["errorCode"], r["errorMessage"])
		}
	}
	if got := countKind("backup", codes.KindCode); got != len(distinct) {
		t.Errorf("backup has %d code entries, reference has %d codes", got, len(distinct))
	}
}

func TestDiscordMatchesReference(t *testing.T) {
	rows := readCSV(t, "discord_codes.csv")
	for _, r := range rows {
		e := mustFind(t, "discord", r["code"], "")
		if e.Name != r["name"] {
			t.Errorf("discord %s: name %q, reference %q", r["code"], e.Name, r["name"])
		}
		if e.Message() != r["message"] {
			t.Errorf("discord %s: message %q, reference %q", r["code"], e.Message(), r["message"])
		}
		if live := r["userdoccers_message_if_different"]; live != "" && !slices.Contains(e.Messages, live) {
			t.Errorf("discord %s: live wording %q missing", r["code"], live)
		}
		for _, a := range strings.Split(r["aliases"], ";") {
			if a != "" && !slices.Contains(e.Aliases, a) {
				t.Errorf("discord %s: alias %s missing", r["code"], a)
			}
		}
	}
	if got := countKind("discord", codes.KindCode); got != len(rows) || got != 672 {
		t.Errorf("discord has %d code entries, reference has %d rows", got, len(rows))
	}
}

func countKind(provider string, k codes.Kind) int {
	n := 0
	for _, e := range codes.All() {
		if e.Provider == provider && e.Kind == k {
			n++
		}
	}
	return n
}

// TestHTTPRegistry checks the fallback provider against the IANA registry's assigned codes.
func TestHTTPRegistry(t *testing.T) {
	assigned := []int{100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
		300, 301, 302, 303, 304, 305, 306, 307, 308,
		400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422,
		423, 424, 425, 426, 428, 429, 431, 451,
		500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511}
	for _, s := range assigned {
		mustFind(t, "http", strconv.Itoa(s), strconv.Itoa(s))
	}
	if got := codes.ProviderCount("http"); got != len(assigned) {
		t.Errorf("http has %d entries, the registry assigns %d", got, len(assigned))
	}
}
