// Command floor is the start-up floor of errcode's libraries: a hello world that links cobra, lipgloss v2 and
// tablewriter and runs their package initialisation, but does none of errcode's work. bench/startup.sh compares
// errcode's commands with it and with a plain hello world, so that what errcode adds can be told apart from what
// its libraries cost.
package main

import (
	"os"

	"charm.land/lipgloss/v2"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{
		Use:          "floor [table]",
		SilenceUsage: true,
		RunE: func(c *cobra.Command, args []string) error {
			// "floor table" renders a one-row table, so the table code is linked as in errcode; the benchmark
			// runs plain "floor", which prints a styled hello like errcode's cards would.
			if len(args) > 0 && args[0] == "table" {
				t := tablewriter.NewTable(os.Stdout)
				t.Header("code", "status")
				if err := t.Append("NoSuchKey", "404"); err != nil {
					return err
				}
				return t.Render()
			}
			_, err := os.Stdout.WriteString(lipgloss.NewStyle().Bold(true).Render("hello") + "\n")
			return err
		},
	}
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
