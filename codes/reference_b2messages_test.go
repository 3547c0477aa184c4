package codes_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// b2Samples are values for the placeholders of b2_messages.csv, shaped like what B2 and the SDKs fill in.
var b2Samples = map[string]string{
	"bucketId":   "4a48fe8875c6214145260818",
	"bucketName": "my-bucket",
	"fileId":     "4_z27c88f1d182b150646ff0b16_f1004ba650fe24e6b_d20150809_m012853_c100_v0009990_t0003",
	"fileName":   "photos/cat.jpg",
	"token":      "4_0022623512fc8f80000000001_0186e431_d18d02_upld_OuBjQZJx8ewSrVCgMO6Gv2BCuHE=",
	"size":       "10737418241",
	"accountId":  "e6f2c5a7b0d1",
	"vaultId":    "1007",
}

var (
	placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)
	namedGroupRE  = regexp.MustCompile(`\(\?P<(\w+)>(?:\[[^\]]*\]|[^()])*\)`)
	pyClassRE     = regexp.MustCompile(`^([A-Za-z_][\w.]*): `)
	javaClassRE   = regexp.MustCompile(`\b(B2\w*Exception)\b`)
)

// fillB2 replaces each {placeholder} with a sample value.
func fillB2(s string) string {
	return placeholderRE.ReplaceAllStringFunc(s, func(p string) string {
		if v, ok := b2Samples[p[1:len(p)-1]]; ok {
			return v
		}
		return "sample-value"
	})
}

// patternSample turns a message pattern an SDK tests into a message that pattern accepts: a regex's named groups
// and wildcards become sample values, a prefix gets a tail.
func patternSample(pattern, source string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$")
	s = namedGroupRE.ReplaceAllString(s, "{$1}")
	s = strings.ReplaceAll(s, ".*", " my-bucket ")
	s = strings.Join(strings.Fields(fillB2(s)), " ")
	if strings.Contains(source, "HasPrefix") {
		s += " " + b2Samples["token"]
	}
	return s
}

// Exception classes an SDK raises for many codes: the catalog lists each only on its default entry (or on the few
// entries it stands for), so a row of such a class is satisfied by any B2 entry of the row's status.
var b2GenericClasses = map[string]bool{
	"BadRequest": true, "Unauthorized": true, "UnknownError": true, "ServiceError": true, "ResourceNotFound": true,
	"B2Exception": true, "B2BadRequestException": true, "B2UnauthorizedException": true, "B2ForbiddenException": true,
	"B2NotFoundException": true, "B2RequestTimeoutException": true, "B2TooManyRequestsException": true,
	"B2InternalErrorException": true, "B2ServiceUnavailableException": true,
}

// Rows raised by the SDKs themselves, not mapped from a server error: the entry each stands for.
var b2ClientSideClasses = map[string]string{
	"CapExceeded":           "403 cap_exceeded", // b2sdk's base class of the cap errors
	"B2BadRequestException": "400 bad_request",  // the Java SDK's own file-info check, printed as 400 bad_request
}

// Classes of b2_messages.csv that deliberately stand for no catalog entry.
var b2UnmappedClasses = map[string]string{
	"AssertionError":                   "a Python built-in that b2sdk asserts with; it names no error",
	"PotentialS3EndpointPassedAsRealm": "non_json_response is a code b2sdk invents for a non-JSON body, not a B2 error",
	"NonExistentBucket":                "client-side: an empty b2_list_buckets result, no server error",
	"RestrictedBucket":                 "client-side check of the key's allowed buckets",
	"RestrictedBucketMissing":          "client-side check of the key's allowed buckets",
	"BadUploadUrl":                     "raised by b2sdk's simulator only",
	"B2RequestTimeout":                 "client-side socket timeout, not a server 408",
	"B2ConnectionError":                "transport failure before any B2 response",
	"BrokenPipe":                       "transport failure before any B2 response",
	"ConnectionReset":                  "transport failure before any B2 response",
	"UnknownHost":                      "DNS failure before any B2 response",
	"MaxRetriesExceeded":               "wraps the errors of earlier attempts; names none itself",
}

// hasB2 reports whether ms holds the B2 entry (status, code), or, when loose, any B2 entry of that status ("*" or
// "": any status).
func hasB2(ms []codes.Match, status, code string, loose bool) bool {
	n, _ := strconv.Atoi(status)
	for _, m := range ms {
		e := m.Entry
		if e.Provider != "b2" {
			continue
		}
		if e.Status == n && e.Code == code {
			return true
		}
		if loose && (n == 0 || e.Status == n) {
			return true
		}
	}
	return false
}

