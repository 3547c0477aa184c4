package render

import (
	"strconv"

	"github.com/errcode/errcode/codes"
)

// StatusText renders an entry's status: "404", or "-" when it has none.
func StatusText(e *codes.Entry) string {
	if e.Status == 0 {
		return "-"
	}
	return strconv.Itoa(e.Status)
}

// Summary is the short description of an entry used in tables: its message, or its name when it has none.
func Summary(e *codes.Entry) string {
	if m := e.Message(); m != "" {
		return m
	}
	return e.Name
}
