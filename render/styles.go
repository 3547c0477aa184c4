package render

import (
	"charm.land/lipgloss/v2"

	"github.com/errcode/errcode/codes"
)

// Styles are defined once. They use only the 16 basic ANSI colours, which every terminal theme maps to shades that
// read on its own background, light or dark; bright variants are avoided because some light themes render them
// nearly invisible.
var (
	styleTitle    = lipgloss.NewStyle().Bold(true)
	styleProvider = lipgloss.NewStyle().Foreground(lipgloss.Blue).Bold(true)
	styleLabel    = lipgloss.NewStyle().Bold(true)
	styleMessage  = lipgloss.NewStyle().Italic(true)
	styleDim      = lipgloss.NewStyle().Faint(true)
	styleHeader   = lipgloss.NewStyle().Bold(true)

	verdictStyles = map[codes.Verdict]lipgloss.Style{
		codes.Never:   lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		codes.Refresh: lipgloss.NewStyle().Foreground(lipgloss.Yellow).Bold(true),
		codes.Later:   lipgloss.NewStyle().Foreground(lipgloss.Magenta).Bold(true),
		codes.Wait:    lipgloss.NewStyle().Foreground(lipgloss.Cyan).Bold(true),
		codes.Backoff: lipgloss.NewStyle().Foreground(lipgloss.Green).Bold(true),
	}
)

// verdict renders a retry verdict in its colour.
func verdict(v codes.Verdict) string {
	if st, ok := verdictStyles[v]; ok {
		return st.Render(string(v))
	}
	return string(v)
}
