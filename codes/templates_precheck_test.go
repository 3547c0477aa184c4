package codes

import (
	"slices"
	"strings"
	"testing"
)

// matchTemplatesPlain is matchTemplates without its prechecks: every template matched against the text.
func matchTemplatesPlain(text string) []int {
	lower := strings.ToLower(strings.TrimSpace(text))
	var out []int
	for i := range templates {
		t := &templates[i]
		if t.match(lower) && (len(out) == 0 || out[len(out)-1] != t.entry) {
			out = append(out, t.entry)
		}
	}
	return out
}

// TestTemplatePrechecksLoseNoMatch checks that the prechecks (length, longest literal) never pass over a template
// the text is an instance of: on the shortest instance of every template, in other cases, cut short by a byte,
// and on every catalog message.
func TestTemplatePrechecksLoseNoMatch(t *testing.T) {
	var texts []string
	for i := range templates {
		inst := strings.Join(templates[i].parts, "x")
		texts = append(texts, inst, strings.ToUpper(inst), inst[:len(inst)-1], inst[1:], "  "+inst+"\n")
	}
	for i := range entries {
		texts = append(texts, entries[i].Messages...)
	}
	texts = append(texts, "", "m 1", "x", "Ünicode ß text")
	found := 0
	for _, s := range texts {
		want := matchTemplatesPlain(s)
		if got := matchTemplates(s, Options{}); !slices.Equal(got, want) {
			t.Fatalf("%q: matchTemplates %v, every template matched gives %v", s, got, want)
		}
		found += len(want)
	}
	if found < len(templates) {
		t.Fatalf("only %d matches: the texts do not exercise the templates", found)
	}
}
