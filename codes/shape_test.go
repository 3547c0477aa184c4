package codes

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unsafe"
)

// shapeInputs are logs whose lines share shapes and differ at tokens that mean something, or whose analysis
// changes with a token's value: the shape memo must serve none of those lines a wrong analysis.
func shapeInputs() map[string][]byte {
	logs := map[string]func(i int) string{
		// The status moves: statuses are kept in the shape, so each is a shape of its own.
		"statuses": func(i int) string {
			return fmt.Sprintf("2026-11-21T08:00:%02dZ ERROR request %d failed: HTTP %d", i%60, 1000+i*7,
				[]int{500, 502, 503, 404, 429, 401}[i%6])
		},
		// Unknown numeric codes, and now and then one of the catalog's.
		"numeric codes": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR {"code": %d, "message": "call %d refused"}`, i%60,
				[]int{17, 23, 50013, 31, 10008, 47, 130000, 59, 0, 61}[i%10], i)
		},
		// Discord's retry_after changes the advice: the line's analysis reads the number.
		"retry_after": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR 429 {"message": "You are being rate limited.", "retry_after": %d.%02d, "global": false}`,
				i%60, i%3, i%100)
		},
		// A digit glued to letters names something.
		"glued digits": func(i int) string {
			svc := []string{"S3", "S3", "S3", "S4", "S3"}[i%5]
			return fmt.Sprintf("2026-11-21T08:00:%02dZ ERROR com.amazonaws.services.s3.model.Amazon%sException: Not Found (Service: Amazon %s; Status Code: 404; Error Code: NoSuchKey; Request ID: %08X%08X)",
				i%60, svc, svc, i*7919, i*104729)
		},
		"digits inside codes": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR b2 upload %d: 400 {"code": "part_sha%d_mismatch", "status": 400}`, i%60, i, i%3)
		},
		// A string the analysis reads twice from the line, where the line has two values.
		"one string, two places": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR code bad_request_%d: {"status": 400, "code": "bad_request_%d"}`, i%60, i/2, i/3)
		},
		// JSON inside JSON: the code is read after unescaping, so it is not where the line has it.
		"escaped JSON": func(i int) string {
			return fmt.Sprintf(`{"ts": "2026-11-21T08:00:%02dZ", "msg": "{\"status\": 409, \"code\": \"duplicate_%d\", \"message\": \"job %d\"}"}`, i%60, i, i*3)
		},
		// Hex ids whose letters change case, and ids without letters.
		"hex ids": func(i int) string {
			id := fmt.Sprintf("%016x", uint64(i)*0x9E3779B97F4A7C15)
			if i%4 == 1 {
				id = strings.ToUpper(id)
			}
			if i%7 == 3 {
				id = fmt.Sprintf("%016d", i)
			}
			return fmt.Sprintf("2026-11-21T08:00:%02dZ WARN obs: Status=403 Forbidden, Code=AccessDenied, RequestId=%s", i%60, id)
		},
		// The message states a delay.
		"delays in the message": func(i int) string {
			return fmt.Sprintf("2026-11-21T08:00:%02dZ ERROR DiscordAPIError[20028]: The write action you are performing on the channel has hit the write rate limit. Retry after %d seconds (channel 1128%014d)",
				i%60, i%9, i)
		},
		// Field errors with indexes in their paths.
		"field error paths": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR {"code": 50035, "errors": {"embeds": {"%d": {"fields": {"%d": {"value": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}}}}, "message": "Invalid Form Body"}`,
				i%60, i%4, i%11)
		},
		// Long numbers the analysis reads (a delay in milliseconds, a request id), which the shape lets stand for
		// other values: only comparing lines' analyses tells that the delay is read and the id is not. Each line
		// is an error of its own, so that a wrong delay would show.
		"numbers read": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02dZ ERROR HTTP 429 {"code": "slow_down_%06d", "message": "You are being rate limited.", "retry_after": %05d, "request": "%08d"}`,
				i%60, 100000+i, 10000+i*37, 20000000+i)
		},
		// A code of its own on every line, in the code and in the message: lines past the first of their shape
		// are served with their own code, each a finding of its own.
		"distinct codes": func(i int) string {
			return fmt.Sprintf(`2026-11-21T08:00:%02d.%03dZ ERROR {"status": 400, "code": "bad_request_%06d", "message": "m %06d"}`,
				i%60, i%1000, 100000+i, 100000+i)
		},
		// A NUL byte in the text, where a shape's key marks its tokens.
		"zero bytes": func(i int) string {
			return fmt.Sprintf("2026-11-21T08:00:%02dZ ERROR \x00%d\x00 503 service_unavailable \x00\x00 c002_v%07d_t0012", i%60, i%5, i)
		},
		// More tokens than a shape holds.
		"too many tokens": func(i int) string {
			var b strings.Builder
			fmt.Fprintf(&b, "2026-11-21T08:00:%02dZ ERROR 503 service_unavailable", i%60)
			for k := range 60 {
				fmt.Fprintf(&b, " %d", k*i)
			}
			return b.String()
		},
	}
	in := map[string][]byte{}
	for name, line := range logs {
		var b bytes.Buffer
		for i := range 200 {
			b.WriteString(line(i) + "\n")
		}
		in[name] = b.Bytes()
	}
	return in
}

