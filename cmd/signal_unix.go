//go:build unix

package cmd

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// dieBySignal ends errcode by sig as it would have ended without a handler, so that the shell sees the same
// status (130 for Ctrl-C). Until the signal lands it does not return: the interrupted input may reach its end
// first, and errcode would then finish with status 0.
func dieBySignal(sig os.Signal) {
	signal.Reset(sig)
	n := sig.(syscall.Signal)
	_ = syscall.Kill(os.Getpid(), n)
	time.Sleep(time.Second)
	os.Exit(128 + int(n))
}
