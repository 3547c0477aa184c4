// Command errcode explains API errors of Backblaze B2, Huawei Cloud OBS, the Atlassian Cloud backup API,
// Discord and plain HTTP, offline.
package main

import (
	"os"

	"github.com/errcode/errcode/cmd"
)

func main() { os.Exit(cmd.Main()) }