// TestShapesChangeNothing checks that serving lines from their shapes changes nothing: on every input of the
// batch tests and on logs made to trip the shape memo, with and without batches, Explain reports exactly what
// it reports analysing and diagnosing every line in full.
func TestShapesChangeNothing(t *testing.T) {
	inputs := shapeInputs()
	for name, in := range batchInputs(t) {
		inputs[name] = in
	}
	for name, in := range inputs {
		want, err := explainShaped(bytes.NewReader(in), ExplainOptions{}, nil, batchSizes{}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, bname := range []string{"", "default", "3 workers, 7 lines"} {
			got, err := explainShaped(bytes.NewReader(in), ExplainOptions{}, &defaultPrescan, batchTrials[bname], true)
			if err != nil {
				t.Fatal(err)
			}
			sameReport(t, fmt.Sprintf("%s, shapes, batches %q", name, bname), got, want)
		}
	}
}

// TestShapesServe checks that the shape memo is what it is for: in a log whose every line has ids of its own,
// nearly every line is served from its shape, with its own ids. (The comparison above would pass with shapes
// switched off.)
func TestShapesServe(t *testing.T) {
	var log bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&log, "2026-11-21T08:00:00Z WARN  obs: service returned error: Status=403 Forbidden, Code=AccessDenied, Message=Access Denied, RequestId=0000018C%012X%012X\n", 100000+i, i*7919)
		fmt.Fprintf(&log, "2026-11-21T08:00:00Z ERROR DiscordAPIError[50013]: Missing Permissions (PATCH /api/v10/channels/1128%014d/messages/1129%014d)\n", i, i*7)
	}
	x := &explainer{findings: map[string]*Finding{}}
	lines := bytes.Split(bytes.TrimSuffix(log.Bytes(), []byte("\n")), []byte("\n"))
	served := 0
	for _, l := range lines {
		o := observation{line: 1}
		if x.analyseSingle(&o, l, nil) {
			t.Fatalf("the memo held a line with ids of its own: %q", l)
		}
		if o.shape != nil && o.shapeDiff != 0 {
			served++
		}
	}
	if served < len(lines)*9/10 {
		t.Fatalf("%d of %d lines were served from their shapes; want nine in ten", served, len(lines))
	}
	// A line served from its shape reads its own ids, not the shape's first line's.
	line := "2026-11-21T08:00:00Z WARN  obs: service returned error: Status=403 Forbidden, Code=AccessDenied, Message=Access Denied, RequestId=0000018C0000DEADBEEF00000BADF00D"
	o := observation{line: 1}
	x.analyseSingle(&o, []byte(line), nil)
	if o.shape == nil || o.requestID != "0000018C0000DEADBEEF00000BADF00D" {
		t.Fatalf("served from shape %v, request id %q; want the line's own", o.shape != nil, o.requestID)
	}
}

