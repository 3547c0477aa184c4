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
	at := firstOpenTags(s, xmlErrorElements)
	e := xmlError{
		code:      xmlElementAt(s, "Code", at[0]),
		message:   xmlElementAt(s, "Message", at[1]),
		requestID: xmlElementAt(s, "RequestId", at[2]),
		hostID:    xmlElementAt(s, "HostId", at[3]),
		resource:  xmlElementAt(s, "Resource", at[4]),
	}
	return e, e.code != ""
}

// xmlErrorElements are the elements of an <Error> body that parseXMLError reads.
var xmlErrorElements = [5]string{"Code", "Message", "RequestId", "HostId", "Resource"}

// firstOpenTags finds where each name's first opening tag ("<Code>") starts in s, -1 when it has none, in one
// pass over the '<' of s: a large body has many, and a strings.Index per name would visit each of them again.
func firstOpenTags(s string, names [5]string) [5]int {
	at := [5]int{-1, -1, -1, -1, -1}
	left := len(names)
	for i := strings.IndexByte(s, '<'); i >= 0 && left > 0; {
		rest := s[i+1:]
		for k, n := range names {
			if at[k] < 0 && len(rest) > len(n) && rest[len(n)] == '>' && rest[:len(n)] == n {
				at[k] = i
				left--
			}
		}
		next := strings.IndexByte(rest, '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return at
}

// xmlElementAt reads the element name whose opening tag starts at i in s ("" when i < 0).
func xmlElementAt(s, name string, i int) string {
	if i < 0 {
		return ""
	}
	rest := s[i+len(name)+2:]
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
