package codes

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/explain/golden")

// dumpReport renders a report in a stable, reviewable text form: everything a user would see change.
func dumpReport(rep Report) string {
	var b strings.Builder
	for i, f := range rep.Findings {
		entry := "-"
		if f.Entry != nil {
			entry = fmt.Sprintf("%s/%d/%s", f.Entry.Provider, f.Entry.Status, f.Entry.Code)
		}
		fmt.Fprintf(&b, "finding %d: provider=%s status=%d code=%q entry=%s count=%d line=%d\n", i+1, f.Provider, f.Status, f.Code, entry, f.Count, f.Line)
		if len(f.Candidates) > 0 {
			fmt.Fprintf(&b, "  candidates: %s\n", strings.Join(f.Candidates, ", "))
		}
		fmt.Fprintf(&b, "  message: %q\n  request id: %q\n", f.Message, f.RequestID)
		r := f.Retry
		after := "none"
		if r.HasAfter {
			after = fmt.Sprint(r.After)
		}
		fmt.Fprintf(&b, "  retry: %s after=%s source=%q scope=%q schedule=%v\n  advice: %s\n", r.Verdict, after, r.Source, r.Scope, r.Schedule, r.Advice)
		if c := r.Client; c != nil {
			fmt.Fprintf(&b, "  client: %s retries=%v: %s\n", c.Name, c.Retries, c.Detail)
		}
		for _, fe := range f.FieldErrors {
			fmt.Fprintf(&b, "  field: %s %s %q\n", fe.Path, fe.Code, fe.Message)
		}
		if len(f.Clues) > 0 {
			fmt.Fprintf(&b, "  clues: %s\n", strings.Join(f.Clues, "; "))
		}
	}
	if len(rep.Findings) == 0 {
		b.WriteString("no findings\n")
	}
	return b.String()
}

// TestCorpusGolden compares the full diagnosis of every corpus input with its golden file, so that any change in
// what explain reports is seen in review. Run with -update to accept a change.
func TestCorpusGolden(t *testing.T) {
	for _, c := range loadCorpus(t) {
		in := filepath.Join("testdata", "explain", c.File)
		goldenPath := filepath.Join("testdata", "explain", "golden", strings.TrimSuffix(c.File, filepath.Ext(c.File))+".golden")
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Explain(f, ExplainOptions{Now: corpusNow})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, goldenPath, dumpReport(rep), *update, "go test ./codes -run TestCorpusGolden -update")
	}
}
