// Discord: how explain recognises its errors.

package codes

import "strings"

var discordSpec = register(&providerSpec{
	id: "discord",
	clues: []clue{
		{needle: "DiscordAPIError", weight: 5, label: "discord.js DiscordAPIError"},
		{needle: "discord.errors.", weight: 5, label: "discord.py exception"},
		{needle: "(error code: ", weight: 3, label: "discord.py error format"},
		{needle: "net.dv8tion.jda", weight: 5, label: "JDA"},
		{needle: "ErrorResponseException", weight: 3, label: "JDA ErrorResponseException"},
		{needle: "[JDA ", weight: 3, label: "JDA"},
		{needle: "RestRateLimiter", weight: 4, label: "JDA rate limiter"},
		{needle: "discord.js", weight: 3, label: "discord.js"},
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
		{re: lazyRE(`/api/v(?:[6-9]|10)/(?:channels|guilds|webhooks|users|applications|interactions|gateway|invites)\b`), weight: 4, label: "a Discord API path"},
		{re: lazyRE(`\b(?:channels|guilds|webhooks)/\d{17,20}/`), weight: 3, label: "a Discord API path"},
	},
	hosts: []clue{
		{needle: "discord.com", weight: 4, label: "a discord.com API URL"},
		{needle: "discordapp.com", weight: 4, label: "a discord.com API URL"},
	},
	onText: func(o *observation, s string) {
		// Cloudflare's plain-text ban page in front of Discord's API says "error code: 1015" and comes with a
		// 429: an IP ban, not a Discord JSON code.
		if strings.Contains(s, "error code: 1015") {
			o.addEvidence("discord", 1, "a Cloudflare 1015 rate-limit ban")
			if o.status == 0 {
				o.status = 429
			}
		}
	},
})