func describe(ms []codes.Match) string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprintf("%s %d %s", m.Entry.Provider, m.Entry.Status, m.Entry.Code))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// TestB2MessagesMatchReference checks that every server message, SDK exception and SDK message pattern of
// b2_messages.csv leads to its catalog entry.
func TestB2MessagesMatchReference(t *testing.T) {
	b2 := codes.Options{Providers: []string{"b2"}}
	rows := readCSV(t, "b2_messages.csv")
	if len(rows) < 140 {
		t.Fatalf("b2_messages.csv has %d rows; expected about 148", len(rows))
	}
	for _, r := range rows {
		status, code, msg, source := r["status"], r["code"], r["message"], r["source"]
		row := fmt.Sprintf("%s %s %s %q", r["kind"], status, code, msg)
		switch r["kind"] {
		case "server":
			text := fillB2(msg)
			if strings.Contains(source, "PREFIX ONLY") {
				text += "ore than 1024 bytes" // the source is cut off; any continuation must still match
			}
			if ms := codes.LookupMessage(text, b2); !hasB2(ms, status, code, false) {
				t.Errorf("%s: LookupMessage(%q) = %s", row, text, describe(ms))
			}

		case "sdk_message_match":
			text := patternSample(msg, source)
			if ms := codes.LookupMessage(text, b2); !hasB2(ms, status, code, code == "*") {
				t.Errorf("%s: LookupMessage(%q) = %s", row, text, describe(ms))
			}

		case "sdk_exception":
			var class, printed string
			switch {
			case strings.HasPrefix(msg, "<B2Exception"):
				class = "B2Exception"
				if m := javaClassRE.FindStringSubmatch(source); m != nil {
					class = m[1]
				}
			case pyClassRE.MatchString(msg):
				dotted := pyClassRE.FindStringSubmatch(msg)[1]
				class = dotted[strings.LastIndexByte(dotted, '.')+1:]
				printed = msg[len(dotted)+2:]
			default:
				// blazer (Go) prints "{method}: {status}: {message}" from an unexported type, and b2sdk's
				// non_json_response line has no class: only the status can lead to an entry.
				if !strings.HasPrefix(source, "GO ") && code != "non_json_response" {
					t.Errorf("%s: no exception class found", row)
				}
				if n, err := strconv.Atoi(status); err == nil && len(codes.ByStatusCode(n, b2)) == 0 {
					t.Errorf("%s: no b2 entry has status %d", row, n)
				}
				continue
			}
			if why, ok := b2UnmappedClasses[class]; ok {
				if ms := codes.LookupException(class, b2); len(ms) != 0 {
					t.Errorf("%s: %s is meant to stand for nothing (%s) but finds %s", row, class, why, describe(ms))
				}
				continue
			}
			wantStatus, wantCode, loose := status, code, code == "*" || b2GenericClasses[class]
			if status == "" {
				want, ok := b2ClientSideClasses[class]
				if !ok {
					t.Errorf("%s: client-side class %s is neither mapped nor listed as unmapped", row, class)
					continue
				}
				wantStatus, wantCode, _ = strings.Cut(want, " ")
				loose = false
			}
			if ms := codes.LookupException(class, b2); !hasB2(ms, wantStatus, wantCode, loose) {
				t.Errorf("%s: LookupException(%q) = %s", row, class, describe(ms))
			}
			// A fixed text (no placeholder) is what users paste: it must find the entry too. b2sdk appends
			// " (code)" to some; that is the code, not the message.
			if printed == "" || strings.ContainsAny(printed, "{}") {
				continue
			}
			printed = strings.TrimSuffix(printed, " ("+code+")")
			if ms := codes.LookupMessage(printed, b2); !hasB2(ms, wantStatus, wantCode, wantCode == "*") {
				t.Errorf("%s: LookupMessage(%q) = %s", row, printed, describe(ms))
			}

		default:
			t.Errorf("%s: unknown kind", row)
		}
	}
}

func TestLookupException(t *testing.T) {
	cases := []struct {
		name string
		want []string // "provider status code" of the matches, in order
	}{
		{"StorageCapExceeded", []string{"b2 403 storage_cap_exceeded"}},
		{"b2sdk._internal.exception.StorageCapExceeded", []string{"b2 403 storage_cap_exceeded"}},
		{"b2sdk.exception.CapExceeded", []string{"b2 403 cap_exceeded"}},
		{"storagecapexceeded", []string{"b2 403 storage_cap_exceeded"}},
		{" InvalidAuthToken ", []string{"b2 401 bad_auth_token", "b2 401 expired_auth_token"}},
		{"com.backblaze.b2.client.exceptions.B2UnauthorizedException", []string{"b2 401 unauthorized"}},
		{"BadRequest", []string{"b2 400 bad_request"}},
		{"UploadTokenUsedConcurrently", []string{"b2 400 auth_token_limit"}},
		{"Storage Cap Exceeded", nil}, // exact names only
		{"", nil},
		{"b2sdk.exception.", nil},
		{"NoSuchKey", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, m := range codes.LookupException(tc.name, codes.Options{}) {
			got = append(got, fmt.Sprintf("%s %d %s", m.Entry.Provider, m.Entry.Status, m.Entry.Code))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("LookupException(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if ms := codes.LookupException("StorageCapExceeded", codes.Options{Providers: []string{"obs"}}); len(ms) != 0 {
		t.Errorf("the provider filter is ignored: %s", describe(ms))
	}
}
