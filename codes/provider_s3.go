// Amazon S3 and the S3-compatible APIs: how explain recognises their errors.
//
// The AWS SDKs and tools print the same error whatever S3 API they talk to, so an SDK's format says "an S3 API"
// and weighs little (3 at most); the service is told by its marks: a host, the Server header, its own headers.
// OBS's marks (Server: OBS, x-obs-*, an OBS host) weigh more than any SDK format and win for obs; a Backblaze
// S3 endpoint (s3.<region>.backblazeb2.com) outweighs B2's native-API host clue and answers s3 with the service
// named.

package codes

import (
	"maps"
	"slices"
	"strings"
)

// The S3-compatible services explain can name (Finding.Service).
const (
	svcAWS     = "Amazon S3"
	svcB2      = "Backblaze B2 S3-compatible API"
	svcMinIO   = "MinIO"
	svcR2      = "Cloudflare R2"
	svcWasabi  = "Wasabi"
	svcGCS     = "Google Cloud Storage XML API"
	svcCeph    = "Ceph RGW"
	svcOSS     = "Alibaba Cloud OSS"
	svcCOS     = "Tencent COS"
	svcDO      = "DigitalOcean Spaces"
	svcLinode  = "Linode Object Storage"
	svcScw     = "Scaleway Object Storage"
	svcIBM     = "IBM Cloud Object Storage"
	svcStorj   = "Storj"
	svcUnknown = "an S3 API (Amazon S3 or an S3-compatible service; no host or header says which)"
)

// The AWS clients whose retry behaviour the reference gives.
const (
	s3Boto    = "botocore/boto3"
	s3CLI     = "AWS CLI"
	s3GoV1    = "aws-sdk-go"
	s3GoV2    = "aws-sdk-go-v2"
	s3JavaV1  = "AWS SDK for Java v1"
	s3JavaV2  = "AWS SDK for Java v2"
	s3JS      = "AWS SDK for JavaScript v3"
	s3DotNet  = "AWS SDK for .NET"
	s3Cmd     = "s3cmd"
	s3MinioGo = "minio-go"
	s3Rclone  = "rclone"
)

// s3Hosts are host fragments of S3 APIs and the service each names.
var s3Hosts = []struct{ needle, service string }{
	{"amazonaws.com", svcAWS},
	{"backblazeb2.com", svcB2},
	{"r2.cloudflarestorage.com", svcR2},
	{"wasabisys.com", svcWasabi},
	{"storage.googleapis.com", svcGCS},
	{"aliyuncs.com", svcOSS},
	{"myqcloud.com", svcCOS},
	{"digitaloceanspaces.com", svcDO},
	{"linodeobjects.com", svcLinode},
	{"scw.cloud", svcScw},
	{"cloud-object-storage.appdomain.cloud", svcIBM},
	{"storjshare.io", svcStorj},
}

// s3ServerHeaders maps the start of a Server header value to the service that sends it.
var s3ServerHeaders = []struct{ prefix, service string }{
	{"amazons3", svcAWS}, {"minio", svcMinIO}, {"wasabis3", svcWasabi}, {"uploadserver", svcGCS},
	{"aliyunoss", svcOSS}, {"tencent-cos", svcCOS},
}

// s3HeaderMarks are header names (or prefixes ending in "-") only one S3-compatible service sends.
var s3HeaderMarks = []struct{ name, service string }{
	{"x-minio-error-code", svcMinIO}, {"x-wasabi-cm-reference-id", svcWasabi}, {"x-rgw-", svcCeph},
	{"x-oss-request-id", svcOSS}, {"x-cos-request-id", svcCOS}, {"x-goog-", svcGCS}, {"x-bz-", svcB2},
}

// setService records the service the text names; the first mark wins.
func setService(o *observation, service, label string, weight int) {
	o.addEvidence("s3", weight, label)
	if o.service == "" {
		o.service = service
	}
}

