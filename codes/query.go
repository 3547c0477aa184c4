package codes

import (
	"strings"
	"unicode"
)

// tokens splits text into the runs a person types or pastes as one thing: letters and digits joined by "_", "-"
// or "." stay together ("retry_after", "X-RateLimit-Scope", "KMS.DisabledException"), anything else separates
// ("DiscordAPIError[10008]" gives "DiscordAPIError" and "10008"). Joiners at either end are dropped, so the full
// stop ending a sentence is not part of its last word.
func tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.')
	}) {
		if f = strings.Trim(f, "_-."); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// stem folds the common English endings (-s, -es, -ed, -ing and a final -e) so that "limited", "limiting" and
// "limits" meet "limit", and "creates" meets "created". It is deliberately crude: the catalog and the query go
// through the same folding, so it only has to be consistent, not linguistically right.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") ||
		strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		w = w[:n-2]
	case n > 3 && w[n-1] == 's' && !strings.ContainsRune("siu", rune(w[n-2])):
		w = w[:n-1] // not "access", "status" or "analysis"
	}
	if n := len(w); n > 4 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

// negatedRest returns the word a "mis-" word negates ("mismatch" gives "match", "misdirected" gives "direct"), so
// that "signature mismatch" meets "SignatureDoesNotMatch". It returns "" when w is no such word; the rest must be
// long enough ("missing" is not "sing").
func negatedRest(w string) string {
	if strings.HasPrefix(w, "mis") && len(w) >= 3+4 {
		return w[3:]
	}
	return ""
}

// wrongValue groups the words that say a value is not the right one. Catalogs phrase the same failure either way
// ("invalid signature", "signature does not match"), so a query word of the group also meets the others, a little
// below the word itself; "mismatch" then reaches "match" through negatedRest.
var wrongValue = []string{"invalid", "incorrect", "wrong", "mismatch"}

// equivalents returns the other words of w's group, or nil.
func equivalents(w string) []string {
	for i, x := range wrongValue {
		if x == w {
			return append(append([]string(nil), wrongValue[:i]...), wrongValue[i+1:]...)
		}
	}
	return nil
}

