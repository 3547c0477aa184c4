package codes

import "testing"

// A message shown in a card never has half a bracket: the span found by words is widened to its partner.
func TestFoundMessageKeepsBracketsWhole(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server", "(7) Failed to connect to"},
		{"error: The specified key does not exist.", "The specified key does not exist"},
	} {
		m, ok := findMessageSpan(c.line)
		if !ok || m.text != c.want {
			t.Errorf("findMessageSpan(%q) = %q, %v; want %q", c.line, m.text, ok, c.want)
		}
	}
	for _, c := range []struct {
		s            string
		i, j         int
		wantI, wantJ int
	}{
		{"(7) x", 1, 5, 0, 5},     // the closer inside, the opener just before
		{"a (b c) d", 2, 6, 2, 7}, // the opener inside, the closer just after
		{"(a) b", 0, 5, 0, 5},     // balanced already
		{"x 7) y", 2, 6, 2, 6},    // no opener to take
	} {
		if i, j := balanceBrackets(c.s, c.i, c.j); i != c.wantI || j != c.wantJ {
			t.Errorf("balanceBrackets(%q, %d, %d) = %d, %d; want %d, %d", c.s, c.i, c.j, i, j, c.wantI, c.wantJ)
		}
	}
}
