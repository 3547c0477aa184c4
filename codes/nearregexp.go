// Searching a regular expression only near its guard. Go's regexp tries a pattern at every offset of the text
// unless the pattern starts with a literal, and the client patterns start with \b, a status number or a
// case-insensitive word: a line of 160 bytes cost some of them 5-15 µs, several of them ran on every error
// line, and a log whose lines differ only in their ids (every real log) ran at 6 MB/s. Every match of such a
// pattern holds one of its guard words within a bounded distance of where the match starts, worked out from the
// pattern's syntax; so only the offsets up to that distance before an occurrence of a guard word can start a
// match, and the search tries those alone, in order, which finds the match the whole search finds.

package codes

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// nearRegexp is a regular expression whose matches each hold one of needles; FindStringSubmatch returns what
// regexp's does.
type nearRegexp struct {
	re      *lazyRegexp
	needles []string
	once    sync.Once
	full    *regexp.Regexp
	// lookBack bounds how far before the start of a needle in it a match can start; -1: unbounded, the whole
	// text is searched.
	lookBack int
	// fromStart matches the pattern at one of the first lookBack+1 offsets of a text that starts at the start
	// of the input; inText does the same after one rune of context, which \b and ^ look at.
	fromStart, inText *regexp.Regexp
	// unicodeFold: the pattern folds case and a needle holds a letter whose case fold is not ASCII (k, s): the
	// needle search, which folds ASCII only, cannot find every occurrence in a text that is not ASCII.
	unicodeFold bool
}

// maxWindows is how many needles the search looks near before it searches the whole text instead: each window
// is a search of its own, whose set-up (regexp clears a bit per instruction and byte of the text after it) a
// text full of needles would otherwise pay once per needle.
const maxWindows = 8

// maxLookBack is the largest bound a window uses: regexp's repeat counts stop at 1000, and a window much wider
// than a line gains nothing.
const maxLookBack = 256

// nearRE searches re near its needles, which are found in any ASCII case.
func nearRE(re *lazyRegexp, needles ...string) *nearRegexp {
	lower := make([]string, len(needles))
	for i, nd := range needles {
		lower[i] = strings.ToLower(nd) // as indexFold wants them
	}
	return &nearRegexp{re: re, needles: lower}
}

func (n *nearRegexp) init() {
	n.once.Do(func() {
		n.full = n.re.get()
		n.lookBack = -1
		re, err := syntax.Parse(n.re.src, syntax.Perl)
		if prefix, _ := n.full.LiteralPrefix(); err != nil || len(n.needles) == 0 || prefix != "" {
			return // regexp finds a literal prefix as fast as a needle
		}
		an := needleAnalysis{needles: n.needles}
		reach := an.reach(re.Simplify())
		minLen := len(n.needles[0])
		for _, nd := range n.needles {
			minLen = min(minLen, len(nd))
			for _, r := range nd {
				if foldLeavesASCII(r) {
					n.unicodeFold = n.unicodeFold || an.folds
				}
			}
		}
		if reach == unbounded || reach-minLen > maxLookBack {
			return
		}
		n.lookBack = max(reach-minLen, 0)
		// The window starts up to three bytes earlier, on a rune: its offsets reach the needle all the same.
		window := `(?s:.{0,` + strconv.Itoa(n.lookBack+utf8.UTFMax-1) + `}?)(` + n.re.src + `)`
		n.fromStart = regexp.MustCompile(`^` + window)
		n.inText = regexp.MustCompile(`^(?s:.)` + window)
	})
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch of the pattern.
func (n *nearRegexp) FindStringSubmatch(s string) []string {
	n.init()
	if n.lookBack < 0 || n.unicodeFold && !isASCII(s) {
		return n.full.FindStringSubmatch(s)
	}
	var nextBuf [16]int
	next := nextBuf[:0]
	for _, nd := range n.needles {
		next = append(next, indexFold(s, nd))
	}
	tried := 0 // the offsets before tried are known not to start a match
	for windows := 0; ; windows++ {
		if windows == maxWindows {
			return n.full.FindStringSubmatch(s)
		}
		g := -1 // the next needle, of any
		for i, at := range next {
			if at >= 0 && at < tried {
				if j := indexFold(s[tried:], n.needles[i]); j >= 0 {
					at = tried + j
				} else {
					at = -1
				}
				next[i] = at
			}
			if at >= 0 && (g < 0 || at < g) {
				g = at
			}
		}
		if g < 0 {
			return nil
		}
		lo := max(g-n.lookBack, tried) // at most g: every needle found is at tried or after
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo-- // a match starts on a rune, as the whole search steps
		}
		var loc []int
		base := lo
		if lo == 0 {
			loc = n.fromStart.FindStringSubmatchIndex(s)
		} else {
			_, size := utf8.DecodeLastRuneInString(s[:lo])
			base = lo - size
			loc = n.inText.FindStringSubmatchIndex(s[base:])
		}
		tried = g + 1
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2-1)
		for i := range m {
			if a, b := loc[2*i+2], loc[2*i+3]; a >= 0 {
				m[i] = s[base+a : base+b]
			}
		}
		return m
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldLeavesASCII reports whether r's case fold includes a rune that is not ASCII (k and K fold to the Kelvin
// sign, s and S to the long s).
func foldLeavesASCII(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// unbounded is the bound of a pattern part that can be any length, or whose matches need not hold a needle.
const unbounded = 1 << 30

// needleAnalysis works out from a pattern's syntax where its matches hold a needle.
type needleAnalysis struct {
	needles []string
	folds   bool // the pattern has a part that folds case
}

// maxWidth is the most bytes a match of re can take, or unbounded.
func (an *needleAnalysis) maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		w := 0
		for _, r := range re.Rune {
			w += runeWidth(r, re.Flags&syntax.FoldCase != 0)
		}
		return w
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return an.maxWidth(re.Sub[0])
	case syntax.OpConcat:
		w := 0
		for _, sub := range re.Sub {
			w = addBounded(w, an.maxWidth(sub))
		}
		return w
	case syntax.OpAlternate:
		return largest(re.Sub, an.maxWidth)
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		return min(unbounded, re.Max*an.maxWidth(re.Sub[0]))
	}
	return unbounded // star, plus and anything else
}

