package codes_test

import (
	"fmt"
	"net/http"

	"github.com/errcode/errcode/codes"
)

func ExampleLookup() {
	for _, m := range codes.Lookup("no such key", codes.Options{}) {
		e := m.Entry
		fmt.Println(e.Provider, e.Status, e.Code, m.How)
		fmt.Println(e.Message())
		fmt.Println("retry:", e.Retry.Verdict)
	}
	// Output:
	// obs 404 NoSuchKey exact
	// The specified key does not exist.
	// retry: never
	// s3 404 NoSuchKey exact
	// The specified key does not exist.
	// retry: never
}

func ExampleLookup_message() {
	// A message alone finds its code, also through the provider's message templates.
	m := codes.Lookup("Backup Policy already exists with orgId: 7 cloudId: c1 product: confluence", codes.Options{})
	fmt.Println(m[0].Entry.Provider, m[0].Entry.Code, m[0].Entry.Status)
	// Output: backup 127 409
}

func ExampleLookup_status() {
	// A status lists every provider's meaning of it; Options narrows the providers.
	for _, m := range codes.Lookup("429", codes.Options{Providers: []string{"b2", "discord"}}) {
		fmt.Println(m.Entry.Provider, m.Entry.Code, m.Entry.Retry.Verdict)
	}
	// Output:
	// b2 429 wait
	// b2 too_many_requests wait
	// discord 429 wait
}

func ExampleSearch() {
	// Misspelt, transposed and space-separated queries still find the intended entry first.
	for _, q := range []string{"NoSuhcKey", "download cap exceded", "missing acess"} {
		e := codes.Search(q, codes.Options{Limit: 1})[0].Entry
		fmt.Printf("%s -> %s %s\n", q, e.Provider, e.Code)
	}
	// Output:
	// NoSuhcKey -> obs NoSuchKey
	// download cap exceded -> b2 download_cap_exceeded
	// missing acess -> discord 50001
}

func ExampleFind() {
	// B2 keys errors by status and code: access_denied is 401 on file-lock calls and 403 elsewhere.
	e, _ := codes.Find("b2", "expired_auth_token", 401)
	fmt.Println(e.Retry.Verdict, e.Retry.Verdict.Retryable())
	// Output: refresh true
}

func ExampleProviderByName() {
	p, _ := codes.ProviderByName("huawei")
	fmt.Println(p.ID, "-", p.Name)
	// Output: obs - Huawei Cloud OBS
}

func ExampleExplainResponse() {
	// One response a program received, with the headers as net/http gives them.
	header := http.Header{"Retry-After": {"3"}, "X-Ratelimit-Scope": {"user"}}
	body := []byte(`{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}`)
	f, ok := codes.ExplainResponse(429, header, body, codes.ExplainOptions{})
	if !ok {
		return // no error in the response
	}
	fmt.Println(f.Provider, f.Status, f.Retry.Verdict)
	if f.Retry.HasAfter {
		fmt.Printf("wait %v s (%s)\n", f.Retry.After, f.Retry.Source)
	}
	// Output:
	// discord 429 wait
	// wait 1.5 s (retry_after field)
}
