// The provider registry: everything explain knows about one provider (how to recognise its errors in text) is
// declared in that provider's file, provider_<id>.go, as a providerSpec. The stages read the registry and never
// name a provider themselves.

package codes

import (
	"sort"
	"strconv"
	"strings"
	"sync"
)

// clue is a substring that points at a provider: a client library's name, an exception class, an API path, a
// host name, a word. Weight says how strongly: 1 is a hint, 3 is enough to name the provider, 5 is certain.
type clue struct {
	needle string
	weight int
	label  string // shown as evidence; "" keeps the clue out of the report
	// word requires the needle to stand as a word (no letter or digit on either side); fold ignores case.
	word, fold bool
	// client names the client library the needle identifies (one of the provider's clients), "" for none.
	client string
}

// shapeClue is a regular expression for an identifier shape that only one provider issues (a B2 file id, an OBS
// request id).
type shapeClue struct {
	guard  string // a substring every match holds: the test runs only when it occurs
	re     *lazyRegexp
	match  func(s string) bool // instead of re, for shapes a scan finds faster
	weight int
	label  string
}

// matches reports whether s holds the shape.
func (sh *shapeClue) matches(s string) bool {
	if !strings.Contains(s, sh.guard) {
		return false
	}
	if sh.match != nil {
		return sh.match(s)
	}
	return sh.re.MatchString(s)
}

// providerSpec is how explain recognises one provider.
type providerSpec struct {
	id     string
	clues  []clue
	shapes []shapeClue
	// hosts are host-name suffixes or fragments of the provider's API; a URL with one is strong evidence.
	hosts []clue
	// onHost lets a provider read more from a host or URL it recognised (B2: an upload URL).
	onHost func(o *observation, lowerURL string)
	// onText lets a provider read more from any text it is scanned with (B2: the call was an upload).
	onText func(o *observation, s string)
	// textGuards are substrings without one of which onText does nothing; scanClues finds them in its one pass
	// and calls onText only when one occurs. nil: onText runs on every text.
	textGuards []string
	// messageDelay reads a wait the provider writes into its error message, in seconds.
	messageDelay func(message string) (float64, bool)
	// headerClues weigh the response headers only this provider sends; onHeaders reads more from them.
	headerClues []headerClue
	onHeaders   func(o *observation, h map[string]string)
	// bodyShape recognises the provider's JSON error body and adds its evidence; it reports whether it did.
	// Shapes are tried by bodyOrder, the most specific first ({errorCode, errorMessage} before {status, code,
	// message}, which also fits an SDK's dict that has both).
	bodyShape func(o *observation, b bodyFields) bool
	bodyOrder int
	// xmlBody is the evidence an XML <Error> body gives for this provider (weight 0: none): the format's own
	// provider's, which gives way to the marks of a provider with a compatible API.
	xmlBody clue
	// patterns read the error strings of the provider's client libraries and tools.
	patterns []sdkPattern
	// adjustEntry may replace the resolved entry with a better one for what was observed (Discord's code 0
	// carries a plain HTTP status).
	adjustEntry func(e *Entry, o *observation) *Entry
	// backoff is the schedule the provider's official clients follow, in seconds.
	backoff []float64
	// adjustPlan changes the catalog's verdict and advice for what was observed (a B2 upload, a Discord 429),
	// before any server delay is applied; scope names the rate-limit scope; waitNote is added to advice that
	// says to wait.
	adjustPlan func(p *RetryPlan, o *observation)
	scope      func(o *observation) string
	waitNote   string
	// delayUnits corrects a delay read from the named source ("retry_after field", "Retry-After header") when
	// the provider sends it in another unit than the header's standard one (Discord's milliseconds before API
	// v8); it returns the corrected value in seconds and a note for the plan, or "" to leave v alone.
	delayUnits func(o *observation, source, raw string, v float64) (float64, string)
	// s3Flag says the provider's entries record whether AWS S3 uses the same code; s3Only is what a card says of
	// a code of the provider that AWS S3 lacks.
	s3Flag bool
	s3Only string
	// transport marks a provider whose entries are failures before any HTTP response (DNS, connect, TLS): a
	// provider's own error in the same text is the primary finding, since it says why the exchange failed.
	transport bool
	// messageRank ranks some of the provider's catalog messages against others found in the same line, keyed by
	// the message's lower-case words joined by spaces: below 0 for a wrapper that the message inside it explains
	// better (urllib3's "Max retries exceeded with url"), above 0 for context that outranks the message inside
	// it (a proxy failure whose inner error is a refused connection).
	messageRank map[string]int
	// formatOnly reports whether the provider's evidence in o comes only from client formats that other
	// providers' users print too (an AWS SDK's error from OBS's S3-compatible API): then a provider the input
	// names by marks of its own answers instead.
	formatOnly func(o *observation) bool
	// compatibleAPI marks a provider with an API that another provider's clients speak (OBS and B2 have
	// S3-compatible APIs): its users print that provider's client formats, so its marks decide an error that
	// only such a format names (see formatOnly). Other providers' marks do not: a boto3 error in a Discord bot's
	// log says nothing about which S3 service sent it.
	compatibleAPI bool
	// service names the service behind the provider's API for what was observed (Finding.Service), "" for none:
	// S3's API is spoken by Amazon S3 and by S3-compatible services that explain tells apart by their marks.
	service func(o *observation) string
	// clients are the provider's official client libraries whose retry behaviour is known; a clue, pattern or
	// body shape that names one records it on the observation.
	clients []clientSpec
}

