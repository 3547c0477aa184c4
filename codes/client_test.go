package codes

import (
	"strings"
	"testing"
)

// TestClientBehaviour checks, per client, what the finding says the client already does, against the facts of
// shared/reference/README.md ("Retry behaviour of the official clients").
func TestClientBehaviour(t *testing.T) {
	cases := []struct {
		name, in string
		client   string // "" wants no client line
		retries  bool
		detail   string // a fragment of Client.Detail
		verdict  Verdict
		advice   string // a fragment of the advice, "" for none
	}{
		// B2: "401 unauthorized on an upload: all three SDKs get a new upload URL and retry".
		{"b2sdk 401 upload", "b2sdk._internal.exception.Unauthorized: Not authorized (unauthorized) during b2_upload_file",
			"b2sdk", true, "new upload URL", Refresh, "b2_get_upload_url"},
		{"blazer 401 upload", "blazer: b2_upload_file: 401: unauthorized",
			"blazer", true, "new upload URL", Refresh, ""},
		{"java 401 upload", "com.backblaze.b2.client.exceptions.B2UnauthorizedException: <B2Exception 401 unauthorized: Not authorized> on b2_upload_part",
			"b2-sdk-java", true, "new upload URL", Refresh, ""},
		// "Java and blazer also re-authorise and retry a 401 on other calls"; b2sdk does not for unauthorized.
		{"java 401 list", "com.backblaze.b2.client.exceptions.B2UnauthorizedException: <B2Exception 401 unauthorized: Not authorized>",
			"b2-sdk-java", true, "authorises again", Never, ""},
		{"b2sdk 401 unauthorized list", "b2sdk._internal.exception.Unauthorized: Not authorized (unauthorized)",
			"b2sdk", false, "does not retry a 401 unauthorized", Never, ""},
		{"b2sdk expired token", "b2sdk._internal.exception.InvalidAuthToken: Invalid authorization token. Server said: Authorization token has expired (expired_auth_token)",
			"b2sdk", true, "authorises again", Refresh, ""},
		// "400 auth_token_limit: b2sdk and Java do not retry; blazer gets a new upload URL for b2_upload_file only."
		{"b2sdk auth_token_limit", "b2sdk._internal.exception.UploadTokenUsedConcurrently: More than one concurrent upload using auth token 4_abc (auth_token_limit) in b2_upload_file",
			"b2sdk", false, "does not retry auth_token_limit", Refresh, ""},
		{"blazer auth_token_limit file", "blazer: b2_upload_file: 400: more than one upload using auth token 4_abc",
			"blazer", true, "b2_upload_file only", Refresh, ""},
		{"blazer auth_token_limit part", "blazer: b2_upload_part: 400: more than one upload using auth token 4_abc",
			"blazer", false, "only for b2_upload_file", Refresh, ""},
		// "408: Java backs off; blazer only renews upload URLs; b2sdk does not retry it."
		{"b2sdk 408", "b2sdk._internal.exception.B2RequestTimeout: 408 request_timeout The service timed out reading the uploaded file",
			"b2sdk", false, "does not retry a 408", Backoff, ""},
		{"java 408", "com.backblaze.b2.client.exceptions.B2RequestTimeoutException: <B2Exception 408 request_timeout: timed out>",
			"b2-sdk-java", true, "backs off", Backoff, ""},
		{"blazer 408 list", "blazer: b2_list_file_names: 408: request timeout",
			"blazer", false, "only on uploads", Backoff, ""},
		// "409 conflict: no SDK retries."
		{"b2sdk 409", "b2sdk error: 409 conflict: The bucket revision changed",
			"b2sdk", false, "does not retry a conflict", Refresh, ""},
		// "429: b2sdk multiplies the wait by 1.5 up to 64 s, but does not retry a 429 on uploads."
		{"b2sdk 429", "b2sdk._internal.exception.TooManyRequests: 429 too_many_requests Too many requests",
			"b2sdk", true, "1.5", Wait, ""},
		{"b2sdk 429 upload", "b2sdk._internal.exception.TooManyRequests: 429 too_many_requests Too many requests (b2_upload_file)",
			"b2sdk", false, "does not retry a 429 on uploads", Wait, ""},
		// "A 401 bad_auth_token from b2_authorize_account itself means the key is wrong."
		{"b2 authorize bad token", "blazer: b2_authorize_account: 401: bad_auth_token: Invalid authorization token",
			"", false, "", Never, "Check the key"},
		{"b2 cli authorize", "ERROR: unable to authorize account: Invalid authorization token (bad_auth_token)",
			"", false, "", Never, "Check the key"},

		// OBS: "Go and Python treat every 4xx as final ...; every status >= 500 is retried 3 times".
		{"obs go 429", "obs: service returned error: Status=429 Too Many Requests, Code=TooManyRequests, Message=Too many requests, RequestId=0000019AC477F767F5834DA4FE3CBA67",
			"OBS Go SDK", false, "every 4xx as final", Wait, ""},
		{"obs go 503", "obs: service returned error: Status=503 Service Unavailable, Code=SlowDown, Message=Please reduce your request rate., RequestId=0000019AC477F767F5834DA4FE3CBA67",
			"OBS Go SDK", true, "up to 2, 3 and 4 s", Wait, ""},
		{"obs python 500", "{'status': 500, 'reason': 'Internal Server Error', 'errorCode': 'InternalError', 'errorMessage': 'We encountered an internal error. Please try again.', 'requestId': '0000019AC477F767F5834DA4FE3CBA67'}",
			"OBS Python SDK", true, "0.2, 0.4 and 0.8 s", Backoff, ""},
		{"obs java RequestTimeout", "com.obs.services.exception.ObsException: Error message:Request Error. OBS service Error Message. -- ResponseCode: 400, ResponseStatus: Bad Request, Error Code: RequestTimeout, Error Message: Your socket connection to the server was not read from or written to within the timeout period.",
			"OBS Java SDK", true, "3 times by itself, with no wait", Backoff, ""},
		{"obs java skewed", "com.obs.services.exception.ObsException: Error message:Request Error. OBS service Error Message. -- ResponseCode: 403, ResponseStatus: Forbidden, Error Code: RequestTimeTooSkewed, Error Message: The difference between the request time and the server's time is too large.",
			"OBS Java SDK", true, "clock offset", Refresh, ""},
		{"obs java 502", "com.obs.services.exception.ObsException: Error message:Request Error. OBS service Error Message. -- ResponseCode: 502, ResponseStatus: Bad Gateway, Error Code: InternalError",
			"OBS Java SDK", true, "100, 200 and 400 ms", Backoff, ""},

		// Discord: "discord.js retries every 5xx 3 times with no delay by default (retryBackoff: 0), 501 included;
		// discord.py retries only 500, 502, 504 and 524 (a 503 fails at once)."
		{"discord.js 503", "HTTPError: Service Unavailable\n    at SequentialHandler.runRequest (/app/node_modules/@discordjs/rest/dist/index.js:1013:15) {\n  status: 503,\n  method: 'POST',\n  url: 'https://discord.com/api/v10/channels/1041356245219868733/messages'\n}\n",
			"discord.js", true, "3 times by itself, with no delay", Backoff, "may have run before it failed"},
		{"discord.py 503", "discord.errors.DiscordServerError: 503 Service Unavailable (error code: 0): upstream connect error",
			"discord.py", false, "does not retry a 503", Backoff, ""},
		{"discord.py 502", "discord.errors.DiscordServerError: 502 Bad Gateway (error code: 0): Bad Gateway",
			"discord.py", true, "retries a 502", Backoff, ""},
		{"discord.js 50013", "DiscordAPIError[50013]: Missing Permissions",
			"discord.js", false, "does not retry this 4xx", Never, ""},
		{"discord.py 429", "discord.errors.HTTPException: 429 Too Many Requests (error code: 0): You are being rate limited.",
			"discord.py", true, "waits the retry_after", Wait, ""},
		// A client the reference says nothing about: no client line.
		{"JDA", "net.dv8tion.jda.api.exceptions.ErrorResponseException: 50013: Missing Permissions",
			"", false, "", Never, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := explainOne(t, c.in)
			if f.Retry.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s (advice %q)", f.Retry.Verdict, c.verdict, f.Retry.Advice)
			}
			if c.advice != "" && !strings.Contains(f.Retry.Advice, c.advice) {
				t.Errorf("advice %q lacks %q", f.Retry.Advice, c.advice)
			}
			cl := f.Retry.Client
			switch {
			case c.client == "" && cl != nil:
				t.Errorf("client %+v, want none", *cl)
			case c.client == "":
			case cl == nil:
				t.Errorf("no client, want %s (clues %v)", c.client, f.Clues)
			case cl.Name != c.client || cl.Retries != c.retries || !strings.Contains(cl.Detail, c.detail):
				t.Errorf("client %+v, want %s retries=%v detail containing %q", *cl, c.client, c.retries, c.detail)
			}
		})
	}
}

