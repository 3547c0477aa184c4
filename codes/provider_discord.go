// Discord: how explain recognises its errors.

package codes

import (
	"strconv"
	"strings"
)

// Discord API paths with a snowflake id (see idShape): \bchannels/\d{17,20}/ and the same for guilds and
// webhooks.
var (
	discordChannelsPath = newIDShape(true, false, shapeLit("channels/"), shapeRun(digitClass, 17, 20), shapeLit("/"))
	discordGuildsPath   = newIDShape(true, false, shapeLit("guilds/"), shapeRun(digitClass, 17, 20), shapeLit("/"))
	discordWebhooksPath = newIDShape(true, false, shapeLit("webhooks/"), shapeRun(digitClass, 17, 20), shapeLit("/"))
)

var _ = register(&providerSpec{
	id: "discord",
	clues: []clue{
		{needle: "DiscordAPIError", weight: 5, label: "discord.js DiscordAPIError", client: discordJS},
		{needle: "discord.errors.", weight: 5, label: "discord.py exception", client: discordPy},
		{needle: "(error code: ", weight: 3, label: "discord.py error format", client: discordPy},
		{needle: "net.dv8tion.jda", weight: 5, label: "JDA"},
		{needle: "ErrorResponseException", weight: 3, label: "JDA ErrorResponseException", word: true},
		{needle: "[JDA ", weight: 3, label: "JDA"},
		{needle: "RestRateLimiter", weight: 4, label: "JDA rate limiter"},
		{needle: "discord.js", weight: 3, label: "discord.js", client: discordJS},
		{needle: "@discordjs/rest", weight: 4, label: "discord.js", client: discordJS},
		{needle: "discord.py", client: discordPy}, // the word Discord already counts,
		{needle: "discordgo", weight: 3, label: "discordgo"},
		{needle: "DiscordRESTError", weight: 5, label: "Eris DiscordRESTError"},
		{needle: "DiscordHTTPError", weight: 5, label: "Eris DiscordHTTPError"},
		{needle: "HTTPException", weight: 1},
		{needle: "discord", weight: 3, label: "the word Discord", word: true, fold: true},
		{needle: "Kord", weight: 2, label: "Kord (Kotlin Discord client)", word: true},
		{needle: "nostrum", weight: 3, label: "nostrum (Elixir Discord client)", word: true},
		{needle: "/gateway/bot", weight: 3, label: "a Discord API path"},
	},
	shapes: []shapeClue{
		{guard: "/api/v", re: lazyRE(`/api/v(?:[6-9]|10)/(?:channels|guilds|webhooks|users|applications|interactions|gateway|invites)\b`), weight: 4, label: "a Discord API path"},
		{guard: "channels/", match: discordChannelsPath.matches, weight: 3, label: "a Discord API path"},
		{guard: "guilds/", match: discordGuildsPath.matches, weight: 3, label: "a Discord API path"},
		{guard: "webhooks/", match: discordWebhooksPath.matches, weight: 3, label: "a Discord API path"},
	},
	patterns: []sdkPattern{
		{ // discord.js: DiscordAPIError[50013]: Missing Permissions
			fills: fillCode | fillMessage,
			guard: "DiscordAPIError", re: lazyRE(`DiscordAPIError(?:\[(\d+)\])?:\s*(.+)`),
			clue: "discord.js DiscordAPIError", client: discordJS,
			apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]); setIfEmpty(&o.message, m[2]) },
		},
		{ // discord.py: 403 Forbidden (error code: 50013): Missing Permissions
			fills: fillStatus | fillCode | fillMessage,
			guard: "(error code:", re: lazyRE(`\b([1-5]\d\d) [A-Za-z][A-Za-z ]*?\s*\(error code: (\d+)\)(?::\s*(.*))?`),
			clue: "discord.py error", client: discordPy,
			apply: func(o *observation, m []string) {
				o.status = atoiStatus(m[1])
				setIfEmpty(&o.code, m[2])
				setIfEmpty(&o.message, m[3])
			},
		},
		{ // Discord.Net: HttpException: The server responded with error 50013: Missing Permissions; a plain HTTP
			// error is "error 404: 404: Not Found", a status and no code.
			fills: fillStatus | fillCode | fillMessage,
			guard: "responded with error", re: lazyRE(`responded with error (\d+):\s*(.+)`),
			clue: "Discord.Net HttpException",
			apply: func(o *observation, m []string) {
				if st := atoiStatus(m[1]); st != 0 {
					if o.status == 0 {
						o.status = st
					}
				} else {
					setIfEmpty(&o.code, m[1])
				}
				setIfEmpty(&o.message, m[2])
			},
		},
		{ // JDA: ErrorResponseException: 50013: Missing Permissions
			fills: fillCode | fillMessage,
			guard: "ErrorResponseException", re: lazyRE(`ErrorResponseException\]?:?\s*(\d+):\s*(.+)`),
			clue:  "JDA ErrorResponseException",
			apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]); setIfEmpty(&o.message, m[2]) },
		},
	},
	hosts: []clue{
		{needle: "discord.com", weight: 4, label: "a discord.com API URL"},
		{needle: "discordapp.com", weight: 4, label: "a discord.com API URL"},
	},
	headerClues: []headerClue{
		{name: "x-ratelimit-bucket", weight: 3, label: "Discord rate-limit headers"},
		{name: "x-ratelimit-scope", weight: 3, label: "Discord rate-limit headers"},
		{name: "x-ratelimit-global", weight: 3, label: "Discord rate-limit headers"},
		{name: "x-ratelimit-reset-after", weight: 1},
	},
	bodyOrder: 3,
	bodyShape: func(o *observation, b bodyFields) bool {
		switch {
		case b.code != nil && b.code.kind == 'n' && b.msg != nil:
			o.addEvidence("discord", 3, "a {message, code} body with a numeric code")
			if b.n.get("errors") != nil || b.n.get("retry_after") != nil || b.n.get("global") != nil {
				o.addEvidence("discord", 2, "")
			}
			return true
		case b.n.get("retry_after") != nil && (b.n.get("global") != nil || b.msg != nil):
			o.addEvidence("discord", 4, "a Discord rate-limit body (retry_after, global)")
			if b.code == nil && b.status == nil && o.status == 0 {
				o.status = 429 // the rate-limit body has no code of its own: it is the 429, never a code its message resembles
			}
			return true
		}
		return false
	},
	// Code 0 is a catch-all that says "look at the status": the status entry explains it better.
	adjustEntry: func(e *Entry, o *observation) *Entry {
		if e.Code == "0" && o.status != 0 {
			if se, ok := statusEntry("discord", o.status); ok {
				return se
			}
		}
		return e
	},
	// discord.js retries 5xx up to 3 times.
	backoff: []float64{1, 2, 4},
	adjustPlan: func(p *RetryPlan, o *observation) {
		if why := discordBan(o); why != "" {
			// An IP ban answers every request until it lapses, and every request meanwhile extends it: no
			// delay the response gives is the one to wait.
			p.Verdict = Never
			p.Advice = "This is an IP ban (" + why + "), not a rate limit: stop every request from this IP, since each one extends the ban, and wait about an hour before trying again (bans last an hour, sometimes a day). Then find the burst of 401, 403 or 429 responses that caused it."
			if o.code == "40333" {
				p.Advice += " Send a proper User-Agent, such as \"DiscordBot (https://your.site, 1.0)\"."
			}
			if ra := o.headers["retry-after"]; ra != "" {
				p.Advice += " The Retry-After (" + clip(ra, 20) + ") on a ban is Cloudflare's default and can understate it."
			}
			return
		}
		if o.status == 429 || (o.status == 202 && o.hasRetryAfterBody) {
			p.Verdict = Wait
		}
	},
	scope: func(o *observation) string {
		switch {
		case o.global:
			return "global"
		case o.headers["x-ratelimit-scope"] != "":
			return strings.ToLower(printable(o.headers["x-ratelimit-scope"], 32))
		case o.headers["x-ratelimit-bucket"] != "":
			// Discord's bucket ids are short hex strings; the header is input, so it is cleaned and cut.
			return "bucket " + printable(o.headers["x-ratelimit-bucket"], 64)
		}
		return ""
	},
	waitNote:   "Repeated 429s count towards Discord's temporary IP ban.",
	delayUnits: discordDelayUnits,
	clients: []clientSpec{
		{name: discordJS, behaviour: discordJSDoes},
		{name: discordPy, behaviour: discordPyDoes},
	},
	textGuards: []string{"/api/", "error code: 1015", "Error 1015"}, // every mark onText reads holds one
	onText: func(o *observation, s string) {
		if o.apiVersion == 0 && strings.Contains(s, "/api/") {
			if m := discordRoute.FindStringSubmatch(s); m != nil {
				o.apiVersion = 6 // an unversioned path gets the default version, still v6
				if m[1] != "" {
					o.apiVersion, _ = strconv.Atoi(m[1])
				}
			}
		}
		// Cloudflare's ban page in front of Discord's API ("error code: 1015" as plain text, "Error 1015" in its
		// HTML) comes with a 429: an IP ban, not a Discord JSON code.
		if strings.Contains(s, "error code: 1015") || (strings.Contains(s, "Error 1015") && strings.Contains(s, "rate limited")) {
			o.ban = true
			o.addEvidence("discord", 1, "a Cloudflare 1015 rate-limit ban")
			if o.status == 0 {
				o.status = 429
			}
		}
	},
})

