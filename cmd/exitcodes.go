package cmd

import "github.com/spf13/cobra"

// exitCodesHelp is the contract scripts rely on.
const exitCodesHelp = `errcode exits with:

  0    success: something was found or explained
  1    nothing found (lookup, search, list), lookup found only close matches,
       or no error in the input (explain); a hint is printed on stderr
  2    usage error: unknown command, flag, provider, help topic, shell,
       --color or --retry value, missing or empty arguments; explain: a file
       that cannot be read (the others are still explained)
  75   explain --exit-status only: the primary error is worth retrying
       (verdict backoff, wait, later or refresh), as EX_TEMPFAIL in sysexits.h
  126  retry only: the command cannot be run (permission denied, not an
       executable)
  127  retry only: the command is not found
  130  interrupted (retry: 128+N when signal N interrupts a wait)

errcode retry otherwise exits with the command's last exit code: 0 when it
succeeded, 128+N when signal N ended it.

With explain --exit-status, 0 means the input holds no error and 1 means the
error is not worth retrying, so a shell loop can act on it:

  until out=$(curl -si "$url")
        echo "$out" | errcode explain --exit-status >/dev/null
        [ $? -ne 75 ]; do
    sleep 5
  done`

func newExitCodesTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "exit-codes",
		Short: "What errcode's exit codes mean",
		Long:  exitCodesHelp,
	}
}
