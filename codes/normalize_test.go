package codes

import (
	"reflect"
	"testing"

	"github.com/errcode/errcode/codes/internal/catalogdata"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"NoSuchKey":              "nosuchkey",
		"no such key":            "nosuchkey",
		"no_such-key.":           "nosuchkey",
		"KMS.NotFoundException":  "kmsnotfoundexception",
		"  Missing Permissions!": "missingpermissions",
		"Größe":                  "größe",
		"":                       "",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		// The generator indexes with its own copy: both must agree or lookups miss.
		if got := catalogdata.Normalize(in); got != want {
			t.Errorf("catalogdata.Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"NoSuchKey":                    {"no", "such", "key"},
		"expired_auth_token":           {"expired", "auth", "token"},
		"KMS.DisabledException":        {"kms", "disabled", "exception"},
		"Maximum number of pins (250)": {"maximum", "number", "of", "pins", "250"},
	} {
		if got := words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	cases := []struct {
		a, b string
		max  int
		want int
	}{
		{"nosuhckey", "nosuchkey", 2, 1},  // transposition
		{"nosuchky", "nosuchkey", 2, 1},   // missing letter
		{"nosuchkeey", "nosuchkey", 2, 1}, // extra letter
		{"acess", "access", 1, 1},
		{"abc", "xyz", 1, 2}, // over budget reports max+1
		{"same", "same", 0, 0},
	}
	for _, c := range cases {
		if got := osaDistance(c.a, c.b, c.max); got != c.want {
			t.Errorf("osaDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}
