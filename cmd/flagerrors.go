package cmd

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var (
	unknownFlag    = regexp.MustCompile(`^unknown flag: --([^\s=]+)`)
	invalidFlagArg = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?--([\w-]+)" flag: (.*)$`)
)

// helpfulFlagError rewrites cobra's and pflag's flag errors for people: an unknown flag gets the closest flag of
// the command ("did you mean --json?"), and a bad value says what was expected instead of quoting Go's parser
// ("strconv.ParseInt: parsing ..."). Other messages pass unchanged.
func helpfulFlagError(root *cobra.Command, args []string, msg string) string {
	if m := unknownFlag.FindStringSubmatch(msg); m != nil {
		if best := closestFlag(root, args, m[1]); best != "" {
			return fmt.Sprintf("unknown flag: --%s; did you mean --%s?", m[1], best)
		}
		return msg
	}
	if m := invalidFlagArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("invalid value %q for --%s: want %s", m[1], m[2], expectedValue(m[3]))
	}
	return msg
}

// expectedValue names the kind of value a flag parser wanted, from its error.
func expectedValue(parseErr string) string {
	switch {
	case strings.Contains(parseErr, "ParseInt"), strings.Contains(parseErr, "ParseUint"):
		return "a whole number"
	case strings.Contains(parseErr, "ParseFloat"):
		return "a number"
	case strings.Contains(parseErr, "ParseBool"):
		return "true or false"
	case strings.Contains(parseErr, "duration"):
		return "a duration such as 30s, 5m or 1h"
	}
	if i := strings.LastIndex(parseErr, ": "); i >= 0 {
		return parseErr[i+2:] // the flag's own message ("must be one of auto, always, never")
	}
	return parseErr
}

// closestFlag finds the flag of the command args name (or of the root) within two edits of name.
func closestFlag(root *cobra.Command, args []string, name string) string {
	c, _, err := root.Find(args)
	if err != nil || c == nil {
		c = root
	}
	best, bestD := "", 3
	visit := func(f *pflag.Flag) {
		if d := editDistance(name, f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return best
}

// editDistance is the Levenshtein distance between two short ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
