// Command gen compiles codes/data/*.yaml into codes/zz_catalog.go. Run it through `go generate ./codes`.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/errcode/errcode/codes/internal/catalogdata"
)

func main() {
	data := flag.String("data", "data", "directory of the provider YAML files")
	out := flag.String("out", "zz_catalog.go", "generated Go file")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dataDir, out string) error {
	files, err := catalogdata.LoadDir(dataDir)
	if err != nil {
		return err
	}
	if errs := catalogdata.Validate(files); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(os.Stderr, e)
		}
		return fmt.Errorf("%d problems in the data", len(errs))
	}
	src, err := catalogdata.Render(files)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, src) {
		return nil // unchanged: keep the file's modification time
	}
	return os.WriteFile(out, src, 0o644)
}
