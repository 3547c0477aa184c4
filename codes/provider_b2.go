// Backblaze B2 native API: how explain recognises its errors.

package codes

import "strings"

// The shapes of B2's identifiers (see idShape): a file id or large-file upload id,
// \b4_z[0-9a-f]{24}_f[0-9a-f]{6,}_d\d{8}_m\d{6}_c\d{3}_v\d{7}_t\d{4}, and a server name,
// \bc\d{3}_v\d{7}_t\d{4}\b.
var (
	b2FileID = newIDShape(true, false, shapeLit("4_z"), shapeRun(lowerHexClass, 24, 24),
		shapeLit("_f"), shapeRun(lowerHexClass, 6, 0), shapeLit("_d"), shapeRun(digitClass, 8, 8),
		shapeLit("_m"), shapeRun(digitClass, 6, 6), shapeLit("_c"), shapeRun(digitClass, 3, 3),
		shapeLit("_v"), shapeRun(digitClass, 7, 7), shapeLit("_t"), shapeRun(digitClass, 4, 4))
	b2ServerName = newIDShape(true, true, shapeLit("c"), shapeRun(digitClass, 3, 3),
		shapeLit("_v"), shapeRun(digitClass, 7, 7), shapeLit("_t"), shapeRun(digitClass, 4, 4))
)