// reach bounds the offset, from the start of a match of re, by which a needle has ended in it; unbounded when a
// match of re need not hold a needle.
func (an *needleAnalysis) reach(re *syntax.Regexp) int {
	if lang, fold, ok := an.language(re); ok {
		an.folds = an.folds || fold
		worst := 0
		for _, s := range lang {
			end := an.needleEnd(s, fold)
			if end == unbounded {
				return unbounded
			}
			worst = max(worst, end)
		}
		return worst
	}
	switch re.Op {
	case syntax.OpCapture:
		return an.reach(re.Sub[0])
	case syntax.OpPlus:
		return an.reach(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return an.reach(re.Sub[0])
		}
	case syntax.OpAlternate:
		return largest(re.Sub, an.reach)
	case syntax.OpConcat:
		best, before := unbounded, 0
		for _, sub := range re.Sub {
			if before >= unbounded {
				break
			}
			best = min(best, addBounded(before, an.reach(sub)))
			before = addBounded(before, an.maxWidth(sub))
		}
		return best
	}
	if re.Flags&syntax.FoldCase != 0 {
		an.folds = true
	}
	return unbounded
}

// maxLanguage bounds the strings language lists.
const maxLanguage = 64

// language lists every string re matches when they are few (alternatives of words, a case class), and whether
// they match in any case.
func (an *needleAnalysis) language(re *syntax.Regexp) (lang []string, fold, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, false, true
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, re.Flags&syntax.FoldCase != 0, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 8 {
					return nil, false, false
				}
				out = append(out, string(r))
			}
		}
		return out, false, true
	case syntax.OpCapture:
		return an.language(re.Sub[0])
	case syntax.OpQuest:
		l, f, ok := an.language(re.Sub[0])
		return append(l, ""), f, ok
	case syntax.OpAlternate:
		var out []string
		fold := false
		for _, sub := range re.Sub {
			l, f, ok := an.language(sub)
			if !ok || len(out)+len(l) > maxLanguage {
				return nil, false, false
			}
			out, fold = append(out, l...), fold || f
		}
		return out, fold, true
	case syntax.OpConcat:
		out, fold := []string{""}, false
		for _, sub := range re.Sub {
			l, f, ok := an.language(sub)
			if !ok || len(out)*len(l) > maxLanguage {
				return nil, false, false
			}
			next := make([]string, 0, len(out)*len(l))
			for _, a := range out {
				for _, b := range l {
					next = append(next, a+b)
				}
			}
			out, fold = next, fold || f
		}
		return out, fold, true
	}
	return nil, false, false
}

// needleEnd is the most bytes a text matched as s (in any case when fold) takes up to the end of its first
// needle, or unbounded when s holds none. Needles are compared in any case, as the search finds them.
func (an *needleAnalysis) needleEnd(s string, fold bool) int {
	first := -1
	for _, nd := range an.needles {
		if i := indexFold(s, nd); i >= 0 && (first < 0 || i+len(nd) < first) {
			first = i + len(nd)
		}
	}
	if first < 0 {
		return unbounded
	}
	w := 0
	for _, r := range s[:first] {
		w += runeWidth(r, fold)
	}
	return w
}

// runeWidth is the most bytes r takes in a text, in any case when fold.
func runeWidth(r rune, fold bool) int {
	w := utf8.RuneLen(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			w = max(w, utf8.RuneLen(f))
		}
	}
	return max(w, 1)
}

func addBounded(a, b int) int { return min(a+b, unbounded) }

// largest is the largest of f over subs, or 0 for none.
func largest(subs []*syntax.Regexp, f func(*syntax.Regexp) int) int {
	l := 0
	for _, sub := range subs {
		l = max(l, f(sub))
	}
	return l
}
