package cmd

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The real-world corpus lives beside the repository in ../shared/realworld: pastes copied from public bug reports
// with labels, which the project must not copy. These floors are what explain and lookup reached on it; a change
// that loses a case fails here.
const (
	realWorldExplainFloor = 0.95
	realWorldQueryFloor   = 0.95
)

// realWorldCase is one labelled line of cases.jsonl.
type realWorldCase struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Input    string  `json:"input"`
	Provider string  `json:"provider"`
	Status   *int    `json:"status"`
	Code     *string `json:"code"`
}

// realWorldDir finds ../shared/realworld from the repository root. It skips the test when the directory is absent,
// except under CI=true, where the corpus must be there.
func realWorldDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "realworld")
	if _, err := os.Stat(filepath.Join(dir, "cases.jsonl")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the real-world corpus is missing under CI: %v", err)
		}
		t.Skipf("no real-world corpus: %v", err)
	}
	return dir
}

func loadRealWorld(t *testing.T) []realWorldCase {
	t.Helper()
	f, err := os.Open(filepath.Join(realWorldDir(t), "cases.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []realWorldCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c realWorldCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("cases.jsonl: %v", err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// wantProvider maps a corpus label to errcode's provider id.
func wantProvider(label string) string {
	switch label {
	case "atlassian-backup":
		return "backup"
	case "b2-s3":
		return "b2"
	}
	return label
}

// providerMatches reports whether errcode's provider answers a corpus label: "b2-s3" (B2's S3-compatible API)
// is answered by b2 or, now that there is one, by the S3 provider.
func providerMatches(label, got string) bool {
	return got == wantProvider(label) || label == "b2-s3" && got == "s3"
}

// scoreRealWorld applies the corpus README's scoring rule to one case and returns "" when it passes, otherwise
// what errcode answered.
func scoreRealWorld(t *testing.T, c realWorldCase) string {
	if c.Kind == "query" {
		return scoreQuery(t, c)
	}
	out, errOut, code := runWithInput(t, c.Input, false, "explain", "--json")
	if code != 0 && code != 1 {
		return fmt.Sprintf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Provider string  `json:"provider"`
		Status   *int    `json:"status"`
		Code     *string `json:"code"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		return fmt.Sprintf("bad JSON: %v", err)
	}
	if len(got) == 0 {
		return "no finding"
	}
	f := got[0]
	answer := fmt.Sprintf("got %s/%s/%s", f.Provider, intText(f.Status), strText(f.Code))
	if !providerMatches(c.Provider, f.Provider) {
		return answer
	}
	if c.Code != nil && (f.Code == nil || *f.Code != *c.Code) {
		return answer
	}
	switch {
	case c.Status == nil:
		if f.Status != nil {
			return answer
		}
	case f.Status == nil:
		if strings.Contains(c.Input, strconv.Itoa(*c.Status)) {
			return answer
		}
	case *f.Status != *c.Status:
		return answer
	}
	return ""
}

func scoreQuery(t *testing.T, c realWorldCase) string {
	out, errOut, code := run(t, false, nil, "lookup", c.Input, "--json")
	if code != 0 && code != 1 {
		return fmt.Sprintf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Provider string `json:"provider"`
		Status   *int   `json:"status"`
		Code     string `json:"code"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		return fmt.Sprintf("bad JSON: %v", err)
	}
	var seen []string
	for i, e := range got {
		if i == 3 {
			break
		}
		seen = append(seen, fmt.Sprintf("%s/%s/%s", e.Provider, intText(e.Status), e.Code))
		if !providerMatches(c.Provider, e.Provider) {
			continue
		}
		if c.Code != nil {
			if e.Code == *c.Code {
				return ""
			}
			continue
		}
		if c.Status == nil || e.Status == nil || *e.Status == *c.Status {
			return ""
		}
	}
	return fmt.Sprintf("top 3: %v", seen)
}

func intText(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p)
}

func strText(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

// TestRealWorld runs every case of ../shared/realworld through `errcode explain --json` or `errcode lookup --json`,
// logs the accuracy per provider and kind and every miss, and fails below the floors.
func TestRealWorld(t *testing.T) {
	cases := loadRealWorld(t)
	type tally struct{ right, total int }
	groups := map[string]*tally{}
	var explain, query tally
	for _, c := range cases {
		miss := scoreRealWorld(t, c)
		key := c.Provider + "/" + c.Kind
		if groups[key] == nil {
			groups[key] = &tally{}
		}
		whole := &explain
		if c.Kind == "query" {
			whole = &query
		}
		groups[key].total++
		whole.total++
		if miss == "" {
			groups[key].right++
			whole.right++
			continue
		}
		t.Logf("miss %s (%s, want %s/%s/%s): %s", c.ID, c.Kind, c.Provider, intText(c.Status), strText(c.Code), miss)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-24s %3d/%3d", k, groups[k].right, groups[k].total)
	}
	share := func(x tally) float64 { return float64(x.right) / float64(max(x.total, 1)) }
	t.Logf("explain %d/%d = %.1f%%, queries %d/%d = %.1f%%", explain.right, explain.total, 100*share(explain),
		query.right, query.total, 100*share(query))
	if share(explain) < realWorldExplainFloor {
		t.Errorf("explain accuracy %.1f%% is below the floor %.0f%%", 100*share(explain), 100*realWorldExplainFloor)
	}
	if share(query) < realWorldQueryFloor {
		t.Errorf("query accuracy %.1f%% is below the floor %.0f%%", 100*share(query), 100*realWorldQueryFloor)
	}
}
