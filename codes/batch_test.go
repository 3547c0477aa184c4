package codes

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// batchTrials are batch sizes that put a batch boundary everywhere in small inputs, and Explain's own.
var batchTrials = map[string]batchSizes{
	"default":                defaultBatch(),
	"2 workers, 1 line":      {workers: 2, maxLines: 1, maxBytes: 1 << 20, spawnLines: 1},
	"3 workers, 7 lines":     {workers: 3, maxLines: 7, maxBytes: 1 << 20, spawnLines: 1},
	"2 workers, 300 bytes":   {workers: 2, maxLines: 1000, maxBytes: 300, spawnLines: 1},
	"8 workers, 64 lines":    {workers: 8, maxLines: 64, maxBytes: 64 << 10, spawnLines: 1},
	"2 workers, whole input": {workers: 2, maxLines: 1 << 30, maxBytes: 1 << 30, spawnLines: 1},
	"never on goroutines":    {workers: 2, maxLines: 20, maxBytes: 1 << 20, spawnLines: 1 << 30, spawnBytes: 1 << 30},
}

// batchInputs are inputs whose order of events batches could disturb: every hostile shape, logs mixing the
// providers' clients line by line (whose clues give the context its first evidence in the middle of a batch),
// the corpus one case after another (records of every kind between single lines, curl transcripts whose
// decorations add clues to the context), a line repeated within one batch and across batches, and more
// distinct lines than the memo holds.
func batchInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := prescanInputs(t)
	for _, shape := range loggen.Shapes {
		var b bytes.Buffer
		if err := loggen.WriteShape(&b, shape, 256<<10); err != nil {
			t.Fatal(err)
		}
		in["shape "+shape] = b.Bytes()
	}
	// Records the memo holds, then records it does not, and again: batches give way to records taken one at a
	// time, and back.
	var turns []byte
	for _, shape := range []string{"every-line-an-error", "unique-ids", "every-line-an-error", "many-distinct-errors"} {
		turns = append(turns, in["shape "+shape][:128<<10]...)
	}
	in["repeated errors, then distinct ones, in turns"] = turns
	var lines []string
	var corpus bytes.Buffer
	for _, b := range corpusCases(t) {
		corpus.Write(b)
		corpus.WriteString("\n\n")
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
	}
	in["corpus, case after case"] = corpus.Bytes()
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 7))
		var b bytes.Buffer
		for i := 0; i < 3000; i++ {
			l := lines[r.IntN(len(lines))]
			if r.IntN(3) == 0 {
				l = fmt.Sprintf("2026-11-21T08:%02d:%02dZ ERROR %s", i/60%60, i%60, strings.TrimSpace(l))
			}
			b.WriteString(l + "\n")
		}
		in[fmt.Sprintf("corpus lines shuffled, seed %d", seed)] = b.Bytes()
	}
	// Lines read one way before the input's context has evidence and another way after it ("conflict" counts as
	// a code only beside a provider's clue), each different, then a line whose clues give the context its first
	// evidence: a batch's analyses made ahead of that line are wrong for the lines after it.
	var mid strings.Builder
	for i := range 50 {
		fmt.Fprintf(&mid, "2026-11-21T08:00:01Z ERROR upload %d failed: 404 Not Found\n", i)
	}
	mid.WriteString("2026-11-21T08:00:02Z ERROR b2sdk.exception.ServiceError: 503 service_unavailable c002_v0001000_t0012 is too busy\n")
	for i := range 70 {
		fmt.Fprintf(&mid, "2026-11-21T08:00:03Z WARN upload %d refused, \"code\": \"conflict\"\n", i)
	}
	in["clues arrive mid-batch"] = []byte(mid.String())
	// More distinct lines than the memo holds, then the first of them again among new ones: once the memo is
	// full, the goroutines that analyse a batch look its records up in the memo themselves.
	var full strings.Builder
	distinct := func(i int) string {
		return fmt.Sprintf("2026-11-21T08:00:04Z ERROR {\"status\": 409, \"code\": \"conflict_%d\", \"message\": \"c %d\"}\n", i, i)
	}
	for i := range memoMaxEntries + 200 {
		full.WriteString(distinct(i))
	}
	for i := range 1500 {
		full.WriteString(distinct(i % 300))
		full.WriteString(distinct(memoMaxEntries + 200 + i))
	}
	in["a full memo, then its lines among new ones"] = []byte(full.String())
	return in
}

// TestBatchesChangeNothing checks that analysing single-line records in batches on other goroutines changes
// nothing: on every input, with batches of every size, Explain reports exactly what it reports analysing one
// record at a time.
func TestBatchesChangeNothing(t *testing.T) {
	for name, in := range batchInputs(t) {
		want, err := explainBatched(bytes.NewReader(in), ExplainOptions{}, nil, batchSizes{})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Findings) == 0 {
			t.Fatalf("%s: no finding", name)
		}
		for bname, sizes := range batchTrials {
			got, err := explainBatched(bytes.NewReader(in), ExplainOptions{}, &defaultPrescan, sizes)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, bname, err)
			}
			sameReport(t, fmt.Sprintf("%s, batches of %s", name, bname), got, want)
		}
	}
}

// sameReport fails the test, saying where, when two reports differ, and shows their first differing finding.
func sameReport(t *testing.T, where string, got, want Report) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	t.Errorf("%s: the report differs:\n got %d findings, %d lines, %d dropped\nwant %d findings, %d lines, %d dropped",
		where, len(got.Findings), got.Lines, got.Dropped, len(want.Findings), want.Lines, want.Dropped)
	for i := range min(len(got.Findings), len(want.Findings)) {
		if !reflect.DeepEqual(got.Findings[i], want.Findings[i]) {
			t.Logf("first difference, finding %d:\n got %+v\nwant %+v", i, got.Findings[i], want.Findings[i])
			return
		}
	}
}

