package render

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// rgb is a colour as a terminal draws it.
type rgb struct{ r, g, b uint8 }

// terminal is a terminal's default colours and its 16 basic colours, in the mode (light or dark) it runs in.
type terminal struct {
	name   string
	fg, bg rgb
	basic  [16]rgb
}

// xtermBasic is xterm's built-in palette: charproc.c of xterm-410 (color0-15: black, red3, green3, yellow3, blue2,
// magenta3, cyan3, gray90, gray50, red, green, yellow, rgb:5c/5c/ff, magenta, cyan, white), the names resolved
// through X11's rgb.txt. xterm uses the same palette whatever its default colours are.
var xtermBasic = [16]rgb{
	{0x00, 0x00, 0x00}, {0xcd, 0x00, 0x00}, {0x00, 0xcd, 0x00}, {0xcd, 0xcd, 0x00},
	{0x00, 0x00, 0xee}, {0xcd, 0x00, 0xcd}, {0x00, 0xcd, 0xcd}, {0xe5, 0xe5, 0xe5},
	{0x7f, 0x7f, 0x7f}, {0xff, 0x00, 0x00}, {0x00, 0xff, 0x00}, {0xff, 0xff, 0x00},
	{0x5c, 0x5c, 0xff}, {0xff, 0x00, 0xff}, {0x00, 0xff, 0xff}, {0xff, 0xff, 0xff},
}

// terminals are the four the README promises: xterm with its default black on white and in reverse video (white
// on black), and Terminal.app's default profile, Basic, in macOS's light and dark appearance. Terminal.app's
// values are iTerm2-Color-Schemes' Xresources/Terminal Basic and Xresources/Terminal Basic Dark.
var terminals = []terminal{
	{"xterm (black on white)", rgb{0, 0, 0}, rgb{0xff, 0xff, 0xff}, xtermBasic},
	{"xterm -rv (white on black)", rgb{0xff, 0xff, 0xff}, rgb{0, 0, 0}, xtermBasic},
	{"Terminal.app Basic (light)", rgb{0x00, 0x00, 0x00}, rgb{0xff, 0xff, 0xff}, [16]rgb{
		{0x00, 0x00, 0x00}, {0x99, 0x00, 0x00}, {0x00, 0xa6, 0x00}, {0x99, 0x99, 0x00},
		{0x00, 0x00, 0xb2}, {0xb2, 0x00, 0xb2}, {0x00, 0xa6, 0xb2}, {0xbf, 0xbf, 0xbf},
		{0x66, 0x66, 0x66}, {0xe5, 0x00, 0x00}, {0x00, 0xd9, 0x00}, {0xbf, 0xbf, 0x00},
		{0x00, 0x00, 0xff}, {0xe5, 0x00, 0xe5}, {0x00, 0xd8, 0xd8}, {0xe5, 0xe5, 0xe5},
	}},
	{"Terminal.app Basic (dark)", rgb{0xff, 0xff, 0xff}, rgb{0x1d, 0x1e, 0x1d}, [16]rgb{
		{0x00, 0x00, 0x00}, {0xc6, 0x53, 0x39}, {0x6a, 0xc4, 0x4b}, {0xb8, 0xb7, 0x4a},
		{0x64, 0x44, 0xed}, {0xd3, 0x57, 0xdb}, {0x69, 0xc1, 0xcf}, {0xd1, 0xd1, 0xd1},
		{0x90, 0x90, 0x90}, {0xeb, 0x5a, 0x3a}, {0x77, 0xea, 0x51}, {0xef, 0xef, 0x53},
		{0xd0, 0x9a, 0xf9}, {0xeb, 0x5a, 0xf7}, {0x78, 0xf1, 0xf2}, {0xed, 0xed, 0xed},
	}},
}

// minContrast is WCAG 2's AA level for normal text.
const minContrast = 4.5

