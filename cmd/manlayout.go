package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

// manLayout prepares a command's long help for cobra/doc, which reads it as markdown: a run of indented lines
// (the exit-code table, the retry verdict table, the shell loop) becomes a fenced code block, so the man page
// prints it line for line instead of filling it into a paragraph. Blank lines inside such a run stay in it.
func manLayout(long string) string {
	lines := strings.Split(long, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !indented(lines[i]) {
			out = append(out, lines[i])
			i++
			continue
		}
		end := i
		for j := i; j < len(lines); j++ {
			if indented(lines[j]) {
				end = j + 1
			} else if strings.TrimSpace(lines[j]) != "" {
				break
			}
		}
		block := lines[i:end]
		cut := commonIndent(block)
		out = append(out, "```")
		for _, l := range block {
			if len(l) >= cut {
				l = l[cut:]
			}
			out = append(out, l)
		}
		out = append(out, "```")
		i = end
	}
	return strings.Join(out, "\n")
}

func indented(l string) bool {
	return strings.HasPrefix(l, " ") && strings.TrimSpace(l) != ""
}

// commonIndent is the number of leading spaces all non-blank lines share.
func commonIndent(block []string) int {
	cut := -1
	for _, l := range block {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if cut < 0 || n < cut {
			cut = n
		}
	}
	return max(cut, 0)
}

// layOutForMan applies manLayout to the long help of a command and all its subcommands.
func layOutForMan(c *cobra.Command) {
	c.Long = manLayout(c.Long)
	for _, sub := range c.Commands() {
		layOutForMan(sub)
	}
}
