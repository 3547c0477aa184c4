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
	// chunk is the most the reader reads at once and hands over to be scanned.
	chunk int
	// maxCarry bounds the start of a line carried from one chunk to the next: a longer line is left unscanned,
	// for explain's own scan (firstCandidateLine on its buffer) to judge.
	maxCarry int
	// A chunk with more than dense candidate lines is mostly errors (or a record's lines): explain analyses
	// them one by one anyway and finds them as cheaply itself, so its scan stops there and the chunk counts as
	// unscanned, which also keeps the candidates held in flight few.
	dense int
}

// defaultPrescan are the sizes Explain uses.
var defaultPrescan = prescanSizes{chunk: 1 << 20, maxCarry: 256 << 10, dense: 1000}

const (
	// prescanWorkers scan chunks side by side: on two processors the scan, not explain, sets the pace of an
	// ordinary log, and two scanners and explain share the processors.
	prescanWorkers = 2
	// prescanBuffers is how many chunk buffers circulate: one being read, one per scanner, one explain reads.
	prescanBuffers = prescanWorkers + 2
)

// scannedChunk is one chunk of input with what the scanner found in it.
type scannedChunk struct {
	buf   []byte // the buffer, returned to the reader once explain has read the chunk
	data  []byte // the chunk's bytes, a part of buf
	lines []byte // the complete lines to scan, a part of buf starting at input offset scannedFrom
	// The chunk's scanned lines run from input offset scannedFrom to scannedTo (both -1 when none was
	// scanned); candidates are the offsets of those that firstCandidateLine picks out, in order.
	candidates             []int64
	scannedFrom, scannedTo int64
	err                    error         // the read error (io.EOF included) that ended the input after data
	scanned                chan struct{} // closed once a scanner has filled in candidates
}

// prescanReader is the io.Reader explain's bufio.Reader reads from once the input is known to be a log. Its
// reader goroutine reads the input ahead, one chunk at a time, and scanner goroutines scan every complete line
// of the chunks; Read hands out the chunks in order, and candidateAfter answers skipOrdinary from what was
// scanned.
type prescanReader struct {
	chunks chan *scannedChunk // in input order, to Read
	work   chan *scannedChunk // to the scanners
	free   chan []byte
	done   chan struct{}

	cur  *scannedChunk
	rest []byte // what is left of cur.data
	err  error
	// stalled, when set, runs before Read waits for input that has not arrived: explain then takes what it
	// has batched (batch.go), so that what it found so far shows while a slow input keeps it waiting.
	stalled func()
	// delivered is the input offset of the end of what Read has handed out; queue holds the candidates of the
	// chunks handed out that may still be ahead of explain; the lines from scannedFrom to scannedTo were
	// scanned without a gap.
	delivered              int64
	queue                  []int64
	scannedFrom, scannedTo int64
}

// newPrescanReader starts reading and scanning r, whose first byte is at input offset start. Lines are scanned
// from the first line start after start: the line that start falls in is left to the caller.
func newPrescanReader(r io.Reader, start int64, sizes prescanSizes) *prescanReader {
	p := &prescanReader{
		chunks:      make(chan *scannedChunk, prescanBuffers),
		work:        make(chan *scannedChunk, prescanBuffers),
		free:        make(chan []byte, prescanBuffers),
		done:        make(chan struct{}),
		delivered:   start,
		scannedFrom: -1,
		scannedTo:   -1,
	}
	for range prescanBuffers {
		p.free <- nil // made when first needed: a log of a few hundred KiB needs one
	}
	go p.read(r, start, sizes)
	for range prescanWorkers {
		go p.scan(sizes.dense)
	}
	return p
}

