// Atlassian Cloud backup management API and the legacy backup endpoints: how explain recognises their errors.

package codes

import (
	"strconv"
	"strings"
)

var _ = register(&providerSpec{
	id: "backup",
	clues: []clue{
		{needle: "backup-management", weight: 4, label: "the backup-management API path"},
		{needle: "/rest/backup/1/export", weight: 5, label: "the legacy Jira backup path"},
		{needle: "/rest/obm/1.0", weight: 5, label: "the legacy Confluence backup path"},
		{needle: "errorCode", weight: 1},
		{needle: "atlassian", weight: 2, label: "the word Atlassian", word: true, fold: true},
	},
	hosts: []clue{
		{needle: "api.atlassian.com", weight: 2, label: "an api.atlassian.com URL"},
		{needle: "atlassian.net", weight: 3, label: "an Atlassian site (*.atlassian.net)"},
	},
	messageDelay: backupFrequencyWait,
	headerClues:  []headerClue{{name: "atl-traceid", weight: 2, label: "Atlassian trace header"}},
	bodyOrder:    1,
	bodyShape: func(o *observation, b bodyFields) bool {
		// The OBS Python SDK's dict has errorCode and errorMessage too, with an OBS code; backup's errorCodes are
		// numbers.
		if ec := b.n.get("errorCode"); ec != nil && isDigits(ec.text()) && b.n.get("errorMessage") != nil {
			o.addEvidence("backup", 5, "a {errorCode, errorMessage} body")
			return true
		}
		return false
	},
	backoff: []float64{1, 2, 4, 8, 16},
	onHost: func(o *observation, lowerURL string) {
		if strings.Contains(lowerURL, "api.atlassian.com") && strings.Contains(lowerURL, "backup") {
			o.addEvidence("backup", 2, "the backup-management API URL")
		}
	},
})

// backupFrequencyRE reads the wait in the frequency-limit message of the legacy Atlassian backup endpoints:
// Confluence's "... Approximate time till next allowed backup: 23h 59m" and Jira's "... time until next allowed
// backup: 23h 59m". Either part of the duration may be missing.
var backupFrequencyRE = lazyRE(`(?i)time\s+(?:till|until)\s+next\s+allowed\s+backup\s*:\s*(?:(\d{1,4})\s*h)?\s*(?:(\d{1,4})\s*m)?`)

// backupFrequencyWait returns how long the legacy backup endpoints' frequency limit asks to wait before the next
// backup, read from the message: "Approximate time till next allowed backup: 23h 59m" gives 86340 seconds. It
// accepts hours or minutes alone and ignores case; ok is false when the message gives no such wait.
func backupFrequencyWait(message string) (seconds float64, ok bool) {
	m := backupFrequencyRE.FindStringSubmatch(message)
	if m == nil || (m[1] == "" && m[2] == "") {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1]) // "" reads as 0
	mins, _ := strconv.Atoi(m[2])
	return float64(h*3600 + mins*60), true
}
