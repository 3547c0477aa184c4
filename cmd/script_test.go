package cmd

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the txtar scripts run errcode as a real command (a re-exec of this test binary).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"errcode": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each one runs errcode commands and checks their
// stdout, stderr and exit codes exactly as a user or a shell script would see them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// A clean environment: no colour variables leak in from the developer's shell.
			env.Setenv("NO_COLOR", "")
			env.Setenv("CLICOLOR_FORCE", "")
			env.Setenv("TERM", "xterm-256color")
			return nil
		},
	})
}
