package completions

import (
	"bytes"
	"os"
	"testing"

	"github.com/errcode/errcode/cmd"
)

// TestScriptsAreCurrent fails when the command tree changed without `go generate ./completions`.
func TestScriptsAreCurrent(t *testing.T) {
	for _, s := range cmd.CompletionShells {
		var want bytes.Buffer
		if err := cmd.WriteCompletion(s.Shell, &want); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(s.File)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s is stale: run `go generate ./completions` and commit the result", s.File)
		}
	}
}
