package codes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusCase is one hand-labelled input of testdata/explain: what a person reading the input says its primary
// error is.
type corpusCase struct {
	File         string   `json:"file"`
	Desc         string   `json:"desc"`
	Findings     int      `json:"findings"`
	Provider     string   `json:"provider"`
	Status       *int     `json:"status"`
	Code         *string  `json:"code"`
	Verdict      string   `json:"verdict"`
	AfterSeconds *float64 `json:"after_seconds"`
	RequestID    *string  `json:"request_id"`
	FieldErrors  int      `json:"field_errors"`
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	return loadManifest(t, filepath.Join("testdata", "explain", "expect.json"))
}

// loadManifest reads a labelled set's expect.json.
func loadManifest(t *testing.T, path string) []corpusCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// corpusNow is the clock for HTTP-date Retry-After values in responses without a Date header.
var corpusNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// diffCase compares Explain's answer for a corpus file with its label and returns the differences.
func diffCase(c corpusCase) ([]string, error) {
	f, err := os.Open(filepath.Join("testdata", "explain", c.File))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep, err := Explain(f, ExplainOptions{Now: corpusNow})
	if err != nil {
		return nil, err
	}
	var diffs []string
	if len(rep.Findings) != c.Findings {
		var got []string
		for _, fd := range rep.Findings {
			got = append(got, fmt.Sprintf("%s/%d/%s", fd.Provider, fd.Status, fd.ReportedCode()))
		}
		diffs = append(diffs, fmt.Sprintf("findings %d %v, want %d", len(rep.Findings), got, c.Findings))
	}
	if c.Findings == 0 || len(rep.Findings) == 0 {
		return diffs, nil
	}
	p := rep.Findings[0]
	if p.Provider != c.Provider {
		diffs = append(diffs, fmt.Sprintf("provider %s, want %s", p.Provider, c.Provider))
	}
	if want := deref(c.Status); p.Status != want {
		diffs = append(diffs, fmt.Sprintf("status %d, want %d", p.Status, want))
	}
	if got, want := p.ReportedCode(), derefS(c.Code); got != want && !(want == "" && p.Code == "") {
		diffs = append(diffs, fmt.Sprintf("code %q, want %q", got, want))
	}
	if string(p.Retry.Verdict) != c.Verdict {
		diffs = append(diffs, fmt.Sprintf("verdict %s, want %s", p.Retry.Verdict, c.Verdict))
	}
	switch {
	case c.AfterSeconds == nil && p.Retry.HasAfter:
		diffs = append(diffs, fmt.Sprintf("after %v, want none", p.Retry.After))
	case c.AfterSeconds != nil && (!p.Retry.HasAfter || p.Retry.After != *c.AfterSeconds):
		diffs = append(diffs, fmt.Sprintf("after %v (%v), want %v", p.Retry.After, p.Retry.HasAfter, *c.AfterSeconds))
	}
	if want := derefS(c.RequestID); p.RequestID != want {
		diffs = append(diffs, fmt.Sprintf("request id %q, want %q", p.RequestID, want))
	}
	if len(p.FieldErrors) != c.FieldErrors {
		diffs = append(diffs, fmt.Sprintf("%d field errors, want %d", len(p.FieldErrors), c.FieldErrors))
	}
	return diffs, nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func derefS(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestCorpus checks every hand-labelled input: provider, status, code, verdict, delay, request id and field
// errors of the primary finding, and the number of distinct findings.
func TestCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 90 {
		t.Fatalf("only %d corpus cases", len(cases))
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.File, filepath.Ext(c.File)), func(t *testing.T) {
			diffs, err := diffCase(c)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffs {
				t.Error(d)
			}
		})
	}
}