// TestLineShape checks which tokens a shape leaves out and which it keeps as they are.
func TestLineShape(t *testing.T) {
	for _, c := range []struct {
		line string
		out  []string // the tokens left out
	}{
		{"request 1234567 failed", []string{"1234567"}},
		{"id=0000018C0000DEADBEEF after 17 tries", []string{"0000018C0000DEADBEEF"}},             // a count stays
		{"HTTP 503 from 10.0.0.200", []string{"0", "0", "200"}},                                  // a status, unless a fraction
		{"at 08:01:00.503Z: code 50013 (job 77777)", []string{"08", "01", "00", "503", "77777"}}, // 50013 is Discord's
		{"AmazonS3Exception sha1 SHA256 v10 http2 5xx boto3", nil},                               // glued to letters
		{"c002_v0001234_t0012 is too busy", []string{"01234"}},                                   // "v00" stays: a word runs into it
		{"deadbeef and cafe have no digit", nil},
		{"code 0 and 00 and 000, 00442 and 0000017", []string{"0000017"}}, // "0" is a catalog code, 442 a status
	} {
		_, toks, _ := appendLineShape(nil, nil, []byte(c.line))
		var got []string
		for _, tk := range toks {
			got = append(got, c.line[tk.start:tk.end])
		}
		if !reflect.DeepEqual(got, c.out) {
			t.Errorf("%q: tokens %q, want %q", c.line, got, c.out)
		}
	}
	// Lines of one shape have one key; a token of another length, other letters, or a kept value change it.
	key := func(s string) string { k, _, _ := appendLineShape(nil, nil, []byte(s)); return string(k) }
	same := [][2]string{
		{"job 123456 failed, id abc123def", "job 987654 failed, id 1ff9a1bcd"},
		{"a\x00b 12345", "a\x00b 54329"},
	}
	for _, p := range same {
		if key(p[0]) != key(p[1]) {
			t.Errorf("%q and %q: different shapes", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"id 0000018CDEADBEEF", "id 1000018CDEADBEEF"}, // leading zeros: OBS request ids start with four
		{"com.amazonaws.services.s327681l", "com.amazonaws.services.s427681l"},
		{"job 123456 failed", "job 1234567 failed"},
		{"job 17 failed", "job 18 failed"},
		{"id abc123def", "id ABC123DEF"},
		{"job 17 failed: 60000", "job 17 failed: 00503"},
		{"a\x00 12345", "a 12345\x00"},
	}
	for _, p := range differ {
		if key(p[0]) == key(p[1]) {
			t.Errorf("%q and %q: one shape", p[0], p[1])
		}
	}
}

// TestShapeFits checks the shortcut that tells a line of a known shape without making its key: it must agree
// with the key on every pair of lines.
func TestShapeFits(t *testing.T) {
	lines := []string{
		"2026-11-21T08:00:01Z ERROR job 1234 failed: 503 (id abc123def)",
		"2026-11-21T08:00:02Z ERROR job 9876 failed: 503 (id 0ff9a1bcd)",
		"2026-11-21T08:00:03Z ERROR job 9876 failed: 404 (id 0ff9a1bcd)",
		"2026-11-21T08:00:04Z ERROR job 1235 failed: 503 (id ABC123DEF)",
		"2026-11-21T08:00:05Z ERROR job 0123 failed: 503 (id abc123def)",
		"2026-11-21T08:00:06Z ERROR job 50013 failed: 503 (id abc123de)",
		"2026-11-21T08:00:07Z ERROR job 10008 failed: 503 (id abc123de)",
		"2026-11-21T08:00:08Z ERROR job 10009 failed: 503 (id abc123de)",
		"2026-11-21T08:00:09Z ERROR job 1234 failed: 503 (id abcdefabc)",
	}
	for _, a := range lines {
		ka, ta, _ := appendLineShape([]byte{'0'}, nil, []byte(a))
		s := &shapeMemo{text: a, flag: '0', tokens: ta}
		s.classes, s.runs, s.runLetters = shapeClasses([]byte(a), ta)
		for _, b := range lines {
			kb, _, _ := appendLineShape([]byte{'0'}, nil, []byte(b))
			if want := string(ka) == string(kb); s.fits('0', []byte(b)) != want {
				t.Errorf("%q fits the shape of %q: %v, want %v", b, a, !want, want)
			}
		}
		if s.fits('1', []byte(a)) {
			t.Errorf("%q fits its shape with the other flag", a)
		}
	}
}

// TestShapesHoldTheSameWords checks that lines of one shape hold the same words with digits the analysis looks
// for: "b2:" (a B2 remote) made by an id's last characters puts a line in a shape of its own, whether the
// lookup makes the line's key or fits it to the shape found last for its length.
func TestShapesHoldTheSameWords(t *testing.T) {
	var shapes shapeTable
	var l shapeLookup
	first := []byte("copy to d000a2: failed: 503 Service Unavailable")
	o, clues := observation{status: 503}, observation{}
	for range 2 { // a shape is kept from its second line on
		s, shaped, _ := shapes.find(&l, '0', first)
		if !shaped {
			t.Fatal("the line has no shape")
		}
		shapes.learn(&l, s, first, &o, &clues)
	}
	for line, want := range map[string]bool{
		"copy to d007c2: failed: 503 Service Unavailable": true,
		"copy to d015b2: failed: 503 Service Unavailable": false,
	} {
		s, _, _ := shapes.find(&l, '0', []byte(line))
		if got := s != nil; got != want {
			t.Errorf("%q is of the shape of %q: %v, want %v", line, first, got, want)
		}
	}
}

// TestShapesBounded checks that the shape memo's memory stays bounded on lines as long as it takes, each of a
// shape of its own, seen once or twice.
func TestShapesBounded(t *testing.T) {
	x := &explainer{findings: map[string]*Finding{}}
	filler := strings.Repeat("w", memoMaxText-100)
	for i := range 3000 {
		// A letter made of i makes each line a shape of its own; the number makes it a shape at all.
		line := []byte(fmt.Sprintf("ERROR %s %s %08d", strings.Repeat(string(rune('g'+i%20)), 1+i/20), filler, i))
		for range 2 {
			o := observation{line: 1}
			x.analyseSingle(&o, line[:min(len(line), memoMaxText)], nil)
		}
		if x.shapes.onceBytes > shapeMaxBytes || x.shapes.entryBytes > shapeMaxBytes {
			t.Fatalf("after %d lines the shape memo holds %d and %d bytes; want at most %d each", i+1,
				x.shapes.onceBytes, x.shapes.entryBytes, shapeMaxBytes)
		}
	}
	if len(x.shapes.entries) == 0 {
		t.Fatal("no shape was kept: the test shows nothing")
	}
}

// TestShapesAfresh checks that a lookup does not keep the shapes it found across a fresh start of the memo:
// it would go on learning into shapes that the memo no longer holds and the batches never find.
func TestShapesAfresh(t *testing.T) {
	var shapes shapeTable
	var l shapeLookup
	line := []byte("copy of job 1234567 failed: 503 Service Unavailable")
	o, clues := observation{status: 503}, observation{}
	for range 2 {
		s, _, _ := shapes.find(&l, '0', line)
		shapes.learn(&l, s, line, &o, &clues)
	}
	old, _, _ := shapes.find(&l, '0', line)
	if old == nil {
		t.Fatal("no shape kept for the line")
	}
	// Fill the memo with other shapes until it starts afresh.
	for i, gen := 0, shapes.generation; shapes.generation == gen; i++ {
		other := []byte(fmt.Sprintf("%s job 1234567 failed", strings.Repeat("x", 1+i%2000)+strings.Repeat("y", i/2000)))
		for range 2 {
			s, _, _ := shapes.find(&l, '0', other)
			shapes.learn(&l, s, other, &o, &clues)
		}
	}
	if s, _, _ := shapes.find(&l, '0', line); s == old {
		t.Fatal("after the memo started afresh, the lookup still found the shape of before")
	}
}

// TestShapeCovers checks, field by field, that the shape memo compares and translates every field of an
// observation: a field added to observation without a place in sameAnalysis and shapeStrings would let a line
// be served with another line's value of it.
func TestShapeCovers(t *testing.T) {
	positional := map[string]bool{"line": true, "stamped": true, "lastLine": true, "memo": true, "shared": true,
		"shape": true, "shapeDiff": true}
	typ := reflect.TypeOf(observation{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if positional[f.Name] {
			continue
		}
		var a, b observation
		setSomething(t, reflect.ValueOf(&b).Elem().Field(i), f.Name)
		if sameAnalysis(&a, &b) {
			t.Errorf("sameAnalysis does not compare observation.%s", f.Name)
		}
		if f.Type.Kind() == reflect.String || f.Type == reflect.TypeOf([]string{}) || f.Type == reflect.TypeOf([]FieldError{}) {
			ptrs := shapeStrings(&b, nil)
			if !coversField(ptrs, reflect.ValueOf(&b).Elem().Field(i)) {
				t.Errorf("shapeStrings does not list observation.%s", f.Name)
			}
		}
	}
}

// setSomething gives a field of an observation a value other than its zero value.
func setSomething(t *testing.T, v reflect.Value, name string) {
	v = reflectWritable(v)
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(0.5)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), reflect.Zero(v.Type().Elem()))
		v.Set(m)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		if v.Type().Elem().Kind() == reflect.String {
			reflectWritable(v.Index(0)).SetString("x")
		}
	default:
		t.Fatalf("observation.%s: a field of kind %s the test does not know", name, v.Kind())
	}
}

