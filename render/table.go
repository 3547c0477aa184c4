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

// Table is rows of cells with a header. The last column is the free-text one: on a terminal it is cut to fit the
// width, so it should hold the message or description.
type Table struct {
	Header []string
	Rows   [][]string
}

// WriteTable writes t as an aligned, borderless table on a terminal (tablewriter) and as tab-separated lines
// without a header on a pipe, so that cut -f and awk -F'\t' work.
func WriteTable(s *Streams, t Table) error {
	if !s.Styled() {
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

	rows := fitLastColumn(t.Rows, s.Width)
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
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = styleHeader.Render(h)
	}
	tb.Header(header...)
	for _, r := range rows {
		// tablewriter keeps rows by reference: each Append gets its own slice.
		if err := tb.Append(append([]string(nil), r...)); err != nil {
			return err
		}
	}
	if err := tb.Render(); err != nil {
		return err
	}
	_, err := io.WriteString(s.Stdout(), trimLines(buf.String()))
	return err
}

// fitLastColumn cuts the last cell of each row so that rows fit width terminal cells.
func fitLastColumn(rows [][]string, width int) [][]string {
	if width <= 0 || len(rows) == 0 {
		return rows
	}
	n := len(rows[0])
	widths := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			if w := ansi.StringWidth(c); w > widths[i] {
				widths[i] = w
			}
		}
	}
	used := 0
	for i := 0; i < n-1; i++ {
		used += widths[i] + 2
	}
	room := width - used - 2 // the last column is padded too
	if room < 12 {
		room = 12
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		row := append([]string(nil), r...)
		row[n-1] = Truncate(row[n-1], room)
		out[i] = row
	}
	return out
}
