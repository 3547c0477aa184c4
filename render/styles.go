package render

import (
	"charm.land/lipgloss/v2"

	"github.com/errcode/errcode/codes"
)

// Styles are defined once, here, and checked by palette_test.go: every style's text must keep a contrast of at
// least 4.5:1 (WCAG AA) on xterm and macOS Terminal.app, with a light and a dark background, in the colours those
// terminals actually show.
//
// That rules out a coloured foreground on the default background: xterm keeps one palette for both backgrounds, and
// none of its colours reaches 4.5:1 on both black and white (magenta3, the closest, is 4.48:1 on black). Text on
// the default background therefore uses the default colours, emphasised by bold or italic only (never faint, which
// lowers contrast), and verdicts are badges: a basic background colour with a foreground chosen to read on that
// colour in every palette. Nothing coloured is bold, since bold turns colours 0-7 into their bright versions.
var (
	styleTitle    = lipgloss.NewStyle().Bold(true)
	styleProvider = lipgloss.NewStyle().Bold(true)
	styleLabel    = lipgloss.NewStyle().Bold(true)
	styleMessage  = lipgloss.NewStyle().Italic(true)
	styleHeader   = lipgloss.NewStyle().Bold(true)

	// A red or magenta badge fails somewhere whatever its text colour (black on xterm's red3 is 3.6:1, white on
	// Terminal Basic Dark's red 2.9:1, black on magenta3 4.48:1), so never, the verdict to notice, is reverse
	// video and later is bright white on blue.
	verdictStyles = map[codes.Verdict]lipgloss.Style{
		codes.Never:   lipgloss.NewStyle().Reverse(true),
		codes.Refresh: lipgloss.NewStyle().Foreground(lipgloss.Black).Background(lipgloss.Yellow),
		codes.Later:   lipgloss.NewStyle().Foreground(lipgloss.BrightWhite).Background(lipgloss.Blue),
		codes.Wait:    lipgloss.NewStyle().Foreground(lipgloss.Black).Background(lipgloss.Cyan),
		codes.Backoff: lipgloss.NewStyle().Foreground(lipgloss.Black).Background(lipgloss.Green),
	}
)

// verdict renders a retry verdict as its badge.
func verdict(v codes.Verdict) string {
	if st, ok := verdictStyles[v]; ok {
		return st.Render(string(v))
	}
	return string(v)
}