var _ = register(&providerSpec{
	id: "s3",
	clues: []clue{
		{needle: "botocore", weight: 1, client: s3Boto},
		{needle: "boto3", weight: 1, client: s3Boto},
		{needle: "aws: [ERROR]: ", weight: 2, label: "AWS CLI error", client: s3CLI},
		{needle: "operation error S3: ", weight: 3, label: "aws-sdk-go-v2 S3 error", client: s3GoV2},
		{needle: "host id: ", weight: 2, label: "aws-sdk-go S3 error", client: s3GoV1},
		{needle: "Service: Amazon S3;", weight: 3, label: "AWS SDK for Java v1 S3 error", client: s3JavaV1},
		{needle: "com.amazonaws.services.s3", weight: 1, client: s3JavaV1},
		{needle: "(Service: S3, Status Code: ", weight: 3, label: "AWS SDK for Java v2 S3 error", client: s3JavaV2},
		{needle: "software.amazon.awssdk.services.s3", weight: 1, client: s3JavaV2},
		{needle: "S3ServiceException", weight: 2, label: "AWS SDK for JavaScript v3 error", client: s3JS},
		{needle: "extendedRequestId", weight: 2, label: "AWS SDK for JavaScript v3 error", client: s3JS},
		{needle: "Amazon.S3.AmazonS3Exception", weight: 3, label: "AWS SDK for .NET S3 error", client: s3DotNet},
		{needle: "S3 error: ", weight: 2, label: "s3cmd error", client: s3Cmd},
		{needle: "mc: <ERROR>", weight: 2, label: "mc error", client: s3MinioGo},
		{needle: "minio-go", weight: 1, client: s3MinioGo},
		{needle: "Failed to copy: operation error S3", client: s3Rclone},
		{needle: "s3://", weight: 2, label: "an s3:// URL"},
	},
	hosts: []clue{{needle: "amazonaws.com", weight: 1}, {needle: "backblazeb2.com"}, {needle: "cloudflarestorage.com"},
		{needle: "wasabisys.com"}, {needle: "storage.googleapis.com"}, {needle: "aliyuncs.com"}, {needle: "myqcloud.com"},
		{needle: "digitaloceanspaces.com"}, {needle: "linodeobjects.com"}, {needle: "scw.cloud"},
		{needle: "cloud-object-storage.appdomain.cloud"}, {needle: "storjshare.io"}},
	onHost: func(o *observation, u string) {
		for _, h := range s3Hosts {
			if !strings.Contains(u, h.needle) {
				continue
			}
			switch {
			case h.service == svcAWS && strings.Contains(u, "s3"):
				setService(o, h.service, "an Amazon S3 host", 4)
			case h.service == svcAWS:
				// another AWS service's host: no more than a hint
			case h.service == svcB2 && strings.Contains(u, "s3."):
				// Only B2's S3 endpoints (s3.<region>.backblazeb2.com); api*/f*.backblazeb2.com are the native API.
				setService(o, h.service, "a Backblaze B2 S3 endpoint (s3.<region>.backblazeb2.com)", 6)
			case h.service == svcB2:
			default:
				setService(o, h.service, "a "+h.service+" host", 4)
			}
			return
		}
	},
	headerClues: []headerClue{{name: "x-amz-id-2", weight: 2, label: "x-amz-id-2 header"}},
	onHeaders: func(o *observation, h map[string]string) {
		server := strings.ToLower(strings.TrimSpace(h["server"]))
		for _, s := range s3ServerHeaders {
			if strings.HasPrefix(server, s.prefix) {
				setService(o, s.service, "Server: "+strings.TrimSpace(h["server"]), 4)
			}
		}
		// In name order: the clue names the header, and a map's order would name a different one of two (an
		// x-bz-file-name and an x-bz-content-sha1 header) from run to run.
		names := slices.Sorted(maps.Keys(h))
		for _, m := range s3HeaderMarks {
			for _, name := range names {
				if name == m.name || strings.HasSuffix(m.name, "-") && strings.HasPrefix(name, m.name) {
					setService(o, m.service, name+" header ("+m.service+")", 3)
					break
				}
			}
		}
		if code := h["x-minio-error-code"]; code != "" {
			setIfEmpty(&o.code, code)
		}
	},
	// Every mark onText reads holds one of these.
	textGuards: append([]string{"Server: AmazonS3", "Server: MinIO", "XMinio", "Server: WasabiS3",
		"SigV2 authorization is not supported"}, s3HostIDGuards...),
	onText: func(o *observation, s string) {
		if strings.Contains(s, "Server: AmazonS3") {
			setService(o, svcAWS, "Server: AmazonS3", 4)
		}
		if strings.Contains(s, "Server: MinIO") || strings.Contains(s, "XMinio") {
			setService(o, svcMinIO, "a MinIO mark", 3)
		}
		if strings.Contains(s, "Server: WasabiS3") {
			setService(o, svcWasabi, "Server: WasabiS3", 4)
		}
		if strings.Contains(s, "SigV2 authorization is not supported") {
			setService(o, svcR2, "Cloudflare R2's SigV2 message", 3)
		}
		if o.hostID == "" && containsAny(s, s3HostIDGuards) {
			if m := s3HostID.FindStringSubmatch(s); m != nil {
				o.hostID = firstNonEmpty(m[1:])
			}
		}
	},
	xmlBody: clue{weight: 3, label: "an XML <Error> body"},
	patterns: []sdkPattern{
		{ // botocore/boto3 and the AWS CLI: An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): ...
			fills: fillStatus | fillCode | fillMessage,
			guard: "An error occurred (", clue: "botocore ClientError (boto3, AWS CLI)", client: s3Boto,
			re: lazyRE(`An error occurred \(([A-Za-z0-9.]+)\) when calling the (\w+) operation(?: \(reached max retries: (\d+)\))?: ?(.*)`),
			apply: func(o *observation, m []string) {
				if st := atoiStatus(m[1]); st != 0 {
					o.status = st // a bodiless error: botocore puts the status where the code goes
					setIfEmpty(&o.message, m[4])
					return
				}
				setIfEmpty(&o.code, m[1])
				setIfEmpty(&o.message, m[4])
			},
		},
		{ // aws-sdk-go-v2, a modeled error without "api error": ..., HostID: H, NoSuchKey: The specified key does not exist.
			fills: fillCode | fillMessage,
			guard: "HostID: ", clue: "aws-sdk-go-v2 S3 error", client: s3GoV2,
			re:    lazyRE(`HostID: [^,\s]*, (?:api error )?([A-Z][A-Za-z0-9.]*): (.*)`),
			apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]); setIfEmpty(&o.message, m[2]) },
		},
		{ // AWS SDK for Java v1: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: R; ...)
			fills: fillStatus | fillCode | fillMessage | fillRequestID,
			guard: "Service: Amazon S3;", clue: "AWS SDK for Java v1 S3 error", client: s3JavaV1,
			re: lazyRE(`(?:AmazonS3Exception: )?([^:(]*?) ?\(Service: Amazon S3; Status Code: (\d{3}); Error Code: ([^;)]*); Request ID: ([^;)]*)`),
			apply: func(o *observation, m []string) {
				o.status = atoiStatus(m[2])
				setIfEmpty(&o.code, m[3])
				setIfEmpty(&o.message, m[1])
				setIfEmpty(&o.requestID, m[4])
			},
		},
		{ // AWS SDK for Java v2: NoSuchBucketException: msg (Service: S3, Status Code: 404, Request ID: R, Extended Request ID: H)
			fills: fillStatus | fillCode | fillMessage | fillRequestID,
			guard: "(Service: S3, Status Code: ", clue: "AWS SDK for Java v2 S3 error", client: s3JavaV2,
			re: lazyRE(`(\w+)Exception: (.*?) \(Service: S3, Status Code: (\d{3}), Request ID: ([^,)]*)`),
			apply: func(o *observation, m []string) {
				o.status = atoiStatus(m[3])
				if m[1] != "S3" && m[1] != "Aws" {
					setIfEmpty(&o.code, m[1])
				}
				setIfEmpty(&o.message, m[2])
				setIfEmpty(&o.requestID, m[4])
			},
		},
		{ // AWS SDK for JavaScript v3: $metadata: { httpStatusCode: 404, requestId: 'R', extendedRequestId: 'H', ...
			fills: fillStatus | fillRequestID,
			guard: "httpStatusCode", clue: "AWS SDK for JavaScript v3 error", client: s3JS,
			re: lazyRE(`httpStatusCode: (\d{3}), requestId: '?([A-Za-z0-9-]*)`),
			apply: func(o *observation, m []string) {
				if o.status == 0 {
					o.status = atoiStatus(m[1])
				}
				setIfEmpty(&o.requestID, m[2])
			},
		},
		{ // AWS SDK for JavaScript v3: the unmodeled body fields, Code: 'NoSuchKey'
			fills: fillCode,
			guard: "Code: '", clue: "AWS SDK for JavaScript v3 error", client: s3JS,
			re:    lazyRE(`\bCode: '([A-Za-z0-9.]+)'`),
			apply: func(o *observation, m []string) { setIfEmpty(&o.code, m[1]) },
		},
		{ // AWS SDK for .NET: Amazon.S3.AmazonS3Exception: Access Denied
			fills: fillMessage,
			guard: "AmazonS3Exception: ", clue: "AWS SDK for .NET S3 error", client: s3DotNet,
			re:    lazyRE(`Amazon\.S3\.AmazonS3Exception: (.*)`),
			apply: func(o *observation, m []string) { setIfEmpty(&o.message, m[1]) },
		},
		{ // s3cmd: ERROR: S3 error: 403 (SignatureDoesNotMatch): The request signature ...
			fills: fillStatus | fillCode | fillMessage,
			guard: "S3 error: ", clue: "s3cmd error", client: s3Cmd,
			re: lazyRE(`S3 error: (\d{3}) \(([^)]*)\)(?:: (.*))?`),
			apply: func(o *observation, m []string) {
				o.status = atoiStatus(m[1])
				if !strings.Contains(m[2], " ") {
					setIfEmpty(&o.code, m[2])
				}
				setIfEmpty(&o.message, m[3])
			},
		},
	},
	// Without a service's mark, an S3 error says only which API was spoken: OBS and B2 users print it too.
	formatOnly: func(o *observation) bool { return o.service == "" },
	backoff:    []float64{1, 2, 4},
	service: func(o *observation) string {
		if o.service != "" {
			return o.service
		}
		return svcUnknown
	},
	adjustPlan: func(p *RetryPlan, o *observation) {
		if o.service == svcB2 && (o.status == 401 || o.status == 403) {
			p.Advice += " On Backblaze B2's S3 API: sign with SigV4 and an application key (key ID and key); the master" +
				" application key does not work there. A 403 can also be a B2 usage cap (storage, download or" +
				" transaction), raised under Caps & Alerts, which no retry gets past."
		}
	},
	clients: []clientSpec{
		{name: s3Boto, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("botocore/boto3", "3 attempts in standard mode, 5 in the legacy mode botocore used by default before 1.44.0", false, o)
		}},
		{name: s3CLI, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("The AWS CLI v2", "3 attempts (standard mode)", false, o)
		}},
		{name: s3GoV2, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("aws-sdk-go-v2", "3 attempts with up to 20 s between them", true, o)
		}},
		{name: s3Rclone, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("rclone (aws-sdk-go-v2)", "up to --low-level-retries (10) attempts", true, o)
		}},
		{name: s3JavaV2, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("The AWS SDK for Java v2", "4 attempts in its default legacy mode", true, o)
		}},
		{name: s3JS, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("The AWS SDK for JavaScript v3", "3 attempts", false, o)
		}},
		{name: s3DotNet, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("The AWS SDK for .NET", "3 attempts", false, o)
		}},
		{name: s3MinioGo, behaviour: func(o *observation) (bool, string, bool) {
			return awsClientDoes("minio-go", "up to 10 attempts", false, o)
		}},
	},
})