// read is the reader goroutine: it reads chunks into free buffers, after the carried start of a line cut by the
// chunk before, and sends each to be scanned and to Read, until the input ends.
func (p *prescanReader) read(r io.Reader, offset int64, sizes prescanSizes) {
	defer close(p.chunks)
	defer close(p.work)
	var carry, carried []byte
	// skipping is set until the first line start: at the start (a line begun before the scan took over) and
	// after a line too long to carry.
	skipping := true
	for {
		var buf []byte
		select {
		case buf = <-p.free:
		case <-p.done:
			return
		}
		if buf == nil {
			buf = make([]byte, sizes.maxCarry+sizes.chunk)
		}
		n := copy(buf, carry)
		// One read a chunk: a file fills it, a pipe gives what it holds (64 KiB at most), and a slow stream
		// is never held back waiting for more.
		read, err := r.Read(buf[n : n+sizes.chunk])
		c := &scannedChunk{buf: buf, data: buf[n : n+read], err: err, scannedFrom: -1, scannedTo: -1,
			scanned: make(chan struct{})}
		region := buf[:n+read]
		regionStart := offset - int64(n)
		offset += int64(read)
		if skipping {
			nl := bytes.IndexByte(region, '\n')
			if nl < 0 {
				region = region[:0]
			} else {
				region, regionStart, skipping = region[nl+1:], regionStart+int64(nl+1), false
			}
		}
		carry = nil
		if !skipping {
			// Only complete lines are scanned: the line that the chunk cuts is carried to the next one, and the
			// input's last line, when it has no line end, is left to explain's own scan.
			end := bytes.LastIndexByte(region, '\n') + 1
			c.lines, c.scannedFrom = region[:end], regionStart
			carry = region[end:]
			if len(carry) > sizes.maxCarry {
				// Too long to carry: scanning resumes after its end, and the line is left to explain's own scan.
				carry, skipping = nil, true
			}
		}
		// The carry lives in buf, which is reused once explain has read the chunk: keep a copy in carried, which
		// the next chunk's buffer then takes a copy of.
		carried = append(carried[:0], carry...)
		carry = carried
		select {
		case p.work <- c:
		case <-p.done:
			return
		}
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

// scan is a scanner goroutine: it finds the candidate lines of the chunks it is given.
func (p *prescanReader) scan(dense int) {
	for c := range p.work {
		if c.scannedFrom >= 0 {
			c.candidates = candidateLines(c.lines, c.scannedFrom, dense)
			if c.candidates == nil {
				c.scannedFrom = -1 // dense: left to explain's own scan
			} else {
				c.scannedTo = c.scannedFrom + int64(len(c.lines))
			}
		}
		close(c.scanned)
	}
}

// candidateLines returns the input offsets of the lines of b (complete lines, the first at input offset base)
// that firstCandidateLine picks out, an empty slice when there is none, or nil when there are more than dense.
func candidateLines(b []byte, base int64, dense int) []int64 {
	found := []int64{}
	for off := 0; off < len(b); {
		c := off + firstCandidateLine(b[off:])
		if c >= len(b) {
			break
		}
		if len(found) == dense {
			return nil
		}
		found = append(found, base+int64(c))
		nl := bytes.IndexByte(b[c:], '\n')
		if nl < 0 {
			break
		}
		off = c + nl + 1
	}
	return found
}

// Read implements io.Reader, handing out the scanned chunks in order.
func (p *prescanReader) Read(b []byte) (int, error) {
	for len(p.rest) == 0 {
		if p.err != nil {
			return 0, p.err
		}
		p.next()
	}
	n := copy(b, p.rest)
	p.rest = p.rest[n:]
	p.delivered += int64(n)
	return n, nil
}

// next takes the next chunk, once it is scanned, in place of the current one (which must be read).
func (p *prescanReader) next() {
	if p.cur != nil {
		p.free <- p.cur.buf
		p.cur = nil
	}
	var c *scannedChunk
	var ok bool
	select {
	case c, ok = <-p.chunks:
	default:
		if p.stalled != nil {
			p.stalled()
		}
		c, ok = <-p.chunks
	}
	if !ok {
		p.err = io.ErrUnexpectedEOF // the reader stopped without an error: only after close
		return
	}
	<-c.scanned
	p.cur, p.rest, p.err = c, c.data, c.err
	// Candidates more than a read buffer behind what was handed out are behind explain's position: drop them,
	// so that the queue stays short even while a record keeps skipOrdinary from asking.
	i := 0
	for i < len(p.queue) && p.queue[i] < p.delivered-readBufferSize {
		i++
	}
	p.queue = append(p.queue[i:], c.candidates...)
	if c.scannedTo >= 0 {
		if c.scannedFrom != p.scannedTo {
			// Lines left unscanned lie between: only the lines from here on count as scanned.
			p.scannedFrom = c.scannedFrom
		}
		p.scannedTo = c.scannedTo
	}
}

// skipAhead passes over the lines before the next candidate in the current chunk without handing them out, when
// explain has read everything handed out so far and stands at a line start: it saves copying an ordinary log
// into explain's buffer. It returns the lines it passed over (empty when it passed none).
func (p *prescanReader) skipAhead() []byte {
	if len(p.rest) == 0 && p.err == nil {
		p.next()
	}
	target, ok := p.candidateAfter(p.delivered)
	if !ok {
		return nil
	}
	n := target - p.delivered
	if n > int64(len(p.rest)) {
		// The candidate is in a later chunk: pass over this one's complete lines only, so that explain goes
		// on from a line start whatever the next chunk holds.
		n = int64(bytes.LastIndexByte(p.rest, '\n') + 1)
	}
	skipped := p.rest[:n]
	p.rest = p.rest[n:]
	p.delivered += n
	return skipped
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

// close stops the reader goroutine if it still runs; the scanners stop with it.
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
