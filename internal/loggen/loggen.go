// Package loggen writes realistic application logs for benchmarks: mostly ordinary lines, plain and JSON, with
// API errors of every provider mixed in at a fixed rate. The output is deterministic for a given size.
package loggen

import (
	"bufio"
	"fmt"
	"io"
	"time"
)

// ordinary lines make up most of a real log and must be passed over cheaply.
var ordinary = []string{
	`%s INFO  http: GET /api/v2/orders/%d 200 12ms user=alice@example.com trace=%08x`,
	`{"ts":"%s","level":"info","msg":"request completed","path":"/v1/items/%d","status":200,"duration_ms":%d}`,
	`%s DEBUG cache: hit key=session:%d ttl=300s size=%dB`,
	`%s INFO  worker[%d]: processed batch of %d messages in 41ms`,
	`%s INFO  db: query users by id=%d took 3ms rows=%d`,
	`{"ts":"%s","level":"debug","msg":"uploading part","part":%d,"bytes":%d}`,
	`%s WARN  slow request: GET /healthz took %dms (threshold 200ms) id=%d`,
}

// errorLines are the API errors sprinkled in, one provider format each.
var errorLines = []string{
	`%s ERROR b2: b2_upload_file failed: {"status": 503, "code": "service_unavailable", "message": "c001_v0001234_t0042 is too busy"} attempt=%d`,
	`%s ERROR discord: DiscordAPIError[50013]: Missing Permissions (channel=%d)`,
	`{"ts":"%s","level":"error","msg":"discord request failed","status":429,"body":"{\"message\": \"You are being rate limited.\", \"retry_after\": 1.5, \"global\": false}","attempt":%d}`,
	`%s ERROR obs: service returned error: Status=404 Not Found, Code=NoSuchKey, Message=The specified key does not exist., RequestId=0000018C4A%06d`,
	`%s ERROR backup: POST /public/backup-management/v2/orgs/o1/policies -> 409 {"errorCode": "127", "errorMessage": "Backup Policy already exists with orgId: o1 cloudId: c%d product: JIRA"}`,
}

// Write writes about size bytes of log, one error line in every errorEvery lines.
func Write(w io.Writer, size int64, errorEvery int) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	t := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	var written int64
	for i := 0; written < size; i++ {
		ts := t.Add(time.Duration(i) * 37 * time.Millisecond).Format(time.RFC3339Nano)
		var line string
		if errorEvery > 0 && i%errorEvery == errorEvery-1 {
			line = fmt.Sprintf(errorLines[(i/errorEvery)%len(errorLines)], ts, i%997)
		} else {
			format := ordinary[i%len(ordinary)]
			switch i % len(ordinary) {
			case 0:
				line = fmt.Sprintf(format, ts, i, i*2654435761)
			default:
				line = fmt.Sprintf(format, ts, i%10007, i%4096)
			}
		}
		n, err := bw.WriteString(line + "\n")
		if err != nil {
			return err
		}
		written += int64(n)
	}
	return bw.Flush()
}
