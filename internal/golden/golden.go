// Package golden holds what the project's golden-file tests share: comparing a text with the file that records
// it, rewriting the file on request, and pointing at the first line that differs.
package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares got with the golden file at path. With update it writes got to path instead. rerun is the
// command that updates the file, quoted in the failure so that whoever breaks it knows how to accept a change.
func Check(t *testing.T, path, got string, update bool, rerun string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, rerun)
	}
	if got != string(want) {
		t.Errorf("%s changed (run %s and read the diff):\n%s", path, rerun, FirstDiff(got, string(want)))
	}
}

// FirstDiff shows the first line where got and want differ, numbered from 1.
func FirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}
