package codes

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// BenchmarkExplain1MiBLog measures a 1 MiB application log with an API error every 200 lines (goal: under
// 10 ms per run).
func BenchmarkExplain1MiBLog(b *testing.B) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 1<<20, 200); err != nil {
		b.Fatal(err)
	}
	data := log.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Explain(bytes.NewReader(data), ExplainOptions{})
		if err != nil || len(rep.Findings) != 5 {
			b.Fatalf("%v, %d findings", err, len(rep.Findings))
		}
	}
}

// BenchmarkExplainFormat measures one input of each format.
func BenchmarkExplainFormat(b *testing.B) {
	names := []string{"b2-curl", "discord-429", "discord-50035", "backup-json", "obs-xml", "obs-xml-truncated",
		"discord.js", "discord.py", "jda", "b2sdk", "obs-go-sdk", "rclone-b2", "aws-sdk-v1", "js-literal", "ruby-hash",
		"python-repr", "escaped-json", "bare-message"}
	for i, in := range seedInputs[:len(names)] {
		b.Run(names[i], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Explain(strings.NewReader(in), ExplainOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// hostileShapes are the input shapes issue 13 measured far below the README's throughput: each must run in
// linear time.
func hostileShapes() map[string]string {
	var b strings.Builder
	shapes := map[string]string{}
	// Unclosed <Error> records of 4000 lines each.
	for r := 0; r < 4; r++ {
		b.WriteString("<Error>\n<Code>NoSuchKey</Code>\n")
		for i := 0; i < 4000; i++ {
			b.WriteString("<Detail>line of an unclosed error record</Detail>\n")
		}
	}
	shapes["UnclosedXML"] = b.String()
	b.Reset()
	// Pretty-printed JSON: one big body, a key per line.
	b.WriteString("{\n  \"code\": 50035,\n  \"message\": \"Invalid Form Body\",\n  \"data\": {\n")
	for i := 0; i < 8000; i++ {
		fmt.Fprintf(&b, "    \"key%d\": \"value of a pretty-printed JSON document\",\n", i)
	}
	b.WriteString("    \"last\": 1\n  }\n}\n")
	shapes["PrettyJSON"] = b.String()
	b.Reset()
	// Every line says error (the same one).
	for i := 0; i < 20000; i++ {
		b.WriteString("2024-05-01T10:00:00Z ERROR request failed: 503 service_unavailable from b2\n")
	}
	shapes["EveryLineAnError"] = b.String()
	b.Reset()
	// Many distinct errors.
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "2024-05-01T10:00:00Z ERROR {\"status\": 400, \"code\": \"bad_request_%d\", \"message\": \"m %d\"}\n", i, i)
	}
	shapes["ManyDistinctErrors"] = b.String()
	return shapes
}

func BenchmarkExplainHostileShape(b *testing.B) {
	shapes := hostileShapes()
	for _, name := range []string{"UnclosedXML", "PrettyJSON", "EveryLineAnError", "ManyDistinctErrors"} {
		in := shapes[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Explain(strings.NewReader(in), ExplainOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExplainOrdinaryLog measures issue 13's ordinary log: 8 MiB with one API error line in 1000 (goal:
// 800 MiB/s), where nearly all the time goes to passing over lines without an error.
func BenchmarkExplainOrdinaryLog(b *testing.B) {
	var log bytes.Buffer
	if err := loggen.Write(&log, 8<<20, 1000); err != nil {
		b.Fatal(err)
	}
	data := log.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Explain(bytes.NewReader(data), ExplainOptions{})
		if err != nil || len(rep.Findings) != 5 {
			b.Fatalf("%v, %d findings", err, len(rep.Findings))
		}
	}
}
