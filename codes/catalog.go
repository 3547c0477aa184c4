package codes

import (
	"slices"
	"strings"
)

// Verdict says whether and how a client should retry a request that failed with an error.
type Verdict string

// The retry verdicts. They follow what the providers' official clients do.
const (
	// Never: retrying the same request cannot succeed; fix the request, credentials, permissions or account first.
	Never Verdict = "never"
	// Backoff: a transient failure; retry with exponential backoff and jitter.
	Backoff Verdict = "backoff"
	// Wait: rate limited; wait the delay the server gives (or back off when it gives none), then retry.
	Wait Verdict = "wait"
	// Refresh: renew something first (authorise again, get a new upload URL, correct the clock, follow the
	// redirect), then retry at once.
	Refresh Verdict = "refresh"
	// Later: a conflicting operation is running; retry when it has finished.
	Later Verdict = "later"
)

// Verdicts lists every verdict, in the order a reader meets them from "hopeless" to "just wait".
func Verdicts() []Verdict { return []Verdict{Never, Refresh, Later, Wait, Backoff} }

// Retryable reports whether a request that failed with this verdict is worth sending again, possibly after
// waiting or renewing something.
func (v Verdict) Retryable() bool { return v == Backoff || v == Wait || v == Refresh || v == Later }

// Valid reports whether v is one of the defined verdicts.
func (v Verdict) Valid() bool { return v == Never || v.Retryable() }

// Retry is the catalog's retry recommendation for an entry.
type Retry struct {
	Verdict Verdict // what kind of retry, if any, can succeed
	Advice  string  // one sentence saying exactly what a client should do
}

// Kind tells what an entry describes.
type Kind uint8

const (
	// KindCode is a provider-specific error code, such as B2 "expired_auth_token" or Discord 50013.
	KindCode Kind = iota
	// KindStatus is a provider's (or plain HTTP's) meaning of one HTTP status, without a more specific code.
	KindStatus
	// KindClass is a whole class of statuses, such as "5xx".
	KindClass
)

// String returns "code", "status" or "class".
func (k Kind) String() string {
	switch k {
	case KindStatus:
		return "status"
	case KindClass:
		return "class"
	default:
		return "code"
	}
}

// Entry is one error of one provider.
//
// The key of an entry is (Provider, Status, Code): B2 uses one code with several statuses (access_denied is 401
// on file-lock calls and 403 elsewhere) and OBS answers RequestTimeout with 400 or 408 depending on the API.
type Entry struct {
	Provider string // provider id, such as "b2"
	Status   int    // the HTTP status the error comes with; 0 when it is not fixed (Discord codes) or not one (classes)
	Code     string // the provider's code as a string: "NoSuchKey", "expired_auth_token", "50013", "127", "404", "5xx"
	Name     string // enum or short name: "MissingPermissions", "Not Found", "Expired auth token"
	Kind     Kind

	// Messages are the provider's own wordings, the documented one first. A message holding {placeholders} is a
	// template: its placeholders stand for text the server fills in.
	Messages []string

	// Exceptions are SDK exception class names that stand for this error, in short form without the package
	// ("StorageCapExceeded", "B2UnauthorizedException"). A class the SDK raises for many codes is listed only on
	// the entry that is its default.
	Exceptions []string

	Cause string // what happened, in the user's terms
	Fix   string // the concrete next step
	Retry Retry

	Calls        []string // B2: the API calls that return this error ("*" for any)
	S3Compatible bool     // OBS: AWS S3 uses the same code
	AWSStatus    int      // OBS: the status AWS S3 uses for this code, when it differs from Status
	Aliases      []string // other names of the code (deprecated enum names)
	Group        string   // the provider's grouping of the code, when it has one
	Related      []string // codes of the same provider that are easily confused with this one
	Docs         string   // where the provider documents it
}

// CallsDescribed returns the entry's Calls in words, for people and for JSON: the reference's shorthands "*" and
// "*-auth" become "any call" and "any call but b2_authorize_account". It returns nil when Calls is empty.
func (e *Entry) CallsDescribed() []string {
	if len(e.Calls) == 0 {
		return nil
	}
	out := make([]string, len(e.Calls))
	for i, c := range e.Calls {
		switch c {
		case "*":
			out[i] = "any call"
		case "*-auth":
			out[i] = "any call but b2_authorize_account"
		default:
			out[i] = c
		}
	}
	return out
}

// Message returns the entry's primary message, or "" when the provider documents none.
func (e *Entry) Message() string {
	if len(e.Messages) == 0 {
		return ""
	}
	return e.Messages[0]
}

