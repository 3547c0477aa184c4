package codes

import (
	"math/bits"
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"
)

// DefaultLimit is the number of matches Search returns when Options.Limit is 0.
const DefaultLimit = 10

// maxQuery caps the part of a query that search looks at: no code, name or phrase worth matching is longer, and
// the cap keeps both the edit-distance work and sahilm/fuzzy's scores bounded.
const maxQuery = 96

// hit is a vocabulary word a query word meets, and how well.
type hit struct {
	id    int32
	score float32
}

// rateWord scores a query word against the vocabulary without comparing it with every word: the words it is a
// prefix of come from a binary search over the sorted vocabulary, and only words whose length is within its typo
// budget are compared by edit distance.
func rateWord(qw string) []hit {
	var out []hit
	budget := typoBudget(len(qw))
	if len(qw) >= 3 {
		for i := sort.SearchStrings(vocab[:], qw); i < len(vocab) && strings.HasPrefix(vocab[i], qw); i++ {
			if len(vocab[i]) > len(qw)+budget {
				out = append(out, hit{int32(i), 0.8}) // shorter words are rated below
			}
		}
	}
	letters := letterSet(qw)
	for l := len(qw) - budget; l <= len(qw)+budget; l++ {
		for _, id := range wordsOfLength(l) {
			if bits.OnesCount64(letters^vocabLetters[id]) > 2*budget {
				continue // too many letters differ for a typo (a prefix in reach differs in at most budget)
			}
			if s := wordScore(qw, vocab[id]); s > 0 {
				out = append(out, hit{id, s})
			}
		}
	}
	return out
}

// Search ranks every entry against a query of words, codes or messages, tolerating misspellings (transposed,
// missing or extra letters), separators and case, and returns the best matches first.
//
// The score of an entry is the best of: the query as the whole code or name; a misspelt whole code or name (by
// edit distance); a prefix of the code; the query's words met in the entry's code, name and messages (and, with
// less weight, its cause), each word exactly, as a prefix or misspelt; and the query as an ordered subsequence of
// the code (sahilm/fuzzy, for abbreviations such as "nsk").
//
// Each match's Entry is a fresh copy that shares no memory with the catalog or with other results: the caller may
// modify it.
func Search(query string, opts Options) []Match {
	return copyMatches(search(query, opts, minScore))
}

// Suggest returns the entry a misspelt or vague query most probably meant, with a looser threshold than Search:
// it is for "did you mean" hints after nothing was found. The entry is a copy the caller may modify.
func Suggest(query string, opts Options) (*Entry, bool) {
	opts.Limit = 1
	if ms := search(query, opts, minSuggestScore); len(ms) > 0 {
		return ms[0].Entry.clone(), true
	}
	return nil, false
}

// SuggestProvider returns the provider id or alias closest to a misspelt provider name.
func SuggestProvider(name string) (string, bool) {
	n := Normalize(name)
	budget := 1
	if len(n) > 5 {
		budget = 2
	}
	best, bestDist := "", budget+1
	for _, p := range providers {
		for _, cand := range append([]string{p.ID}, p.Aliases...) {
			if d := osaDistance(n, Normalize(cand), budget); d < bestDist {
				best, bestDist = cand, d
			}
		}
	}
	return best, best != ""
}

func search(query string, opts Options, min int) []Match {
	if len(query) > maxQuery {
		query = query[:maxQuery]
	}
	toks := tokens(query)
	named, rest := queryProviders(toks)
	if len(named) == 0 {
		return rank(rest, opts, min)
	}
	// A provider named in the query narrows the search to it, within any -p the caller gave; when nothing of
	// that provider matches, the name was an ordinary word ("backup code" of Discord's two-factor errors).
	narrowed := opts
	narrowed.Providers = nil
	for _, id := range named {
		if opts.allows(id) {
			narrowed.Providers = append(narrowed.Providers, id)
		}
	}
	if len(narrowed.Providers) > 0 {
		if out := rank(rest, narrowed, min); len(out) > 0 {
			return out
		}
	}
	return rank(toks, opts, min)
}

