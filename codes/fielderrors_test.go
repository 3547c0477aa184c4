package codes

import (
	"strings"
	"testing"
)

// Issue 13, defect 3: a Discord field-error tree with long keys and big _errors arrays stays bounded, and the
// finding says how many field errors it left out.
func TestFieldErrorsAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"code": 50035, "message": "Invalid Form Body", "errors": {`)
	key := strings.Repeat("k", 4096)
	for i := 0; i < 3; i++ {
		b.WriteString(`"` + key + `": {`)
	}
	b.WriteString(`"_errors": [`)
	for i := 0; i < 300; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}`)
	}
	b.WriteString(`]` + strings.Repeat("}", 3) + `}}` + "\n")
	r, err := Explain(strings.NewReader(b.String()), ExplainOptions{})
	if err != nil || len(r.Findings) != 1 {
		t.Fatalf("%v, %d findings", err, len(r.Findings))
	}
	f := r.Findings[0]
	if len(f.FieldErrors) != MaxFieldErrors || f.FieldErrorsDropped < 100 {
		t.Fatalf("%d field errors kept, %d dropped", len(f.FieldErrors), f.FieldErrorsDropped)
	}
	for _, fe := range f.FieldErrors {
		if len(fe.Path) > maxFieldPath+len("…") {
			t.Fatalf("a path of %d bytes", len(fe.Path))
		}
	}
}
