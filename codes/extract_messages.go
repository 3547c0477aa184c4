// Extraction of provider messages wherever they stand in a line: a message is found as a run of words of the
// line, not only as the whole line, so that what a client prints around it (a call name before it, " on POST
// /path", ": <bucket>" or " (code N)" after it) does not hide it. Templates match without being anchored at the
// end of the line.

package codes

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// messageRef is one catalog message split into lower-case words.
type messageRef struct {
	words []string
	// code says an entry of a specific code has this message; a message only status entries have is a
	// reason phrase ("Bad Request"), which a code's message beside it outranks.
	code bool
	// providers counts the providers whose code entries have this message.
	providers int
	// rank is the message's providerSpec.messageRank: below 0 a wrapper, above 0 context that outranks the
	// message inside it.
	rank int
}

var (
	messageWordsOnce sync.Once
	// messagesByFirstWord files every plain (non-template) catalog message under its first word, so a line is
	// searched with one map look-up per word.
	messagesByFirstWord map[string][]messageRef
)

func buildMessageWords() {
	messagesByFirstWord = map[string][]messageRef{}
	seen := map[string]int{} // message -> its position under its first word
	owners := map[string]map[string]bool{}
	for i := range entries {
		for _, m := range entries[i].Messages {
			if strings.ContainsAny(m, "{}") {
				continue
			}
			ws := messageWords(m)
			key := strings.Join(ws, " ")
			isCode := entries[i].Kind == KindCode
			if len(ws) == 0 {
				continue
			}
			if at, ok := seen[key]; ok {
				refs := messagesByFirstWord[ws[0]]
				refs[at].code = refs[at].code || isCode
				if isCode && !owners[key][entries[i].Provider] {
					owners[key][entries[i].Provider] = true
					refs[at].providers++
				}
				continue
			}
			seen[key] = len(messagesByFirstWord[ws[0]])
			owners[key] = map[string]bool{}
			ref := messageRef{words: ws, code: isCode, rank: messageRankOf(key)}
			if isCode {
				owners[key][entries[i].Provider] = true
				ref.providers = 1
			}
			messagesByFirstWord[ws[0]] = append(messagesByFirstWord[ws[0]], ref)
		}
	}
}

// messageRankOf is the rank a provider gives a message (its lower-case words joined by spaces), 0 when none does.
func messageRankOf(words string) int {
	for _, p := range registry {
		if r, ok := p.messageRank[words]; ok {
			return r
		}
	}
	return 0
}

// span is a run of words of a line: its text and where it stands.
type span struct {
	start, end int // byte offsets in the line
	words      int
	code       bool // a code's message rather than a reason phrase
	unique     bool // only one provider's codes have the message
	rank       int  // messageRef.rank
}

// beats reports whether s is a better message match than t: context before a plain message before a wrapper
// (when t is a match at all), then a code's message before a reason phrase, then the longer.
func (s span) beats(t span) bool {
	if t.words > 0 && s.rank != t.rank {
		return s.rank > t.rank
	}
	if s.code != t.code {
		return s.code
	}
	return s.words > t.words
}

// wordAt is one word of a line with its byte offsets.
type wordAt struct {
	w          string
	start, end int
}

// lineWords splits s into lower-case words of letters and digits, with their offsets. An underscore joins: a
// snake_case identifier ("access_denied") is one word, not the prose message it spells.
func lineWords(s string) []wordAt { return lineWordsInto(nil, s) }

// lineWordsInto is lineWords appending to out, so that a caller can split into a stack array.
func lineWordsInto(out []wordAt, s string) []wordAt {
	start := -1
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		if alnum && start < 0 {
			start = i
		}
		if !alnum && start >= 0 {
			out = append(out, wordAt{strings.ToLower(s[start:i]), start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, wordAt{strings.ToLower(s[start:]), start, len(s)})
	}
	return out
}

// messageWords splits a catalog message the way lineWords splits a line.
func messageWords(m string) []string {
	ws := lineWords(m)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.w
	}
	return out
}

// maxMessageScan bounds the part of a record that is searched for messages.
const maxMessageScan = 4 << 10