// rank scores every entry the options allow against the tokens of a query and returns the best first.
func rank(toks []string, opts Options, min int) []Match {
	text := strings.Join(toks, " ")
	qn := Normalize(text)
	if qn == "" {
		return nil
	}
	q := analyse(toks)
	texts := make([]int, len(entries))
	scores := make([]int, len(entries))
	for i := range entries {
		if !opts.allows(entries[i].Provider) {
			scores[i] = -1
			continue
		}
		texts[i] = q.textScore(i)
		scores[i] = q.score(i, qn, texts[i])
	}
	propagateStatus(scores, texts)
	if len(toks) == 1 && len(qn) >= 2 {
		for _, m := range fuzzy.FindNoSort(text, codeHay[:]) {
			if scores[m.Index] < 0 {
				continue
			}
			// Scale by how much of the code the pattern covers so that short patterns do not rank long codes high.
			cover := float64(len(qn)) / float64(len(searchDocs[m.Index].code))
			if cover > 1 {
				cover = 1
			}
			if s := 300 + int(250*cover); s > scores[m.Index] {
				scores[m.Index] = s
			}
		}
	}

	var out []Match
	for i, s := range scores {
		if s >= min {
			out = append(out, Match{Entry: &entries[i], How: ByFuzzy, Score: s})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		// Among equals, a specific code says more than a general status entry.
		return out[a].Entry.Kind < out[b].Entry.Kind
	})
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// minScore is the score below which a candidate is noise rather than a match; minSuggestScore the looser bar
// of a "did you mean" hint.
const (
	minScore        = 350
	minSuggestScore = 250
)

// Scores of the typed-query mechanisms, on the scale of scoreWhole (1000 is the query as the whole code).
const (
	// codeTokenScore: a code-shaped token of the query is the entry's code ("error code 20028"); the other words
	// add up to a fifth of their text score, to order entries that share the code.
	codeTokenScore = 850
	// statusTokenScore: a number of the query is the entry's HTTP status ("b2 upload 503"); the other words add
	// half their text score, so they rank the entries of that status above everything they merely describe.
	statusTokenScore = 550
	// textScale turns the average word score (0 to 1) into a score; below minAverage the words are noise.
	textScale  = 700
	minAverage = 0.3
)

func (q *queryPlan) score(i int, qn string, text int) int {
	s := scoreWhole(&searchDocs[i], qn)
	if text > s {
		s = text
	}
	if q.codeHits[i] {
		s = max(s, codeTokenScore+text/5)
	}
	for _, st := range q.statuses {
		if entries[i].Status == st {
			s = max(s, statusTokenScore+text/2)
		}
	}
	return s
}

// textScore averages, over the words of the query, how well each meets the entry's words. A code or status
// token the entry has is left out: the code and status scores already count it, and the words alone must rank
// the entries that share it. One the entry lacks counts as a word it misses.
func (q *queryPlan) textScore(i int) int {
	total, n := float32(0), 0
	for _, u := range q.units {
		if u.number && u.scores[i] > 0 {
			continue
		}
		total += u.scores[i]
		n++
	}
	if n == 0 {
		return 0
	}
	avg := total / float32(n)
	if avg < minAverage {
		return 0
	}
	return int(textScale * avg)
}

// Status propagation: when the words of a query describe an HTTP status, that is when they meet the general
// status entries of that status strongly ("rate limit", "Retry-After" for 429), every provider's entries of that
// status rank above the specific codes that merely share the words (Discord's slow-mode limits). Each further
// provider whose status entry agrees adds statusAgreement, so the status most providers agree on leads.
const (
	statusConcept   = 0.8 * textScale
	statusAgreement = 10
)

func propagateStatus(scores, texts []int) {
	type group struct {
		best      int
		providers []string
	}
	var groups map[int]*group
	for i := range entries {
		e := &entries[i]
		if e.Kind != KindStatus || scores[i] < 0 || texts[i] < statusConcept {
			continue
		}
		if groups == nil {
			groups = map[int]*group{}
		}
		g := groups[e.Status]
		if g == nil {
			g = &group{}
			groups[e.Status] = g
		}
		g.best = max(g.best, texts[i])
		g.providers = appendNew(g.providers, e.Provider)
	}
	if groups == nil {
		return
	}
	for i := range entries {
		g := groups[entries[i].Status]
		if g == nil || scores[i] < 0 {
			continue
		}
		s := g.best + statusAgreement*len(g.providers) + texts[i]/20
		scores[i] = max(scores[i], s)
	}
}

// scoreWhole rates the whole query (normalised) as the entry's code, name or alias: exactly, misspelt, or as a
// prefix of the code.
func scoreWhole(d *searchDoc, qn string) int {
	best := 0
	consider := func(s int) {
		if s > best {
			best = s
		}
	}
	if qn == d.code {
		return 1000
	}
	if qn == d.name {
		consider(950)
	}
	for _, a := range d.aliases {
		if qn == a {
			consider(940)
		}
	}
	if budget := typoBudget(len(qn)); budget > 0 {
		if dist := osaDistance(qn, d.code, budget); dist <= budget {
			consider(850 - 100*dist)
		}
		if dist := osaDistance(qn, d.name, budget); dist <= budget {
			consider(830 - 100*dist)
		}
	}
	if len(qn) >= 3 && strings.HasPrefix(d.code, qn) {
		consider(650 + 150*len(qn)/len(d.code))
	}
	return best
}

// wordScore rates how well a query word meets a word of the catalog: 1 for the same word, 0.8 when it is a
// prefix of it (at least 3 letters), 0.7 or 0.55 when it is a misspelling of it.
func wordScore(qw, w string) float32 {
	switch {
	case w == qw:
		return 1
	case len(qw) >= 3 && strings.HasPrefix(w, qw):
		return 0.8
	}
	budget := typoBudget(len(qw))
	if budget == 0 {
		return 0
	}
	switch d := osaDistance(qw, w, budget); {
	case d == 1:
		return 0.7
	case d <= budget:
		return 0.55
	}
	return 0
}
