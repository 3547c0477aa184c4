package render

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"

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
		c.Fields = append(c.Fields, Field{"Calls", callsText(e.Calls)})
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

// callsText spells out the B2 reference's shorthands for "any call".
func callsText(calls []string) string {
	out := make([]string, len(calls))
	for i, c := range calls {
		switch c {
		case "*":
			out[i] = "any call"
		case "*-auth":
			out[i] = "any call but b2_authorize_account"
		default:
			out[i] = c
		}
	}
	return strings.Join(out, ", ")
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
	styled := s.Styled()
	title := c.Title
	if styled {
		if provider, rest, ok := strings.Cut(title, " · "); ok {
			title = styleProvider.Render(provider) + styleDim.Render(" · ") + styleTitle.Render(rest)
		} else {
			title = styleTitle.Render(title)
		}
	}
	b.WriteString(title + "\n")
	if c.Message != "" {
		msg := "“" + c.Message + "”"
		if styled {
			msg = styleMessage.Render(wrap(msg, cardWidth(s)))
		}
		b.WriteString(msg + "\n")
	}
	for _, f := range c.Fields {
		if styled {
			label := styleLabel.Width(labelWidth).Render(f.Label)
			value := lipgloss.NewStyle().Width(cardWidth(s) - labelWidth).Render(f.Value)
			b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, label, value) + "\n")
			continue
		}
		fmt.Fprintf(&b, "%-*s%s\n", labelWidth, f.Label, f.Value)
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

// wrap breaks text into lines of at most width cells without padding them.
func wrap(text string, width int) string {
	return lipgloss.Wrap(text, width, "")
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