// findMessage returns the text of the longest catalog message (or message template instance) that stands in s
// as a run of whole words. A message of fewer than three words must also stand as a segment of its own (between
// quotes, after ": ", at the end of the line), since short messages ("Not Found") are common words too.
func findMessage(s string) (string, bool) {
	m, ok := findMessageSpan(s)
	return m.text, ok
}

// foundMessage is a message found in a line.
type foundMessage struct {
	text   string
	code   bool // a code's message rather than a reason phrase
	unique bool // only one provider's codes have it: it names the error even when short
}

// findMessageSpan is findMessage that also says what kind of message it found.
func findMessageSpan(s string) (foundMessage, bool) {
	if len(s) > maxMessageScan {
		s = s[:maxMessageScan]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	messageWordsOnce.Do(buildMessageWords)
	var wordBuf [64]wordAt
	ws := lineWordsInto(wordBuf[:0], s)
	var best span
	for k, w := range ws {
		for _, ref := range messagesByFirstWord[w.w] {
			n := len(ref.words)
			sp := span{words: n, code: ref.code, unique: ref.providers == 1, rank: ref.rank}
			if !sp.beats(best) || k+n > len(ws) || !wordsEqual(ws[k:k+n], ref.words) {
				continue
			}
			sp.start, sp.end = w.start, ws[k+n-1].end
			if n < 3 && !standsAlone(s, sp.start, sp.end) {
				continue
			}
			best = sp
		}
	}
	// A template instance is a plain message: it beats a wrapper, never context.
	if t, ok := findTemplate(s); ok && (best.words == 0 || best.rank < 0 || best.rank == 0 && len(t) > best.end-best.start) {
		return foundMessage{text: t, code: true}, true
	}
	if best.words == 0 {
		return foundMessage{}, false
	}
	best.start, best.end = balanceBrackets(s, best.start, best.end)
	return foundMessage{text: s[best.start:best.end], code: best.code, unique: best.unique}, true
}

// balanceBrackets widens s[i:j] by the bracket just outside it when the span holds that bracket's partner
// alone: words skip punctuation, so "(7) Failed to connect" would otherwise be shown as "7) Failed to connect".
func balanceBrackets(s string, i, j int) (int, int) {
	for _, pair := range [...]string{"()", "[]", "{}"} {
		open, closing := pair[0], pair[1]
		depth := 0
		for k := i; k < j; k++ {
			switch s[k] {
			case open:
				depth++
			case closing:
				depth--
			}
		}
		switch {
		case depth < 0 && i > 0 && s[i-1] == open:
			i--
		case depth > 0 && j < len(s) && s[j] == closing:
			j++
		}
	}
	return i, j
}

func wordsEqual(line []wordAt, msg []string) bool {
	for i := range msg {
		if line[i].w != msg[i] {
			return false
		}
	}
	return true
}

// standsAlone reports whether s[i:j] is a segment of its own: nothing but punctuation separates it from the
// start or a separator before it and from the end or a separator after it.
func standsAlone(s string, i, j int) bool {
	before := strings.TrimRight(s[:i], " \t")
	after := strings.TrimLeft(s[j:], " \t.")
	okBefore := before == "" || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "：") ||
		strings.ContainsAny(before[len(before)-1:], "\"'([>-|")
	okAfter := after == "" || strings.ContainsAny(after[:1], "\"')],;:(-|\n")
	return okBefore && okAfter
}

// findTemplate finds an instance of a catalog message template in s: its literal parts in order, the first
// where it stands and each placeholder standing for some text. A template that ends in a placeholder takes the
// rest of the segment.
func findTemplate(s string) (string, bool) {
	lower := asciiLower(s) // byte for byte, so that offsets in lower are offsets in s
	leads := templateLeads()
	var buf [templateScanRoom]bool
	present := leads.set.scanInto(lower, buf[:0]) // one pass for every template's lead, rather than one each
	if !slices.Contains(present, true) {
		return "", false // no template's lead: nothing to match
	}
	best := ""
	for i := range templates {
		l := &leads.byTemplate[i]
		if l.id < 0 || !present[l.id] {
			continue // no lead to find it by, or its lead is absent
		}
		if t, ok := templates[i].find(lower, s, l); ok && len(t) > len(best) {
			best = t
		}
	}
	return best, best != ""
}

