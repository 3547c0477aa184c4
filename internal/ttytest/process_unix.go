//go:build unix

package ttytest

import "syscall"

// processRuns reports whether a process with this id still exists.
func processRuns(pid int) bool { return syscall.Kill(pid, 0) != syscall.ESRCH }
