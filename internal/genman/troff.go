package main

import (
	"strings"
)

// fixPage turns cobra/doc's page into what man readers expect:
//
//   - no hyphenation: cobra/doc's .nh alone is undone by groff's man macros (.EE, the end of each example, turns
//     hyphenation back on to the level in register HY), so HY is 0 before .TH and .nh follows .TH; otherwise
//     codes such as MissingPermissions are split across lines. Lines are set ragged-right (.ad l): without
//     hyphenation, justifying them spreads short lines into wide gaps.
//   - every hyphen in text is \-, on which groff never breaks a line: --no-pager, errcode-lookup(1) and
//     X-RateLimit-Reset stay whole, and \- is the ASCII minus that can be copied into a shell.
//   - options are a .TP list, flag above its description, instead of a tab that filling turns into a gap.
//   - extra sections (ENVIRONMENT on the main page) go before EXAMPLE, or before SEE ALSO.
func fixPage(page string, extra string) string {
	var out []string
	inOptions := false
	inserted := extra == ""
	for _, line := range strings.Split(page, "\n") {
		if strings.HasPrefix(line, ".SH ") {
			inOptions = strings.HasPrefix(line, ".SH OPTIONS")
			if !inserted && (line == ".SH EXAMPLE" || line == ".SH SEE ALSO") {
				out = append(out, escapeText(strings.TrimRight(extra, "\n")), "")
				inserted = true
			}
		}
		switch {
		case line == ".nh":
			continue // moved after .TH
		case strings.HasPrefix(line, ".TH "):
			out = append(out, ".nr HY 0", line, ".nh", ".ad l")
			continue
		case inOptions && (line == ".PP" || line == ""):
			continue
		case inOptions && strings.HasPrefix(line, `\fB-`):
			out = append(out, ".TP")
		case inOptions && strings.HasPrefix(line, "\t"):
			line = strings.TrimPrefix(line, "\t")
		}
		out = append(out, escapeText(line))
	}
	if !inserted {
		out = append(out, escapeText(extra))
	}
	return strings.Join(out, "\n")
}

// escapeText escapes the hyphens of the text lines in s; request lines (. or ') are left as they are.
func escapeText(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, ".") && !strings.HasPrefix(line, "'") {
			lines[i] = escapeHyphens(line)
		}
	}
	return strings.Join(lines, "\n")
}

// escapeHyphens writes each bare - of a text line as \-, leaving escapes such as \- and \fB alone.
func escapeHyphens(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			b.WriteByte(c)
			i++
			b.WriteByte(line[i])
		case c == '-':
			b.WriteString(`\-`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
