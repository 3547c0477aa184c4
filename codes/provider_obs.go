// Huawei Cloud OBS: how explain recognises its errors.

package codes

import "strings"

var _ = register(&providerSpec{
	id: "obs",
	clues: []clue{
		{needle: "obs: service returned error", weight: 6, label: "OBS Go SDK error", client: obsGo},
		{needle: "ObsException", weight: 6, label: "OBS Java SDK ObsException", client: obsJava},
		{needle: "com.obs.services", weight: 5, label: "OBS Java SDK", client: obsJava},
		{needle: "obs.client", weight: 3, label: "OBS Python SDK", client: obsPython},
		{needle: "esdk-obs-python", client: obsPython},
		{needle: "esdk-obs-java", client: obsJava}, // esdk-obs already counts,
		{needle: "huaweicloud-sdk-go-obs", weight: 5, label: "OBS Go SDK", client: obsGo},
		{needle: "obsclient", weight: 4, label: "the OBS SDK's ObsClient", fold: true},
		{needle: "esdk-obs", weight: 5, label: "OBS SDK"},
		{needle: "obsutil", weight: 5, label: "obsutil"},
		{needle: "OBS service Error Message", weight: 5, label: "OBS Java SDK error", client: obsJava},
		{needle: "Server: OBS", weight: 4, label: "Server: OBS"},
		{needle: "Request Error.", weight: 2, label: "OBS Java SDK error"},
		{needle: "Host ID:", weight: 2, label: "OBS Java SDK error layout"},
		{needle: "Response Code: ", weight: 1},
		{needle: "huaweicloud", weight: 2, fold: true},
		{needle: "OBS", weight: 3, label: "the word OBS", word: true},
		{needle: "Huawei", weight: 2, label: "the word Huawei", word: true},
		{needle: "obs://", weight: 3, label: "an obs:// URL"},
	},
	shapes: []shapeClue{
		// OBS request ids are 32 upper-case hex digits starting with zeros; other services use the shape too.
		{guard: "0000", match: hasOBSRequestID, weight: 1, label: "an OBS-shaped request id"},
	},
	patterns: []sdkPattern{
		{ // OBS Go SDK: obs: service returned error: Status=403 Forbidden, Code=SignatureDoesNotMatch, Message=..., RequestId=...
			fills: fillStatus | fillCode | fillMessage | fillRequestID,
			guard: "Code=", re: lazyRE(`Status=(\d{3})[^,]*, Code=([^,]*), Message=(.*?)(?:, RequestId=([^,\s"'\]]*)|$)`),
			clue: "OBS Go SDK error", client: obsGo,
			apply: setStatusCodeMessageID,
		},
		{ // obsutil: Status [403 Forbidden], Error code [AccessDenied], Error message [...], Request id [...]
			fills: fillStatus | fillCode | fillMessage | fillRequestID,
			guard: "rror code [", re: lazyRE(`(?i)status \[(\d{3})[^\]]*\].*?error code \[([^\]]*)\](?:.*?error message \[([^\]]*)\])?(?:.*?request id \[([^\]]*)\])?`),
			clue:  "obsutil error",
			apply: setStatusCodeMessageID,
		},
		{ // OBS Java SDK: ObsException [responseCode=403, errorCode=..., errorMessage=..., errorRequestId=...] and
			// "ResponseCode: 403, ResponseStatus: Forbidden, ... Error Code: NoSuchKey"
			fills: fillStatus,
			guard: "esponseCode", re: lazyRE(`(?i)responseCode[=:]\s*(\d{3})`),
			clue: "OBS Java SDK error", client: obsJava,
			apply: func(o *observation, m []string) { o.status = atoiStatus(m[1]) },
		},
	},
	hosts: []clue{
		{needle: "myhuaweicloud.com", weight: 2, label: "a Huawei Cloud host"},
		{needle: "myhuaweicloud.eu", weight: 2, label: "a Huawei Cloud host"},
		{needle: "otc.t-systems.com", weight: 2, label: "an Open Telekom Cloud host"},
	},
	headerClues: []headerClue{{name: "x-obs-", weight: 4, label: "x-obs-* headers"}},
	onHeaders: func(o *observation, h map[string]string) {
		if strings.EqualFold(strings.TrimSpace(h["server"]), "OBS") {
			o.addEvidence("obs", 4, "Server: OBS")
			if _, ok := h["x-amz-request-id"]; ok {
				o.addEvidence("obs", 1, "x-amz-* headers beside OBS markers")
			}
		}
	},
	bodyOrder: 4,
	bodyShape: func(o *observation, b bodyFields) bool {
		switch ec := b.n.get("errorCode"); {
		case b.code != nil && b.code.kind == 's' && b.n.get("request_id") != nil:
			o.addEvidence("obs", 2, "an OBS {code, message, request_id} body")
			return true
		case ec != nil && !isDigits(ec.text()) && b.n.get("errorMessage") != nil:
			// The OBS Python SDK's response dict: {'status', 'reason', 'errorCode', 'errorMessage', 'requestId'}.
			o.addEvidence("obs", 3, "an OBS SDK {errorCode, errorMessage} dict")
			o.addClient(obsPython)
			return true
		}
		return false
	},
	// No xmlBody: an XML <Error> body is S3's format, which OBS shares with every S3-compatible service; s3's
	// evidence yields to OBS's own marks (its request id, headers, hosts, clients).
	// OBS's SDKs make about three attempts with short growing sleeps.
	backoff:       []float64{1, 2, 4},
	s3Flag:        true,
	compatibleAPI: true, // OBS's API is S3-compatible
	s3Only:        "OBS only; AWS S3 has no such code",
	clients: []clientSpec{
		{name: obsGo, behaviour: func(o *observation) (bool, string, bool) {
			return obsClientDoes(obsGo, "random waits of up to 2, 3 and 4 s", o)
		}},
		{name: obsPython, behaviour: func(o *observation) (bool, string, bool) {
			return obsClientDoes(obsPython, "waits of 0.2, 0.4 and 0.8 s", o)
		}},
		{name: obsJava, behaviour: func(o *observation) (bool, string, bool) {
			return obsClientDoes(obsJava, "waits of 100, 200 and 400 ms", o)
		}},
	},
	onHost: func(o *observation, lowerURL string) {
		if strings.Contains(lowerURL, "obs.") || strings.Contains(lowerURL, "obs-") {
			o.addEvidence("obs", 2, "an OBS endpoint")
		}
	},
})

