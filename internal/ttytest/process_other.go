//go:build !unix

package ttytest

// processRuns reports whether a process with this id still exists. tmux, and so every test that uses this
// package, needs a Unix system: elsewhere nothing is ever left to clean up, and no build counts as running.
func processRuns(int) bool { return false }
