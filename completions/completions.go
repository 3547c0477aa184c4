// Package completions holds errcode's shell completion scripts for bash, zsh, fish and PowerShell. They are
// generated from the command tree by `go generate ./completions`; a test fails when they are stale, and another
// drives real shells through them.
package completions

//go:generate go run ../internal/gencompletions -dir .
