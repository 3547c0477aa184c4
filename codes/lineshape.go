// Line shapes: what a log line is once its ids are taken out. Lines of one shape (the same logging statement
// with other request ids, keys, counters and times) are analysed once for the shape (see shapememo.go).

package codes

import (
	"bytes"
	"encoding/binary"
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
		if end-start > maxShapeTokenLen || len(toks) == maxShapeTokens {
			return key, toks, false
		}
		key = appendShapeLiteral(key, text[lit:start], zeros)
		// The class: the token's length (never 0, so never the zero byte of a literal), and its letters.
		key = append(key, 0, byte(end-start)<<1, classes)
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
//   - a status (three digits, 100 to 599) or a code of the catalog ("50013", "0") is what the analysis looks
//     for, unless it is the fraction of a number ("08:00:00.503Z", "10.0.0.200").
func keepsToken(text []byte, i, j int, letters bool) bool {
	n := j - i
	if letters {
		return n < 6
	}
	if n < 4 && (i > 0 && isLetterByte(text[i-1]) ||
		j < len(text) && isLetterByte(text[j]) && text[j] != 'T' && text[j] != 'Z') {
		return true
	}
	if n > 6 || i >= 2 && text[i-1] == '.' && isDigitByte(text[i-2]) {
		return false
	}
	tok := text[i:j]
	if n == 3 && tok[0] >= '1' && tok[0] <= '5' {
		return true
	}
	return catalogNumber(tok)
}

// catalogNumbers is a bit set of the catalog's codes that are numbers below a million, as written there (no
// leading zeros but in "0"): a token is looked up in it for every number of a log line.
var catalogNumbers = sync.OnceValue(func() *[1 << 20 / 64]uint64 {
	set := new([1 << 20 / 64]uint64)
	for _, k := range codeIndex {
		if n, err := strconv.ParseUint(k.key, 10, 32); err == nil && n < 1<<20 && strconv.FormatUint(n, 10) == k.key {
			set[n/64] |= 1 << (n % 64)
		}
	}
	return set
})

// catalogNumber reports whether tok, at most 6 decimal digits, is one of the catalog's numeric codes.
func catalogNumber(tok []byte) bool {
	if len(tok) > 1 && tok[0] == '0' {
		return false
	}
	n := uint32(0)
	for _, c := range tok {
		n = n*10 + uint32(c-'0')
	}
	return catalogNumbers()[n/64]&(1<<(n%64)) != 0
}
