package codes_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/errcode/errcode/codes"
)

// Issue 13, defect 8: the library shared memory with its callers (All, Lookup and Finding.Entry pointed into the
// catalog, RetryPlan.Schedule was the package's own slice). Every result is now the caller's to modify.

// sharedInput is one Explain input whose findings fill the slices and pointers of a Finding: a catalog entry with
// messages, exceptions, calls and related codes; a backoff schedule; a client note; clues; and field errors.
var sharedInput = strings.Join([]string{
	"b2sdk._internal.exception.TooManyRequests: 429 too_many_requests Too many requests",
	"com.backblaze.b2.client.exceptions.B2RequestTimeoutException: <B2Exception 408 request_timeout: timed out>",
	"blazer: b2_upload_file: 401: unauthorized",
	`{"code": 50035, "message": "Invalid Form Body", "errors": {"name": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}}`,
	"",
}, "\n")

// bareInput has weak evidence, so its finding names candidate providers.
const bareInput = "HTTP/1.1 503 Service Unavailable\n\n"

// results calls every exported function that hands out catalog entries or findings, once each.
func results(t testing.TB) map[string]any {
	rep, err := codes.Explain(strings.NewReader(sharedInput), codes.ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := codes.Explain(strings.NewReader(bareInput), codes.ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := codes.ExplainResponse(503, map[string][]string{"Server": {"AmazonS3"}}, []byte("<Error><Code>SlowDown</Code></Error>"), codes.ExplainOptions{})
	found, _ := codes.Find("b2", "bad_request", 400)
	suggested, _ := codes.Suggest("NoSuhcKey", codes.Options{})
	prov, _ := codes.ProviderByName("backblaze")
	return map[string]any{
		"All":             codes.All(),
		"Lookup":          codes.Lookup("too_many_requests", codes.Options{}),
		"LookupStatus":    codes.Lookup("429", codes.Options{}),
		"LookupMessage":   codes.LookupMessage("Invalid authorization token", codes.Options{}),
		"LookupException": codes.LookupException("B2BadRequestException", codes.Options{}),
		"Search":          codes.Search("download cap exceded", codes.Options{}),
		"Suggest":         suggested,
		"Find":            found,
		"ByStatusCode":    codes.ByStatusCode(404, codes.Options{}),
		"WithCodePrefix":  codes.WithCodePrefix("No", codes.Options{}),
		"Providers":       codes.Providers(),
		"ProviderByName":  prov,
		"Explain":         rep,
		"ExplainBare":     bare,
		"ExplainResponse": f,
	}
}

// snapshot renders a result deeply (through every pointer and slice) for comparison.
func snapshot(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// scribble overwrites everything reachable from v that a caller could change: every string, number and flag,
// every slice element, and the spare capacity of every slice (what an append would write into).
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				scribble(f)
			}
		}
	case reflect.Slice:
		full := v.Slice3(0, v.Cap(), v.Cap())
		for i := 0; i < full.Len(); i++ {
			scribble(full.Index(i))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			scribble(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			scribble(e)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		v.SetString("scribbled")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 7)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
}

func scribbleAll(r map[string]any) {
	for k, v := range r {
		p := reflect.New(reflect.TypeOf(v))
		p.Elem().Set(reflect.ValueOf(v))
		scribble(p.Elem())
		r[k] = p.Elem().Interface()
	}
}

// TestResultsAreTheCallers edits every field of every result and checks that neither a result obtained earlier nor
// a later call sees the edit.
func TestResultsAreTheCallers(t *testing.T) {
	first, second := results(t), results(t)
	want := map[string]string{}
	for k, v := range first {
		want[k] = snapshot(t, v)
		if got := snapshot(t, second[k]); got != want[k] {
			t.Fatalf("%s: two calls differ before any edit", k)
		}
	}
	// The inputs must fill what the test means to edit.
	var schedule, client, cands, clues, fields bool
	for _, f := range append(first["Explain"].(codes.Report).Findings, first["ExplainBare"].(codes.Report).Findings...) {
		schedule = schedule || len(f.Retry.Schedule) > 0
		client = client || f.Retry.Client != nil
		cands = cands || len(f.Candidates) > 0
		clues = clues || len(f.Clues) > 0
		fields = fields || len(f.FieldErrors) > 0
	}
	if !schedule || !client || !cands || !clues || !fields {
		t.Fatalf("the input lacks something to edit: schedule %v, client %v, candidates %v, clues %v, field errors %v",
			schedule, client, cands, clues, fields)
	}

	scribbleAll(first)
	third := results(t)
	for k := range want {
		if got := snapshot(t, second[k]); got != want[k] {
			t.Errorf("%s: editing one result changed another one obtained before", k)
		}
		if got := snapshot(t, third[k]); got != want[k] {
			t.Errorf("%s: editing a result changed the next call's", k)
		}
	}
}

// TestEditsNamedInTheIssue makes the edits the issue names, by hand, so that a failure reads plainly.
func TestEditsNamedInTheIssue(t *testing.T) {
	all := codes.All()
	e := all[0]
	msg, alias := e.Message(), ""
	next := snapshot(t, all[1])
	e.Messages[0] = "edited"
	for i := 0; i < 8; i++ {
		e.Related = append(e.Related, "edited") // must not run into the next entry's slices
	}
	if snapshot(t, all[1]) != next {
		t.Fatalf("an append to one entry's slice overwrote another entry's")
	}
	if again := codes.All(); again[0].Message() != msg || len(again[0].Related) == len(e.Related) {
		t.Fatalf("an edit of All()'s entries reached the catalog")
	}

	m := codes.Lookup("MissingPermissions", codes.Options{})[0]
	name := m.Entry.Name
	m.Entry.Name = "edited"
	if len(m.Entry.Aliases) > 0 {
		alias = m.Entry.Aliases[0]
		m.Entry.Aliases[0] = "edited"
	}
	again := codes.Lookup("MissingPermissions", codes.Options{})[0]
	if again.Entry.Name != name || (alias != "" && again.Entry.Aliases[0] != alias) {
		t.Fatalf("an edit of Lookup()'s entry reached the catalog")
	}

	in := "HTTP/1.1 503 Service Unavailable\n\n"
	rep, _ := codes.Explain(strings.NewReader(in), codes.ExplainOptions{})
	f := rep.Findings[0]
	if len(f.Retry.Schedule) == 0 {
		t.Fatalf("no schedule for %q", in)
	}
	delay := f.Retry.Schedule[0]
	f.Retry.Schedule[0] = -1
	f.Entry.Cause = "edited"
	rep2, _ := codes.Explain(strings.NewReader(in), codes.ExplainOptions{})
	if rep2.Findings[0].Retry.Schedule[0] != delay || rep2.Findings[0].Entry.Cause == "edited" {
		t.Fatalf("an edit of a finding reached the next Explain")
	}

	in = "b2sdk._internal.exception.TooManyRequests: 429 too_many_requests Too many requests\n"
	rep, _ = codes.Explain(strings.NewReader(in), codes.ExplainOptions{})
	c := rep.Findings[0].Retry.Client
	if c == nil {
		t.Fatalf("no client note for %q", in)
	}
	detail := c.Detail
	c.Detail = "edited"
	rep2, _ = codes.Explain(strings.NewReader(in), codes.ExplainOptions{})
	if rep2.Findings[0].Retry.Client.Detail != detail {
		t.Fatalf("an edit of Client.Detail reached the next Explain")
	}
}

// TestConcurrentUseWithEdits runs Explain, Lookup, Search and All (and the other entry points) from several
// goroutines at once, each editing everything it gets back, and checks that every call still returns what it
// returned before any edit. Run it under the race detector: go test -race ./codes -run TestConcurrent.
func TestConcurrentUseWithEdits(t *testing.T) {
	want := map[string]string{}
	for k, v := range results(t) {
		want[k] = snapshot(t, v)
	}
	const workers, rounds = 6, 4
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*len(want))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				r := results(t)
				for k, v := range r {
					if got := snapshot(t, v); got != want[k] {
						errs <- fmt.Errorf("%s: a concurrent caller's edits changed this call's result", k)
					}
				}
				scribbleAll(r)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
