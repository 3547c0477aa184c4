package cmd

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcode/errcode/render"
)

// Set by the release build through -ldflags "-X github.com/errcode/errcode/cmd.version=...".
var (
	version = ""
	commit  = ""
	date    = ""
)

// versionString is the version of this build: the one the release set, else the module version recorded by
// `go install`, else "dev".
func versionString() string {
	v, c, d := version, commit, date
	// goreleaser stamps "none" and a zero date when it cannot read git (a snapshot in a clone without a
	// remote); the build info Go records from the checkout is better than that.
	if c == "none" || c == "unknown" {
		c = ""
	}
	if strings.HasPrefix(d, "0001-") {
		d = ""
	}
	if info, ok := debug.ReadBuildInfo(); ok && (c == "" || d == "") {
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
		if info, ok := debug.ReadBuildInfo(); ok {
			if mv := info.Main.Version; mv != "" && mv != "(devel)" {
				v = mv
			}
		}
	}
	if len(c) > 12 {
		c = c[:12]
	}
	switch {
	case c != "" && d != "":
		return fmt.Sprintf("%s (%s, %s)", v, c, d)
	case c != "":
		return fmt.Sprintf("%s (%s)", v, c)
	}
	return v
}

// NewCmdVersion builds `errcode version`.
func NewCmdVersion(io *render.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print errcode's version",
		Args:  noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(io.Stdout(), "errcode %s\n", versionString())
			return err
		},
	}
}
