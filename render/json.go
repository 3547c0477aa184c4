package render

import (
	"encoding/json"
	"io"

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
		Calls: e.Calls, Aliases: e.Aliases, Related: e.Related, Docs: e.Docs,
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

// WriteJSON writes v as indented JSON without HTML escaping (messages hold <, > and & as they are).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
