// Huawei Cloud OBS: how explain recognises its errors.

package codes

import "strings"

var obsSpec = register(&providerSpec{
	id: "obs",
	clues: []clue{
		{needle: "obs: service returned error", weight: 6, label: "OBS Go SDK error"},
		{needle: "ObsException", weight: 6, label: "OBS Java SDK ObsException"},
		{needle: "com.obs.services", weight: 5, label: "OBS Java SDK"},
		{needle: "obs.client", weight: 3, label: "OBS Python SDK"},
		{needle: "esdk-obs", weight: 5, label: "OBS SDK"},
		{needle: "obsutil", weight: 5, label: "obsutil"},
		{needle: "OBS service Error Message", weight: 5, label: "OBS Java SDK error"},
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
		{re: lazyRE(`\b0000[0-9A-F]{28}\b`), weight: 1, label: "an OBS-shaped request id"},
	},
	hosts: []clue{
		{needle: "myhuaweicloud.com", weight: 2, label: "a Huawei Cloud host"},
		{needle: "myhuaweicloud.eu", weight: 2, label: "a Huawei Cloud host"},
		{needle: "otc.t-systems.com", weight: 2, label: "an Open Telekom Cloud host"},
	},
	onHost: func(o *observation, lowerURL string) {
		if strings.Contains(lowerURL, "obs.") || strings.Contains(lowerURL, "obs-") {
			o.addEvidence("obs", 2, "an OBS endpoint")
		}
	},
})
