package cmd

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/render"
)

// CompletionShells are the shells errcode ships completion scripts for, with the script's file name.
var CompletionShells = []struct{ Shell, File string }{
	{"bash", "errcode.bash"},
	{"zsh", "errcode.zsh"},
	{"fish", "errcode.fish"},
	{"powershell", "errcode.ps1"},
}

// WriteCompletion writes the completion script for a shell, with descriptions, exactly as
// `errcode completion SHELL` prints it.
func WriteCompletion(shell string, w io.Writer) error {
	root := NewRootCmd(render.NewTestStreams(false, nil).Streams)
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return root.GenFishCompletion(w, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return fmt.Errorf("no completion for shell %q", shell)
}

// ManRoot returns the command tree as the man pages document it: with the completion command and --version,
// without cobra's plumbing, with the exit codes in the main page, and tables and examples laid out as written.
func ManRoot() *cobra.Command {
	root := NewRootCmd(render.NewTestStreams(false, nil).Streams)
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultVersionFlag()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Hidden = true
		}
	}
	root.Long += "\n\nExit codes:\n\n" + exitCodesHelp
	layOutForMan(root)
	return root
}