// coversField reports whether ptrs point at the string field v, or into the list v is.
func coversField(ptrs []*string, v reflect.Value) bool {
	for _, p := range ptrs {
		addr := reflect.ValueOf(p).Pointer()
		switch v.Kind() {
		case reflect.String:
			if addr == v.UnsafeAddr() {
				return true
			}
		case reflect.Slice:
			if v.Len() > 0 {
				start := v.Pointer()
				end := start + uintptr(v.Len())*v.Type().Elem().Size()
				if addr >= start && addr < end {
					return true
				}
			}
		}
	}
	return false
}

// FuzzShapes makes a log of fuzzed lines that differ only in their digits (same-length values, statuses,
// catalog codes, and values of other lengths, drawn from the input) and checks that serving lines from their
// shapes, in batches or not, changes nothing.
func FuzzShapes(f *testing.F) {
	for _, in := range shapeInputs() {
		f.Add(string(bytes.SplitN(in, []byte("\n"), 2)[0]))
	}
	addCorpusSeeds(f)
	digits := regexp.MustCompile(`[0-9]+`)
	f.Fuzz(func(t *testing.T, in string) {
		line := strings.ReplaceAll(firstLine(in), "\r", "")
		if len(line) > 2048 || !digits.MatchString(line) {
			return
		}
		r := rand.New(rand.NewPCG(uint64(len(in)), uint64(strings.Count(in, "0"))))
		var log bytes.Buffer
		for range 24 {
			log.WriteString(digits.ReplaceAllStringFunc(line, func(d string) string {
				switch r.IntN(8) {
				case 0:
					return d
				case 1:
					return fmt.Sprint([]int{404, 429, 500, 503, 50013, 10008, 0, 1}[r.IntN(8)])
				case 2:
					return fmt.Sprint(r.IntN(1000000))
				default:
					b := []byte(d)
					for i := range b {
						b[i] = byte('0' + r.IntN(10))
					}
					return string(b)
				}
			}))
			log.WriteByte('\n')
		}
		want, err := explainShaped(bytes.NewReader(log.Bytes()), ExplainOptions{}, nil, batchSizes{}, false)
		if err != nil {
			return // binary input: nothing to compare
		}
		for _, sizes := range []batchSizes{{}, {workers: 2, maxLines: 5, maxBytes: 1 << 20, spawnLines: 1}} {
			got, err := explainShaped(bytes.NewReader(log.Bytes()), ExplainOptions{}, nil, sizes, true)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("shapes change the report of\n%s\n got %+v\nwant %+v", log.String(), got, want)
			}
		}
	})
}

