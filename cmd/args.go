package cmd

import "github.com/spf13/cobra"

// noArgs rejects arguments as a usage error.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", c.CommandPath(), args[0])
	}
	return nil
}

// minArgs requires at least n arguments, naming what is missing.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s needs %s; see '%s --help'", c.CommandPath(), what, c.CommandPath())
		}
		return nil
	}
}
