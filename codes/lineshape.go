// Line shapes: what a log line is once its ids are taken out. Lines of one shape (the same logging statement
// with other request ids, keys, counters and times) are analysed once for the shape (see shapememo.go).

package codes

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strconv"
	"sync"
)

// Bounds of a line's shape: a line with more tokens than maxShapeTokens, or a token longer than
// maxShapeTokenLen, has no shape (its lines are analysed one by one, as before shapes).
const (
	maxShapeTokens   = 48
	maxShapeTokenLen = 127
)

// shapeToken is a token of a line that its shape leaves out: a run of hexadecimal digits with at least one
// decimal digit in it, the form of request ids, counters, snowflakes and times.
type shapeToken struct{ start, end int32 }

// appendLineShape appends text's shape to key and its tokens to toks. The shape is text with each token
// replaced by its class (length, and which letters it has); a token whose value can mean something to the
// analysis stays in the shape as it is (see keepsToken), so lines that differ there have different shapes.
// ok is false when the line has no token or too many, or a token too long.
func appendLineShape(key []byte, toks []shapeToken, text []byte) ([]byte, []shapeToken, bool) {
	lit := 0 // start of the literal text not yet appended
	zeros := bytes.IndexByte(text, 0) >= 0
	for i := 0; i < len(text); {
		// A token has a decimal digit: find the next, and the run of hexadecimal digits around it.
		d := nextDecimal(text, i)
		if d == len(text) {
			break
		}
		start, end, classes := d, d, byte(0)
		for start > i && hexClass[text[start-1]] != 0 {
			start--
			classes |= hexClass[text[start]]
		}
		for ; end < len(text) && hexClass[text[end]] != 0; end++ {
			classes |= hexClass[text[end]]
		}
		i = end
		if keepsToken(text, start, end, classes != hexDecimal) {
			continue
		}
		start, end = trimGlued(text, start, end)
		if start >= end {
			continue
		}
		if end-start > maxShapeTokenLen || len(toks) == maxShapeTokens {
			return key, toks, false
		}
		key = appendShapeLiteral(key, text[lit:start], zeros)
		// The class: the token's length (never 0, so never the zero byte of a literal), its letters and its
		// leading zeros.
		key = append(key, 0, byte(end-start)<<1, tokenClass(text[start:end]))
		toks = append(toks, shapeToken{int32(start), int32(end)})
		lit = end
	}
	key = appendShapeLiteral(key, text[lit:], zeros)
	return key, toks, len(toks) > 0
}

// nextDecimal returns the index of the first decimal digit in text at or after i, or len(text). It skips
// eight bytes at a time while none of them is a digit: most of a line is not.
func nextDecimal(text []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(text); i += 8 {
		// XOR with '0' maps the digits, and only them, to bytes below 10.
		w := binary.LittleEndian.Uint64(text[i:]) ^ (ones * '0')
		if (w-ones*10)&^w&highs != 0 {
			break
		}
	}
	for ; i < len(text); i++ {
		if isDigitByte(text[i]) {
			return i
		}
	}
	return len(text)
}

// trimGlued returns the part of the run of hexadecimal digits text[start:end] that its shape leaves out: the
// run less the two characters at a side where a word runs into it (a letter before it, or after it but for a
// timestamp's "T" and "Z"), which the shape keeps as they are. The text the analysis looks for runs into
// numbers that way: "services.s3" into "s3271l". (Not after "_": "bad_request_123456" would be a shape for
// every hundred codes, each learnt anew; the words with digits the clues look for are checked apart, see
// digitNeedles.)
func trimGlued(text []byte, start, end int) (int, int) {
	if start > 0 && isLetterByte(text[start-1]) {
		start += 2
	}
	if end < len(text) && isLetterByte(text[end]) && text[end] != 'T' && text[end] != 'Z' {
		end -= 2
	}
	return start, end
}

// tokenClass is what a token's shape says of it besides its length: which hexadecimal letters it has, and how
// many zeros (up to four) it starts with, since an id's alphabet and its leading zeros are part of what it
// looks like (OBS request ids start with "0000"). It is 0 when tok holds a byte that is no hexadecimal digit.
func tokenClass(tok []byte) byte {
	class, zeros := byte(0), byte(0)
	for i, c := range tok {
		if hexClass[c] == 0 {
			return 0
		}
		class |= hexClass[c]
		if c == '0' && int(zeros) == i && zeros < 4 {
			zeros++
		}
	}
	return class | zeros<<3
}

