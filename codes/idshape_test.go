package codes

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestIDShapesMatchTheirRegexps compares each provider id shape with the regular expression it replaced, on
// valid ids and on ids broken in every way a scan could get wrong: a byte changed, dropped or doubled (a run
// too short or too long), word bytes glued on either side, several candidates in one text.
func TestIDShapesMatchTheirRegexps(t *testing.T) {
	cases := []struct {
		name  string
		shape *idShape
		re    string
		valid []string
	}{
		{"b2 file id", b2FileID, `\b4_z[0-9a-f]{24}_f[0-9a-f]{6,}_d\d{8}_m\d{6}_c\d{3}_v\d{7}_t\d{4}`,
			[]string{"4_z27c88f1d182b150646ff0b16_f1004ba650fe24e6b_d20180809_m162306_c002_v0001107_t0012",
				"4_zaaaaaaaaaaaaaaaaaaaaaaaa_f123456_d00000000_m000000_c000_v0000000_t0000"}},
		{"b2 server name", b2ServerName, `\bc\d{3}_v\d{7}_t\d{4}\b`,
			[]string{"c001_v0001107_t0012", "c999_v9999999_t9999"}},
		{"discord channels", discordChannelsPath, `\bchannels/\d{17,20}/`,
			[]string{"channels/12345678901234567/", "channels/12345678901234567890/"}},
		{"discord guilds", discordGuildsPath, `\bguilds/\d{17,20}/`, []string{"guilds/123456789012345678/"}},
		{"discord webhooks", discordWebhooksPath, `\bwebhooks/\d{17,20}/`, []string{"webhooks/1234567890123456789/"}},
	}
	rng := rand.New(rand.NewPCG(13, 17))
	const alphabet = "0123456789abcdefz_/.-: \tcv4"
	for _, c := range cases {
		re := regexp.MustCompile(c.re)
		for _, v := range c.valid {
			if !c.shape.matches(v) || !c.shape.matches("at "+v+" end") {
				t.Errorf("%s: %q not found", c.name, v)
			}
		}
		matched := 0
		for range 100000 {
			var b strings.Builder
			for range 1 + rng.IntN(3) {
				for range rng.IntN(3) {
					b.WriteByte(alphabet[rng.IntN(len(alphabet))])
				}
				b.WriteString(mutate(rng, c.valid[rng.IntN(len(c.valid))], alphabet))
			}
			s := b.String()
			want := re.MatchString(s)
			if want {
				matched++
			}
			if got := c.shape.matches(s); got != want {
				t.Fatalf("%s: matches(%q) = %v, the regexp says %v", c.name, s, got, want)
			}
		}
		// Both answers must be common, or the comparison says little.
		if matched < 10000 || matched > 90000 {
			t.Errorf("%s: %d of 100000 texts match; the generator no longer tests both sides", c.name, matched)
		}
	}
}

// mutate returns s, or s with up to two bytes changed, dropped or doubled.
func mutate(rng *rand.Rand, s, alphabet string) string {
	b := []byte(s)
	for range rng.IntN(3) {
		i := rng.IntN(len(b))
		switch rng.IntN(3) {
		case 0:
			b[i] = alphabet[rng.IntN(len(alphabet))]
		case 1:
			b = append(b[:i], b[i+1:]...)
		default:
			b = append(b[:i+1], b[i:]...)
		}
	}
	return string(b)
}

// TestNewIDShapeAnchorsOnALongLiteral checks the scan looks for a literal of two or more bytes where there is
// one at a fixed offset, rather than a single common byte.
func TestNewIDShapeAnchorsOnALongLiteral(t *testing.T) {
	if b2ServerName.anchor != "_v" || b2ServerName.offset != 4 {
		t.Errorf("b2ServerName anchored at %q+%d, want \"_v\"+4", b2ServerName.anchor, b2ServerName.offset)
	}
	if b2FileID.anchor != "4_z" || b2FileID.offset != 0 {
		t.Errorf("b2FileID anchored at %q+%d, want \"4_z\"+0", b2FileID.anchor, b2FileID.offset)
	}
}
