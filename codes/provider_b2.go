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
		{re: lazyRE(`\b4_z[0-9a-f]{24}_f[0-9a-f]{6,}_d\d{8}_m\d{6}_c\d{3}_v\d{7}_t\d{4}`), weight: 4, label: "a B2 file id"},
		// A B2 server name in a message: c<cluster>_v<version>_t<n>.
		{re: lazyRE(`\bc\d{3}_v\d{7}_t\d{4}\b`), weight: 3, label: "a B2 server name"},
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
	onText: func(o *observation, s string) {
		if strings.Contains(s, "b2_upload_file") || strings.Contains(s, "b2_upload_part") {
			o.upload = true
		}
	},
})