// firstLine is s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// reflectWritable is v, settable even when it is an unexported field.
func reflectWritable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// TestShapeDiagnosisLearns checks that a line's diagnosis is taken from its shape's only where lines have
// differed from the shape's first line and been diagnosed the same: a line that differs at a token where none
// has differed before is diagnosed in full, even when its analysis is its shape's translated. Past
// MaxFindings, a wrong diagnosis would count the line as dropped rather than as a repeat of its own finding.
func TestShapeDiagnosisLearns(t *testing.T) {
	x := &explainer{findings: map[string]*Finding{}}
	for i := range MaxFindings - 1 {
		o := observation{line: i + 1, status: 400, code: fmt.Sprintf("filler_%d", i), errorShape: true}
		x.file(&o)
	}
	plain := observation{line: 100, status: 401, code: "NoSuchKey", errorShape: true}
	x.file(&plain)
	if len(x.order) != MaxFindings {
		t.Fatalf("%d findings filed; want %d", len(x.order), MaxFindings)
	}
	first := observation{status: 401, code: "expired_auth_token", message: "Authorization token has expired",
		errorShape: true}
	s := &shapeMemo{obs: first, tokens: []shapeToken{{0, 1}}, agreed: []uint8{255}}
	fileLine := func(line int, code string, diff uint64) {
		o := first
		o.line, o.code, o.shape, o.shapeDiff = line, code, s, diff
		x.file(&o)
	}
	fileLine(101, "expired_auth_token", 0) // past MaxFindings: dropped
	// Another code, at a token no line has differed at: NoSuchKey's own diagnosis, a repeat of its finding.
	fileLine(102, "NoSuchKey", 1)
	if x.dropped != 1 || x.order[MaxFindings-1].Count != 2 {
		t.Fatalf("dropped %d, NoSuchKey counted %d times; want 1 and 2", x.dropped, x.order[MaxFindings-1].Count)
	}
	if x.order[MaxFindings-1].Provider == "b2" {
		t.Fatal("the test needs a code whose provider is not the shape's first line's")
	}
	if !s.diag.dead {
		t.Fatal("a line diagnosed otherwise than its shape's first line left the shape's diagnosis in use")
	}
}
