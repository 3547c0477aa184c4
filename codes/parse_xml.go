package codes

import "strings"

// xmlError is what an OBS (or S3-style) <Error> body says.
type xmlError struct {
	code, message, requestID, hostID, resource string
}

// parseXMLError reads the elements of an <Error> document by name. It is deliberately not an XML parser: it does
// not follow DTDs or expand entities beyond the five predefined ones, so entity-expansion tricks cost nothing,
// and it accepts truncated documents (an element cut off at the end of the input keeps what arrived).
func parseXMLError(s string) (xmlError, bool) {
	if !strings.Contains(s, "<Code>") && !strings.Contains(s, "<Error>") {
		return xmlError{}, false
	}
	e := xmlError{
		code:      xmlElement(s, "Code"),
		message:   xmlElement(s, "Message"),
		requestID: xmlElement(s, "RequestId"),
		hostID:    xmlElement(s, "HostId"),
		resource:  xmlElement(s, "Resource"),
	}
	return e, e.code != ""
}

func xmlElement(s, name string) string {
	open := "<" + name + ">"
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	rest := s[i+len(open):]
	end := strings.Index(rest, "</"+name+">")
	if end < 0 {
		// Truncated: take the text up to the next tag or the end.
		end = strings.IndexByte(rest, '<')
		if end < 0 {
			end = len(rest)
		}
	}
	v := rest[:end]
	if len(v) > maxLooseString {
		v = v[:maxLooseString]
	}
	return strings.TrimSpace(xmlUnescape(v))
}

var xmlEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

func xmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return xmlEntities.Replace(s)
}