// The Discord clients explain knows the retry behaviour of.
const (
	discordJS = "discord.js"
	discordPy = "discord.py"
)

// discordBan says why the observed response is an IP ban rather than a rate limit, or "" when it is not one:
// Cloudflare's 1015 page, the "temporarily blocked" message, code 40333, or a 429 in a transcript whose headers
// lack the Via header every response of Discord's own carries.
func discordBan(o *observation) string {
	msg := strings.ToLower(o.message)
	h := o.headers
	switch {
	case o.ban:
		return "Cloudflare's 1015 page"
	case o.code == "40333":
		return "code 40333, Cloudflare blocking the request"
	case o.status == 429 && (strings.Contains(msg, "blocked from accessing our api") || strings.Contains(msg, "temporarily blocked")):
		return "Discord's \"temporarily blocked\" message"
	case o.status == 429 && o.headerBlock && h["content-type"] != "" && h["via"] == "":
		return "a 429 without the Via header Discord's own responses carry"
	}
	return ""
}

// discordJSDoes says what discord.js (219ad7b, default options) does by itself with the failure observed.
func discordJSDoes(o *observation) (bool, string, bool) {
	st := o.status
	if st == 0 && o.code != "" && o.code != "0" && o.code != "130000" {
		// A JSON code without the status: 110000 and 110001 come with a 202, every other code with a 4xx.
		st = 400
		if strings.HasPrefix(o.code, "110") {
			st = 202
		}
	}
	switch {
	case discordBan(o) != "":
		return false, "", false
	case st >= 500:
		return true, "discord.js retries every 5xx (501 included) 3 times by itself, with no delay between attempts by default (retryBackoff: 0).", true
	case st == 429:
		return true, "discord.js waits the retry_after (or Retry-After) the response gives and retries by itself.", true
	case st >= 200 && st < 300:
		return false, "discord.js returns a 202 as a success and does not retry it; calling again later is up to your code.", true
	case st >= 400:
		return false, "discord.js does not retry this 4xx; it reaches your code as a DiscordAPIError.", true
	}
	return false, "", false
}

