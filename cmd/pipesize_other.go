//go:build !linux

package cmd

import "io"

// growPipe enlarges a pipe's buffer where the system lets a reader do so; only Linux does (F_SETPIPE_SZ).
func growPipe(io.Reader) {}
