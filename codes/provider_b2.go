// Backblaze B2 native API: how explain recognises its errors.

package codes

import "strings"

var b2Spec = register(&providerSpec{
	id: "b2",
	clues: []clue{
		{needle: "b2sdk", weight: 5, label: "b2sdk"},
		{needle: "B2Error", weight: 4, label: "b2sdk B2Error"},
		{needle: "blazer", weight: 3, label: "blazer (Go B2 client)"},
		{needle: "com.backblaze.b2", weight: 5, label: "B2 Java SDK"},
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
		{guard: "4_z", re: lazyRE(`\b4_z[0-9a-f]{24}_f[0-9a-f]{6,}_d\d{8}_m\d{6}_c\d{3}_v\d{7}_t\d{4}`), weight: 4, label: "a B2 file id"},
		// A B2 server name in a message: c<cluster>_v<version>_t<n>.
		{guard: "_v", re: lazyRE(`\bc\d{3}_v\d{7}_t\d{4}\b`), weight: 3, label: "a B2 server name"},
	},
	patterns: []sdkPattern{
		{ // rclone's B2 backend: "Invalid authorization token (401 bad_auth_token)"; the b2 CLI: "... (bad_auth_token)"
			fills: fillStatus | fillCode | fillMessage,
			guard: "_", also: "(", re: lazyRE(`(.*?)\s*\((?:([1-5]\d\d) )?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\)`),
			clue: "B2 client error",
			apply: func(o *observation, m []string) {
				if _, ok := Find("b2", m[3], 0); !ok {
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
			clue: "b2sdk-style error",
			apply: func(o *observation, m []string) {
				if _, ok := Find("b2", m[2], 0); !ok {
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
			clue: "blazer error",
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
		if o.upload && (o.status == 401 || o.status == 408 || o.status >= 500 || o.code == "auth_token_limit") {
			if o.status == 401 || o.code == "auth_token_limit" {
				p.Verdict = Refresh
			}
			p.Advice = "This was an upload: call b2_get_upload_url (or b2_get_upload_part_url) for a new upload URL and token, then retry the upload."
		}
	},
	onText: func(o *observation, s string) {
		if strings.Contains(s, "b2_upload_file") || strings.Contains(s, "b2_upload_part") {
			o.upload = true
		}
	},
})
