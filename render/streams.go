package render

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// Streams are the standard streams of one errcode run, with what is known about them: whether each is a
// terminal, how wide stdout is, and the colour profile chosen for each output stream. Build it once, with System in
// main or NewTestStreams in tests, and pass it down.
type Streams struct {
	In  io.Reader
	Out io.Writer // raw stdout; write through Stdout() to get colour handling
	Err io.Writer // raw stderr; write through Stderr()

	InTTY, OutTTY, ErrTTY bool
	// Width is the terminal width of stdout in columns, or 0 when stdout is not a terminal.
	Width int
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string

	// layout overrides how output is laid out: "" (auto: by OutTTY), LayoutPretty or LayoutPlain.
	layout string

	outProfile, errProfile colorprofile.Profile
	outWriter, errWriter   io.Writer
}

// System returns the process's real streams.
func System() *Streams {
	s := &Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv,
	}
	if s.OutTTY {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
			s.Width = w
		}
	}
	if s.Width == 0 && s.OutTTY {
		// A terminal that will not tell its size (a serial console, some CI runners) may still set COLUMNS.
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			s.Width = n
		}
	}
	_ = s.SetColorMode(ColorAuto)
	return s
}

// TestStreams are Streams backed by buffers, for tests.
type TestStreams struct {
	*Streams
	InBuf, OutBuf, ErrBuf *bytes.Buffer
}

// NewTestStreams returns streams backed by buffers; tty says whether they should pretend to be terminals. The
// environment is empty unless env is given.
func NewTestStreams(tty bool, env map[string]string) *TestStreams {
	in, out, errb := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s := &Streams{In: in, Out: out, Err: errb, InTTY: tty, OutTTY: tty, ErrTTY: tty,
		Getenv: func(k string) string { return env[k] }}
	if tty {
		s.Width = 100
	}
	_ = s.SetColorMode(ColorAuto)
	return &TestStreams{Streams: s, InBuf: in, OutBuf: out, ErrBuf: errb}
}

// SetColorMode decides the colour profile of both output streams for the --color mode; see ChooseProfile.
func (s *Streams) SetColorMode(mode string) error {
	if err := ValidateColorMode(mode); err != nil {
		return err
	}
	s.outProfile = ChooseProfile(mode, s.OutTTY, s.Getenv)
	s.errProfile = ChooseProfile(mode, s.ErrTTY, s.Getenv)
	s.outWriter = &colorprofile.Writer{Forward: s.Out, Profile: s.outProfile}
	s.errWriter = &colorprofile.Writer{Forward: s.Err, Profile: s.errProfile}
	return nil
}

// Stdout is stdout seen through its colour profile: escape sequences that the profile does not allow are
// downsampled or removed on the way out.
func (s *Streams) Stdout() io.Writer { return s.outWriter }

// Stderr is stderr seen through its colour profile.
func (s *Streams) Stderr() io.Writer { return s.errWriter }

// Styled reports whether stdout gets any styling at all (colour or bold). It never decides the layout: see Pretty.
func (s *Streams) Styled() bool { return s.outProfile > colorprofile.NoTTY }

// The values of --format.
const (
	LayoutAuto   = "auto"
	LayoutPretty = "pretty"
	LayoutPlain  = "plain"
)

// SetLayout sets the --format mode: auto (a terminal gets cards and aligned tables, a pipe plain text and
// tab-separated rows), pretty or plain.
func (s *Streams) SetLayout(mode string) error {
	switch mode {
	case LayoutAuto, "":
		s.layout = ""
	case LayoutPretty, LayoutPlain:
		s.layout = mode
	default:
		return fmt.Errorf("invalid --format %q: use auto, pretty or plain", mode)
	}
	return nil
}

// Pretty reports whether output is laid out for a person (cards wrapped to the width, aligned tables with a
// header) rather than for a pipe (one field per line, tab-separated rows). Only the terminal, or --format,
// decides it: colour settings only add or remove escape codes.
func (s *Streams) Pretty() bool {
	if s.layout != "" {
		return s.layout == LayoutPretty
	}
	return s.OutTTY
}
