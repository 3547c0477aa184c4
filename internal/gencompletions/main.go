// Command gencompletions writes errcode's completion scripts into a directory. Run it through
// `go generate ./completions`.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/errcode/errcode/cmd"
)

func main() {
	dir := flag.String("dir", "completions", "directory to write the scripts into")
	flag.Parse()
	for _, s := range cmd.CompletionShells {
		var b bytes.Buffer
		if err := cmd.WriteCompletion(s.Shell, &b); err != nil {
			fmt.Fprintln(os.Stderr, "gencompletions:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(filepath.Join(*dir, s.File), b.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencompletions:", err)
			os.Exit(1)
		}
	}
}