// clientSpec is what one official client library does on its own with a failed request.
type clientSpec struct {
	name string
	// behaviour says whether the client retries what was observed and how, in a sentence that names the
	// client; ok is false when the reference does not say what the client does in that situation.
	behaviour func(o *observation) (retries bool, detail string, ok bool)
}

// ClientBehaviour is what the client library that printed the error already does about it by itself.
type ClientBehaviour struct {
	Name    string // the client library, such as "discord.js" or "b2sdk"
	Retries bool   // whether the client retries this failure on its own
	Detail  string // one sentence: what the client does, and what that leaves to the caller
}

// clientBehaviour is the behaviour of the first client the observation names that the provider knows, or nil.
func clientBehaviour(provider string, o *observation) *ClientBehaviour {
	p := specFor(provider)
	if p == nil {
		return nil
	}
	for _, name := range o.clients {
		for i := range p.clients {
			c := &p.clients[i]
			if c.name != name {
				continue
			}
			if retries, detail, ok := c.behaviour(o); ok {
				return &ClientBehaviour{Name: c.name, Retries: retries, Detail: detail}
			}
			return nil
		}
	}
	return nil
}

// addClient records that the text names a client library.
func (o *observation) addClient(name string) {
	if name == "" {
		return
	}
	for _, c := range o.clients {
		if c == name {
			return
		}
	}
	if len(o.clients) < 4 {
		o.clients = append(o.clients, name)
	}
}

// headerClue is a response header (a name, or a name prefix ending in "-") that points at a provider.
type headerClue struct {
	name   string
	weight int
	label  string
}

// bodyFields are the fields of a JSON object that decide whose error body it is.
type bodyFields struct {
	n, code, msg, status *lnode
}

// specFor returns the registered spec of a provider, or nil.
func specFor(id string) *providerSpec {
	for _, p := range registry {
		if p.id == id {
			return p
		}
	}
	return nil
}

// registry lists the providers explain recognises, filled by the provider files.
var registry []*providerSpec

func register(p *providerSpec) *providerSpec {
	registry = append(registry, p)
	return p
}

// scanClues weighs every clue of every provider that occurs in s.
func (o *observation) scanClues(s string) {
	if len(s) > maxTokenScan {
		s = s[:maxTokenScan]
	}
	// The text is searched once for every clue's needle, whatever its length: a clue whose needle is absent
	// cannot match, and one pass over a log line costs less than a search per clue.
	var present []bool
	var buf [clueScanRoom]bool
	set, ids := clueNeedles()
	if len(ids) == len(registry) {
		present = set.scanInto(s, buf[:0])
	}
	for pi, p := range registry {
		for i := range p.clues {
			c := &p.clues[i]
			if present != nil && !present[ids[pi][i]] {
				continue
			}
			if containsClue(s, c) {
				if c.weight > 0 || c.label != "" {
					o.addEvidence(p.id, c.weight, c.label)
				}
				o.addClient(c.client)
			}
		}
		for i := range p.shapes {
			sh := &p.shapes[i]
			if id := shapeGuardIDs[pi][i]; present != nil && id >= 0 && !present[id] {
				continue // its guard is absent
			}
			if sh.matches(s) {
				o.addEvidence(p.id, sh.weight, sh.label)
			}
		}
		if p.onText != nil && (present == nil || p.textGuards == nil || anyPresent(present, textGuardIDs[pi])) {
			p.onText(o, s)
		}
	}
	switch {
	case o.method != "":
	case present != nil:
		if anyPresent(present, clueMethodIDs) {
			o.method = matchMethod(s)
		}
	default:
		o.method = requestMethod(s)
	}
	if present != nil && anyPresent(present, clueDomainIDs) || present == nil && containsAny(s, domainWords) {
		for _, m := range urlPattern.FindAllString(s, 8) {
			o.hostEvidence(m)
		}
	}
}

// clueScanRoom is room for the presence of every clue's needle on the stack (more needles than that are
// reported in allocated memory).
const clueScanRoom = 160

