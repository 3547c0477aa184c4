package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

// shellNames are the shells `errcode completion` writes scripts for.
const shellNames = "bash, zsh, fish or powershell"

// newHelpCmd replaces cobra's help command, which prints "Unknown help topic" and exits 0: an unknown topic is a
// usage error here, and TAB offers the help topics (exit-codes) as well as the commands.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command|topic]",
		Short: "Help about any command or topic",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range c.Root().Commands() {
				if sub.Hidden || sub.Name() == "help" || !strings.HasPrefix(sub.Name(), toComplete) {
					continue
				}
				out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usageErrorf("no help topic %q; 'errcode help' lists the commands and topics", shown(strings.Join(args, " ")))
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// fixCompletionCmd adds cobra's completion command now, rather than when it runs, and makes a missing or unknown
// shell a usage error: cobra would print the command's help and exit 0.
func fixCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("errcode completion needs a shell: %s", shellNames)
			}
			return usageErrorf("no completion for shell %q; use %s", shown(args[0]), shellNames)
		}
	}
}
