package codes

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// nearTexts are texts to compare near and whole searches on: the corpus, line by line and whole, and random
// splices of its lines with the pattern's guard words (in other cases too) and literals, around numbers,
// multi-byte and broken UTF-8.
func nearTexts(t *testing.T, src string, needles []string, rng *rand.Rand) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "explain", "*", "*.txt"))
	if err != nil || len(files) < 100 {
		t.Fatalf("corpus: %v, %d files", err, len(files))
	}
	var texts, lines []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) > 64<<10 {
			continue
		}
		texts = append(texts, string(raw))
		lines = append(lines, strings.Split(string(raw), "\n")...)
	}
	texts = append(texts, lines...)
	bits := []string{"Error", "NoSuchKey", "ECONNRESET", " ", "\"", "=", ": ", "(", ")", "503", "404 ", "Ä", "\xe2\x82", "\xff", "K", "ſ", "é", "_", "\t"}
	for _, nd := range needles {
		bits = append(bits, nd, strings.ToUpper(nd), " "+nd+": ", nd+"=\"", nd+" 429 ")
	}
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	var literals func(re *syntax.Regexp)
	literals = func(re *syntax.Regexp) {
		if re.Op == syntax.OpLiteral {
			bits = append(bits, string(re.Rune), string(re.Rune)+": 429 ")
		}
		for _, sub := range re.Sub {
			literals(sub)
		}
	}
	literals(re)
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			if rng.IntN(2) == 0 {
				l := lines[rng.IntN(len(lines))]
				i := rng.IntN(len(l) + 1)
				b.WriteString(l[i:min(len(l), i+rng.IntN(80))])
			} else {
				b.WriteString(bits[rng.IntN(len(bits))])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestNearSearchFindsWhatTheWholeSearchFinds compares, for every client pattern and the method pattern, the
// search near its guard words with regexp's search of the whole text: the same match and submatches on the
// corpus and on random splices. It fails when the look-back bounds are cut by four bytes (the window's slack for
// starting on a rune is three).
func TestNearSearchFindsWhatTheWholeSearchFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	bounded := 0
	nears := []*nearRegexp{methodNear}
	for _, p := range allPatterns() {
		nears = append(nears, p.near)
	}
	for _, n := range nears {
		n.init()
		if n.lookBack < 0 {
			continue
		}
		bounded++
		texts := nearTexts(t, n.re.src, n.needles, rng)
		matched := 0
		for _, s := range texts {
			want := n.full.FindStringSubmatch(s)
			if want != nil {
				matched++
			}
			if got := n.FindStringSubmatch(s); !slices.Equal(got, want) {
				t.Fatalf("%s near %q: %q gives %q, the whole search %q", n.re.src, n.needles, s, got, want)
			}
		}
		if matched == 0 {
			t.Errorf("%s: no text matches; the comparison says nothing", n.re.src)
		}
	}
	if bounded < 15 {
		t.Errorf("only %d client patterns have a look-back bound; the analysis fails on patterns it handled", bounded)
	}
}

// TestAWSV1HeadsMatchTheirRegexp compares awsV1Heads with the FindAllStringSubmatch it replaced, on the corpus
// and random splices of code-like words, colons, dots, spaces and line ends.
func TestAWSV1HeadsMatchTheirRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?:^|\s)([A-Z][A-Za-z]+(?:\.[A-Za-z]+)?): (.+)`)
	rng := rand.New(rand.NewPCG(21, 4))
	texts := nearTexts(t, re.String(), []string{": "}, rng)
	bits := []string{"NoSuchKey", "Ab", "A", "x", "S3.Error", "A.b.C", ".", ": ", ":", " ", "\n", "\t", "(", "é", "Z"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(bits[rng.IntN(len(bits))])
		}
		texts = append(texts, b.String())
	}
	found := 0
	for _, s := range texts {
		var want, got [][2]string
		for _, m := range re.FindAllStringSubmatch(s, 8) {
			want = append(want, [2]string{m[1], m[2]})
		}
		for code, message := range awsV1Heads(s, 8) {
			got = append(got, [2]string{code, message})
		}
		found += len(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: awsV1Heads %q, the regexp %q", s, got, want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d heads found; the comparison says little", found)
	}
}