// hasOBSRequestID reports whether s holds a word of 32 upper-case hex digits that starts with "0000".
func hasOBSRequestID(s string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], "0000")
		if i < 0 {
			return false
		}
		i += from
		from = i + 1
		if i > 0 && isAlnumByte(s[i-1]) || i+32 > len(s) || (i+32 < len(s) && isAlnumByte(s[i+32])) {
			continue
		}
		ok := true
		for _, c := range []byte(s[i : i+32]) {
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
}

// The official OBS SDKs (huaweicloud-sdk-go-obs, esdk-obs-python, esdk-obs-java).
const (
	obsGo     = "OBS Go SDK"
	obsPython = "OBS Python SDK"
	obsJava   = "OBS Java SDK"
)

// obsClientDoes says what an official OBS SDK does by itself with the failure observed, as the SDK sources
// summarised in the reference show (huaweicloud-sdk-go-obs 745aa98, -python-obs 14032dc, -java-obs 1e4e5b7).
func obsClientDoes(name, sleeps string, o *observation) (bool, string, bool) {
	code := strings.ToLower(o.code)
	java := name == obsJava
	name = "The " + name
	switch {
	case o.status >= 500:
		return true, name + " retries every 5xx (SlowDown and 501 included) 3 times by itself, with " + sleeps + ".", true
	case java && code == "requesttimeout":
		return true, name + " retries RequestTimeout 3 times by itself, with no wait between attempts.", true
	case java && code == "requesttimetooskewed":
		return true, name + " corrects its clock offset from the server's time and retries by itself.", true
	case o.status >= 400 && java:
		return false, name + " treats this 4xx as final and does not retry it.", true
	case o.status >= 400:
		return false, name + " treats every 4xx as final (TooManyRequests, OperationAborted and RequestTimeout included) and does not retry it.", true
	}
	return false, "", false
}
