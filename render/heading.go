package render

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/errcode/errcode/codes"
)

// Heading is the first line of every card, a catalog entry's and an explained error's alike:
//
//	PROVIDER · STATUS · CODE — Name
//
// "obs · 404 · NoSuchKey", "discord · 403 · 50013 — MissingPermissions", "http · 404 — Not Found",
// "net · connect_refused — Connection refused". A part that is unknown or would only repeat another is left out
// with its separator, so the same error reads the same in `lookup` and in `explain`.
type Heading struct {
	Provider string
	Status   string // "404", a class such as "5xx", or "" when no status is known or fixed
	Code     string // the provider's code; "" when the error is its status and nothing more
	Name     string // what the code or status is called; "" when that only restates the code
}

// The separators of a heading: a middle dot between the parts that identify the error, a dash before its name.
const (
	headingSep  = " · "
	headingName = " — "
)

// String is the heading on one line, as the plain layout prints it.
func (h Heading) String() string {
	var b strings.Builder
	for _, t := range h.tokens() {
		b.WriteString(t.text)
	}
	return b.String()
}

// headingToken is a piece of a heading with its style; separators are tokens of their own.
type headingToken struct {
	text string
	kind int
}

const (
	tokProvider = iota
	tokIdentity
	tokSep
	tokName
)

func (h Heading) tokens() []headingToken {
	var ts []headingToken
	add := func(text string, kind int) {
		if text == "" {
			return
		}
		if len(ts) > 0 {
			ts = append(ts, headingToken{headingSep, tokSep})
		}
		ts = append(ts, headingToken{text, kind})
	}
	add(h.Provider, tokProvider)
	add(h.Status, tokIdentity)
	add(h.Code, tokIdentity)
	if h.Name != "" {
		if len(ts) > 0 {
			ts = append(ts, headingToken{headingName, tokSep})
		}
		ts = append(ts, headingToken{h.Name, tokName})
	}
	return ts
}

// render styles the heading; with width > 0 it is wrapped at spaces to lines of at most width cells (a name
// such as "Backup frequency limit (legacy Jira endpoint /rest/backup/1/export)" does not fit 80 columns beside
// its code). A separator stays at the end of the line it follows, never starting one.
func (h Heading) render(width int) string {
	// A word is what a line may not break: a part's word, with the separator mark that follows it.
	type piece struct {
		text string
		kind int
	}
	var words [][]piece
	for _, t := range h.tokens() {
		if t.kind == tokSep {
			if n := len(words); n > 0 {
				words[n-1] = append(words[n-1], piece{" " + strings.TrimSpace(t.text), tokSep})
			}
			continue
		}
		for _, f := range strings.Fields(t.text) {
			words = append(words, []piece{{f, t.kind}})
		}
	}
	wordWidth := func(w []piece) int {
		n := 0
		for _, p := range w {
			n += ansi.StringWidth(p.text)
		}
		return n
	}
	var lines [][]piece
	var line []piece
	lineWidth := 0
	for _, w := range words {
		n := wordWidth(w)
		switch {
		case line == nil:
			line, lineWidth = append([]piece{}, w...), n
		case width <= 0 || lineWidth+1+n <= width:
			// The space between two words takes the style of both when they share one, so that a run of one
			// style is one styled span.
			space := piece{" ", -1}
			if line[len(line)-1].kind == w[0].kind {
				space.kind = w[0].kind
			}
			line = append(append(line, space), w...)
			lineWidth += 1 + n
		default:
			lines = append(lines, line)
			line, lineWidth = append([]piece{}, w...), n
		}
	}
	lines = append(lines, line)
	out := make([]string, len(lines))
	for i, l := range lines {
		var b strings.Builder
		for j := 0; j < len(l); {
			k := j
			run := ""
			for ; k < len(l) && l[k].kind == l[j].kind; k++ {
				run += l[k].text
			}
			b.WriteString(headingStyle(l[j].kind, run))
			j = k
		}
		out[i] = b.String()
	}
	return strings.Join(out, "\n")
}

func headingStyle(kind int, s string) string {
	switch kind {
	case tokProvider:
		return styleProvider.Render(s)
	case tokSep:
		return s // plain: faint would lower the contrast below what palette_test.go requires
	case tokIdentity, tokName:
		return styleTitle.Render(s)
	}
	return s
}

// EntryHeading is the heading of a catalog entry. A status entry's code restates its status ("404") and a class
// entry's code is its class ("5xx"), which stands where the status does; codes such as Discord's 50013 come with
// no fixed status.
func EntryHeading(e *codes.Entry) Heading {
	h := Heading{Provider: e.Provider}
	switch {
	case e.Kind == codes.KindClass:
		h.Status = e.Code
	case e.Status != 0:
		h.Status = strconv.Itoa(e.Status)
	}
	if e.Kind == codes.KindCode || (e.Kind == codes.KindStatus && e.Code != h.Status) {
		h.Code = e.Code
	}
	h.Name = nameBeside(e.Name, e.Code, h.Code)
	return h
}

// FindingHeading is the heading of an explained error: its entry's heading, with the provider, status and code
// that the input gave in their places. Every part that came from the input is sanitised and cut.
func FindingHeading(f *codes.Finding) Heading {
	var h Heading
	if f.Entry != nil {
		h = EntryHeading(f.Entry)
	}
	h.Provider = Clean(f.Provider, maxCodeWidth)
	if f.Status != 0 {
		h.Status = strconv.Itoa(f.Status)
	}
	if f.Code != "" {
		h.Code = Clean(f.Code, maxCodeWidth)
		if h.Code == h.Status {
			h.Code = "" // `"code": 429` beside status 429 says nothing more
		}
		if f.Entry != nil {
			h.Name = nameBeside(f.Entry.Name, f.Entry.Code, h.Code)
		}
	}
	return h
}

// nameBeside is the name to show after code: none when it only restates the entry's code or the code shown.
func nameBeside(name, entryCode, shown string) string {
	n := codes.Normalize(name)
	if name == "" || n == codes.Normalize(entryCode) || n == codes.Normalize(shown) {
		return ""
	}
	return name
}
