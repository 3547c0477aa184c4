//go:build windows

package cmd

import "os"

// dieBySignal ends errcode after Ctrl-C or a termination request. Windows has no signal to re-raise; the status
// is the one a Unix shell reports for Ctrl-C.
func dieBySignal(os.Signal) { os.Exit(130) }