// discordPyDoes says what discord.py (1add8a0) does by itself with the failure observed.
func discordPyDoes(o *observation) (bool, string, bool) {
	switch st := o.status; {
	case st == 429 && discordBan(o) != "":
		return false, "discord.py takes a 429 without a Via header, or with a body that is not JSON, for a Cloudflare ban and raises instead of waiting.", true
	case discordBan(o) != "":
		return false, "", false
	case st == 429:
		return true, "discord.py waits the retry_after the response gives and retries by itself.", true
	case st == 500 || st == 502 || st == 504 || st == 524:
		return true, "discord.py retries a " + strconv.Itoa(st) + " by itself (it retries 500, 502, 504 and 524).", true
	case st >= 500:
		return false, "discord.py does not retry a " + strconv.Itoa(st) + " (it retries only 500, 502, 504 and 524): it fails at once, so backing off and retrying is up to your code.", true
	case st >= 200 && st < 300:
		return false, "discord.py returns a 202 as a success and does not retry it; calling again later is up to your code.", true
	}
	return false, "", false
}

// discordRoute finds the API version in a Discord API path: /api/v6/channels/..., or /api/channels/... without one.
var discordRoute = lazyRE(`/api/(?:v(\d{1,2})/)?(?:channels|guilds|webhooks|users|applications|interactions|gateway|invites|oauth2)\b`)

// discordDelayUnits reads Discord's delays in milliseconds where the API sent them so: before v8 (announced
// 2020-09-24) retry_after and Retry-After were integer milliseconds ("retry_after": 6457 is 6.457 s), and an
// unversioned path still gets v6. Since v8 both are seconds, the body's as a float (64.57). So an integer
// retry_after is milliseconds on a v7-or-older route, or, on a route not seen, when it is 1000 or more (over a
// quarter of an hour in seconds, which a Discord bucket never asks for); a Retry-After header only on a v7-or-older
// route and from 1000 up (Cloudflare's ban page in front of the API sends seconds). A decimal point always means
// seconds.
func discordDelayUnits(o *observation, source, raw string, v float64) (float64, string) {
	raw = strings.TrimSpace(raw)
	if !isDigits(raw) || v <= 0 || o.apiVersion >= 8 {
		return v, ""
	}
	legacy := o.apiVersion > 0
	switch {
	case source == "retry_after field" && (legacy || v >= 1000):
	case source == "Retry-After header" && legacy && v >= 1000:
	default:
		return v, ""
	}
	why := "an integer this large cannot be seconds"
	switch {
	case o.apiVersion == 6:
		why = "the request went to API v6 or to an unversioned path, which still gets v6"
	case legacy:
		why = "the request went to API v" + strconv.Itoa(o.apiVersion)
	}
	return v / 1000, "Read as milliseconds (" + raw + " means " + formatSeconds(v/1000) + "): Discord's " + source +
		" was in milliseconds before API v8, and " + why + "."
}
