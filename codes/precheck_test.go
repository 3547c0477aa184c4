package codes

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrechecksNeverRejectAMatch checks that each precheck is a necessary condition of its pattern: wherever the
// regular expression matches (in the corpus, the seed inputs, hand-made cases and random text made of the
// patterns' own characters), the precheck says it may.
func TestPrechecksNeverRejectAMatch(t *testing.T) {
	type pair struct {
		re  *lazyRegexp
		pre func(string) bool
	}
	var pairs []pair
	for _, p := range allPatterns() {
		if p.pre != nil {
			pairs = append(pairs, pair{p.re, p.pre})
		}
	}
	if len(pairs) < 5 {
		t.Fatalf("only %d patterns have a precheck", len(pairs))
	}
	pairs = append(pairs, pair{reasonPhrase, statusThenSpace})

	inputs := append([]string(nil), seedInputs...)
	files, _ := filepath.Glob("testdata/explain/*/*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, string(b))
		}
	}
	inputs = append(inputs, "GET /x -> 403", "=>\n\t 500", "→ 429", "404 {", "503\n\n{", "Code = X1", "CODE\t:7",
		"HTTP_CODE=429", "error_message = \"x\"", "Message:\"m\"", "429 Too Many Requests", "returned (404) Not Found",
		`message: "a"`, `Message="b"`, `errorMessage : "c"`, `Error_Message="d"`, `error message:"e"`, `x message= "f"`,
		"401 - bad_auth_token", "503 service_unavailable", "400 bad_request: x", "x (401 bad_auth_token)",
		"(expired_auth_token)", "a\n (b_c)", "(601 a_b)", "(401 a_b_c9)", "((x_y)", "(x_)", "(_x)")
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"-", "=", ">", "→", " ", "\t", "\n", ":", "{", "1", "4", "5", "9", "0", "code", "CoDe", "http",
		"response", "_", "essage", "M", "m", "error", "E", "\"", "(", "T", "x", "status", "404", "503", "http_",
		"Message", "message", "ErrorMessage", "\"x\"", "ſ", "K", "İ", "ı", "request_id", "RequestId", "ID", "id", "bad_request", "400 ", " - ", "503 service_unavailable", "b2_x", "http_code",
		"Response Code", "HTTP CODE", "(", ")", "(401 ", "a_b", "x9", "__"}
	for range 200000 {
		var b strings.Builder
		for n := r.IntN(16); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, p := range pairs {
		matched := 0
		for _, in := range inputs {
			if p.re.MatchString(in) {
				matched++
				if !p.pre(in) {
					t.Fatalf("%s matches %q but its precheck says it cannot", p.re.src, in)
				}
			}
		}
		if matched < 20 {
			t.Errorf("%s matches only %d inputs: they do not exercise it", p.re.src, matched)
		}
	}
}

// TestStatusThenSpaceLooksAtEveryWindow checks the strided statusThenSpace against a plain look at every offset,
// on random digit-heavy text: a stride that skipped a window would hide a reason phrase ("404 Not Found").
func TestStatusThenSpaceLooksAtEveryWindow(t *testing.T) {
	plain := func(s string) bool {
		for i := 3; i < len(s); i++ {
			if s[i] == ' ' && s[i-3] >= '1' && s[i-3] <= '5' && isDigitByte(s[i-2]) && isDigitByte(s[i-1]) {
				return true
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(21, 22))
	const alphabet = "0123456789 x"
	found := 0
	for range 300000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		want := plain(string(b))
		if got := statusThenSpace(string(b)); got != want {
			t.Fatalf("statusThenSpace(%q) = %v, want %v", b, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d random texts hold a status and a space: the test says little", found)
	}
}
