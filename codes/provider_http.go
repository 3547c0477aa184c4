// Plain HTTP: the fallback provider, which explains a status when no API-specific entry does.

package codes

// httpID is the id of the plain-HTTP fallback provider. The stages name it, and no other provider, because it
// is what every status falls back to.
const httpID = "http"

var _ = register(&providerSpec{
	id:      httpID,
	backoff: []float64{1, 2, 4, 8, 16},
})
