package catalogdata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var (
	providerIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	classPattern      = regexp.MustCompile(`^[1-5]xx$`)
	// madeCodePattern is a code errcode makes up for a status entry that is not the provider's plain meaning of
	// the status (backup's legacy endpoints): lower-case words joined by hyphens, a shape no provider's own codes
	// have (digits, snake_case, CamelCase), so it cannot pass for one of them.
	madeCodePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)
	// exceptionPattern is an SDK exception class name in short form: the last segment of its dotted path.
	exceptionPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	verdicts         = map[string]bool{"never": true, "backoff": true, "wait": true, "refresh": true, "later": true}
	kinds            = map[string]bool{"": true, "code": true, "status": true, "class": true}
)

// Validate checks the files for everything that would make the catalog wrong or the generated table misleading,
// and returns one error per problem, each naming the file and line.
func Validate(files []File) []error {
	var errs []error
	report := func(f *File, line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", f.Path, line, fmt.Sprintf(format, args...)))
	}
	seenProvider := map[string]string{}
	seenOrder := map[int]string{}
	for fi := range files {
		f := &files[fi]
		p := f.Provider
		if !providerIDPattern.MatchString(p.ID) {
			report(f, 1, "provider id %q must be lower-case letters and digits", p.ID)
		}
		for _, name := range append([]string{p.ID}, p.Aliases...) {
			if other, ok := seenProvider[name]; ok {
				report(f, 1, "provider name %q is also used by %s", name, other)
			}
			seenProvider[name] = p.ID
		}
		if other, ok := seenOrder[p.Order]; ok {
			report(f, 1, "provider order %d is also used by %s", p.Order, other)
		}
		seenOrder[p.Order] = p.ID
		if p.Name == "" || p.Description == "" || !strings.HasPrefix(p.Docs, "https://") {
			report(f, 1, "provider needs name, description and an https docs link")
		}
		if len(f.Entries) == 0 {
			report(f, 1, "no entries")
		}

		keys := map[string]int{}
		codes := map[string]bool{}
		for i := range f.Entries {
			codes[f.Entries[i].Code] = true
		}
		for i := range f.Entries {
			e := &f.Entries[i]
			at := func(format string, args ...any) { report(f, e.Line, "%s: %s", e.Code, fmt.Sprintf(format, args...)) }
			if e.Code == "" || strings.TrimSpace(e.Code) != e.Code {
				at("code is empty or has surrounding space")
			}
			if prev, dup := keys[e.Key()]; dup {
				at("duplicate of the entry at line %d (same status and code)", prev)
			}
			keys[e.Key()] = e.Line
			if e.Status != nil && (*e.Status < 100 || *e.Status > 599) {
				at("status %d is not an HTTP status", *e.Status)
			}
			if e.AWSStatus != 0 && (e.AWSStatus < 100 || e.AWSStatus > 599) {
				at("aws_status %d is not an HTTP status", e.AWSStatus)
			}
			if !kinds[e.Kind] {
				at("unknown kind %q (code, status or class)", e.Kind)
			}
			switch e.Kind {
			case "status":
				if e.Status == nil || (strconv.Itoa(*e.Status) != e.Code && !madeCodePattern.MatchString(e.Code)) {
					at("a status entry's code must be its status, or a made-up hyphenated name (legacy-404)")
				}
			case "class":
				if e.Status != nil || !classPattern.MatchString(e.Code) {
					at("a class entry has no status and a code like 4xx")
				}
			}
			if strings.TrimSpace(e.Name) == "" {
				at("empty name")
			}
			if strings.TrimSpace(e.Cause) == "" {
				at("empty cause")
			}
			if strings.TrimSpace(e.Fix) == "" {
				at("empty fix")
			}
			if !verdicts[e.Retry.Verdict] {
				at("unknown retry verdict %q", e.Retry.Verdict)
			}
			if strings.TrimSpace(e.Retry.Advice) == "" {
				at("empty retry advice")
			}
			for _, m := range e.Messages {
				if strings.TrimSpace(m) == "" {
					at("empty message")
				}
				if IsTemplate(m) {
					if _, err := CompileTemplate(m); err != nil {
						at("message template %q does not compile: %v", m, err)
					}
				}
			}
			seenException := map[string]bool{}
			for _, x := range e.Exceptions {
				if !exceptionPattern.MatchString(x) {
					at("exception %q must be a class name without its package (StorageCapExceeded)", x)
				}
				if seenException[strings.ToLower(x)] {
					at("exception %q listed twice", x)
				}
				seenException[strings.ToLower(x)] = true
			}
			for _, r := range e.Related {
				if !codes[r] || r == e.Code {
					at("related code %q is not another code of this provider", r)
				}
			}
			if e.Docs != "" && !strings.HasPrefix(e.Docs, "https://") {
				at("docs link must be https")
			}
			for _, s := range append([]string{e.Code, e.Name, e.Cause, e.Fix, e.Retry.Advice, e.Group}, e.Messages...) {
				if strings.IndexFunc(s, unicode.IsControl) >= 0 {
					at("control character in %q", s)
				}
			}
		}
	}
	return errs
}