// templateLead is the literal a template is found by: its first part, or, for a template that starts with a
// placeholder, its second; next is the part matching goes on from. id is the lead's id in templateLeadSet.set,
// -1 for a template with too little literal text to be found unanchored.
type templateLead struct {
	lead string
	next int
	id   int
}

// templateLeadSet holds every template's lead and a guard set that finds all of them in one pass.
type templateLeadSet struct {
	byTemplate []templateLead // parallel to templates
	set        *guardSet
}

// templateScanRoom is room for the presence of every template lead on the stack.
const templateScanRoom = 128

// templateLeads works out the templates' leads once: they depend on the catalog alone.
var templateLeads = sync.OnceValue(func() *templateLeadSet {
	ls := &templateLeadSet{byTemplate: make([]templateLead, len(templates)), set: newGuardSet(false)}
	for i := range templates {
		parts := templates[i].parts
		l := templateLead{lead: parts[0], next: 1, id: -1}
		if l.lead == "" {
			if len(parts) < 2 || len(strings.TrimSpace(parts[1])) < 6 {
				ls.byTemplate[i] = l
				continue
			}
			l.lead, l.next = parts[1], 2
		} else if len(strings.TrimSpace(l.lead)) < 4 {
			ls.byTemplate[i] = l
			continue // too little literal text to find the template by without anchoring it
		}
		l.id = ls.set.add(l.lead)
		ls.byTemplate[i] = l
	}
	return ls
})

// find locates the template in lowerText, unanchored, by its lead l, and returns the matching text of orig
// (same offsets). A template that starts with a placeholder ("{cluster} is too busy") is found by its first
// literal, and the placeholder is the word before it.
func (t *template) find(lowerText, orig string, l *templateLead) (string, bool) {
	parts := t.parts
	lead, next := l.lead, l.next
	for from := 0; from < len(lowerText); {
		at := strings.Index(lowerText[from:], lead)
		if at < 0 {
			return "", false
		}
		start := from + at
		from = start + 1
		begin := start
		if parts[0] == "" {
			begin = strings.LastIndexAny(lowerText[:start], " \t\"'(:[") + 1
			if begin >= start {
				continue
			}
		}
		if end, ok := t.matchFrom(lowerText, start+len(lead), next); ok {
			return orig[begin:end], true
		}
	}
	return "", false
}

// matchFrom matches the template's parts from index next on, from position i, each placeholder taking at least one
// character, and returns where the instance ends.
func (t *template) matchFrom(lowerText string, i, next int) (int, bool) {
	rest := i
	for k := next; k < len(t.parts); k++ {
		lit := t.parts[k]
		if lit == "" {
			// A trailing placeholder: the value runs to the end of the segment.
			end := rest
			for end < len(lowerText) && !strings.ContainsRune("\"'\n)];,", rune(lowerText[end])) {
				end++
			}
			if end == rest {
				return 0, false
			}
			return end, true
		}
		if rest+1 > len(lowerText) {
			return 0, false
		}
		j := strings.Index(lowerText[rest+1:], lit)
		if j < 0 || j > 256 {
			return 0, false
		}
		rest = rest + 1 + j + len(lit)
	}
	return rest, true
}

// messageEntries finds the entries a message names: the whole text, or failing that a message standing in it.
func messageEntries(text string, opts Options) []Match {
	if ms := lookupMessage(text, opts); len(ms) > 0 {
		return ms
	}
	if m, ok := findMessage(text); ok && m != text {
		return lookupMessage(m, opts)
	}
	return nil
}

// asciiLower lowers the ASCII letters of s and leaves every other byte as it is. strings.ToLower may change the
// length of non-ASCII text (and of invalid UTF-8), which would break offsets shared with s.
func asciiLower(s string) string {
	if !hasUpperASCII(s) {
		return s // nothing to lower: no copy
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// hasUpperASCII reports whether s holds an ASCII capital letter.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}
