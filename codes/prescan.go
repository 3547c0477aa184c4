// Pre-scanning a large log on a second goroutine: finding the lines worth a look (firstCandidateLine) is most of
// the work of reading an ordinary log, and it depends on nothing but the bytes. So while explain works through
// one chunk, the next one is read and scanned, and skipOrdinary only has to jump to the next candidate line.

package codes

import (
	"bytes"
	"io"
)

// prescanSizes are the sizes the scan ahead works with.
type prescanSizes struct {
	// chunk is how much the scanner reads before it hands a chunk over (it hands over less when a reader
	// returns nothing more for now, so that a slow stream is not held back).
	chunk int
	// maxCarry bounds the start of a line carried from one chunk to the next: a longer line is left unscanned,
	// for explain's own scan (firstCandidateLine on its buffer) to judge.
	maxCarry int
	// A chunk with more than dense candidate lines is mostly errors (or a record's lines): explain analyses
	// them one by one anyway, and finding them ahead of it saves little, so the scanner lets the next rest
	// chunks pass unscanned before it looks again, and leaves the other processor to explain.
	dense, rest int
}

// defaultPrescan are the sizes Explain uses.
var defaultPrescan = prescanSizes{chunk: 1 << 20, maxCarry: 256 << 10, dense: 1000, rest: 8}

// prescanBuffers is how many chunk buffers circulate between the scanner and the reader: one being read, one
// being scanned, one waiting.
const prescanBuffers = 3

// scannedChunk is one chunk of input with what the scanner found in it.
type scannedChunk struct {
	buf  []byte // the buffer, returned to the scanner once read
	data []byte // the chunk's bytes, a part of buf
	// The chunk's scanned lines run from input offset scannedFrom to scannedTo (both -1 when none was
	// scanned); candidates are the offsets of those that firstCandidateLine picks out, in order.
	candidates             []int64
	scannedFrom, scannedTo int64
	err                    error // the read error (io.EOF included) that ended the input after data
}

// prescanReader is the io.Reader explain's bufio.Reader reads from once the input is known to be a log. The
// scanner goroutine reads the input ahead, one chunk at a time, and scans every complete line of it; Read hands
// out the chunks in order, and candidateAfter answers skipOrdinary from what was scanned.
type prescanReader struct {
	chunks chan *scannedChunk
	free   chan []byte
	done   chan struct{}

	cur  *scannedChunk
	rest []byte // what is left of cur.data
	err  error
	// delivered is the input offset of the end of what Read has handed out; queue holds the candidates of the
	// chunks handed out, from the first one at or after the reading position on; scannedTo is the offset up to
	// which lines were scanned.
	delivered   int64
	queue       []int64
	scannedFrom int64 // where the first scanned line starts; -1 until a chunk says
	scannedTo   int64
}

// newPrescanReader starts scanning r, whose first byte is at input offset start. Lines are scanned from the first
// line start after start: the line that start falls in is left to the caller.
func newPrescanReader(r io.Reader, start int64, sizes prescanSizes) *prescanReader {
	p := &prescanReader{
		chunks:      make(chan *scannedChunk, 1),
		free:        make(chan []byte, prescanBuffers),
		done:        make(chan struct{}),
		delivered:   start,
		scannedFrom: -1,
		scannedTo:   -1,
	}
	for range prescanBuffers {
		p.free <- make([]byte, sizes.maxCarry+sizes.chunk)
	}
	go p.scan(r, start, sizes)
	return p
}