// s3HostIDGuards are the substrings one of which every match of s3HostID holds: the expression runs only then.
var s3HostIDGuards = []string{"<HostId>", "host id: ", "HostID: ", "Extended Request ID: ", "extendedRequestId: ", "x-amz-id-2"}

// s3HostID reads the extended request id (x-amz-id-2, <HostId>) as the clients print it.
var s3HostID = lazyRE(`(?:<HostId>|host id: |HostID: |Extended Request ID: |extendedRequestId: ')([A-Za-z0-9+/=_-]{8,})|x-amz-id-2: ?([A-Za-z0-9+/=_-]{8,})`)

func firstNonEmpty(ss []string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// s3RetryClass is how the AWS SDKs classify an S3 error for retry (s3_codes.csv's retry_class).
func s3RetryClass(o *observation) string {
	switch code := o.code; {
	case code == "SlowDown":
		return "throttling"
	case code == "RequestTimeTooSkewed":
		return "clock_skew"
	case code == "RequestTimeout" || o.status == 500 || o.status == 502 || o.status == 503 || o.status == 504:
		return "transient"
	}
	return "never"
}

// awsClientDoes says what an AWS client does by itself with the failure observed; skew says whether it corrects
// its clock offset and retries RequestTimeTooSkewed (aws-sdk-go-v2 and the Java SDK v2 do, botocore does not).
func awsClientDoes(name, attempts string, skew bool, o *observation) (bool, string, bool) {
	switch s3RetryClass(o) {
	case "throttling", "transient":
		return true, name + " already retries this by itself: " + attempts + ", with jittered exponential backoff." +
			" The error you see is what remained after those attempts.", true
	case "clock_skew":
		if skew {
			return true, name + " corrects its clock offset from the server's time and retries by itself; if it still fails, the clock is far off.", true
		}
		return false, name + " does not retry clock-skew errors: correct the system clock first.", true
	}
	return false, name + " treats this error as final and does not retry it.", true
}
