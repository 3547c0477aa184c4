package render

import (
	"fmt"

	"github.com/charmbracelet/colorprofile"
)

// The values of --color.
const (
	ColorAuto   = "auto"
	ColorAlways = "always"
	ColorNever  = "never"
)

// ColorModes lists the values --color accepts.
var ColorModes = []string{ColorAuto, ColorAlways, ColorNever}

// ValidateColorMode rejects anything but auto, always and never.
func ValidateColorMode(mode string) error {
	for _, m := range ColorModes {
		if mode == m {
			return nil
		}
	}
	return fmt.Errorf("invalid --color %q: use auto, always or never", mode)
}

// ChooseProfile decides, once per stream, how much styling output gets. It never asks the terminal anything:
// queries stall on terminals that do not answer and leak their bytes into the output.
//
//   - --color=never: nothing, not even bold.
//   - --color=always: the 16 ANSI colours, even into a pipe (the flag beats the environment).
//   - auto: NO_COLOR (any value) keeps bold but drops colour on a terminal; CLICOLOR_FORCE (not 0) colours even a
//     pipe; otherwise a pipe or TERM=dumb gets plain text, CLICOLOR=0 drops colour, and a terminal gets colour.
//
// errcode only uses the 16 basic ANSI colours, as badges whose contrast palette_test.go checks against
// each palette, so a deeper profile would add nothing.
func ChooseProfile(mode string, tty bool, getenv func(string) string) colorprofile.Profile {
	switch mode {
	case ColorNever:
		return colorprofile.NoTTY
	case ColorAlways:
		return colorprofile.ANSI
	}
	if getenv("NO_COLOR") != "" {
		if tty && getenv("TERM") != "dumb" {
			return colorprofile.Ascii
		}
		return colorprofile.NoTTY
	}
	if f := getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return colorprofile.ANSI
	}
	if !tty || getenv("TERM") == "dumb" {
		return colorprofile.NoTTY
	}
	if getenv("CLICOLOR") == "0" {
		return colorprofile.Ascii
	}
	return colorprofile.ANSI
}