// shown is the text and background colour a terminal draws for a style. Bold on colours 0-7 is drawn in 8-15:
// xterm's boldColors resource defaults to true, and Terminal.app's "Use bright colors for bold text" is on by
// default. Faint and colours outside the 16 are refused: faint lowers contrast by an amount each terminal picks,
// and Terminal.app's 256-colour values are not published.
func shown(st lipgloss.Style, t terminal) (fg, bg rgb, err error) {
	if st.GetFaint() {
		return fg, bg, fmt.Errorf("faint")
	}
	pick := func(c color.Color, def rgb, bold bool) (rgb, error) {
		switch c := c.(type) {
		case lipgloss.NoColor:
			return def, nil
		case ansi.BasicColor:
			if bold && c < 8 {
				c += 8
			}
			return t.basic[c], nil
		}
		return rgb{}, fmt.Errorf("colour %v is not one of the 16 basic colours", c)
	}
	if fg, err = pick(st.GetForeground(), t.fg, st.GetBold()); err != nil {
		return fg, bg, err
	}
	if bg, err = pick(st.GetBackground(), t.bg, false); err != nil {
		return fg, bg, err
	}
	if st.GetReverse() {
		fg, bg = bg, fg
	}
	return fg, bg, nil
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c rgb) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is WCAG 2's contrast ratio, from 1 (none) to 21 (black on white).
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// usedStyles are all the styles errcode prints with.
func usedStyles() map[string]lipgloss.Style {
	m := map[string]lipgloss.Style{
		"title": styleTitle, "provider": styleProvider, "label": styleLabel, "message": styleMessage,
		"header": styleHeader,
	}
	for v, st := range verdictStyles {
		m["verdict "+string(v)] = st
	}
	return m
}

// lowContrast lists every style and terminal in which the style's text falls below minContrast.
func lowContrast(styles map[string]lipgloss.Style) []string {
	var bad []string
	for name, st := range styles {
		for _, t := range terminals {
			fg, bg, err := shown(st, t)
			if err != nil {
				bad = append(bad, fmt.Sprintf("%s in %s: %v", name, t.name, err))
				continue
			}
			if r := contrast(fg, bg); r < minContrast {
				bad = append(bad, fmt.Sprintf("%s in %s: %.2f:1 (%v on %v)", name, t.name, r, fg, bg))
			}
		}
	}
	return bad
}

func TestStylesReadOnLightAndDarkBackgrounds(t *testing.T) {
	styles := usedStyles()
	for _, b := range lowContrast(styles) {
		t.Error(b)
	}
	// The lowest ratio of each style, for the README (go test ./render -run Backgrounds -v).
	names := make([]string, 0, len(styles))
	for name := range styles {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		low, where := math.Inf(1), ""
		for _, term := range terminals {
			if fg, bg, err := shown(styles[name], term); err == nil && contrast(fg, bg) < low {
				low, where = contrast(fg, bg), term.name
			}
		}
		t.Logf("%-16s lowest %5.2f:1 in %s", name, low, where)
	}
}

// TestContrastCheckCatchesWhatTheIssueNames: the check rejects the combinations issue 12 reports (blue on black,
// yellow or cyan on white, bold basic colours) and the palette errcode had before.
func TestContrastCheckCatchesWhatTheIssueNames(t *testing.T) {
	bad := map[string]lipgloss.Style{
		"blue":      lipgloss.NewStyle().Foreground(lipgloss.Blue),
		"yellow":    lipgloss.NewStyle().Foreground(lipgloss.Yellow),
		"cyan":      lipgloss.NewStyle().Foreground(lipgloss.Cyan),
		"bold red":  lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		"faint":     lipgloss.NewStyle().Faint(true),
		"256-white": lipgloss.NewStyle().Foreground(ansi.IndexedColor(231)),
	}
	got := strings.Join(lowContrast(bad), "\n")
	for _, want := range []string{
		"blue in xterm -rv (white on black): 2.23:1",
		"blue in Terminal.app Basic (dark): 2.86:1",
		"yellow in xterm (black on white): 1.70:1",
		"cyan in Terminal.app Basic (light): 2.96:1",
		"bold red in xterm (black on white): 4.00:1", // drawn as bright red, #ff0000
		"faint in xterm (black on white): faint",
		"256-white in Terminal.app Basic (dark): colour 231 is not one of the 16 basic colours",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not rejected: %s\ngot:\n%s", want, got)
		}
	}
	// Bright red reads on black: the check is a measurement, not a list of banned colours.
	if strings.Contains(got, "bold red in xterm -rv") {
		t.Errorf("bright red on black was rejected:\n%s", got)
	}
	if bad := lowContrast(map[string]lipgloss.Style{"old verdict never": lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true)}); len(bad) == 0 {
		t.Error("the old bold red verdict passed")
	}
	if got := contrast(rgb{0, 0, 0}, rgb{0xff, 0xff, 0xff}); math.Abs(got-21) > 1e-9 {
		t.Errorf("black on white is %v:1, want 21:1", got)
	}
}

// TestEveryStyleIsChecked: styles live in styles.go only, and the check covers each one defined there.
func TestEveryStyleIsChecked(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	defined := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(string(src), "lipgloss.NewStyle()")
		if n > 0 && f != "styles.go" {
			t.Errorf("%s defines a style; define it in styles.go and add it to usedStyles", f)
		}
		defined += n
	}
	if got := len(usedStyles()); got != defined {
		t.Errorf("styles.go defines %d styles, the contrast check covers %d", defined, got)
	}
}
