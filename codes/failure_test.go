package codes

import "testing"

// TestSaysFailureWords checks the words that let a provider-only failure be reported: camelCase parts count,
// metric names and words that merely start alike do not.
func TestSaysFailureWords(t *testing.T) {
	for s, want := range map[string]bool{
		"ObsException: x": true, "errors_total=0 retries_total=0": false, "Upload FAILED": true,
		"上传失败": true, "posted message ok": false, "UnknownError": true, "permission denied": true,
		"failover complete": false,
	} {
		if got := saysFailure(s); got != want {
			t.Errorf("saysFailure(%q) = %v, want %v", s, got, want)
		}
	}
}