var _ = register(&providerSpec{
	id: "b2",
	// B2 has an S3-compatible API beside its native one.
	compatibleAPI: true,
	clues: []clue{
		{needle: "b2sdk", weight: 5, label: "b2sdk", client: b2sdk},
		{needle: "B2Error", weight: 4, label: "b2sdk B2Error", client: b2sdk},
		{needle: "blazer", weight: 3, label: "blazer (Go B2 client)", client: blazer},
		{needle: "com.backblaze.b2", weight: 5, label: "B2 Java SDK", client: b2Java},
		{needle: "b2-sdk-java", weight: 5, label: "B2 Java SDK", client: b2Java},
		// The Java SDK prints its exceptions as <B2Exception 401 unauthorized: ...>.
		{needle: "<B2Exception ", client: b2Java},
		{needle: "B2Exception", weight: 4, label: "a B2 client exception"},
		{needle: "b2_authorize_account", weight: 3, label: "a B2 API call name"},
		{needle: "b2_upload_file", weight: 3, label: "a B2 API call name"},
		{needle: "b2_upload_part", weight: 3, label: "a B2 API call name"},
		{needle: "b2_", weight: 1},
		{needle: "/b2api/", weight: 4, label: "a B2 API path (/b2api/)"},
		{needle: "backblaze", weight: 3, label: "the word Backblaze", word: true, fold: true},
		{needle: "B2", weight: 2, label: "the word B2", word: true},
		{needle: "b2:", weight: 1, label: "a b2: remote"},
	},
	shapes: []shapeClue{
		// A B2 file id or large-file upload id: 4_z<bucket id>_f<hex>_d<date>_m<time>_c<cluster>_v<version>_t<n>.
		{guard: "4_z", match: b2FileID.matches, weight: 4, label: "a B2 file id"},
		// A B2 server name in a message: c<cluster>_v<version>_t<n>.
		{guard: "_v", match: b2ServerName.matches, weight: 3, label: "a B2 server name"},
	},
	patterns: []sdkPattern{
		{ // rclone's B2 backend: "Invalid authorization token (401 bad_auth_token)"; the b2 CLI: "... (bad_auth_token)"
			fills: fillStatus | fillCode | fillMessage,
			guard: "_", also: "(", re: lazyRE(`(.*?)\s*\((?:([1-5]\d\d) )?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\)`),
			pre:  parenSnakeCode,
			clue: "B2 client error",
			apply: func(o *observation, m []string) {
				if _, ok := findEntry("b2", m[3], 0); !ok {
					return
				}
				if st := atoiStatus(m[2]); st != 0 {
					o.status = st
				}
				setIfEmpty(&o.code, m[3])
				if i := strings.LastIndex(m[1], ": "); i >= 0 {
					m[1] = m[1][i+2:]
				}
				setIfEmpty(&o.message, m[1])
			},
		},
		{ // b2sdk and the b2 CLI: ServiceError: 503 service_unavailable Service temporarily unavailable
			fills: fillStatus | fillCode | fillMessage,
			guard: "_", re: lazyRE(`\b([1-5]\d\d)(?: | - )([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b:?\s*(.*)`),
			pre:  statusThenSnakeCode,
			clue: "b2sdk-style error", client: b2sdk,
			apply: func(o *observation, m []string) {
				if _, ok := findEntry("b2", m[2], 0); !ok {
					return // "200 user_created" in an access log is not a B2 error
				}
				o.status = atoiStatus(m[1])
				setIfEmpty(&o.code, m[2])
				setIfEmpty(&o.message, m[3])
			},
		},
		{ // blazer (restic's B2 client): b2_upload_file: 503: service unavailable
			fills: fillStatus | fillMessage,
			guard: "b2_", re: lazyRE(`(b2_[a-z_]+): ([1-5]\d\d):(?: (.*))?`),
			clue: "blazer error", client: blazer,
			apply: func(o *observation, m []string) {
				if o.status == 0 {
					o.status = atoiStatus(m[2])
				}
				setIfEmpty(&o.message, m[3])
			},
		},
	},
	hosts: []clue{
		{needle: "backblazeb2.com", weight: 4, label: "a Backblaze host"},
		{needle: "backblaze.com", weight: 4, label: "a Backblaze host"},
	},
	onHost: func(o *observation, lowerURL string) {
		if strings.Contains(lowerURL, "b2_upload_file") || strings.Contains(lowerURL, "b2_upload_part") || strings.Contains(lowerURL, "pod-") {
			o.upload = true
		}
	},
	headerClues: []headerClue{{name: "x-bz-", weight: 4, label: "x-bz-* headers"}},
	bodyOrder:   2,
	bodyShape: func(o *observation, b bodyFields) bool {
		// B2's body is exactly {"status", "code", "message"}; an SDK dict with errorCode is another provider's.
		if b.status != nil && b.status.kind == 'n' && b.code != nil && b.code.kind == 's' && b.msg != nil &&
			b.n.get("code") != nil {
			o.addEvidence("b2", 4, "a {status, code, message} body")
			return true
		}
		return false
	},
	// B2's SDKs start near 1 s and cap near 64 s.
	backoff: []float64{1, 2, 4, 8, 16, 32, 64},
	adjustPlan: func(p *RetryPlan, o *observation) {
		if o.call == b2Authorize && o.status == 401 && o.code != "unsupported" {
			// The reference: a 401 from b2_authorize_account itself means the key is wrong; authorising again
			// with the same key cannot help.
			p.Verdict = Never
			p.Advice = "This was b2_authorize_account itself: the application key ID or key is wrong, revoked or deleted, so authorising again will not help. Check the key (and that its ID and secret belong together), then retry once."
			return
		}
		if o.upload && (o.status == 401 || o.status == 408 || o.status >= 500 || b2TokenLimit(o)) {
			if o.status == 401 || b2TokenLimit(o) {
				p.Verdict = Refresh
			}
			p.Advice = "This was an upload: call b2_get_upload_url (or b2_get_upload_part_url) for a new upload URL and token, then retry the upload."
		}
	},
	textGuards: []string{"b2_", "authorize account"}, // what onText returns at once without
	onText: func(o *observation, s string) {
		if !strings.Contains(s, "b2_") && !strings.Contains(s, "authorize account") {
			return
		}
		switch {
		case strings.Contains(s, "b2_upload_file"):
			o.upload, o.call = true, "b2_upload_file"
		case strings.Contains(s, "b2_upload_part"):
			o.upload, o.call = true, "b2_upload_part"
		case strings.Contains(s, b2Authorize) || strings.Contains(s, "unable to authorize account"):
			// The b2 CLI says "ERROR: unable to authorize account: ..." for a failed b2_authorize_account.
			setIfEmpty(&o.call, b2Authorize)
		}
	},
	clients: []clientSpec{
		{name: b2sdk, behaviour: func(o *observation) (bool, string, bool) { return b2ClientDoes(b2sdk, o) }},
		{name: b2Java, behaviour: func(o *observation) (bool, string, bool) { return b2ClientDoes(b2Java, o) }},
		{name: blazer, behaviour: func(o *observation) (bool, string, bool) { return b2ClientDoes(blazer, o) }},
	},
})