func explainOne(t *testing.T, in string) Finding {
	t.Helper()
	rep, err := Explain(strings.NewReader(in), ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := rep.Primary()
	if !ok {
		t.Fatalf("no finding in %q", in)
	}
	return f
}

// TestDiscordBanAndScope: a shared-scope 429 does not count towards the IP ban; a ban is never "wait 1 s".
func TestDiscordBanAndScope(t *testing.T) {
	const sharedHeaders = "HTTP/2 429 \ncontent-type: application/json\nretry-after: 5\nx-ratelimit-scope: shared\nvia: 1.1 google\nserver: cloudflare\n\n"
	cases := []struct {
		name, in string
		verdict  Verdict
		has      []string
		hasNot   []string
	}{
		{"shared scope", sharedHeaders + `{"message": "The resource is being rate limited.", "retry_after": 4.2, "global": false}`,
			Wait, []string{"Wait 4.2 s", "does not count against your token"}, []string{"IP ban"}},
		{"user scope keeps the ban note", strings.Replace(sharedHeaders, "shared", "user", 1) + `{"message": "You are being rate limited.", "retry_after": 4.2, "global": false}`,
			Wait, []string{"Wait 4.2 s", "IP ban"}, nil},
		{"1015 page", "discord bot login failed: error code: 1015",
			Never, []string{"IP ban", "stop every request", "about an hour"}, []string{"1 s"}},
		{"1015 with Retry-After", "$ curl -si https://discord.com/api/v10/gateway/bot\nHTTP/2 429 \ncontent-type: text/plain\nretry-after: 30\nserver: cloudflare\n\nerror code: 1015\n",
			Never, []string{"about an hour", "can understate"}, []string{"Wait 30"}},
		{"no Via in a transcript", "$ curl -si https://discord.com/api/v10/users/@me\nHTTP/2 429 \ncontent-type: application/json\nserver: cloudflare\ncf-ray: 8e2ab0d2e5f61822-FRA\n\n" +
			`{"message": "You are being rate limited.", "retry_after": 1, "global": false}`,
			Never, []string{"without the Via header", "about an hour"}, []string{"Wait 1 s"}},
		{"temporarily blocked", "HTTP/2 429 \ncontent-type: application/json\nvia: 1.1 google\n\n" +
			`{"message": "You are being blocked from accessing our API temporarily due to exceeding our rate limits frequently. Please read our docs at https://discord.com/developers/docs/topics/rate-limits to prevent this moving forward.", "code": 0}`,
			Never, []string{"temporarily blocked", "about an hour"}, []string{"Suggested delays"}},
		{"40333", `discord: {"message": "internal network error", "code": 40333}`,
			Never, []string{"40333", "User-Agent", "about an hour"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := explainOne(t, c.in)
			if f.Retry.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s (advice %q)", f.Retry.Verdict, c.verdict, f.Retry.Advice)
			}
			for _, s := range c.has {
				if !strings.Contains(f.Retry.Advice, s) {
					t.Errorf("advice %q lacks %q", f.Retry.Advice, s)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(f.Retry.Advice, s) {
					t.Errorf("advice %q has %q", f.Retry.Advice, s)
				}
			}
		})
	}
}

// TestIdempotencyWording: with the method visible, a failure that may have run says when a retry is safe.
func TestIdempotencyWording(t *testing.T) {
	const notIdem, idem = "retry only if it is idempotent", "which is idempotent: repeating it is safe"
	cases := []struct {
		name, in, want, not string
	}{
		{"curl > POST 502", "> POST /api/v10/channels/1041356245219868733/messages HTTP/2\n> Host: discord.com\n>\n< HTTP/2 502 \n< content-type: application/json\n<\n" +
			`{"message": "502: Bad Gateway", "code": 0}`, notIdem, idem},
		{"on POST /path", "Error: 500 Internal Server Error on POST /b2api/v3/b2_copy_file", notIdem, ""},
		{"method: 'post'", "AxiosError: Request failed with status code 503 { method: 'post', url: 'https://api005.backblazeb2.com/b2api/v3/b2_list_file_names' }", notIdem, ""},
		{"GET is safe", "> GET /b2api/v3/b2_list_buckets HTTP/1.1\n> Host: api005.backblazeb2.com\n>\n< HTTP/1.1 503 Service Unavailable\n<\n" +
			`{"status": 503, "code": "service_unavailable", "message": "Service temporarily unavailable"}`, idem, notIdem},
		{"no method, no sentence", `{"status": 503, "code": "service_unavailable", "message": "Service temporarily unavailable"}`, "", "idempotent"},
		{"4xx says nothing", "> POST /b2api/v3/b2_list_buckets HTTP/1.1\n>\n< HTTP/1.1 400 Bad Request\n<\n" +
			`{"status": 400, "code": "bad_request", "message": "bad"}`, "", "idempotent"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := explainOne(t, c.in)
			if c.want != "" && !strings.Contains(f.Retry.Advice, c.want) {
				t.Errorf("advice %q lacks %q", f.Retry.Advice, c.want)
			}
			if c.not != "" && strings.Contains(f.Retry.Advice, c.not) {
				t.Errorf("advice %q has %q", f.Retry.Advice, c.not)
			}
		})
	}
}