// containsClue reports whether the clue's needle occurs in s, as a word when the clue asks for one.
func containsClue(s string, c *clue) bool {
	if !c.word && !c.fold {
		return strings.Contains(s, c.needle)
	}
	for from := 0; ; {
		i := indexClue(s[from:], c)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(c.needle)
		if !c.word {
			return true
		}
		if (i == 0 || !isAlnumByte(s[i-1])) && (j == len(s) || !isAlnumByte(s[j])) {
			return true
		}
		from = i + 1
	}
}

func isAlnumByte(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// domainWords are the top-level domains urlPattern knows: a text without one holds no host name it finds.
var domainWords = []string{".com", ".eu", ".net", ".io", ".cloud"}

// urlPattern finds host names and URLs: a dotted name with a top-level domain, with an optional path.
var urlPattern = lazyRE(`(?i)(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|eu|net|io|cloud)(?::\d+)?(?:/[^\s"'<>]*)?`)

// hostEvidence weighs a host name or URL found in the text.
func (o *observation) hostEvidence(s string) {
	ls := strings.ToLower(s)
	for _, p := range registry {
		for i := range p.hosts {
			h := &p.hosts[i]
			if strings.Contains(ls, h.needle) {
				o.addEvidence(p.id, h.weight, h.label)
				if p.onHost != nil {
					p.onHost(o, ls)
				}
				break
			}
		}
	}
}

// applyHeaderClues weighs the headers each provider claims and lets the providers read them.
func (o *observation) applyHeaderClues(h map[string]string) {
	for _, p := range registry {
		for _, hc := range p.headerClues {
			for name := range h {
				if name == hc.name || (strings.HasSuffix(hc.name, "-") && strings.HasPrefix(name, hc.name)) {
					o.addEvidence(p.id, hc.weight, hc.label)
					break
				}
			}
		}
		if p.onHeaders != nil {
			p.onHeaders(o, h)
		}
	}
}

// bodyEvidence lets the first provider whose error body this is say so.
func (o *observation) bodyEvidence(b bodyFields) {
	for _, p := range bodyShapes() {
		if p.bodyShape(o, b) {
			return
		}
	}
}

// bodyShapes lists the providers that recognise a body shape, in bodyOrder.
var bodyShapes = sync.OnceValue(func() []*providerSpec {
	var out []*providerSpec
	for _, p := range registry {
		if p.bodyShape != nil {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].bodyOrder < out[j].bodyOrder })
	return out
})

// xmlEvidence weighs an XML <Error> body for the providers that send one.
func (o *observation) xmlEvidence() {
	for _, p := range registry {
		if p.xmlBody.weight > 0 {
			o.addEvidence(p.id, p.xmlBody.weight, p.xmlBody.label)
		}
	}
}

// adjustEntry lets the provider replace the entry it resolved to.
func adjustEntry(provider string, e *Entry, o *observation) *Entry {
	if p := specFor(provider); p != nil && p.adjustEntry != nil && e != nil {
		return p.adjustEntry(e, o)
	}
	return e
}

// backoffFor is the provider's backoff schedule, or plain HTTP's.
func backoffFor(provider string) []float64 {
	if p := specFor(provider); p != nil && p.backoff != nil {
		return p.backoff
	}
	return specFor(httpID).backoff
}

// S3FlagKnown reports whether the entry's provider records, for each code, whether AWS S3 uses the same code
// (Entry.S3Compatible is meaningful).
func (e *Entry) S3FlagKnown() bool {
	p := specFor(e.Provider)
	return e.Kind == KindCode && p != nil && p.s3Flag
}

// S3Note says in words whether AWS S3 uses the entry's code, for a provider whose entries record it (S3FlagKnown):
// "AWS S3 uses the same code", "AWS S3 uses the same code with status 403", or the provider's own sentence for a
// code AWS S3 lacks ("OBS only; AWS S3 has no such code"). It returns "" when the provider records nothing.
func (e *Entry) S3Note() string {
	if !e.S3FlagKnown() {
		return ""
	}
	if !e.S3Compatible {
		return specFor(e.Provider).s3Only
	}
	if e.AWSStatus != 0 {
		return "AWS S3 uses the same code with status " + strconv.Itoa(e.AWSStatus)
	}
	return "AWS S3 uses the same code"
}

// FallbackProvider is the id of the provider that explains plain HTTP statuses when no API-specific entry does.
const FallbackProvider = httpID

// indexClue finds the clue's needle in s, ignoring ASCII case when the clue folds (needles of folding clues are
// lower case).
func indexClue(s string, c *clue) int {
	if !c.fold {
		return strings.Index(s, c.needle)
	}
	return indexFold(s, c.needle)
}
