package codes

import (
	"strings"
	"testing"
)

// Issue 13, defect 9: a pretty-printed 50035 body with several shallow field errors is one error, not a log
// export of its _errors entries.
func TestPrettyDiscordFieldErrorsAreNotALogExport(t *testing.T) {
	in := `{
  "code": 50035,
  "errors": {
    "name": {
      "_errors": [
        {
          "code": "BASE_TYPE_REQUIRED",
          "message": "This field is required"
        }
      ]
    },
    "type": {
      "_errors": [
        {
          "code": "BASE_TYPE_CHOICES",
          "message": "Value must be one of (0, 2, 4)."
        }
      ]
    }
  },
  "message": "Invalid Form Body"
}
`
	r, err := Explain(strings.NewReader(in), ExplainOptions{})
	if err != nil || len(r.Findings) != 1 {
		t.Fatalf("%v, %d findings", err, len(r.Findings))
	}
	if f := r.Findings[0]; f.Code != "50035" || len(f.FieldErrors) != 2 {
		t.Fatalf("code %q, %d field errors", f.Code, len(f.FieldErrors))
	}
}
