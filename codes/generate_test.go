package codes_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes/internal/catalogdata"
)

// TestGeneratedCatalogIsCurrent fails when codes/data was edited without running `go generate ./codes`.
func TestGeneratedCatalogIsCurrent(t *testing.T) {
	files, err := catalogdata.LoadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	want, err := catalogdata.Render(files)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("zz_catalog.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("zz_catalog.go is stale: run `go generate ./codes` and commit the result")
	}
}

// TestDataIsValid runs the generator's validation over the committed data.
func TestDataIsValid(t *testing.T) {
	files, err := catalogdata.LoadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range catalogdata.Validate(files) {
		t.Error(e)
	}
}

// TestValidateRejectsBadData proves that validation catches each kind of mistake it promises to catch.
func TestValidateRejectsBadData(t *testing.T) {
	status := func(n int) *int { return &n }
	good := func() catalogdata.EntrySpec {
		return catalogdata.EntrySpec{Code: "x_code", Status: status(400), Name: "X", Cause: "c", Fix: "f",
			Retry: catalogdata.RetrySpec{Verdict: "never", Advice: "a"}, Messages: []string{"Bad {thing} given"}}
	}
	cases := []struct {
		name   string
		mutate func(f *catalogdata.File)
		want   string
	}{
		{"duplicate key", func(f *catalogdata.File) { f.Entries = append(f.Entries, f.Entries[0]) }, "duplicate"},
		{"empty cause", func(f *catalogdata.File) { f.Entries[0].Cause = " " }, "empty cause"},
		{"empty fix", func(f *catalogdata.File) { f.Entries[0].Fix = "" }, "empty fix"},
		{"unknown verdict", func(f *catalogdata.File) { f.Entries[0].Retry.Verdict = "sometimes" }, "unknown retry verdict"},
		{"bad status", func(f *catalogdata.File) { f.Entries[0].Status = status(42) }, "not an HTTP status"},
		{"broken template", func(f *catalogdata.File) { f.Entries[0].Messages = []string{"Bad {thing given"} }, "does not compile"},
		{"adjacent placeholders", func(f *catalogdata.File) { f.Entries[0].Messages = []string{"Bad {a}{b} given"} }, "does not compile"},
		{"status entry with a code", func(f *catalogdata.File) { f.Entries[0].Kind = "status" }, "code must be its status"},
		{"status entry without status", func(f *catalogdata.File) {
			f.Entries[0].Kind, f.Entries[0].Code, f.Entries[0].Status = "status", "legacy-404", nil
		}, "code must be its status"},
		{"unknown related", func(f *catalogdata.File) { f.Entries[0].Related = []string{"nope"} }, "related code"},
		{"dotted exception", func(f *catalogdata.File) { f.Entries[0].Exceptions = []string{"b2sdk.exception.CapExceeded"} }, "class name without its package"},
		{"duplicate exception", func(f *catalogdata.File) { f.Entries[0].Exceptions = []string{"CapExceeded", "capexceeded"} }, "listed twice"},
		{"control character", func(f *catalogdata.File) { f.Entries[0].Fix = "do \x1b[2J this" }, "control character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := catalogdata.File{Path: "t.yaml", Provider: catalogdata.ProviderSpec{ID: "t", Name: "T",
				Description: "d", Docs: "https://example.org"}, Entries: []catalogdata.EntrySpec{good()}}
			if errs := catalogdata.Validate([]catalogdata.File{f}); len(errs) != 0 {
				t.Fatalf("the unmodified file should be valid, got %v", errs)
			}
			tc.mutate(&f)
			errs := catalogdata.Validate([]catalogdata.File{f})
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.want) {
				t.Fatalf("want an error containing %q, got %q", tc.want, all)
			}
		})
	}
}