// hexClass tells hexadecimal digits apart: decimal, lower-case letter, upper-case letter, or none (0).
var hexClass = func() (c [256]byte) {
	for b := '0'; b <= '9'; b++ {
		c[b] = hexDecimal
	}
	for b := 'a'; b <= 'f'; b++ {
		c[b], c[b-'a'+'A'] = hexLower, hexUpper
	}
	return c
}()

const (
	hexDecimal = 1 << iota
	hexLower
	hexUpper
)

// appendShapeLiteral appends literal text to a shape, doubling the zero byte that starts a token's class
// (zeros: the line has one).
func appendShapeLiteral(key, lit []byte, zeros bool) []byte {
	if !zeros {
		return append(key, lit...)
	}
	for {
		k := bytes.IndexByte(lit, 0)
		if k < 0 {
			return append(key, lit...)
		}
		key = append(append(key, lit[:k]...), 0, 0)
		lit = lit[k+1:]
	}
}

// keepsToken reports whether the token text[i:j] stays in the shape as it is, because its value may mean
// something to the analysis, so that no other value may stand for it:
//
//   - a short token glued to a letter before it names something ("S3", "http2", "v10", "boto3"), and so does
//     a short one glued to a letter after it ("5xx", "2nd"), but for a timestamp's "T" and "Z";
//   - a short token with letters in it is part of a word ("sha1", "SHA256", "InvalidS3DestinationBucket");
//   - a number of four digits or fewer may be a status, an errno, a curl exit code, a count the message
//     states ("Retry after 5 seconds"), and a longer one with a value the analysis looks for (a status, a number
//     of the catalog's facts: "00442", "50013", "11001") is one, unless it is a part of a time or the fraction
//     of a number ("08:00:00.503Z", "10.0.0.200").
func keepsToken(text []byte, i, j int, letters bool) bool {
	n := j - i
	if letters {
		return n < 6
	}
	if n < 4 && (i > 0 && isLetterByte(text[i-1]) ||
		j < len(text) && isLetterByte(text[j]) && text[j] != 'T' && text[j] != 'Z') {
		return true
	}
	if i >= 2 && text[i-1] == '.' && isDigitByte(text[i-2]) || n == 2 && clockPart(text, i, j) {
		return false
	}
	if n <= 4 {
		return true
	}
	tok := bytes.TrimLeft(text[i:j], "0")
	if len(tok) > 6 {
		return false
	}
	n32 := uint32(0)
	for _, c := range tok {
		n32 = n32*10 + uint32(c-'0')
	}
	return n32 >= 100 && n32 <= 599 || catalogNumber(n32)
}

// catalogNumbers is a bit set of the numbers below 2^20 that the catalog's facts hold (codes, aliases,
// messages and exception names: "50013", "curl 6", "[Errno 11001] getaddrinfo failed"): a token is looked up
// in it for every number of a log line. The numbers the providers' rules name (Windows socket errors, Discord's
// 40333 and 130000) are catalog facts too, and Cloudflare's 1015 is short enough to be kept anyway.
var catalogNumbers = sync.OnceValue(func() *[1 << 20 / 64]uint64 {
	set := new([1 << 20 / 64]uint64)
	add := func(text string) {
		for _, run := range decimalRuns.FindAllString(text, -1) {
			if n, err := strconv.ParseUint(run, 10, 32); err == nil && n < 1<<20 {
				set[n/64] |= 1 << (n % 64)
			}
		}
	}
	for i := range entries {
		e := &entries[i]
		add(e.Code)
		for _, list := range [][]string{e.Aliases, e.Messages, e.Exceptions} {
			for _, s := range list {
				add(s)
			}
		}
	}
	return set
})

// decimalRuns finds runs of decimal digits.
var decimalRuns = regexp.MustCompile(`[0-9]+`)

// catalogNumber reports whether n is one of the catalog's numeric codes.
func catalogNumber(n uint32) bool {
	return n < 1<<20 && catalogNumbers()[n/64]&(1<<(n%64)) != 0
}

// clockPart reports whether the two digits text[i:j] are the hours, minutes or seconds of a time: a colon and
// another digit on either side.
func clockPart(text []byte, i, j int) bool {
	return i >= 2 && text[i-1] == ':' && isDigitByte(text[i-2]) || j+1 < len(text) && text[j] == ':' && isDigitByte(text[j+1])
}
