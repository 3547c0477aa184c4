package codes

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
)

// ExplainResponse diagnoses one HTTP response a program holds in memory: its status (0 when unknown), its
// headers and its body. It returns the finding Explain would report first for the same response, with the
// provider, the catalog entry and a concrete RetryPlan (the delay from Retry-After, Discord's retry_after or the
// rate-limit headers, or a backoff schedule); ok is false when the response holds no error, for example a 2xx
// response with an ordinary body, or when the body is binary data.
//
// header is an http.Header or any map of header names to values; the type is spelt out so that package codes
// does not import net/http. The response is written out as the transcript `curl -si` would print (status line,
// headers in name order, a blank line, the body) and read by Explain, so both take one code path and agree.
// opts works as for Explain: Providers narrows the providers, Now is the time an HTTP-date Retry-After is
// measured from when the headers have no Date.
func ExplainResponse(status int, header map[string][]string, body []byte, opts ExplainOptions) (Finding, bool) {
	rep, err := Explain(bytes.NewReader(responseTranscript(status, header, body)), opts)
	if err != nil {
		return Finding{}, false
	}
	return rep.Primary()
}

// responseTranscript writes a response the way `curl -si` prints it. Header names and values are kept on their
// own line: a CR or LF inside one would otherwise start a line of its own and could pose as a status or a body.
func responseTranscript(status int, header map[string][]string, body []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(body) + 64*len(header) + 32)
	if status > 0 {
		b.WriteString("HTTP/1.1 ")
		b.WriteString(strconv.Itoa(status))
		b.WriteByte('\n')
	}
	names := make([]string, 0, len(header))
	for name := range header {
		names = append(names, name)
	}
	sort.Strings(names)
	oneLine := strings.NewReplacer("\r", " ", "\n", " ")
	for _, name := range names {
		for _, v := range header[name] {
			b.WriteString(oneLine.Replace(name))
			b.WriteString(": ")
			b.WriteString(oneLine.Replace(v))
			b.WriteByte('\n')
		}
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes()
}
