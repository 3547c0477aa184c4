package codes

import (
	"bytes"
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
