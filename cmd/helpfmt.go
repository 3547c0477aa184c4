package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/render"
)

// helpWidth is the width help is wrapped to: the terminal's, or 80 on a pipe.
func helpWidth(s *render.Streams) int {
	if s.OutTTY && s.Width > 0 {
		return s.Width
	}
	return 80
}

// installHelp makes help and usage text wrap to the terminal width (80 on a pipe) instead of the width the
// source happens to be wrapped at: prose paragraphs are reflowed, indented lines (examples, tables) kept as
// they are, and command and flag descriptions wrapped beside their names.
func installHelp(root *cobra.Command, s *render.Streams) {
	root.SetUsageFunc(func(c *cobra.Command) error {
		return writeUsage(c.OutOrStderr(), c, helpWidth(s))
	})
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		w, width := c.OutOrStdout(), helpWidth(s)
		text := c.Long
		if text == "" {
			text = c.Short
		}
		if text = strings.TrimSpace(text); text != "" {
			fmt.Fprintf(w, "%s\n\n", reflow(text, width))
		}
		if c.Runnable() || c.HasSubCommands() {
			_ = writeUsage(w, c, width)
		}
	})
}

// reflow rewraps the prose of text to width: consecutive lines that do not start with a space form a paragraph
// and are wrapped at spaces; indented lines and blank lines are kept.
func reflow(text string, width int) string {
	var out, para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, render.WrapWords(strings.Join(para, " "), width)...)
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, " ") {
			flush()
			out = append(out, line)
			continue
		}
		para = append(para, line)
	}
	flush()
	return strings.Join(out, "\n")
}

// hanging wraps text to width with every line but the first indented by indent columns; the first line follows
// a prefix of that width.
func hanging(text string, indent, width int) string {
	lines := render.WrapWords(text, max(width-indent, 20))
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}

// writeUsage is cobra's usage text, wrapped to width, with one alignment for commands and help topics.
func writeUsage(w io.Writer, c *cobra.Command, width int) error {
	var b strings.Builder
	b.WriteString("Usage:")
	if c.Runnable() {
		fmt.Fprintf(&b, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s [command]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\n\nAliases:\n  %s", c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\nExamples:\n%s", c.Example)
	}
	var cmds, topics []*cobra.Command
	pad := 0
	for _, sub := range c.Commands() {
		switch {
		case sub.IsAvailableCommand() || sub.Name() == "help":
			cmds = append(cmds, sub)
		case sub.IsAdditionalHelpTopicCommand():
			topics = append(topics, sub)
		default:
			continue
		}
		pad = max(pad, len(sub.Name()))
	}
	list := func(title string, subs []*cobra.Command) {
		if len(subs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n\n%s:", title)
		for _, sub := range subs {
			fmt.Fprintf(&b, "\n  %-*s  %s", pad, sub.Name(), hanging(sub.Short, pad+4, width))
		}
	}
	list("Available Commands", cmds)
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\nFlags:\n%s", strings.TrimRight(c.LocalFlags().FlagUsagesWrapped(width), " \n"))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\nGlobal Flags:\n%s", strings.TrimRight(c.InheritedFlags().FlagUsagesWrapped(width), " \n"))
	}
	list("Help topics ('"+c.CommandPath()+" help TOPIC')", topics)
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n\nUse \"%s [command] --help\" for more information about a command.", c.CommandPath())
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
