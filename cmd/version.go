package cmd

import (
	"fmt"
	"regexp"
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

// buildInfo is the version, commit and date of this build: the ones the release set, else what `go install` and
// the VCS checkout recorded; the version is "dev" when nothing says otherwise, commit and date may be "".
func buildInfo() (v, c, d string) {
	v, c, d = version, commit, date
	// goreleaser stamps "none" and a zero date when it cannot read git (a snapshot in a clone without a
	// remote); the build info Go records from the checkout is better than that.
	if c == "none" || c == "unknown" {
		c = ""
	}
	if strings.HasPrefix(d, "0001-") {
		d = ""
	}
	info, ok := debug.ReadBuildInfo()
	if ok && (c == "" || d == "") {
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
		if ok {
			v = moduleVersion(info.Main.Version)
		}
	}
	if len(c) > 12 {
		c = c[:12]
	}
	return v, c, d
}

// pseudoVersion matches the version Go records for a build from a checkout that is not at a tag, such as
// v0.0.0-20261130151553-3d2436ef7ac7 or v1.2.4-0.20261130151553-3d2436ef7ac7+dirty: it repeats the date and
// commit that versionString prints anyway.
var pseudoVersion = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+-(?:[0-9A-Za-z.-]*\.)?[0-9]{14}-[0-9a-f]{12}(\+dirty)?$`)

// moduleVersion is the version to print for the main module's recorded version: a tag (v1.2.0, from go install
// or a tagged checkout) as it is, "dev" for a pseudo-version or none, "dev+dirty" for a modified checkout.
func moduleVersion(mv string) string {
	if m := pseudoVersion.FindStringSubmatch(mv); m != nil {
		return "dev" + m[1]
	}
	if mv == "" || mv == "(devel)" {
		return "dev"
	}
	return mv
}

// versionString is the version of this build as one line: "v1.2.0 (abc123def456, 2026-11-30T10:00:00Z)".
func versionString() string {
	v, c, d := buildInfo()
	switch {
	case c != "" && d != "":
		return fmt.Sprintf("%s (%s, %s)", v, c, d)
	case c != "":
		return fmt.Sprintf("%s (%s)", v, c)
	}
	return v
}

// NewCmdVersion builds `errcode version`; with --json it prints {"version", "commit", "date"} (commit and date
// null when the build does not record them).
func NewCmdVersion(g *globalOptions, io *render.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print errcode's version",
		Args:  noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if g.JSON {
				v, commit, date := buildInfo()
				return render.WriteJSON(io.Stdout(), struct {
					Version string  `json:"version"`
					Commit  *string `json:"commit"`
					Date    *string `json:"date"`
				}{v, optional(commit), optional(date)})
			}
			_, err := fmt.Fprintf(io.Stdout(), "errcode %s\n", versionString())
			return err
		},
	}
}

// optional is nil for "", for JSON fields that are null when unknown.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
