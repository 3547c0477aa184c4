package render

import (
	"strconv"
	"strings"

	"github.com/errcode/errcode/codes"
)

// StatusText renders an entry's status: "404", or "-" when it has none.
func StatusText(e *codes.Entry) string {
	if e.Status == 0 {
		return "-"
	}
	return strconv.Itoa(e.Status)
}

// Title is the one-line identity of an entry: "obs · 404 · NoSuchKey", "discord · 50013 MissingPermissions",
// "http · 404 Not Found". Names that only restate the code are left out.
func Title(e *codes.Entry) string {
	parts := []string{e.Provider}
	if e.Status != 0 && e.Kind == codes.KindCode {
		parts = append(parts, strconv.Itoa(e.Status))
	}
	code := e.Code
	if e.Name != "" && codes.Normalize(e.Name) != codes.Normalize(e.Code) {
		code += " " + e.Name
	}
	parts = append(parts, code)
	return strings.Join(parts, " · ")
}

// Summary is the short description of an entry used in tables: its message, or its name when it has none.
func Summary(e *codes.Entry) string {
	if m := e.Message(); m != "" {
		return m
	}
	return e.Name
}