// TestBatchesReadError checks that a read error reaches the caller with every record batched before it taken,
// as without batches, and that no analysing goroutine is left behind.
func TestBatchesReadError(t *testing.T) {
	var log bytes.Buffer
	if err := loggen.WriteShape(&log, "unique-ids", 2<<20); err != nil {
		t.Fatal(err)
	}
	checkReadError(t, log.Bytes(), func(r io.Reader) (Report, error) {
		return explainBatched(r, ExplainOptions{}, nil, batchSizes{workers: 2, maxLines: 100, maxBytes: 1 << 20, spawnLines: 1})
	})
}

// TestBatchesAnalyseAhead checks that batches are what they are for: a full batch of distinct error lines is
// analysed while explain reads on, and nothing of it is filed until it is taken, in order. (The comparison
// tests above would pass with batching switched off.)
func TestBatchesAnalyseAhead(t *testing.T) {
	x := &explainer{findings: map[string]*Finding{}}
	x.batch.sizes = batchSizes{workers: 2, maxLines: 4, maxBytes: 1 << 20, spawnLines: 1}
	codes := []string{"service_unavailable", "bad_auth_token", "expired_auth_token", "cap_exceeded", "bad_request"}
	for i, code := range codes {
		x.line(fmt.Appendf(nil, "2026-11-21T08:00:0%dZ ERROR b2 says: %s (upload %d)\n", i, code, i))
	}
	// The fifth line flushed the fourth, which filled the first batch: handed over, not yet taken.
	f := x.batch.inFlight
	if f == nil {
		t.Fatal("after five lines in batches of four, no batch is being analysed")
	}
	if len(f.lines) != 4 || len(f.todo) != 4 {
		t.Fatalf("the batch in flight holds %d lines, %d to analyse; want 4 and 4", len(f.lines), len(f.todo))
	}
	if len(x.findings) != 0 {
		t.Fatalf("%d findings filed before their batch was taken", len(x.findings))
	}
	x.flush()
	x.settle()
	if x.held != nil {
		x.file(x.held)
		x.held = nil
	}
	rep := x.report()
	var got []string
	for _, fd := range rep.Findings {
		got = append(got, fd.Code)
	}
	if !reflect.DeepEqual(got, codes) {
		t.Fatalf("findings %v, want %v in input order", got, codes)
	}
}

// TestLinesKeptAreCopied checks that nothing explain keeps of a line refers to the read buffer, which the next
// read overwrites: with each line overwritten as soon as it is read, every input reports what it reports
// without.
func TestLinesKeptAreCopied(t *testing.T) {
	in := batchInputs(t)
	in["curl commands among log lines"] = []byte(strings.Repeat("$ curl -X GET https://api.backblazeb2.com/b2api/v3/b2_list_buckets\n"+
		"2026-11-21T08:00:04Z ERROR curl -X PUT https://example.s3.amazonaws.com/key failed: HTTP/1.1 503 Slow Down\n"+
		"HTTP/1.1 503 Service Unavailable\nRetry-After: 7\n\n{\"status\": 503, \"code\": \"service_unavailable\", \"message\": \"busy\"}\n", 40))
	for name, text := range in {
		want, err := Explain(bytes.NewReader(text), ExplainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		lineDone = func(line []byte) {
			for i := range line {
				line[i] = '#'
			}
		}
		got, err := Explain(bytes.NewReader(text), ExplainOptions{})
		lineDone = nil
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, name+", lines overwritten once read", got, want)
	}
}

// TestContextGenerations checks that the context's generation changes whenever its evidence or service does: a
// memoised or shape's diagnosis is reused while the generation is the one it was made in, so a change it
// missed would file a line by the diagnosis of another context. Every use of a generation on every batch
// input, and on lines whose diagnosis is reused around clues a curl transcript adds, must find the context
// as it was.
func TestContextGenerations(t *testing.T) {
	in := batchInputs(t)
	line := "2026-11-21T08:00:01Z ERROR upload failed: 503 Service Unavailable\n"
	in["curl clues between repeats"] = []byte(strings.Repeat(line, 3) + "* Connected to api005.backblazeb2.com (1.2.3.4) port 443\n" +
		strings.Repeat(line, 3) + "* Server: AmazonS3\n" + strings.Repeat(line, 3))
	// S3 evidence enough that the context takes no more, then a host that names the service alone.
	goV2 := "2026-11-21T08:00:00Z ERROR operation error S3: GetObject, https response error StatusCode: 404, api error NoSuchKey: The specified key does not exist.\n"
	in["a service named once the evidence is full"] = []byte(strings.Repeat(goV2, 4) + strings.Repeat(line, 3) +
		"2026-11-21T08:00:05Z ERROR PUT https://bkt.nyc3.digitaloceanspaces.com/key failed: 503 Slow Down\n" + strings.Repeat(line, 3))
	uses, stale := 0, 0
	contextGenChecked = func(same bool) {
		uses++
		if !same {
			stale++
		}
	}
	defer func() { contextGenChecked = nil }()
	for name, text := range in {
		if _, err := Explain(bytes.NewReader(text), ExplainOptions{}); err != nil {
			t.Fatal(err)
		}
		if stale > 0 {
			t.Fatalf("%s: %d of %d diagnoses reused in a context changed since", name, stale, uses)
		}
	}
	if uses < 1000 {
		t.Fatalf("only %d diagnoses reused: the inputs do not exercise the generations", uses)
	}
}
