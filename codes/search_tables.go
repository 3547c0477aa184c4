package codes

import "sort"

// The search index is generated into zz_search.go (see search_render.go) so that a process's first search reads
// ready tables instead of building them: the words of 1,300 entries cost several milliseconds to file, more than
// the whole start-up of an exact lookup. This file reads those tables.

// searchDoc is the precomputed, normalised text of one entry.
type searchDoc struct {
	code, name string   // normalised code and name
	aliases    []string // normalised aliases
}

// posting files one entry under a vocabulary word: the entry's position, with weakPosting set when the word
// comes only from the entry's prose. Sixteen bits keep the generated table small; the generator refuses a
// catalog too large for them.
type posting uint16

// weakPosting marks a posting whose word only describes the entry (its cause, fix or advice).
const weakPosting posting = 1 << 15

// Weights of where an entry's word comes from: its code, name, aliases, messages and the technical names its
// text mentions identify it; the prose of its cause, fix and advice only describes it.
const (
	strongWeight = 1
	weakWeight   = 0.5
)

func newPosting(entry int, weak bool) posting {
	p := posting(entry)
	if weak {
		p |= weakPosting
	}
	return p
}

func (p posting) entry() int { return int(p &^ weakPosting) }

func (p posting) weight() float32 {
	if p&weakPosting != 0 {
		return weakWeight
	}
	return strongWeight
}

// wordID returns the vocabulary id of a catalog word: its position in the sorted vocabulary.
func wordID(w string) (int32, bool) {
	i := sort.SearchStrings(vocab[:], w)
	if i < len(vocab) && vocab[i] == w {
		return int32(i), true
	}
	return 0, false
}

// postingsOf lists the entries that use vocabulary word id.
func postingsOf(id int32) []posting {
	return postingList[postingStart[id]:postingStart[id+1]]
}

// wordsOfLength lists the vocabulary ids of the words of n bytes, for finding the words within a typo's reach.
func wordsOfLength(n int) []int32 {
	if n < 0 || n+1 >= len(lengthStart) {
		return nil
	}
	return byLength[lengthStart[n]:lengthStart[n+1]]
}

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

// isStopWord reports whether w carries no meaning of its own in a search and would let every cause match. A
// switch rather than a map: a map literal is built when the program starts, whether it searches or not.
func isStopWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "to", "in", "on", "for", "is", "and", "or", "be", "it", "by", "this", "that",
		"with", "was", "are", "as", "at", "its", "you", "your":
		return true
	}
	return false
}