// dropPlaceholders removes the {placeholders} of a message template: their names ("{bucketId}") are not words
// of the message, and the server replaces them with values no query shares.
func dropPlaceholders(m string) string {
	if !strings.Contains(m, "{") {
		return m
	}
	var b strings.Builder
	depth := 0
	for _, r := range m {
		switch {
		case r == '{':
			depth++
			b.WriteByte(' ')
		case r == '}' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// codeShaped reports whether a query token looks like an error code rather than a word: it has a digit, an
// underscore, a dot or a capital after a lower-case letter ("20028", "bad_request", "KMS.NotFoundException",
// "NoSuchKey"). Plain words are left to ranking even when a code is spelled the same ("unauthorized").
func codeShaped(tok string) bool {
	prevLower := false
	for _, r := range tok {
		switch {
		case unicode.IsDigit(r), r == '_', r == '.':
			return true
		case unicode.IsUpper(r) && prevLower:
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// statusNumber returns the HTTP status a token spells (100-599), or 0.
func statusNumber(tok string) int {
	if len(tok) != 3 {
		return 0
	}
	n := 0
	for i := 0; i < 3; i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0
		}
		n = n*10 + int(tok[i]-'0')
	}
	if n < 100 || n > 599 {
		return 0
	}
	return n
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// queryProviders picks the tokens that name a provider (its id or an alias, as Providers lists them) out of a
// query and returns the ids named and the other tokens. The last provider is the plain-HTTP fallback: its names
// ("HTTP 429") decorate a status rather than choose a provider, so they are dropped without narrowing anything.
// A query that is nothing but provider names keeps them as words.
func queryProviders(toks []string) (ids []string, rest []string) {
	fallback := len(providers) - 1
	for _, tok := range toks {
		n := Normalize(tok)
		p := providerNamed(n)
		switch {
		case p < 0:
			rest = append(rest, tok)
		case p == fallback:
			// a decoration: neither a filter nor a word
		default:
			ids = appendNew(ids, providers[p].ID)
		}
	}
	if len(rest) == 0 {
		return nil, toks
	}
	return ids, rest
}

// providerNamed returns the position of the provider whose normalised id or alias is n, or -1.
func providerNamed(n string) int {
	for i := range providers {
		if Normalize(providers[i].ID) == n {
			return i
		}
		for _, a := range providers[i].Aliases {
			if Normalize(a) == n {
				return i
			}
		}
	}
	return -1
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// queryPlan is a query taken apart: the entries whose code a token spells, the HTTP statuses it names, and its
// remaining words, each rated against every entry.
type queryPlan struct {
	codeHits map[int]bool
	statuses []int
	units    []queryUnit
}

// queryUnit is one token of the query that ranks by its words: its score for each entry (0 to 1).
type queryUnit struct {
	word   string // the token's only word, lower case, or "" when it has several ("retry_after")
	scores []float32
	number bool // a code or status token: it counts only against the entries that lack it
}

// analyse takes the tokens of a query apart. A code-shaped token that is an entry's code selects the entry; a
// number that is an HTTP status selects the entries of that status; both are then left out of the words, which
// only rank. Tokens that meet no catalog word and hold a digit are ids or values ("4a48fe...", a bucket id in a
// pasted message) and are left out too, so they do not drown the words that do match.
func analyse(toks []string) *queryPlan {
	q := &queryPlan{}
	seen := map[string]bool{}
	for _, tok := range toks {
		codeHits := q.matchCode(tok)
		status := statusNumber(tok)
		if status > 0 {
			q.statuses = append(q.statuses, status)
		}
		if codeHits != nil || status > 0 {
			// The number still counts as a word of the query, one that only its entries meet, so that entries
			// the other words describe well but that lack it do not outrank those that have it.
			q.units = append(q.units, numberUnit(codeHits, status))
			continue
		}
		key := strings.ToLower(tok)
		if seen[key] {
			continue
		}
		seen[key] = true
		if u, ok := rateUnit(tok); ok || (u.scores != nil && !hasDigit(tok)) {
			q.units = append(q.units, u)
		}
	}
	q.joinAdjacent()
	return q
}

// matchCode records the entries whose code tok is, when tok is code-shaped, and returns them. A general status
// entry's code is its status: the status mechanism handles it.
func (q *queryPlan) matchCode(tok string) []int {
	if !codeShaped(tok) {
		return nil
	}
	var hits []int
	for _, id := range find(codeIndex[:], Normalize(tok)) {
		if entries[id].Kind == KindCode {
			if q.codeHits == nil {
				q.codeHits = map[int]bool{}
			}
			q.codeHits[int(id)] = true
			hits = append(hits, int(id))
		}
	}
	return hits
}

// numberUnit is the query word of a code or status token: entries with that code or status meet it fully.
func numberUnit(codeHits []int, status int) queryUnit {
	u := queryUnit{scores: make([]float32, len(entries)), number: true}
	for _, i := range codeHits {
		u.scores[i] = 1
	}
	if status > 0 {
		for i := range entries {
			if entries[i].Status == status {
				u.scores[i] = 1
			}
		}
	}
	return u
}

// rateUnit rates one token against every entry. A token of one word is rated as typed (exactly, as a prefix or
// misspelt), as the word a "mis-" word negates, and, when the catalog does not have it, as two catalog words
// written together ("ratelimit"). A token of several words ("retry_after", "X-RateLimit-Scope") is rated as the
// technical name it is, or else as the average of its words. ok is false when the token met nothing.
func rateUnit(tok string) (u queryUnit, ok bool) {
	var parts []string
	for _, w := range words(tok) {
		if !isStopWord(w) {
			parts = append(parts, w)
		}
	}
	if len(parts) == 0 {
		return u, false
	}
	u.scores = make([]float32, len(entries))
	if len(parts) == 1 {
		u.word = parts[0]
		w := stem(parts[0])
		ok = spread(u.scores, rateWord(w), 1)
		if r := negatedRest(w); r != "" {
			ok = spreadExact(u.scores, r, 0.9) || ok
		}
		for _, e := range equivalents(w) {
			ok = spreadExact(u.scores, e, 0.8) || ok
			if r := negatedRest(e); r != "" {
				ok = spreadExact(u.scores, r, 0.8*0.9) || ok
			}
		}
		if _, known := wordID(w); !known {
			ok = spreadSplit(u.scores, parts[0]) || ok
		}
		return u, ok
	}
	ok = spread(u.scores, rateWord(stem(Normalize(tok))), 1)
	sum := make([]float32, len(entries))
	one := make([]float32, len(entries))
	for _, p := range parts {
		clear(one)
		ok = spread(one, rateWord(stem(p)), 1) || ok
		for i, v := range one {
			sum[i] += v
		}
	}
	for i, v := range sum {
		if avg := v / float32(len(parts)); avg > u.scores[i] {
			u.scores[i] = avg
		}
	}
	return u, ok
}

// spread raises each entry's score to the best of the hits it has a posting for, weighted by the posting.
func spread(scores []float32, hits []hit, factor float32) bool {
	for _, h := range hits {
		for _, p := range postingsOf(h.id) {
			if v := h.score * p.weight() * factor; v > scores[p.entry()] {
				scores[p.entry()] = v
			}
		}
	}
	return len(hits) > 0
}

// spreadExact is spread for one exact catalog word.
func spreadExact(scores []float32, w string, factor float32) bool {
	id, ok := wordID(w)
	if !ok {
		return false
	}
	return spread(scores, []hit{{id, 1}}, factor)
}

// spreadSplit rates a word the catalog does not have as two catalog words written together: "ratelimit" meets an
// entry that has both "rate" and "limit", with the weaker of the two weights and a little less than the words
// themselves would.
func spreadSplit(scores []float32, w string) bool {
	const minPart = 3
	found := false
	for i := minPart; i <= len(w)-minPart; i++ {
		a, okA := wordID(stem(w[:i]))
		b, okB := wordID(stem(w[i:]))
		if !okA || !okB {
			continue
		}
		found = true
		weightA := map[int]float32{}
		for _, p := range postingsOf(a) {
			weightA[p.entry()] = p.weight()
		}
		for _, p := range postingsOf(b) {
			if wa, both := weightA[p.entry()]; both {
				if v := 0.95 * min(wa, p.weight()); v > scores[p.entry()] {
					scores[p.entry()] = v
				}
			}
		}
	}
	return found
}

// joinAdjacent lets two adjacent one-word tokens meet the catalog word they form together: "rate limited" and
// "slow mode" meet "ratelimited" and "slowmode". Both tokens take the joined word's score.
func (q *queryPlan) joinAdjacent() {
	for k := 0; k+1 < len(q.units); k++ {
		a, b := &q.units[k], &q.units[k+1]
		if a.word == "" || b.word == "" {
			continue
		}
		id, ok := wordID(stem(a.word + b.word))
		if !ok {
			continue
		}
		for _, p := range postingsOf(id) {
			a.scores[p.entry()] = max(a.scores[p.entry()], p.weight())
			b.scores[p.entry()] = max(b.scores[p.entry()], p.weight())
		}
	}
}
