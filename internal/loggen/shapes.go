package loggen

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Shapes names the hostile input shapes of issue 13, each of which WriteShape writes: the forms of input that
// cost explain the most per byte.
var Shapes = []string{"long-lines", "unclosed-xml", "pretty-json", "every-line-an-error", "many-distinct-errors",
	"unique-ids"}

// WriteShape writes about size bytes of one hostile shape:
//
//   - long-lines: log lines of 300 KiB (longer than explain reads of a line), each an error with a long message;
//   - unclosed-xml: <Error> bodies that never close, 4000 lines each (as long as a record may grow);
//   - pretty-json: pretty-printed JSON error bodies of 8000 keys, one key per line;
//   - every-line-an-error: the same API error on every line, logged with an advancing timestamp;
//   - many-distinct-errors: a different error on every line, far more than explain reports;
//   - unique-ids: seven errors of five providers in the formats their clients log, each line with ids of its own
//     (request ids, object keys, Discord snowflakes, B2 server names), as in a real log: no two lines are alike.
func WriteShape(w io.Writer, shape string, size int64) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	gen, ok := shapeWriters[shape]
	if !ok {
		return fmt.Errorf("unknown shape %q (known: %s)", shape, strings.Join(Shapes, ", "))
	}
	var written int64
	for i := 0; written < size; i++ {
		n, err := gen(bw, i)
		if err != nil {
			return err
		}
		written += int64(n)
	}
	return bw.Flush()
}

// shapeWriters write the i-th unit of each shape (a line, or a whole body) and return its size.
var shapeWriters = map[string]func(w *bufio.Writer, i int) (int, error){
	"long-lines": func(w *bufio.Writer, i int) (int, error) {
		var b strings.Builder
		fmt.Fprintf(&b, `%s ERROR upload failed: {"status": 503, "code": "service_unavailable", "message": "`, stamp(i))
		for b.Len() < 300<<10 {
			fmt.Fprintf(&b, "part %d of batch %d was refused by the storage pod while it drained; ", b.Len(), i)
		}
		b.WriteString("\"}\n")
		return w.WriteString(b.String())
	},
	"unclosed-xml": func(w *bufio.Writer, i int) (int, error) {
		var b strings.Builder
		b.WriteString("<Error>\n<Code>NoSuchKey</Code>\n")
		for k := 0; k < 4000; k++ {
			b.WriteString("<Detail>line of an unclosed error record</Detail>\n")
		}
		return w.WriteString(b.String())
	},
	"pretty-json": func(w *bufio.Writer, i int) (int, error) {
		var b strings.Builder
		b.WriteString("{\n  \"code\": 50035,\n  \"message\": \"Invalid Form Body\",\n  \"data\": {\n")
		for k := 0; k < 8000; k++ {
			fmt.Fprintf(&b, "    \"key%d\": \"value of a pretty-printed JSON document\",\n", k)
		}
		b.WriteString("    \"last\": 1\n  }\n}\n")
		return w.WriteString(b.String())
	},
	"every-line-an-error": func(w *bufio.Writer, i int) (int, error) {
		return fmt.Fprintf(w, "%s ERROR request failed: 503 service_unavailable from b2\n", stamp(i))
	},
	"many-distinct-errors": func(w *bufio.Writer, i int) (int, error) {
		return fmt.Fprintf(w, "%s ERROR {\"status\": 400, \"code\": \"bad_request_%d\", \"message\": \"m %d\"}\n", stamp(i), i, i)
	},
	"unique-ids": func(w *bufio.Writer, i int) (int, error) {
		return fmt.Fprintf(w, uniqueIDLines[i%len(uniqueIDLines)]+"\n", stamp(i), i, i*7919)
	},
}

// uniqueIDLines are the unique-ids shape's lines: each takes the stamp and two numbers that make its ids.
var uniqueIDLines = []string{
	`%s ERROR upload of backups/%07d.tar failed: {"status": 503, "code": "service_unavailable", "message": "c002_v%07d_t0012 is too busy"}`,
	`%s WARN  obs: service returned error: Status=403 Forbidden, Code=AccessDenied, Message=Access Denied, RequestId=0000018C%012X%012X`,
	`%s ERROR DiscordAPIError[50013]: Missing Permissions (PATCH /api/v10/channels/1128%014d/messages/1129%014d)`,
	`%s ERROR botocore.exceptions.ClientError: An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist. (key reports/%d-%d.csv)`,
	`%s INFO  b2sdk.exception.ServiceError: 401 expired_auth_token Authorization token has expired (file %d, part %d)`,
	`%s ERROR request %08x-%08x failed: 429 {"message": "You are being rate limited.", "retry_after": 0.35, "global": false}`,
	`%s ERROR sync of job %d stopped after %d files: 404 Not Found`,
}

// stamp is the timestamp of the i-th line: 37 ms after the one before.
func stamp(i int) string {
	t := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	return t.Add(time.Duration(i) * 37 * time.Millisecond).Format(time.RFC3339Nano)
}