// The official B2 clients explain knows the retry behaviour of.
const (
	b2sdk  = "b2sdk"       // b2-sdk-python, also inside the b2 command-line tool
	b2Java = "b2-sdk-java" // com.backblaze.b2
	blazer = "blazer"      // the Go client (restic's B2 backend)

	b2Authorize = "b2_authorize_account"
)

// b2ClientDoes says what an official B2 client does by itself with the failure observed, as the SDK sources
// summarised in the reference show (b2-sdk-python bace8e3, b2-sdk-java c3576f6, blazer aaacf80).
func b2ClientDoes(name string, o *observation) (bool, string, bool) {
	switch st := o.status; {
	case st == 401 && o.call == b2Authorize:
		return false, "", false // the reference says what the failure means, not what each client does with it
	case st == 401 && o.upload:
		return true, name + " gets a new upload URL and token and retries the upload by itself.", true
	case st == 401 && name != b2sdk:
		return true, name + " authorises again and retries a 401 on calls other than uploads by itself.", true
	case st == 401 && (o.code == "bad_auth_token" || o.code == "expired_auth_token"):
		return true, "b2sdk authorises again and retries by itself when the token is bad or expired.", true
	case st == 401:
		return false, "b2sdk does not retry a 401 " + o.code + " outside uploads; it raises it to your code.", o.code != ""
	case b2TokenLimit(o):
		if name == blazer {
			if o.call == "b2_upload_file" {
				return true, "blazer gets a new upload URL and retries (it does so for b2_upload_file only).", true
			}
			return false, "blazer gets a new upload URL and retries auth_token_limit only for b2_upload_file, not for other calls.", true
		}
		return false, name + " does not retry auth_token_limit; your code must get a new upload URL and retry.", true
	case st == 408:
		switch {
		case name == b2Java:
			return true, "b2-sdk-java backs off and retries a 408 by itself.", true
		case name == blazer && o.upload:
			return true, "blazer gets a new upload URL and retries the upload by itself.", true
		case name == blazer:
			return false, "blazer retries a 408 only on uploads (with a new upload URL); this call fails to your code.", true
		}
		return false, "b2sdk does not retry a 408; your code must back off and retry.", true
	case st == 409:
		return false, name + " does not retry a conflict: re-read the state, then retry, is up to your code.", true
	case st == 429:
		if name == b2sdk {
			if o.upload {
				return false, "b2sdk does not retry a 429 on uploads; your code must wait and retry.", true
			}
			return true, "b2sdk waits and retries by itself, multiplying the wait by 1.5 each time up to 64 s.", true
		}
		return true, name + " backs off (from about 1 s up to 64 s, honouring Retry-After) and retries by itself.", true
	case st >= 500 && o.upload:
		return true, name + " gets a new upload URL and token and retries the upload by itself.", true
	case st == 500 || st == 503:
		return true, name + " backs off (from about 1 s up to 64 s, honouring Retry-After) and retries by itself.", true
	case st >= 400 && st < 500:
		return false, name + " treats this error as final and does not retry it.", true
	}
	return false, "", false
}

// b2TokenLimit reports whether the failure is auth_token_limit: by its code, or by the message blazer matches
// ("more than one upload using auth token", sent with bad_request before 2022).
func b2TokenLimit(o *observation) bool {
	return o.code == "auth_token_limit" || strings.HasPrefix(strings.ToLower(o.message), "more than one upload using auth token")
}
