package codes

import (
	"sort"
	"strings"
	"sync"

	"github.com/sahilm/fuzzy"
)

// DefaultLimit is the number of matches Search returns when Options.Limit is 0.
const DefaultLimit = 10

// maxQuery caps the part of a query that search looks at: no code, name or phrase worth matching is longer, and
// the cap keeps both the edit-distance work and sahilm/fuzzy's scores bounded.
const maxQuery = 96

// searchDoc is the precomputed, normalised text of one entry.
type searchDoc struct {
	code, name string   // normalised code and name
	aliases    []string // normalised aliases
	strong     []int32  // vocabulary ids of the words of code, name, aliases and messages
	weak       []int32  // vocabulary ids of the words of the cause
}

var (
	docsOnce sync.Once
	docs     []searchDoc
	codeHay  []string // entry codes, for sahilm/fuzzy
	// vocab holds each distinct word of the catalog once, so that a query word is compared with every word
	// only once per search rather than once per entry that uses it.
	vocab []string
	// vocabSorted lists the vocabulary ids in word order, for finding the words a query word is a prefix of;
	// vocabByLen groups them by length, for finding the words within a typo's reach.
	vocabSorted []int32
	vocabByLen  map[int][]int32
)

// stopWords carry no meaning of their own in a search and would let every cause match.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "for": true, "is": true,
	"and": true, "or": true, "be": true, "it": true, "by": true, "this": true, "that": true, "with": true,
	"was": true, "are": true, "as": true, "at": true, "its": true, "you": true, "your": true,
}

func buildDocs() {
	docs = make([]searchDoc, len(entries))
	codeHay = make([]string, len(entries))
	ids := map[string]int32{}
	for i := range entries {
		e := &entries[i]
		d := &docs[i]
		d.code = Normalize(e.Code)
		d.name = Normalize(e.Name)
		set := map[string]bool{}
		addWords := func(dst *[]int32, s string) {
			for _, w := range words(s) {
				if set[w] || stopWords[w] {
					continue
				}
				set[w] = true
				id, ok := ids[w]
				if !ok {
					id = int32(len(vocab))
					ids[w] = id
					vocab = append(vocab, w)
				}
				*dst = append(*dst, id)
			}
		}
		addWords(&d.strong, e.Code)
		addWords(&d.strong, e.Name)
		for _, a := range e.Aliases {
			d.aliases = append(d.aliases, Normalize(a))
			addWords(&d.strong, a)
		}
		for _, m := range e.Messages {
			addWords(&d.strong, m)
		}
		addWords(&d.weak, e.Cause)
		codeHay[i] = e.Code
	}
	vocabSorted = make([]int32, len(vocab))
	vocabByLen = map[int][]int32{}
	for id, w := range vocab {
		vocabSorted[id] = int32(id)
		vocabByLen[len(w)] = append(vocabByLen[len(w)], int32(id))
	}
	sort.Slice(vocabSorted, func(i, j int) bool { return vocab[vocabSorted[i]] < vocab[vocabSorted[j]] })
}

// rateWord scores a query word against the vocabulary without comparing it with every word: the words it is a
// prefix of come from a binary search over the sorted vocabulary, and only words whose length is within its typo
// budget are compared by edit distance.
func rateWord(qw string, out []float32) {
	if len(qw) >= 3 {
		i := sort.Search(len(vocabSorted), func(i int) bool { return vocab[vocabSorted[i]] >= qw })
		for ; i < len(vocabSorted) && strings.HasPrefix(vocab[vocabSorted[i]], qw); i++ {
			out[vocabSorted[i]] = 0.8
		}
	}
	budget := typoBudget(len(qw))
	for l := len(qw) - budget; l <= len(qw)+budget; l++ {
		for _, id := range vocabByLen[l] {
			if s := wordScore(qw, vocab[id]); s > out[id] {
				out[id] = s
			}
		}
	}
}

// Search ranks every entry against a query of words, codes or messages, tolerating misspellings (transposed,
// missing or extra letters), separators and case, and returns the best matches first.
//
// The score of an entry is the best of: the query as the whole code or name; a misspelt whole code or name (by
// edit distance); a prefix of the code; the query's words met in the entry's code, name and messages (and, with
// less weight, its cause), each word exactly, as a prefix or misspelt; and the query as an ordered subsequence of
// the code (sahilm/fuzzy, for abbreviations such as "nsk").
func Search(query string, opts Options) []Match {
	return search(query, opts, minScore)
}

// Suggest returns the entry a misspelt or vague query most probably meant, with a looser threshold than Search:
// it is for "did you mean" hints after nothing was found.
func Suggest(query string, opts Options) (*Entry, bool) {
	opts.Limit = 1
	if ms := search(query, opts, minSuggestScore); len(ms) > 0 {
		return ms[0].Entry, true
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
	docsOnce.Do(buildDocs)
	if len(query) > maxQuery {
		query = query[:maxQuery]
	}
	qn := Normalize(query)
	if qn == "" {
		return nil
	}
	var qwords []string
	seenWord := map[string]bool{}
	for _, w := range words(query) {
		if !seenWord[w] && !stopWords[w] {
			seenWord[w] = true
			qwords = append(qwords, w)
		}
	}

	// Rate each query word against the vocabulary once; entries then only look their words up.
	wordScores := make([][]float32, len(qwords))
	for k, qw := range qwords {
		wordScores[k] = make([]float32, len(vocab))
		rateWord(qw, wordScores[k])
	}
	scores := make([]int, len(entries))
	for i := range entries {
		if !opts.allows(entries[i].Provider) {
			scores[i] = -1
			continue
		}
		scores[i] = scoreDoc(&docs[i], qn, wordScores)
	}
	if len(qn) >= 2 && !strings.ContainsAny(strings.TrimSpace(query), " \t") {
		for _, m := range fuzzy.FindNoSort(query, codeHay) {
			if scores[m.Index] < 0 {
				continue
			}
			// Scale by how much of the code the pattern covers so that short patterns do not rank long codes high.
			cover := float64(len(qn)) / float64(len(docs[m.Index].code))
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

func scoreDoc(d *searchDoc, qn string, wordScores [][]float32) int {
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
	if len(wordScores) > 0 {
		total := float32(0)
		for _, ws := range wordScores {
			w := float32(0)
			for _, id := range d.strong {
				if ws[id] > w {
					w = ws[id]
				}
			}
			for _, id := range d.weak {
				if weak := 0.5 * ws[id]; weak > w {
					w = weak
				}
			}
			total += w
		}
		avg := total / float32(len(wordScores))
		if avg >= 0.3 {
			consider(int(700 * avg))
		}
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
