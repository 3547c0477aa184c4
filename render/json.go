package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/errcode/errcode/codes"
)

// EntryJSON is the stable JSON shape of a catalog entry, shared by lookup, search and list.
type EntryJSON struct {
	Provider     string    `json:"provider"`
	Status       *int      `json:"status"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	Kind         string    `json:"kind"`
	Message      *string   `json:"message"`
	Messages     []string  `json:"messages"`
	Cause        string    `json:"cause"`
	Fix          string    `json:"fix"`
	Retry        RetryJSON `json:"retry"`
	Calls        []string  `json:"calls,omitempty"`
	S3Compatible *bool     `json:"s3_compatible,omitempty"`
	AWSStatus    *int      `json:"aws_status,omitempty"`
	Aliases      []string  `json:"aliases,omitempty"`
	Related      []string  `json:"related,omitempty"`
	Docs         string    `json:"docs,omitempty"`
	// Match and Query are set by lookup and search: how the entry was found ("exact" or "fuzzy") and for which
	// query.
	Match string `json:"match,omitempty"`
	Query string `json:"query,omitempty"`
}

// RetryJSON is the retry recommendation in JSON.
type RetryJSON struct {
	Verdict string `json:"verdict"`
	Advice  string `json:"advice"`
}

// NewEntryJSON converts an entry.
func NewEntryJSON(e *codes.Entry) EntryJSON {
	j := EntryJSON{
		Provider: e.Provider, Code: e.Code, Name: e.Name, Kind: e.Kind.String(),
		Messages: append([]string{}, e.Messages...),
		Cause:    e.Cause, Fix: e.Fix,
		Retry: RetryJSON{Verdict: string(e.Retry.Verdict), Advice: e.Retry.Advice},
		Calls: e.CallsDescribed(), Aliases: e.Aliases, Related: e.Related, Docs: e.Docs,
	}
	if e.Status != 0 {
		st := e.Status
		j.Status = &st
	}
	if m := e.Message(); m != "" {
		j.Message = &m
	}
	if e.S3FlagKnown() {
		s3 := e.S3Compatible
		j.S3Compatible = &s3
	}
	if e.AWSStatus != 0 {
		aws := e.AWSStatus
		j.AWSStatus = &aws
	}
	return j
}

// ProviderJSON is the stable JSON shape of a provider, printed by providers.
type ProviderJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Entries     int      `json:"entries"`
	Docs        string   `json:"docs"`
	Description string   `json:"description"`
}

// NewProviderJSON converts a provider, counting its catalog entries.
func NewProviderJSON(p codes.Provider) ProviderJSON {
	return ProviderJSON{ID: p.ID, Name: p.Name, Aliases: append([]string{}, p.Aliases...),
		Entries: codes.ProviderCount(p.ID), Docs: p.Docs, Description: p.Description}
}

// WriteJSON writes v as indented JSON without HTML escaping (messages hold <, > and & as they are). Characters
// that are valid in JSON but dangerous when a consumer prints a value raw (C1 controls U+0080-U+009F, which
// include CSI and NEL; bidi overrides and isolates; zero-width characters and the byte-order mark; line and
// paragraph separators) are written as \u escapes, so the document itself holds none of them.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeInvisible(buf.Bytes()))
	return err
}

// escapeInvisible rewrites the characters WriteJSON escapes. The encoder's output is valid UTF-8 and holds
// non-ASCII runes only inside strings, so every one found can be replaced by its \u form.
func escapeInvisible(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	out = append(out, b[:i]...)
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func jsonEscaped(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || isZeroWidth(r) || r == 0x2028 || r == 0x2029
}
