//go:build linux

package cmd

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestGrowPipeEnlargesStdinPipe checks that explain's input pipe gets the larger buffer (up to the system's
// ceiling), which lets `cat big.log | errcode explain` run at explain's pace rather than the pipe's.
func TestGrowPipeEnlargesStdinPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	before, err := unix.FcntlInt(r.Fd(), unix.F_GETPIPE_SZ, 0)
	if err != nil {
		t.Skipf("F_GETPIPE_SZ: %v", err)
	}
	want := pipeBufferSize
	if b, err := os.ReadFile("/proc/sys/fs/pipe-max-size"); err == nil {
		if ceiling, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && ceiling < want {
			want = ceiling
		}
	}
	if before >= want {
		t.Skipf("the pipe already holds %d bytes", before)
	}
	growPipe(r)
	after, err := unix.FcntlInt(r.Fd(), unix.F_GETPIPE_SZ, 0)
	if err != nil {
		t.Fatal(err)
	}
	if after < want {
		t.Fatalf("pipe buffer %d bytes after growPipe, want at least %d (before: %d)", after, want, before)
	}
}
