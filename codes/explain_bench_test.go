package codes

import (
	"bytes"
	"strings"
	"testing"

	"github.com/errcode/errcode/internal/loggen"
)

// BenchmarkExplain1MiBLog measures a 1 MiB application log with an API error every 200 lines (goal: under
// 10 ms per run).
func BenchmarkExplain1MiBLog(b *testing.B) { benchmarkLog(b, 1<<20, 200) }

// benchmarkLog explains a generated log of size bytes with an API error every errorEvery lines; every such log
// holds the generator's five distinct errors.
func benchmarkLog(b *testing.B, size int64, errorEvery int) {
	var log bytes.Buffer
	if err := loggen.Write(&log, size, errorEvery); err != nil {
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

// hostileShapes are the input shapes issue 13 measured far below the README's throughput (see
// loggen.WriteShape, which bench/shapes.sh streams through the binary too), 1 MiB of each.
func hostileShapes(b *testing.B) map[string][]byte {
	shapes := map[string][]byte{}
	for _, name := range loggen.Shapes {
		var buf bytes.Buffer
		if err := loggen.WriteShape(&buf, name, 1<<20); err != nil {
			b.Fatal(err)
		}
		shapes[name] = buf.Bytes()
	}
	return shapes
}

// BenchmarkExplainHostileShape measures each hostile shape (goal: 100 MB/s or more each).
func BenchmarkExplainHostileShape(b *testing.B) {
	shapes := hostileShapes(b)
	names := map[string]string{"long-lines": "LongLines", "unclosed-xml": "UnclosedXML", "pretty-json": "PrettyJSON",
		"every-line-an-error": "EveryLineAnError", "many-distinct-errors": "ManyDistinctErrors",
		"unique-ids": "UniqueIDs"}
	for _, shape := range loggen.Shapes {
		in := shapes[shape]
		b.Run(names[shape], func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				rep, err := Explain(bytes.NewReader(in), ExplainOptions{})
				if err != nil || len(rep.Findings) == 0 {
					b.Fatalf("%v, %d findings", err, len(rep.Findings))
				}
			}
		})
	}
}

// BenchmarkExplainOrdinaryLog measures issue 13's ordinary log: 8 MiB with one API error line in 1000 (goal:
// 800 MiB/s), where nearly all the time goes to passing over lines without an error.
func BenchmarkExplainOrdinaryLog(b *testing.B) { benchmarkLog(b, 8<<20, 1000) }
