package render

import (
	"fmt"
	"strings"

	"github.com/errcode/errcode/codes"
)

// FindingJSON is the stable JSON shape of one explained error.
type FindingJSON struct {
	File       string   `json:"file,omitempty"`
	Provider   string   `json:"provider"`
	Candidates []string `json:"candidates"`
	Status     *int     `json:"status"`
	Code       *string  `json:"code"`
	Name       *string  `json:"name"`
	Message    *string  `json:"message"`
	RequestID  *string  `json:"request_id"`
	// HostID is S3's extended request id (x-amz-id-2, <HostId>), which AWS support asks for with the request id.
	HostID *string `json:"host_id,omitempty"`
	// Service names the S3-compatible service behind an s3 finding ("Backblaze B2 S3-compatible API").
	Service     string           `json:"service,omitempty"`
	Cause       string           `json:"cause"`
	Fix         string           `json:"fix"`
	Retry       RetryPlanJSON    `json:"retry"`
	FieldErrors []FieldErrorJSON `json:"field_errors"`
	// FieldErrorsDropped counts the field errors left out of field_errors (errcode keeps at most 100 a finding).
	FieldErrorsDropped int      `json:"field_errors_dropped"`
	Count              int      `json:"count"`
	Line               int      `json:"line"`
	Evidence           []string `json:"evidence"`
	Docs               string   `json:"docs,omitempty"`
	// DroppedOccurrences is how many occurrences of further distinct errors the finding's input held beyond the
	// findings reported (codes.MaxFindings); absent when none were left out.
	DroppedOccurrences int `json:"dropped_occurrences,omitempty"`
}

// RetryPlanJSON is a finding's retry plan in JSON.
type RetryPlanJSON struct {
	Verdict      string   `json:"verdict"`
	Advice       string   `json:"advice"`
	AfterSeconds *float64 `json:"after_seconds"`
	// JitterSeconds is the most random delay to add to after_seconds (10% of it, 1 s to 5 min); null without one.
	JitterSeconds *float64  `json:"jitter_seconds"`
	Source        string    `json:"source"`
	Scope         *string   `json:"scope"`
	Schedule      []float64 `json:"schedule"`
	// Client is what the client library named in the input already does by itself; null when unknown.
	Client *ClientJSON `json:"client"`
}

// ClientJSON is the retry behaviour of the client library that printed the error.
type ClientJSON struct {
	Name    string `json:"name"`
	Retries bool   `json:"retries"`
	Detail  string `json:"detail"`
}

// FieldErrorJSON is one field error of a Discord 50035 body.
type FieldErrorJSON struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// NewFindingJSON converts a finding.
func NewFindingJSON(f *codes.Finding, file string) FindingJSON {
	j := FindingJSON{
		File: file, Provider: f.Provider, Candidates: append([]string{}, f.Candidates...),
		Code: strPtr(f.ReportedCode()), Message: strPtr(f.Message), RequestID: strPtr(f.RequestID),
		Service: f.Service, HostID: strPtr(f.HostID), FieldErrorsDropped: f.FieldErrorsDropped,
		Count: f.Count, Line: f.Line, Evidence: append([]string{}, f.Clues...), FieldErrors: []FieldErrorJSON{},
		Retry: RetryPlanJSON{Verdict: string(f.Retry.Verdict), Advice: f.Retry.Advice, Source: f.Retry.Source,
			Scope: strPtr(f.Retry.Scope), Schedule: append([]float64{}, f.Retry.Schedule...)},
	}
	if f.Status != 0 {
		st := f.Status
		j.Status = &st
	}
	if c := f.Retry.Client; c != nil {
		j.Retry.Client = &ClientJSON{Name: c.Name, Retries: c.Retries, Detail: c.Detail}
	}
	if f.Retry.HasAfter {
		a := f.Retry.After
		j.Retry.AfterSeconds = &a
		if f.Retry.Jitter > 0 {
			jit := f.Retry.Jitter
			j.Retry.JitterSeconds = &jit
		}
	}
	if e := f.Entry; e != nil {
		j.Name = strPtr(e.Name)
		j.Cause, j.Fix, j.Docs = e.Cause, e.Fix, e.Docs
	} else {
		j.Cause, j.Fix = unknownCause(f), unknownFix(f)
	}
	for _, fe := range f.FieldErrors {
		j.FieldErrors = append(j.FieldErrors, FieldErrorJSON{Path: fe.Path, Code: fe.Code, Message: fe.Message})
	}
	return j
}