// Provider describes one API whose errors the catalog holds.
type Provider struct {
	ID          string   // short id used on the command line: "b2", "obs", "backup", "discord", "http"
	Name        string   // display name
	Aliases     []string // other names accepted for ID, such as "backblaze"
	Docs        string   // the provider's error documentation
	Description string   // one line on what the provider is and how its errors look
}

// All returns every entry of the catalog, in catalog order (provider by provider). The entries are fresh copies
// that share no memory with the catalog or with other results: the caller may modify them.
func All() []*Entry {
	all := make([]*Entry, len(entries))
	for i := range entries {
		all[i] = &entries[i]
	}
	return copyEntries(all)
}

// WithCodePrefix returns the entries whose code starts with prefix, ignoring case ("" matches every code), in
// catalog order, narrowed by opts.Providers. Only the matching entries are copied, which keeps shell completion as
// cheap as start-up; the copies are the caller's to modify.
func WithCodePrefix(prefix string, opts Options) []*Entry {
	var out []*Entry
	for i := range entries {
		e := &entries[i]
		if opts.allows(e.Provider) && len(e.Code) >= len(prefix) && strings.EqualFold(e.Code[:len(prefix)], prefix) {
			out = append(out, e)
		}
	}
	return copyEntries(out)
}

// The package works on pointers into the catalog (findings are keyed and folded by entry identity); every exported
// function that hands an entry out copies it once, at the boundary, so that no caller can change the catalog or
// another caller's result.

// clone returns a deep copy of e.
func (e *Entry) clone() *Entry {
	return copyEntries([]*Entry{e})[0]
}

// copyEntries returns deep copies of src. The copies share two allocations (one for the entries, one for every
// string slice of them); each slice is capped at its own length, so appending to one never writes into another.
func copyEntries(src []*Entry) []*Entry {
	if src == nil {
		return nil
	}
	n := 0
	for _, e := range src {
		n += len(e.Messages) + len(e.Exceptions) + len(e.Calls) + len(e.Aliases) + len(e.Related)
	}
	vals := make([]Entry, len(src))
	slab := make([]string, n)
	out := make([]*Entry, len(src))
	for i, e := range src {
		v := &vals[i]
		*v = *e
		v.Messages, slab = cutStrings(e.Messages, slab)
		v.Exceptions, slab = cutStrings(e.Exceptions, slab)
		v.Calls, slab = cutStrings(e.Calls, slab)
		v.Aliases, slab = cutStrings(e.Aliases, slab)
		v.Related, slab = cutStrings(e.Related, slab)
		out[i] = v
	}
	return out
}

// cutStrings copies s into the front of slab and returns the copy (capped at its length) and the rest of slab.
// A nil s stays nil.
func cutStrings(s, slab []string) ([]string, []string) {
	if s == nil {
		return nil, slab
	}
	n := copy(slab, s)
	return slab[:n:n], slab[n:]
}

// copyMatches replaces the entries of ms, which point into the catalog, by copies.
func copyMatches(ms []Match) []Match {
	if len(ms) == 0 {
		return ms
	}
	es := make([]*Entry, len(ms))
	for i := range ms {
		es[i] = ms[i].Entry
	}
	for i, e := range copyEntries(es) {
		ms[i].Entry = e
	}
	return ms
}

// Len returns the number of entries in the catalog.
func Len() int { return len(entries) }

// Providers returns every provider, the specific ones first and the plain HTTP fallback last. The result is the
// caller's to modify.
func Providers() []Provider {
	out := append([]Provider(nil), providers[:]...)
	for i := range out {
		out[i].Aliases = slices.Clip(slices.Clone(out[i].Aliases))
	}
	return out
}

// ProviderByName returns the provider whose id or alias is name (case-insensitive).
func ProviderByName(name string) (Provider, bool) {
	n := Normalize(name)
	for _, p := range providers {
		if Normalize(p.ID) == n {
			p.Aliases = slices.Clip(slices.Clone(p.Aliases))
			return p, true
		}
		for _, a := range p.Aliases {
			if Normalize(a) == n {
				p.Aliases = slices.Clip(slices.Clone(p.Aliases))
				return p, true
			}
		}
	}
	return Provider{}, false
}

// ProviderCount returns how many entries the provider with the given id has.
func ProviderCount(id string) int {
	n := 0
	for i := range entries {
		if entries[i].Provider == id {
			n++
		}
	}
	return n
}
