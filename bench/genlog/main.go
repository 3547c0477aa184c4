// Command genlog writes a realistic application log of a given size to stdout, for bench/startup.sh, or one of
// the hostile input shapes of issue 13, for bench/shapes.sh.
//
//	go run ./bench/genlog -size 1GiB > big.log
//	go run ./bench/genlog -size 1GiB -error-every 1000 > ordinary.log
//	go run ./bench/genlog -size 256MiB -shape pretty-json > pretty.log
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/errcode/errcode/internal/loggen"
)

func main() {
	size := flag.String("size", "1MiB", "approximate size: a number with an optional KiB, MiB or GiB suffix")
	every := flag.Int("error-every", 200, "one API error line in this many lines")
	shape := flag.String("shape", "", "write a hostile shape instead of an ordinary log: "+strings.Join(loggen.Shapes, ", "))
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(2)
	}
	if *shape != "" {
		err = loggen.WriteShape(os.Stdout, *shape, n)
	} else {
		err = loggen.Write(os.Stdout, n, *every)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSuffix(s, suffix), m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
