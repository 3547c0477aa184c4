package codes

// Filter selects catalog entries by what they are, not by a query: the filters of `errcode list`.
type Filter struct {
	// Status keeps the entries of one HTTP status ("404") or of one class ("4xx"): every entry whose status is in
	// the class, and the class entry itself. "" keeps every entry; a value ParseStatus rejects keeps none.
	Status string
	// Retry keeps the entries with this retry verdict; "" keeps every verdict.
	Retry Verdict
}

// Filtered returns the entries of opts.Providers that pass f, in catalog order. The entries are copies the caller
// may modify.
func Filtered(f Filter, opts Options) []*Entry {
	n, class, hasStatus := ParseStatus(f.Status)
	if f.Status != "" && !hasStatus {
		return nil
	}
	var out []*Entry
	for i := range entries {
		e := &entries[i]
		if !opts.allows(e.Provider) || (f.Retry != "" && e.Retry.Verdict != f.Retry) {
			continue
		}
		if hasStatus && !e.hasStatus(n, class) {
			continue
		}
		out = append(out, e)
	}
	return copyEntries(out)
}

// hasStatus reports whether the entry comes with HTTP status n, or, for a class, whether its status is in class n
// (4 for 4xx) or it is that class's own entry.
func (e *Entry) hasStatus(n int, class bool) bool {
	if !class {
		return e.Status == n
	}
	if e.Kind == KindClass {
		return len(e.Code) > 0 && int(e.Code[0]-'0') == n
	}
	return e.Status/100 == n
}
