//go:build linux

package cmd

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// pipeBufferSize is the pipe buffer explain asks for: Linux's default ceiling for an unprivileged process
// (/proc/sys/fs/pipe-max-size).
const pipeBufferSize = 1 << 20

// growPipe asks for a larger buffer on a pipe explain reads. With the default 64 KiB, a writer such as
// `cat app.log` stops every 64 KiB until explain has read, and the handovers, not explain, set the pace of a
// large log. A refusal (a lower pipe-max-size, the user's pipe quota) leaves the pipe as it was.
func growPipe(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		return
	}
	// SyscallConn, not Fd: Fd would switch the descriptor to blocking mode.
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, pipeBufferSize)
	})
}
