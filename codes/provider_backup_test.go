package codes

import "testing"

func TestBackupFrequencyWait(t *testing.T) {
	cases := []struct {
		msg  string
		want float64
		ok   bool
	}{
		{"Backup frequency is limited. You can not make another backup right now. Approximate time till next allowed backup: 23h 59m", 23*3600 + 59*60, true},
		{"You cannot make another backup right now. Approximate time until next allowed backup: 47h 1m", 47*3600 + 60, true},
		{`{"error": "You cannot make another backup right now. Approximate time until next allowed backup: 0h 5m"}`, 300, true},
		{"approximate TIME TILL NEXT ALLOWED BACKUP: 12H 30M", 12*3600 + 30*60, true},
		{"Approximate time till next allowed backup: 5h", 5 * 3600, true},
		{"Approximate time until next allowed backup: 42m", 42 * 60, true},
		{"Approximate time till next allowed backup:3h4m", 3*3600 + 4*60, true},
		{"Approximate time till next allowed backup: 0h 0m", 0, true},
		{"Approximate time till next allowed backup: soon", 0, false},
		{"Backup frequency is limited.", 0, false},
		{"Retry after 5m", 0, false},
		{"", 0, false},
	}
	for _, tc := range cases {
		got, ok := backupFrequencyWait(tc.msg)
		if got != tc.want || ok != tc.ok {
			t.Errorf("backupFrequencyWait(%q) = %v, %v; want %v, %v", tc.msg, got, ok, tc.want, tc.ok)
		}
	}
}

// TestBackupLegacyEntries checks that the legacy endpoints' errors find their entries by message, each under the
// status that product sends, and that the frequency limit tells the client to wait.
func TestBackupLegacyEntries(t *testing.T) {
	backup := Options{Providers: []string{"backup"}}
	cases := []struct {
		msg    string
		status int
		code   string
	}{
		{"Backup frequency is limited. You can not make another backup right now. Approximate time till next allowed backup: 23h 59m", 406, "legacy-frequency-limit"},
		{"You cannot make another backup right now. Approximate time until next allowed backup: 47h 1m", 412, "legacy-frequency-limit"},
		{"null for uri: https://example.atlassian.net/rest/obm/1.0/runbackup", 404, "legacy-404"},
	}
	for _, tc := range cases {
		ms := LookupMessage(tc.msg, backup)
		if len(ms) != 1 || ms[0].Entry.Status != tc.status || ms[0].Entry.Code != tc.code {
			t.Errorf("LookupMessage(%q) = %v, want backup %d %s", tc.msg, ms, tc.status, tc.code)
		}
	}
	for _, status := range []int{406, 412} {
		e, ok := Find("backup", "legacy-frequency-limit", status)
		if !ok || e.Retry.Verdict != Wait || e.Kind != KindStatus {
			t.Errorf("backup %d legacy-frequency-limit: %+v", status, e)
		}
	}
	if e, ok := Find("backup", "legacy-401", 401); !ok || e.Retry.Verdict != Never {
		t.Errorf("backup 401 legacy-401: %+v", e)
	}
	// The plain status entries keep their codes.
	if e, ok := Find("backup", "404", 404); !ok || e.Code != "404" {
		t.Errorf("backup 404: %+v", e)
	}
}
