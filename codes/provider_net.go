// Network and transport failures: errors printed before (or instead of) any HTTP response, as curl, Go, Python,
// Node, Java and .NET clients print them. Their catalog messages (data/net.yaml) are found in a line like any
// provider's; this file adds what messages cannot say: exit codes and error constants (curl's "(28)", Node's
// code: 'ECONNRESET', Windows socket error numbers, whose text is localised), wrappers that the error inside them
// explains, and the rows whose retry class differs from their kind's.

package codes

import "strings"

// netID is the id of the transport provider.
const netID = "net"

var _ = register(&providerSpec{
	id:        netID,
	transport: true,
	// Clients' own retry loops for connection errors start near 1 s (urllib3, undici, the AWS SDKs).
	backoff: []float64{1, 2, 4, 8, 16},
	messageRank: map[string]int{
		// Wrappers: the error inside says which failure it was.
		"max retries exceeded with url":                                   -1,
		"6 could not resolve host":                                        -1, // c-ares builds append the reason in parentheses
		"java net unknownhostexception":                                   -1, // ": Temporary failure in name resolution" may follow
		"the ssl connection could not be established see inner exception": -1,
		// Context: the failure was reaching the proxy, whatever the inner error.
		"proxyconnect tcp": 1,
		"proxyerror unable to connect to proxy newconnectionerror": 1,
	},
	patterns: []sdkPattern{
		{ // Node and undici: { code: 'ECONNRESET' }, errno: 'ETIMEDOUT', Error [ERR_TLS_HANDSHAKE_TIMEOUT]: ..., AggregateError [ECONNREFUSED]:
			fills:    fillCode,
			anyOf:    []string{"code: '", "errno: '", "Error ["},
			re:       lazyRE(`(?:\b(?:code|errno): '|Error \[)([A-Z][A-Z0-9_]+)`),
			provider: netID, clue: "a Node error code",
			apply: func(o *observation, m []string) {
				if o.code == m[1] {
					o.code = "" // read from the error object as a body's code: name its kind instead
				}
				if setNetCode(o, m[1]); o.code == "" {
					o.code = m[1]
				}
			},
		},
		{ // Node's system errors: connect ECONNREFUSED 127.0.0.1:3000, getaddrinfo ENOTFOUND host
			fills: fillCode,
			anyOf: []string{"connect E", "getaddrinfo E", "read E", "write E"},
			re:    lazyRE(`\b(?:connect|getaddrinfo|read|write) (E[A-Z_]{3,})\b`),
			apply: func(o *observation, m []string) { setNetCode(o, m[1]) },
		},
		{ // Windows socket errors, whose text is localised: [WinError 10061], SocketException (10060), [Errno 11001]
			fills: fillCode,
			anyOf: []string{"WinError", "SocketException", "Errno 1100", "WSAE"},
			re:    lazyRE(`(?:\[WinError |SocketException \(|\[Errno )(100(?:53|54|60|61)|1100[12])\b`),
			apply: func(o *observation, m []string) { setNetCode(o, m[1]) },
		},
		{ // curl: (60) schannel: ... - a curl exit code names the kind when no catalog message in the line does
			fills: fillCode,
			guard: "curl: (", re: lazyRE(`curl: (\((\d{1,2})\) .*)`),
			apply: func(o *observation, m []string) {
				if !setNetCodeByMessage(o, m[1]) {
					setNetCode(o, "curl "+m[2])
				}
			},
		},
		{ // fetch: TypeError: fetch failed ... [cause]: Error: redirect count exceeded - the cause decides
			fills: fillCode,
			guard: "fetch failed", re: lazyRE(`fetch failed.*?\[cause\]: (.*)`),
			apply: func(o *observation, m []string) { setNetCodeByMessage(o, m[1]) },
		},
		{ // urllib3: Max retries exceeded with url: / (Caused by ConnectTimeoutError(...)) - the inner class decides
			fills: fillCode,
			guard: "(Caused by ", re: lazyRE(`\(Caused by ([A-Za-z]+)\(`),
			apply: func(o *observation, m []string) { setNetCode(o, m[1]) },
		},
		{ // aiohttp's exceptions that print a status: TooManyRedirects: 302, message='', url=...
			fills: fillCode,
			guard: "TooManyRedirects", re: lazyRE(`\b(TooManyRedirects): [1-5]\d\d\b`),
			apply: func(o *observation, m []string) { setNetCode(o, m[1]) },
		},
	},
	adjustPlan: func(p *RetryPlan, o *observation) {
		text := strings.ToLower(o.message + " " + o.code)
		for _, r := range netClassRules {
			if strings.Contains(text, r.needle) {
				p.Verdict = r.verdict
				p.Advice = r.advice
				return
			}
		}
	},
})