// scan is the scanner goroutine: it reads chunks into free buffers, after the carried start of a line cut by the
// chunk before, and sends each with its candidate lines until the input ends.
func (p *prescanReader) scan(r io.Reader, offset int64, sizes prescanSizes) {
	defer close(p.chunks)
	var carry, carried []byte
	// skipping is set until the first line start: at the start (a line begun before the scanner took over)
	// and after a line too long to carry.
	skipping := true
	rest := 0 // chunks still to pass unscanned after a dense one
	for {
		var buf []byte
		select {
		case buf = <-p.free:
		case <-p.done:
			return
		}
		n := copy(buf, carry)
		read := 0
		var err error
		// Read a quarter of a chunk at least (a pipe gives 64 KiB a read), and at least once.
		for err == nil && read < sizes.chunk && (read == 0 || read < sizes.chunk/4) {
			var m int
			m, err = r.Read(buf[n+read : n+sizes.chunk])
			read += m
			if m == 0 && err == nil {
				break // a reader that returns nothing yet: hand over what there is
			}
		}
		c := &scannedChunk{buf: buf, data: buf[n : n+read], err: err}
		region := buf[:n+read]
		regionStart := offset - int64(n)
		offset += int64(read)
		if rest > 0 {
			rest--
			carry, skipping = nil, true // the next chunk's scanning starts at its first line start
			region = region[:0]
		}
		if skipping {
			nl := bytes.IndexByte(region, '\n')
			if nl < 0 {
				region = region[:0]
			} else {
				region, regionStart, skipping = region[nl+1:], regionStart+int64(nl+1), false
			}
		}
		c.scannedFrom, c.scannedTo = -1, -1
		if skipping {
			carry = nil // still inside the line being skipped
		} else {
			// Only complete lines are scanned: the line that the chunk cuts is carried to the next one, and the
			// input's last line, when it has no line end, is left to the line path.
			end := bytes.LastIndexByte(region, '\n') + 1
			c.candidates = candidateLines(region[:end], regionStart, nil)
			c.scannedFrom, c.scannedTo = regionStart, regionStart+int64(end)
			carry = region[end:]
			if len(c.candidates) > sizes.dense {
				// Explain's own scan finds dense candidates as cheaply: the chunk counts as unscanned, which
				// also keeps the candidates held in flight few.
				c.candidates, c.scannedFrom, c.scannedTo = nil, -1, -1
				carry, skipping, rest = nil, true, sizes.rest
			}
			if len(carry) > sizes.maxCarry {
				// Too long to carry: scanning resumes after its end, and the line is left to explain's own scan.
				carry, skipping = nil, true
			}
		}
		// The carry lives in buf, which the reader reuses once it has read the chunk: keep a copy in carried, which
		// the next chunk's buffer then takes a copy of.
		carried = append(carried[:0], carry...)
		carry = carried
		select {
		case p.chunks <- c:
		case <-p.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// candidateLines appends to dst the input offsets of the lines of b (complete lines, the first at input offset
// base) that firstCandidateLine picks out.
func candidateLines(b []byte, base int64, dst []int64) []int64 {
	for off := 0; off < len(b); {
		c := off + firstCandidateLine(b[off:])
		if c >= len(b) {
			break
		}
		dst = append(dst, base+int64(c))
		nl := bytes.IndexByte(b[c:], '\n')
		if nl < 0 {
			break
		}
		off = c + nl + 1
	}
	return dst
}

// Read implements io.Reader, handing out the scanned chunks in order.
func (p *prescanReader) Read(b []byte) (int, error) {
	for len(p.rest) == 0 {
		if p.err != nil {
			return 0, p.err
		}
		if p.cur != nil {
			p.free <- p.cur.buf
			p.cur = nil
		}
		c, ok := <-p.chunks
		if !ok {
			p.err = io.ErrUnexpectedEOF // the scanner stopped without an error: only after close
			return 0, p.err
		}
		p.cur, p.rest, p.err = c, c.data, c.err
		// Candidates more than a read buffer behind what was handed out are behind explain's position: drop
		// them, so that the queue stays short even while a record keeps skipOrdinary from asking.
		i := 0
		for i < len(p.queue) && p.queue[i] < p.delivered-readBufferSize {
			i++
		}
		p.queue = append(p.queue[i:], c.candidates...)
		if c.scannedTo >= 0 {
			if c.scannedFrom != p.scannedTo {
				// Lines the scanner passed over lie between: only the lines from here on count as scanned.
				p.scannedFrom = c.scannedFrom
			}
			p.scannedTo = c.scannedTo
		}
	}
	n := copy(b, p.rest)
	p.rest = p.rest[n:]
	p.delivered += int64(n)
	return n, nil
}

// candidateAfter returns the input offset of the first candidate line at or after pos (a line start) among the
// lines scanned so far, or the offset where the scanned lines end when none is, and whether pos is in the scanned
// lines at all.
func (p *prescanReader) candidateAfter(pos int64) (int64, bool) {
	if p.scannedFrom < 0 || pos < p.scannedFrom || pos >= p.scannedTo {
		return 0, false
	}
	i := 0
	for i < len(p.queue) && p.queue[i] < pos {
		i++
	}
	p.queue = p.queue[i:]
	if len(p.queue) > 0 && p.queue[0] < p.scannedTo {
		return p.queue[0], true
	}
	return p.scannedTo, true
}

// close stops the scanner goroutine if it still runs.
func (p *prescanReader) close() {
	close(p.done)
}

// switchReader is the reader under explain's bufio.Reader: it reads the input directly until explain knows the
// input is a log, and from a prescanReader after that.
type switchReader struct {
	r    io.Reader
	read int64 // bytes read directly
}

func (s *switchReader) Read(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if _, ok := s.r.(*prescanReader); !ok {
		s.read += int64(n)
	}
	return n, err
}

// prescan makes s read through a prescanReader from now on and returns it.
func (s *switchReader) prescan(sizes prescanSizes) *prescanReader {
	p := newPrescanReader(s.r, s.read, sizes)
	s.r = p
	return p
}
