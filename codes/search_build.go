package codes

import "sort"

// builtIndex is the search index as buildSearchIndex computes it from the catalog. Only the generator and the
// test that keeps codes/zz_search.go current call it: a program reads the generated tables instead, so the first
// search in a process does no work to prepare them.
type builtIndex struct {
	docs     []searchDoc
	vocab    []string    // each distinct (stemmed) word of the catalog once, in byte order
	postings [][]posting // by position in vocab: the entries that use the word, in entry order
}

// indexBuilder accumulates the vocabulary in the order words are met; build sorts it at the end.
type indexBuilder struct {
	vocab    []string
	ids      map[string]int32
	postings [][]posting
}

// docBuilder files the words of one entry, each once, under the strongest weight it appears with.
type docBuilder struct {
	ix    *indexBuilder
	entry int
	seen  map[int32]bool
}

func (b *docBuilder) add(w string, weak bool) {
	if w == "" || isStopWord(w) {
		return
	}
	ix := b.ix
	id, ok := ix.ids[w]
	if !ok {
		id = int32(len(ix.vocab))
		ix.ids[w] = id
		ix.vocab = append(ix.vocab, w)
		ix.postings = append(ix.postings, nil)
	}
	if b.seen[id] {
		return // strong sources are filed first, so the first weight is the strongest
	}
	b.seen[id] = true
	ix.postings[id] = append(ix.postings[id], newPosting(b.entry, weak))
}

// addText files the words of s (stemmed, and a "mis-" word also as the word it negates) and, when compounds is
// set, every token of several words as one strong word: "Retry-After" and "retry_after" both as "retryafter".
func (b *docBuilder) addText(s string, weak, compounds bool) {
	for _, tok := range tokens(s) {
		parts := words(tok)
		for _, w := range parts {
			w = stem(w)
			b.add(w, weak)
			if r := negatedRest(w); r != "" {
				b.add(r, weak)
			}
		}
		if compounds && len(parts) > 1 {
			b.add(stem(Normalize(tok)), false)
		}
	}
}

// buildSearchIndex files every entry's words. An entry's code, name, aliases, messages and the technical names
// its text mentions (a header such as "Retry-After", a field such as "retry_after") identify it and weigh
// strong; the prose of its cause, fix and advice only describes it and weighs weak.
func buildSearchIndex() *builtIndex {
	ix := &indexBuilder{ids: map[string]int32{}}
	docs := make([]searchDoc, len(entries))
	for i := range entries {
		e := &entries[i]
		d := &docs[i]
		d.code = Normalize(e.Code)
		d.name = Normalize(e.Name)
		b := docBuilder{ix: ix, entry: i, seen: map[int32]bool{}}
		b.addText(e.Code, false, true)
		b.addText(e.Name, false, true)
		for _, a := range e.Aliases {
			d.aliases = append(d.aliases, Normalize(a))
			b.addText(a, false, true)
		}
		// A transport kind lists dozens of client wordings; their words say less about it than an API's own
		// message says about its code, so they weigh like prose.
		weakMessages := false
		if p := specFor(e.Provider); p != nil && p.transport {
			weakMessages = true
		}
		for _, m := range e.Messages {
			b.addText(dropPlaceholders(m), weakMessages, true)
		}
		// The technical names in the prose (headers, body fields, API calls) identify the entry as strongly as
		// its messages: file them before the prose's plain words take the weak weight.
		for _, s := range []string{e.Cause, e.Fix, e.Retry.Advice} {
			for _, tok := range tokens(s) {
				if len(words(tok)) > 1 {
					b.add(stem(Normalize(tok)), false)
				}
			}
		}
		for _, s := range []string{e.Cause, e.Fix, e.Retry.Advice} {
			b.addText(s, true, false)
		}
	}

	// Sort the vocabulary so that a word's position is its id: a binary search then finds a word, and the words a
	// query word is a prefix of are adjacent.
	order := make([]int32, len(ix.vocab))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool { return ix.vocab[order[a]] < ix.vocab[order[b]] })
	out := &builtIndex{docs: docs, vocab: make([]string, len(order)), postings: make([][]posting, len(order))}
	for pos, id := range order {
		out.vocab[pos] = ix.vocab[id]
		out.postings[pos] = ix.postings[id]
	}
	return out
}
