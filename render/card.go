package render

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/codes"
)

// labelWidth is the width of the label column of a card ("Cause", "Retry", ...), gap included.
const labelWidth = 9

// maxCardWidth keeps cards readable on very wide terminals.
const maxCardWidth = 100

// Field is one labelled line of a card.
type Field struct {
	Label string
	Value string // already styled where it needs to be; untrusted text must be sanitised by the caller
}

// Card is what a person reads about one error: a title line, an optional quoted message, then labelled fields.
type Card struct {
	Title   string
	Message string
	Fields  []Field
}

// EntryCard builds the card of a catalog entry.
func EntryCard(e *codes.Entry) Card {
	c := Card{Title: Title(e), Message: e.Message()}
	c.Fields = append(c.Fields,
		Field{"Cause", e.Cause},
		Field{"Fix", e.Fix},
		Field{"Retry", verdict(e.Retry.Verdict) + ": " + e.Retry.Advice},
	)
	if len(e.Messages) > 1 {
		c.Fields = append(c.Fields, Field{"Also", strings.Join(quoteAll(e.Messages[1:]), "; ")})
	}
	if len(e.Calls) > 0 {
		c.Fields = append(c.Fields, Field{"Calls", strings.Join(e.CallsDescribed(), ", ")})
	}
	if e.S3FlagKnown() {
		s3 := "OBS only; AWS S3 has no such code"
		if e.S3Compatible {
			s3 = "AWS S3 uses the same code"
			if e.AWSStatus != 0 {
				s3 += fmt.Sprintf(" with status %d", e.AWSStatus)
			}
		}
		c.Fields = append(c.Fields, Field{"S3", s3})
	}
	if len(e.Aliases) > 0 {
		c.Fields = append(c.Fields, Field{"Aliases", strings.Join(e.Aliases, ", ")})
	}
	if len(e.Related) > 0 {
		c.Fields = append(c.Fields, Field{"Related", strings.Join(e.Related, ", ")})
	}
	if e.Docs != "" {
		c.Fields = append(c.Fields, Field{"Docs", e.Docs})
	}
	return c
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "“" + s + "”"
	}
	return out
}

// WriteCard writes a card. Styled output (a terminal) wraps values to the terminal width beside their labels;
// plain output (a pipe) keeps each field on one line so that grep and cut work on it.
func WriteCard(s *Streams, c Card) error {
	var b strings.Builder
	// Styles are always applied; Stdout removes them when colour is off. Only the layout depends on Pretty.
	pretty := s.Pretty()
	title := styleTitle.Render(c.Title)
	if provider, rest, ok := strings.Cut(c.Title, " · "); ok {
		title = styleProvider.Render(provider) + " · " + styleTitle.Render(rest)
	}
	b.WriteString(title + "\n")
	if c.Message != "" {
		msg := "“" + c.Message + "”"
		if pretty {
			msg = strings.Join(WrapWords(msg, cardWidth(s)), "\n")
		}
		b.WriteString(styleMessage.Render(msg) + "\n")
	}
	for _, f := range c.Fields {
		if pretty {
			writeField(&b, f, cardWidth(s))
			continue
		}
		label := f.Label
		if label != "" {
			label = styleLabel.Render(label)
		}
		b.WriteString(label + strings.Repeat(" ", max(labelWidth-ansi.StringWidth(f.Label), 0)) + f.Value + "\n")
	}
	_, err := io.WriteString(s.Stdout(), trimLines(b.String()))
	return err
}

func cardWidth(s *Streams) int {
	w := s.Width
	if w <= 0 || w > maxCardWidth {
		w = maxCardWidth
	}
	if w < labelWidth+20 {
		w = labelWidth + 20
	}
	return w
}

// writeField writes a labelled field whose value is wrapped at spaces beside the label. A word too long for the
// value column (a URL) is never broken: it stands on a line of its own, from the left margin when it fits there.
func writeField(b *strings.Builder, f Field, width int) {
	label := f.Label + strings.Repeat(" ", max(labelWidth-ansi.StringWidth(f.Label), 1))
	if f.Label != "" {
		label = styleLabel.Render(f.Label) + strings.Repeat(" ", max(labelWidth-ansi.StringWidth(f.Label), 1))
	}
	indent := strings.Repeat(" ", labelWidth)
	for i, line := range WrapWords(f.Value, width-labelWidth) {
		lead := indent
		if i == 0 {
			lead = label
		}
		if ansi.StringWidth(line) > width-labelWidth {
			// A lone unbreakable word: from the left margin, on a line of its own.
			if i == 0 {
				b.WriteString(strings.TrimRight(label, " ") + "\n")
			}
			b.WriteString(line + "\n")
			continue
		}
		b.WriteString(lead + line + "\n")
	}
}

// WrapWords breaks text at spaces into lines of at most width cells. Words are never broken, not even at
// hyphens: a word wider than width gets a line of its own.
func WrapWords(text string, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line, lineWidth := "", 0
		for _, word := range strings.Fields(para) {
			w := ansi.StringWidth(word)
			switch {
			case line == "":
				line, lineWidth = word, w
			case lineWidth+1+w <= width:
				line += " " + word
				lineWidth += 1 + w
			default:
				lines = append(lines, line)
				line, lineWidth = word, w
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// trailingPad matches the padding at the end of a line: spaces, possibly interleaved with SGR sequences.
// It is compiled on first use: a regexp compiled in init costs every run, completion included.
var (
	trailingPadOnce sync.Once
	trailingPad     *regexp.Regexp
)

// trimLines removes the trailing spaces that padding leaves at the ends of lines, keeping any style resets
// among them.
func trimLines(s string) string {
	trailingPadOnce.Do(func() { trailingPad = regexp.MustCompile(`(?: |\x1b\[[0-9;]*m)+$`) })
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = trailingPad.ReplaceAllStringFunc(l, func(pad string) string {
			return strings.ReplaceAll(pad, " ", "")
		})
	}
	return strings.Join(lines, "\n")
}
