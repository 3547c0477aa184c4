package codes_test

import (
	"testing"

	"github.com/errcode/errcode/codes"
)

// TestVerdictsFollowTheOfficialClients encodes the retry behaviour of each provider's official clients
// (summarised in shared/reference/README.md) and checks every entry against it.
func TestVerdictsFollowTheOfficialClients(t *testing.T) {
	for _, e := range codes.All() {
		want := expectedVerdict(e)
		if want == "" {
			continue
		}
		if e.Retry.Verdict != want {
			t.Errorf("%s %d %s: verdict %s, want %s", e.Provider, e.Status, e.Code, e.Retry.Verdict, want)
		}
	}
}

// expectedVerdict returns the verdict the reference prescribes for an entry, or "" where the reference leaves it
// to judgement (such as Discord codes without a known status).
func expectedVerdict(e *codes.Entry) codes.Verdict {
	switch e.Provider {
	case "b2":
		// B2 SDKs: 408, 429, 500 and 503 are retried (with a new upload URL for uploads); expired or bad tokens
		// and auth_token_limit are renewed first; a revision conflict re-reads the bucket; the rest is final.
		switch {
		case e.Kind == codes.KindStatus && e.Status == 401:
			return codes.Refresh
		case e.Status == 429:
			return codes.Wait
		case e.Status == 408 || e.Status == 500 || e.Status == 503:
			return codes.Backoff
		case e.Code == "bad_auth_token" || e.Code == "expired_auth_token" || e.Code == "auth_token_limit" || e.Code == "conflict":
			return codes.Refresh
		case e.Status == 200:
			return codes.Never
		}
		return codes.Never
	case "obs":
		// OBS SDKs retry 5xx and RequestTimeout; RequestTimeTooSkewed after fixing the clock; 429 and SlowDown
		// call for waiting; redirects are followed; conflicting operations finish first. 501 (not implemented)
		// is deliberately final: the SDKs would resend it, but the same request cannot start working.
		switch {
		case e.Code == "SlowDown" || e.Code == "TooManyRequests":
			return codes.Wait
		case e.Code == "RequestTimeout" || e.Status == 408:
			return codes.Backoff
		case e.Code == "RequestTimeTooSkewed":
			return codes.Refresh
		case e.Status == 501:
			return codes.Never
		case e.Status >= 500 || e.Code == "5xx":
			return codes.Backoff
		case e.Status == 301 || e.Status == 307 || e.Code == "3xx":
			return codes.Refresh
		case e.Code == "OperationAborted" || e.Code == "RestoreAlreadyInProgress" || e.Code == "BucketExpanding" || e.Code == "FsRenameConflict":
			return codes.Later
		}
		return codes.Never
	case "backup":
		switch {
		case e.Code == "legacy-frequency-limit":
			return codes.Wait // the legacy endpoints' one-backup-per-day limit: the message gives the wait
		case e.Status == 429:
			return codes.Wait
		case e.Status >= 500:
			return codes.Backoff
		case e.Code == "137" || e.Code == "140":
			return codes.Later // an operation of the same kind is still running
		}
		return codes.Never
	case "discord":
		switch {
		case e.Status == 429 || e.Code == "20028" || e.Code == "20029" || e.Code == "110000" || e.Code == "110001" || e.Status == 202:
			return codes.Wait
		case e.Code == "130000" || (e.Status >= 500 && e.Status != 501) || e.Code == "5xx":
			return codes.Backoff
		case e.Status == 423:
			return codes.Later
		case e.Kind != codes.KindCode:
			return codes.Never
		case e.Code == "0" || e.Code == "50013" || e.Code == "50001" || e.Code == "10062" || e.Code == "40001" || e.Code == "50035":
			return codes.Never
		}
		return "" // the other JSON codes: judged one by one in the data
	case "http":
		switch {
		case e.Status == 429:
			return codes.Wait
		case e.Status == 408 || e.Status == 425 || e.Status == 500 || e.Status == 502 || e.Status == 503 || e.Status == 504:
			return codes.Backoff
		case e.Status == 401 || e.Status == 300 || e.Status == 301 || e.Status == 302 || e.Status == 303 || e.Status == 307 || e.Status == 308:
			return codes.Refresh
		}
		return codes.Never
	}
	return ""
}

func TestCapCodesAreFinal(t *testing.T) {
	for _, code := range []string{"cap_exceeded", "storage_cap_exceeded", "transaction_cap_exceeded", "download_cap_exceeded"} {
		e, ok := codes.Find("b2", code, 403)
		if !ok {
			t.Fatalf("b2 %s missing", code)
		}
		if e.Retry.Verdict.Retryable() {
			t.Errorf("b2 %s is retryable; the SDKs treat cap errors as final", code)
		}
	}
}
