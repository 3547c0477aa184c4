package cmd

import (
	"strings"
	"testing"

	"github.com/errcode/errcode/codes"
)

// TestHelpNamesEveryProvider: the root help's provider paragraph and the -p flag list every provider of the
// catalog (a hand-kept list once left out s3 and net).
func TestHelpNamesEveryProvider(t *testing.T) {
	out, _, code := run(t, false, nil, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	para, _, _ := strings.Cut(out[strings.Index(out, "Providers: "):], "\n\n")
	para = strings.Join(strings.Fields(para), " ")
	flagLine := out[strings.Index(out, "--provider strings"):]
	flagLine = strings.Join(strings.Fields(flagLine[:strings.Index(flagLine, "or an alias")]), " ")
	for _, p := range codes.Providers() {
		if !strings.Contains(para, p.ID+" ("+p.Name) {
			t.Errorf("provider paragraph lacks %s (%s): %q", p.ID, p.Name, para)
		}
		if !strings.Contains(flagLine+",", " "+p.ID+",") {
			t.Errorf("-p help lacks %s: %q", p.ID, flagLine)
		}
	}
}
