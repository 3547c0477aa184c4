package codes

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestTextGuardsCoverOnText checks that a provider's onText changes nothing on a text without any of its
// textGuards (scanClues skips it then), on every line and whole file of the corpus and held-out inputs and on
// texts made of onText's marks with one letter changed; and that on the marks themselves it does something, so
// that the check is not idle.
func TestTextGuardsCoverOnText(t *testing.T) {
	var texts []string
	for _, dir := range []string{"testdata/explain", "testdata/heldout", "testdata/heldout2"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			texts = append(texts, string(b))
			texts = append(texts, strings.Split(string(b), "\n")...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	acted := 0
	for _, p := range registry {
		if p.onText == nil || p.textGuards == nil {
			continue
		}
		cases := texts
		for _, g := range p.textGuards {
			// A mark with one byte changed is no mark; the mark itself, in a line, is.
			cases = append(cases, "GET /x "+g[:len(g)-1]+"#"+" 1015 rate limited b2_upload_file")
			var o observation
			p.onText(&o, "x "+g+" 0123456789abcdefABCDEF==/api/v9/ rate limited b2_upload_file")
			if !reflect.DeepEqual(o, observation{}) {
				acted++
			}
		}
		for _, s := range cases {
			if containsAny(s, p.textGuards) {
				continue
			}
			var o observation
			p.onText(&o, s)
			if !reflect.DeepEqual(o, observation{}) {
				t.Fatalf("%s: onText acts on a text without any of its textGuards: %q", p.id, s)
			}
		}
	}
	if acted == 0 {
		t.Fatal("onText acted on none of the marks: the test does not exercise it")
	}
}
