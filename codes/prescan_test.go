package codes

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/errcode/errcode/internal/loggen"
)

// chunkedReader hands out its input in reads of the given sizes, in turn, as a pipe or a socket does.
type chunkedReader struct {
	data  []byte
	sizes []int
	n     int
}

func (r *chunkedReader) Read(b []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	size := r.sizes[r.n%len(r.sizes)]
	r.n++
	n := copy(b[:min(len(b), size)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// prescanInputs are logs shaped to try the scan ahead: errors at many densities, the corpus between ordinary
// lines, lines longer than a carry, a dense stretch before a sparse one, CRLF line ends, no final line end.
func prescanInputs(t *testing.T) map[string][]byte {
	t.Helper()
	gen := func(size int64, every int) []byte {
		var b bytes.Buffer
		if err := loggen.Write(&b, size, every); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	in := map[string][]byte{}
	for _, every := range []int{1, 7, 20, 300, 5000} {
		in[fmt.Sprintf("generated, 1 error line in %d", every)] = gen(512<<10, every)
	}
	var corpus bytes.Buffer
	for i, b := range corpusCases(t) {
		corpus.Write(b)
		corpus.WriteByte('\n')
		if i%5 == 0 {
			corpus.Write(gen(20<<10, 0))
		}
	}
	in["corpus between ordinary lines"] = corpus.Bytes()
	long := append(gen(300<<10, 0), "2026-11-21T08:00:00Z ERROR upload failed: "...)
	long = append(long, strings.Repeat("part of a long line that hides nothing; ", 12<<10)...)
	long = append(long, " 503 service_unavailable\n"...)
	long = append(long, gen(2<<20, 0)...)
	long = append(long, "b2 says: 401 bad_auth_token Invalid authorization token"...) // no final line end
	in["a line longer than a carry"] = long
	in["dense then sparse"] = append(gen(512<<10, 1), gen(1<<20, 2000)...)
	in["CRLF"] = bytes.ReplaceAll(gen(512<<10, 40), []byte("\n"), []byte("\r\n"))
	return in
}

// corpusCases returns the texts of the corpus's cases (testdata/explain), in the order of their names.
func corpusCases(t *testing.T) [][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "explain", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v, %d files", err, len(files))
	}
	var cases [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, b)
	}
	return cases
}

// prescanTrials are the scan ahead's own sizes and smaller ones that put many chunk ends, carried lines, long
// lines and dense stretches into small inputs.
var prescanTrials = map[string]prescanSizes{
	"default":     defaultPrescan,
	"4 KiB":       {chunk: 4 << 10, maxCarry: 2 << 10, dense: 1000},
	"997 bytes":   {chunk: 997, maxCarry: 300, dense: 5},
	"64 KiB":      {chunk: 64 << 10, maxCarry: 8 << 10, dense: 50},
	"never dense": {chunk: 3001, maxCarry: 1 << 10, dense: 1 << 30},
}

// TestPrescanSameReport checks that scanning ahead on other goroutines changes nothing: on every input, read
// whole, in small reads and in uneven ones, with chunks of every size, Explain reports exactly what it reports
// scanning on its own.
func TestPrescanSameReport(t *testing.T) {
	readers := map[string]func([]byte) io.Reader{
		"whole":      func(b []byte) io.Reader { return bytes.NewReader(b) },
		"4093 bytes": func(b []byte) io.Reader { return &chunkedReader{data: b, sizes: []int{4093}} },
		"uneven":     func(b []byte) io.Reader { return &chunkedReader{data: b, sizes: []int{1, 70000, 3, 65536, 999}} },
	}
	for name, in := range prescanInputs(t) {
		want, err := explain(bytes.NewReader(in), ExplainOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Findings) == 0 {
			t.Fatalf("%s: no finding: the input does not try the skip", name)
		}
		for sname, sizes := range prescanTrials {
			for rname, reader := range readers {
				got, err := explain(reader(in), ExplainOptions{}, &sizes)
				if err != nil {
					t.Fatalf("%s, %s: %v", name, rname, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, chunks of %s, read %s: the scan ahead changes the report:\n got %d findings, %d lines, %d dropped\nwant %d findings, %d lines, %d dropped",
						name, sname, rname, len(got.Findings), got.Lines, got.Dropped, len(want.Findings), want.Lines, want.Dropped)
				}
			}
		}
	}
}

// failingReader returns its data and then err.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(b []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(b[:min(len(b), 64<<10)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestPrescanReadError checks that a read error in the middle of a log reaches the caller as it is, with what
// was found before it, and that no goroutine is left behind.
func TestPrescanReadError(t *testing.T) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 3<<20, 500); err != nil {
		t.Fatal(err)
	}
	checkReadError(t, log.Bytes(), func(r io.Reader) (Report, error) {
		return explain(r, ExplainOptions{}, &defaultPrescan)
	})
}

// checkReadError checks that read, on log followed by a read error, returns that error with the report of what
// came before it, the same as explain reading on its own (no scan ahead, no batches), and leaves no goroutine
// behind.
func checkReadError(t *testing.T, log []byte, read func(io.Reader) (Report, error)) {
	t.Helper()
	broken := errors.New("connection reset by peer")
	before := runtime.NumGoroutine()
	want, wantErr := explainBatched(&failingReader{data: log, err: broken}, ExplainOptions{}, nil, batchSizes{})
	got, err := read(&failingReader{data: log, err: broken})
	if err != broken || wantErr != broken {
		t.Fatalf("errors %v and %v, want %v", err, wantErr, broken)
	}
	if !reflect.DeepEqual(got, want) || len(got.Findings) == 0 {
		t.Fatalf("the report before the error differs: %d findings against %d", len(got.Findings), len(want.Findings))
	}
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after Explain returned, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// FuzzExplainLog puts fuzzed text inside a log (so that explain skips ordinary lines rather than reading a
// paste) and reads it in fuzzed read sizes: the report must be the same with the scan ahead and batches of
// analyses (of fuzzed sizes) as with neither.
func FuzzExplainLog(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		log, reads, sizes := fuzzLog(t, in)
		want, wantErr := explainBatched(bytes.NewReader(log), ExplainOptions{}, nil, batchSizes{})
		batch := batchSizes{workers: 2 + len(in)%3, maxLines: 1 + len(in)%17, maxBytes: 1 + len(in)%5000,
			spawnLines: 1 + len(in)%4}
		got, err := explainBatched(&chunkedReader{data: log, sizes: reads}, ExplainOptions{}, &sizes, batch)
		if err != wantErr {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the scan ahead or batches change the report: %d findings, %d lines; want %d findings, %d lines",
				len(got.Findings), got.Lines, len(want.Findings), want.Lines)
		}
	})
}

// fuzzLog is FuzzExplainLog's log around in (ordinary lines, in, some more, in again), with the read sizes and
// chunk geometry it is read in, all drawn from in's length.
func fuzzLog(t testing.TB, in string) (log []byte, reads []int, sizes prescanSizes) {
	var pad bytes.Buffer
	if err := loggen.Write(&pad, 70<<10, 0); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(uint64(len(in)), 1))
	log = append(append(append(bytes.Clone(pad.Bytes()), in...), '\n'), pad.Bytes()[:r.IntN(pad.Len())]...)
	log = append(log, in...)
	reads = []int{1 + r.IntN(8<<10), 1 + r.IntN(80<<10), 1 + r.IntN(300<<10)}
	sizes = prescanSizes{chunk: 1 + r.IntN(64<<10), maxCarry: r.IntN(4 << 10), dense: r.IntN(100)}
	return log, reads, sizes
}
