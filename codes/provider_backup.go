// Atlassian Cloud backup management API and the legacy backup endpoints: how explain recognises their errors.

package codes

import "strings"

var backupSpec = register(&providerSpec{
	id: "backup",
	clues: []clue{
		{needle: "backup-management", weight: 4, label: "the backup-management API path"},
		{needle: "/rest/backup/1/export", weight: 5, label: "the legacy Jira backup path"},
		{needle: "/rest/obm/1.0", weight: 5, label: "the legacy Confluence backup path"},
		{needle: "errorCode", weight: 1},
		{needle: "Atlassian", weight: 2, label: "the word Atlassian", word: true, fold: true},
	},
	hosts: []clue{
		{needle: "api.atlassian.com", weight: 2, label: "an api.atlassian.com URL"},
		{needle: "atlassian.net", weight: 3, label: "an Atlassian site (*.atlassian.net)"},
	},
	onHost: func(o *observation, lowerURL string) {
		if strings.Contains(lowerURL, "api.atlassian.com") && strings.Contains(lowerURL, "backup") {
			o.addEvidence("backup", 2, "the backup-management API URL")
		}
	},
})
