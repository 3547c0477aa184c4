// Skipping ordinary lines in blocks: a large log is mostly lines without an error, and passing them one
// ReadSlice and one pre-filter call at a time costs more than the pre-filter's own work. The buffered input is
// scanned for the pairs of bytes mayHoldError acts on, across line ends, and the lines before the first one that
// holds such a pair are counted and dropped together.

package codes

import (
	"bufio"
	"bytes"
)

// skipOrdinary drops the complete lines at the head of the input that mayHoldError would drop (from br's buffer,
// or, when that is empty, straight from the scan ahead), counting them, and reports how many bytes it dropped.
// It must only run while no record is open and the input is no paste (then explainer.line drops such a line
// without looking further).
func (x *explainer) skipOrdinary(br *bufio.Reader) int {
	if br.Buffered() == 0 && x.prescan != nil {
		if skipped := x.prescan.skipAhead(); len(skipped) > 0 {
			x.lineNo += bytes.Count(skipped, []byte{'\n'})
			return len(skipped)
		}
	}
	if br.Buffered() == 0 {
		if _, err := br.Peek(1); err != nil {
			return 0
		}
	}
	b, _ := br.Peek(br.Buffered())
	end := bytes.LastIndexByte(b, '\n') + 1
	if end == 0 {
		return 0
	}
	b = b[:end]
	start := -1
	if x.prescan != nil {
		// The lines the scanner has read ahead: jump to the next candidate it found.
		pos := x.prescan.delivered - int64(br.Buffered())
		if next, ok := x.prescan.candidateAfter(pos); ok {
			start = int(min(next-pos, int64(len(b))))
		}
	}
	if start < 0 {
		start = firstCandidateLine(b)
	}
	if start == 0 {
		return 0
	}
	x.lineNo += bytes.Count(b[:start], []byte{'\n'})
	n, _ := br.Discard(start)
	return n
}

// firstCandidateLine returns where the first line of b (complete lines) that mayHoldError might pass starts,
// or len(b) when there is none. It looks at the pairs of bytes at even offsets of b: every needle of
// mayHoldError is anchored on two neighbouring pairs (see prefilterNeedles), one of which starts at an even
// offset whatever the line's own offset, and so does a status, whose first pair or the pair ending in its 4 or
// 5 is marked. The probes run on b rather than on the line: a needle holds no line end, so it matches in b
// where it matches in its line, and a status's context in b (the line ends around it, more text before it)
// only lets more lines through. A line that is only a '{' (with spaces) is found by the pairs a '{' forms with
// a space or a line end, marked in blockMarked too.
func firstCandidateLine(b []byte) int {
	filterOf, filters := pairFilterTables()
	for i := 0; i+1 < len(b); i += 2 {
		pair := uint16(b[i])<<8 | uint16(b[i+1])
		if blockMarked[pair>>6]&(1<<(pair&63)) == 0 {
			continue // the common case: the loop stays this small so that it keeps everything in registers
		}
		if start := candidateAt(b, i, pair, &filters[filterOf[pair]]); start >= 0 {
			return start
		}
	}
	return len(b)
}

// candidateAt returns where the line of b's marked pair at i, whose filter is f, starts when the pair makes it a
// candidate, or -1.
func candidateAt(b []byte, i int, pair uint16, f *pairFilter) int {
	if !f.passes(b, i) {
		return -1 // the bytes around the pair rule out every probe of it
	}
	if pairMarked[pair>>6]&(1<<(pair&63)) != 0 && probesHit(b, i, pair) {
		return bytes.LastIndexByte(b[:i+1], '\n') + 1
	}
	if braceMarked[pair>>6]&(1<<(pair&63)) != 0 {
		// A '{' beside a space or a line end: a candidate only when its line is that '{' alone, as
		// mayHoldError judges it (every JSON log line starts with a '{' after a line end).
		start := bytes.LastIndexByte(b[:i+1], '\n') + 1
		end := start + bytes.IndexByte(b[start:], '\n')
		if t := bytes.TrimSpace(b[start:end]); len(t) == 1 && t[0] == '{' {
			return start
		}
	}
	return -1
}

// braceMarked marks the pairs of a '{' and a byte that can stand beside it in a line that is only a '{' and
// white space: an ASCII space or line end, the first byte of a Unicode space after it, and a continuation byte
// (the last of a Unicode space) before it. blockMarked is pairMarked and braceMarked together.
var braceMarked, blockMarked = func() (*[1 << 10]uint64, *[1 << 10]uint64) {
	var t [1 << 10]uint64
	mark := func(a, b byte) {
		k := uint16(a)<<8 | uint16(b)
		t[k>>6] |= 1 << (k & 63)
	}
	for _, c := range []byte("\t\n\v\f\r ") {
		mark('{', c)
		mark(c, '{')
	}
	for _, c := range []byte{0xc2, 0xe1, 0xe2, 0xe3} {
		mark('{', c)
	}
	for c := 0x80; c <= 0xbf; c++ {
		mark(byte(c), '{')
	}
	block := t
	for i := range block {
		block[i] |= pairMarked[i]
	}
	return &t, &block
}()
