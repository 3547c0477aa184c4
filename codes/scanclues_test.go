package codes

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// scanCluesEachClue is scanClues as it was before the one-pass scan: every clue, shape and provider mark looked
// for on its own. It is the oracle TestScanCluesOnePassAgrees compares against.
func scanCluesEachClue(o *observation, s string) {
	if len(s) > maxTokenScan {
		s = s[:maxTokenScan]
	}
	for _, p := range registry {
		for i := range p.clues {
			c := &p.clues[i]
			if containsClue(s, c) {
				if c.weight > 0 || c.label != "" {
					o.addEvidence(p.id, c.weight, c.label)
				}
				o.addClient(c.client)
			}
		}
		for _, sh := range p.shapes {
			if sh.matches(s) {
				o.addEvidence(p.id, sh.weight, sh.label)
			}
		}
		if p.onText != nil {
			p.onText(o, s)
		}
	}
	if o.method == "" {
		o.method = requestMethod(s)
	}
	if containsAny(s, domainWords) {
		for _, m := range urlPattern.FindAllString(s, 8) {
			o.hostEvidence(m)
		}
	}
}

// TestScanCluesOnePassAgrees checks that scanClues, which looks for all needles in one pass, weighs exactly the
// clues a search per clue finds: on lines made of every clue's needle, its shapes' guards and the providers'
// marks, in other cases, glued to letters (word boundaries), cut, overlapping, at the start and end of the text.
func TestScanCluesOnePassAgrees(t *testing.T) {
	var pieces []string
	for _, p := range registry {
		for _, c := range p.clues {
			pieces = append(pieces, c.needle)
		}
		for _, sh := range p.shapes {
			pieces = append(pieces, sh.guard)
		}
		pieces = append(pieces, p.textGuards...)
	}
	pieces = append(pieces, methodWords...)
	pieces = append(pieces, domainWords...)
	pieces = append(pieces, "4_z0123456789abcdef01234567_f0123456_d20260101_m120000_c000_v0001000_t0000",
		"https://api.backblazeb2.com/b2api/v3/b2_upload_file", "discord.com/api/v10/channels/123456789012345678/",
		"obs.cn-north-4.myhuaweicloud.com", "x-amz-id-2: AbCdEfGh12345678", "method: 'post'", "rate limited", "Error 1015: you are being rate limited")
	r := rand.New(rand.NewPCG(11, 12))
	glue := []string{"", " ", "x", "_", "9", "-", ".", "\"", ": ", "\n"}
	weighed := 0
	for round := range 4000 {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			b.WriteString(glue[r.IntN(len(glue))])
			p := pieces[r.IntN(len(pieces))]
			switch r.IntN(5) {
			case 0:
				p = strings.ToUpper(p)
			case 1:
				p = strings.ToLower(p)
			case 2:
				p = p[:len(p)/2+1] // cut: a needle's head is no needle
			}
			b.WriteString(p)
		}
		b.WriteString(glue[r.IntN(len(glue))])
		s := b.String()
		if round%500 == 0 {
			s = strings.Repeat("padding words ", maxTokenScan/14) + s // past what scanClues reads
		}
		var got, want observation
		got.scanClues(s)
		scanCluesEachClue(&want, s)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\none pass  %+v\neach clue %+v", s, got, want)
		}
		if len(want.evidence) > 0 {
			weighed++
		}
	}
	if weighed < 1000 {
		t.Fatalf("only %d texts weighed any clue: the texts do not exercise the scan", weighed)
	}
}
