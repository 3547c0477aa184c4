package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Table is rows of cells with a header. On a terminal it is fitted to the width (see fit): the Cut column (the
// last one unless named) is cut with … first, then dropped, then the Drop columns go in order; an OwnLine column
// (a URL) moves to a line of its own under each row when the row does not fit.
type Table struct {
	Header  []string
	Rows    [][]string
	Cut     string   // header of the column to cut with …; "" is the last column
	OwnLine string   // header of a column that may move under its row; "" for none
	Drop    []string // headers of columns to drop, in order, when cutting is not enough
}

// WriteTable writes t as an aligned, borderless table on a terminal (tablewriter) and as tab-separated lines
// without a header on a pipe, so that cut -f and awk -F'\t' work.
func WriteTable(s *Streams, t Table) error {
	if !s.Pretty() {
		var b strings.Builder
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = strings.ReplaceAll(ansi.Strip(c), "\t", " ")
			}
			b.WriteString(strings.Join(cells, "\t") + "\n")
		}
		_, err := io.WriteString(s.Stdout(), b.String())
		return err
	}

	header, rows, below := t.apply(t.fit(s.Width))
	var buf bytes.Buffer
	tb := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		// tablewriter upper-cases and centres headers unless told not to; ours are already upper case.
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = styleHeader.Render(h)
	}
	tb.Header(cells...)
	for _, r := range rows {
		// tablewriter keeps rows by reference: each Append gets its own slice.
		if err := tb.Append(append([]string(nil), r...)); err != nil {
			return err
		}
	}
	if err := tb.Render(); err != nil {
		return err
	}
	out := trimLines(buf.String())
	if below != nil {
		// Each row is one line (cells never wrap), after the header line: the own-line cells go under them.
		lines := strings.SplitAfter(out, "\n")
		var b strings.Builder
		for i, line := range lines {
			b.WriteString(line)
			if i >= 1 && i-1 < len(below) && below[i-1] != "" {
				indent := "  "
				if ansi.StringWidth(below[i-1])+2 > s.Width {
					indent = "" // the whole width for a URL that barely fits, or does not at all
				}
				b.WriteString(indent + below[i-1] + "\n")
			}
		}
		out = b.String()
	}
	_, err := io.WriteString(s.Stdout(), out)
	return err
}

// minFlexWidth is the narrowest the truncated column gets before it is dropped instead.
const minFlexWidth = 16

// tableGap is the space between two columns.
const tableGap = 2

// tableLayout is how a table fits a width: which columns are shown, how wide the cut column may be, and whether
// the own-line column moved below its row.
type tableLayout struct {
	show      []bool
	flex      int // index of the column cut with …, or -1
	flexWidth int
	below     int // index of the column printed on its own line under each row, or -1
}

func (t Table) column(header string) int {
	for i, h := range t.Header {
		if h == header {
			return i
		}
	}
	return -1
}

// fit decides the layout of t in width cells. The order is fixed: the own-line column (a URL) moves below its row
// when it does not fit; the cut column (the message) is cut with … down to minFlexWidth, then dropped; then the
// Drop columns go, in order. Cells are otherwise never cut, so codes, URLs and header names stay whole. The header
// counts like any row.
func (t Table) fit(width int) tableLayout {
	n := len(t.Header)
	l := tableLayout{show: make([]bool, n), flex: n - 1, below: -1}
	if t.Cut != "" {
		l.flex = t.column(t.Cut)
	}
	for i := range l.show {
		l.show[i] = true
	}
	widths := make([]int, n)
	for i, h := range t.Header {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if i < n {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	total := func() int {
		sum, cols := 0, 0
		for i, w := range widths {
			if l.show[i] && i != l.below {
				if i == l.flex {
					w = l.flexWidth
				}
				sum += w
				cols++
			}
		}
		return sum + tableGap*max(cols-1, 0)
	}
	if l.flex >= 0 {
		l.flexWidth = widths[l.flex]
	}
	if width <= 0 || total() <= width {
		return l
	}
	if i := t.column(t.OwnLine); i >= 0 {
		l.below = i
		if i == l.flex {
			l.flex = -1
		}
	}
	steps := []int{l.flex}
	for _, h := range t.Drop {
		steps = append(steps, t.column(h))
	}
	shrink := func() {
		if l.flex >= 0 && l.show[l.flex] {
			l.flexWidth = widths[l.flex]
			if over := total() - width; over > 0 {
				l.flexWidth = max(widths[l.flex]-over, min(minFlexWidth, widths[l.flex]))
			}
		}
	}
	for _, drop := range steps {
		shrink()
		if total() <= width {
			return l
		}
		if drop >= 0 {
			l.show[drop] = false
		}
	}
	shrink()
	return l
}

// apply returns the header and rows as laid out, and the own-line cell of each row ("" when none).
func (t Table) apply(l tableLayout) (header []string, rows [][]string, below []string) {
	keep := func(r []string) []string {
		var out []string
		for i, c := range r {
			if i >= len(l.show) || !l.show[i] || i == l.below {
				continue
			}
			if i == l.flex {
				c = cutWords(c, l.flexWidth)
			}
			out = append(out, c)
		}
		return out
	}
	header = keep(t.Header)
	for _, r := range t.Rows {
		rows = append(rows, keep(r))
		if l.below >= 0 && l.below < len(r) {
			below = append(below, r[l.below])
		}
	}
	return header, rows, below
}

// cutWords cuts s to width cells with …, at the end of a word when one ends in the second half.
func cutWords(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	head := ansi.Truncate(s, width-1, "")
	if i := strings.LastIndexByte(head, ' '); i > 0 && ansi.StringWidth(head[:i]) >= width/2 {
		head = head[:i]
	}
	return strings.TrimRight(head, " ,;:") + "…"
}
