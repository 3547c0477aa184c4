package cmd

import (
	"errors"
	"fmt"
	"strings"
)

// Exit codes. They are documented in `errcode help exit-codes` and the README; change them only with both.
const (
	ExitOK       = 0
	ExitNotFound = 1  // nothing found; or, with explain --exit-status, an error not worth retrying
	ExitUsage    = 2  // unknown command, flag or provider; bad arguments
	ExitTempFail = 75 // explain --exit-status: the error is worth retrying (EX_TEMPFAIL)
)

// exitError carries the exit code a failure should end the process with. Commands return it; Main maps it to
// the process exit in one place.
type exitError struct {
	code int
	msg  string // printed on stderr as "errcode: msg"; empty when the command already said everything
}

// Error returns the message printed after "errcode: ".
func (e *exitError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...)}
}

func notFoundErrorf(format string, args ...any) error {
	return &exitError{code: ExitNotFound, msg: fmt.Sprintf(format, args...)}
}

// silentExit ends the process with code after the command has already written what the user needs.
func silentExit(code int) error { return &exitError{code: code} }

// exitCodeOf maps any error a command returns to the exit code and the message to print.
func exitCodeOf(err error) (int, string) {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code, ee.msg
	}
	msg := err.Error()
	// cobra reports unknown commands, flags and argument counts as plain errors; all of them are usage errors.
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "bad flag syntax"} {
		if strings.Contains(msg, p) {
			return ExitUsage, msg
		}
	}
	return ExitNotFound, msg
}