// maxCodeWidth cuts codes from the input on a card: real codes are short, and a hostile one must not flood the
// terminal.
const maxCodeWidth = 80

// The longest a card prints an input message, and prose (cause, fix, retry advice, notes, clues): every
// one may hold input text, so every one is sanitised and cut, by display width and by bytes (see Truncate).
const (
	maxMessageWidth = 500
	maxProseWidth   = 2000
)

func unknownCause(f *codes.Finding) string {
	if f.Code != "" {
		return fmt.Sprintf("errcode's catalog has no entry for code %q of %s.", Clean(f.Code, maxCodeWidth), f.Provider)
	}
	return "errcode's catalog has no entry that matches this error."
}

func unknownFix(f *codes.Finding) string {
	return "Read the message and the provider's documentation for this call; the status and retry advice below follow general HTTP practice."
}

// FindingCard builds the card of an explained error. Every string that came from the input is sanitised.
func FindingCard(f *codes.Finding) Card {
	c := Card{Heading: FindingHeading(f), Message: Clean(f.Message, maxMessageWidth)}
	if f.RequestID != "" {
		c.Fields = append(c.Fields, Field{"Request", Clean(f.RequestID, 120)})
	}
	if f.HostID != "" {
		c.Fields = append(c.Fields, Field{"Host id", Clean(f.HostID, 120)})
	}
	if f.Service != "" {
		c.Fields = append(c.Fields, Field{"Service", Clean(f.Service, 120)})
	}
	if e := f.Entry; e != nil {
		c.Fields = append(c.Fields, Field{"Cause", Clean(e.Cause, maxProseWidth)}, Field{"Fix", Clean(e.Fix, maxProseWidth)})
	} else {
		c.Fields = append(c.Fields, Field{"Cause", Clean(unknownCause(f), maxProseWidth)}, Field{"Fix", Clean(unknownFix(f), maxProseWidth)})
	}
	c.Fields = append(c.Fields, Field{"Retry", Clean(verdict(f.Retry.Verdict)+": "+f.Retry.Advice, maxProseWidth)})
	if cl := f.Retry.Client; cl != nil {
		c.Fields = append(c.Fields, Field{"Client", Clean(cl.Detail, maxProseWidth)})
	}
	for i, fe := range f.FieldErrors {
		label := ""
		if i == 0 {
			label = "Fields"
		}
		if i == 20 {
			break
		}
		c.Fields = append(c.Fields, Field{label, fmt.Sprintf("%s: %s %s", Clean(fe.Path, 200), Clean(fe.Code, maxCodeWidth), Clean(fe.Message, 300))})
	}
	if more := len(f.FieldErrors) - min(len(f.FieldErrors), 20) + f.FieldErrorsDropped; more > 0 {
		label := ""
		if len(f.FieldErrors) == 0 {
			label = "Fields"
		}
		c.Fields = append(c.Fields, Field{label, fmt.Sprintf("… and %d more", more)})
	}
	if len(f.Candidates) > 0 {
		c.Fields = append(c.Fields, Field{"Maybe", Clean("the evidence is weak; this could also be "+strings.Join(f.Candidates, ", ")+
			" (use -p to say which)", maxProseWidth)})
	}
	seen := fmt.Sprintf("line %d", f.Line)
	if f.Count > 1 {
		seen = fmt.Sprintf("%d times, first on line %d", f.Count, f.Line)
	}
	if len(f.Clues) > 0 {
		clues := make([]string, 0, len(f.Clues))
		for _, cl := range f.Clues {
			clues = append(clues, Clean(cl, 120))
		}
		seen += "; recognised by " + strings.Join(clues, ", ")
	}
	c.Fields = append(c.Fields, Field{"Seen", Clean(seen, maxProseWidth)})
	if f.Entry != nil && f.Entry.Docs != "" {
		c.Fields = append(c.Fields, Field{"Docs", Clean(f.Entry.Docs, 300)})
	}
	return c
}
