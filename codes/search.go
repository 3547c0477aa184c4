package codes

import (
	"math/bits"
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
}

// posting files one entry under a vocabulary word, with the weight of the part of the entry the word came from.
type posting struct {
	entry  int32
	weight float32
}

// Weights of where an entry's word comes from: its code, name, aliases, messages and the technical names its
// text mentions (a header such as "Retry-After", a field such as "retry_after") identify it; the prose of its
// cause, fix and advice only describes it.
const (
	strongWeight = 1
	weakWeight   = 0.5
)

var (
	docsOnce sync.Once
	docs     []searchDoc
	codeHay  []string // entry codes, for sahilm/fuzzy
	// vocab holds each distinct (stemmed) word of the catalog once, so that a query word is compared with every
	// word only once per search rather than once per entry that uses it; vocabID finds a word's id.
	vocab   []string
	vocabID map[string]int32
	// postings lists, by vocabulary id, the entries that use the word: a search visits only the entries of the
	// words a query word meets.
	postings [][]posting
	// vocabSorted lists the vocabulary ids in word order, for finding the words a query word is a prefix of;
	// vocabByLen groups them by length, for finding the words within a typo's reach.
	vocabSorted []int32
	vocabByLen  map[int][]int32
	// vocabLetters holds the letter set of each word, to skip the edit distance for words that differ in more
	// letters than a typo budget can bridge.
	vocabLetters []uint64
)

// letterSet returns the set of letters and digits in w as bits. One edit adds or removes at most one letter on
// each side, so words within edit distance d differ in at most 2d members of their sets.
func letterSet(w string) uint64 {
	var m uint64
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << 63
		}
	}
	return m
}

// stopWords carry no meaning of their own in a search and would let every cause match.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "for": true, "is": true,
	"and": true, "or": true, "be": true, "it": true, "by": true, "this": true, "that": true, "with": true,
	"was": true, "are": true, "as": true, "at": true, "its": true, "you": true, "your": true,
}

// docBuilder files the words of one entry, each once, under the strongest weight it appears with.
type docBuilder struct {
	entry int32
	seen  map[int32]bool
}

func (b *docBuilder) add(w string, weight float32) {
	if w == "" || stopWords[w] {
		return
	}
	id, ok := vocabID[w]
	if !ok {
		id = int32(len(vocab))
		vocabID[w] = id
		vocab = append(vocab, w)
		postings = append(postings, nil)
	}
	if b.seen[id] {
		return // strong sources are filed first, so the first weight is the strongest
	}
	b.seen[id] = true
	postings[id] = append(postings[id], posting{entry: b.entry, weight: weight})
}

// addText files the words of s (stemmed, and a "mis-" word also as the word it negates) and, when compounds is
// set, every token of several words as one strong word: "Retry-After" and "retry_after" both as "retryafter".
func (b *docBuilder) addText(s string, weight float32, compounds bool) {
	for _, tok := range tokens(s) {
		parts := words(tok)
		for _, w := range parts {
			w = stem(w)
			b.add(w, weight)
			if r := negatedRest(w); r != "" {
				b.add(r, weight)
			}
		}
		if compounds && len(parts) > 1 {
			b.add(stem(Normalize(tok)), strongWeight)
		}
	}
}

func buildDocs() {
	docs = make([]searchDoc, len(entries))
	codeHay = make([]string, len(entries))
	vocabID = map[string]int32{}
	for i := range entries {
		e := &entries[i]
		d := &docs[i]
		d.code = Normalize(e.Code)
		d.name = Normalize(e.Name)
		b := docBuilder{entry: int32(i), seen: map[int32]bool{}}
		b.addText(e.Code, strongWeight, true)
		b.addText(e.Name, strongWeight, true)
		for _, a := range e.Aliases {
			d.aliases = append(d.aliases, Normalize(a))
			b.addText(a, strongWeight, true)
		}
		// A transport kind lists dozens of client wordings; their words say less about it than an API's own
		// message says about its code, so they weigh like prose.
		msgWeight := float32(strongWeight)
		if p := specFor(e.Provider); p != nil && p.transport {
			msgWeight = weakWeight
		}
		for _, m := range e.Messages {
			b.addText(dropPlaceholders(m), msgWeight, true)
		}
		// The technical names in the prose (headers, body fields, API calls) identify the entry as strongly as
		// its messages: file them before the prose's plain words take the weak weight.
		for _, s := range []string{e.Cause, e.Fix, e.Retry.Advice} {
			for _, tok := range tokens(s) {
				if len(words(tok)) > 1 {
					b.add(stem(Normalize(tok)), strongWeight)
				}
			}
		}
		for _, s := range []string{e.Cause, e.Fix, e.Retry.Advice} {
			b.addText(s, weakWeight, false)
		}
		codeHay[i] = e.Code
	}
	vocabSorted = make([]int32, len(vocab))
	vocabByLen = map[int][]int32{}
	vocabLetters = make([]uint64, len(vocab))
	for id, w := range vocab {
		vocabLetters[id] = letterSet(w)
		vocabSorted[id] = int32(id)
		vocabByLen[len(w)] = append(vocabByLen[len(w)], int32(id))
	}
	sort.Slice(vocabSorted, func(i, j int) bool { return vocab[vocabSorted[i]] < vocab[vocabSorted[j]] })
}

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
		i := sort.Search(len(vocabSorted), func(i int) bool { return vocab[vocabSorted[i]] >= qw })
		for ; i < len(vocabSorted) && strings.HasPrefix(vocab[vocabSorted[i]], qw); i++ {
			if id := vocabSorted[i]; len(vocab[id]) > len(qw)+budget {
				out = append(out, hit{id, 0.8}) // shorter words are rated below
			}
		}
	}
	letters := letterSet(qw)
	for l := len(qw) - budget; l <= len(qw)+budget; l++ {
		for _, id := range vocabByLen[l] {
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
	docsOnce.Do(buildDocs)
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
		for _, m := range fuzzy.FindNoSort(text, codeHay) {
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
	s := scoreWhole(&docs[i], qn)
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