// setNetCode sets the code of the transport kind an error constant names (an alias in data/net.yaml), when it
// names exactly one.
func setNetCode(o *observation, name string) {
	var found *Entry
	ids := findNormalized(nameIndex[:], name)
	ids = append(ids[:len(ids):len(ids)], find(exceptionIndex[:], strings.ToLower(name))...) // never into the index
	for _, id := range ids {
		e := &entries[id]
		if e.Provider != netID {
			continue
		}
		if found != nil && found != e {
			return // "curl 28": a resolve, connect or read timeout; the message decides
		}
		found = e
	}
	if found != nil {
		setIfEmpty(&o.code, found.Code)
	}
}

// setNetCodeByMessage sets the code of the transport kind whose catalog message stands in s, and reports whether
// one does.
func setNetCodeByMessage(o *observation, s string) bool {
	m, ok := findMessageSpan(s)
	if !ok {
		return false
	}
	for _, e := range lookupMessage(m.text, Options{Providers: []string{netID}}) {
		setIfEmpty(&o.code, e.Entry.Code)
		return true
	}
	return false
}

// Advice for the two retryable classes of transport.csv.
const (
	netRetryAny        = "Nothing reached the server: retry any method with backoff; if it keeps failing, fix what the message names."
	netRetryIdempotent = "The server may have acted on the request: retry with backoff only if it is idempotent (GET, HEAD, PUT, DELETE) or carries an idempotency key."
	netNever           = "Do not retry unchanged; the same request fails the same way until the setting it names is fixed."
)

// netClassRules are the transport.csv rows whose retry class differs from their kind's (data/net.yaml), found by a
// lower-case fragment of the message: a reset or EOF during the TLS handshake (nothing was sent), a proxy that is
// down rather than misconfigured, an HTTP/2 stream the server refused, a browser that hides the cause.
var netClassRules = []struct {
	needle  string
	verdict Verdict
	advice  string
}{
	{"no such host", Never, netNever}, // proxyconnect tcp: dial tcp: lookup proxy: no such host
	{"nameresolutionerror", Never, netNever},
	{"35) recv failure", Backoff, netRetryAny},
	{"ssl_error_syscall", Backoff, netRetryAny},
	{"tls handshake timeout", Backoff, netRetryAny},
	{"err_tls_handshake_timeout", Backoff, netRetryAny},
	{"unexpected_eof_while_reading", Backoff, netRetryAny},
	{"disconnected before secure tls connection", Backoff, netRetryAny},
	{"remote host terminated the handshake", Backoff, netRetryAny},
	{"unexpected eof or 0 bytes from the transport stream", Backoff, netRetryAny},
	{"proxyconnect tcp", Backoff, netRetryAny},
	{"unable to connect to proxy', newconnectionerror", Backoff, netRetryAny},
	{"refused_stream", Backoff, netRetryAny},
	{"new streams cannot be created after receiving a goaway", Backoff, netRetryAny},
	{"transport received goaway from server errcode", Backoff, netRetryAny},
	{"network error", Backoff, "The browser hides the cause (DNS, refused, TLS, CORS, an ad-blocker): retry with backoff only if the request is idempotent, and check the browser console; a CORS or blocked request never succeeds."},
	{"failed to fetch", Backoff, "The browser hides the cause (DNS, refused, TLS, CORS, an ad-blocker): retry with backoff only if the request is idempotent, and check the browser console; a CORS or blocked request never succeeds."},
}
