package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestModuleVersion(t *testing.T) {
	for mv, want := range map[string]string{
		"":                                   "dev",
		"(devel)":                            "dev",
		"v1.2.0":                             "v1.2.0",
		"v1.2.0+dirty":                       "v1.2.0+dirty",
		"v0.0.0-20261130151553-3d2436ef7ac7": "dev",
		"v1.2.4-0.20261130151553-3d2436ef7ac7+dirty": "dev+dirty",
		"v2.0.0-rc.1.0.20261130151553-3d2436ef7ac7":  "dev",
	} {
		if got := moduleVersion(mv); got != want {
			t.Errorf("moduleVersion(%q) = %q, want %q", mv, got, want)
		}
	}
}

// TestVersionOfACheckoutBuild builds errcode the README's way (go build in a git checkout) from a copy of this
// tree committed into a fresh repository, then tags it, and checks `errcode version` against the README's example:
// the version, commit and date each once.
func TestVersionOfACheckoutBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds errcode twice")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	src := strings.TrimSpace(runIn(t, "..", "git", "rev-parse", "--show-toplevel"))
	dir := t.TempDir()
	files := strings.Split(strings.TrimRight(runIn(t, src, "git", "ls-files", "--cached", "--others", "--exclude-standard"), "\n"), "\n")
	for _, f := range files {
		if strings.Contains(f, "/testdata/") {
			continue // not needed to build, and the largest part of the tree
		}
		data, err := os.ReadFile(filepath.Join(src, f))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string {
		return runIn(t, dir, "git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
	}
	git("init", "-q")
	git("add", "-A")
	t.Setenv("GIT_COMMITTER_DATE", "2026-11-30T10:00:00Z")
	t.Setenv("GIT_AUTHOR_DATE", "2026-11-30T10:00:00Z")
	git("commit", "-q", "-m", "snapshot")
	commit := strings.TrimSpace(git("rev-parse", "HEAD"))[:12]

	// A machine-wide GOFLAGS=-buildvcs=false would hide what a user's plain go build records.
	t.Setenv("GOFLAGS", "-buildvcs=true")
	bin := filepath.Join(t.TempDir(), "errcode") // outside the checkout, which it would make dirty
	version := func() string {
		runIn(t, dir, "go", "build", "-o", bin, ".")
		return runIn(t, dir, bin, "version")
	}

	readme, err := os.ReadFile(filepath.Join(src, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	example := regexp.MustCompile("(?m)^\\$ errcode version.*\n(errcode .*)$").FindSubmatch(readme)
	if example == nil {
		t.Fatal("README has no `$ errcode version` example")
	}
	// The example's commit and date stand for any: the shape must match.
	shape := regexp.QuoteMeta(string(example[1]))
	shape = regexp.MustCompile(`[0-9a-f]{12}`).ReplaceAllString(shape, `[0-9a-f]{12}`)
	shape = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).ReplaceAllString(shape, `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
	readmeShape := regexp.MustCompile("^" + shape + "\n$")

	got := version()
	if want := "errcode dev (" + commit + ", 2026-11-30T10:00:00Z)\n"; got != want {
		t.Errorf("untagged checkout: errcode version = %q, want %q", got, want)
	}
	if !readmeShape.MatchString(got) {
		t.Errorf("untagged checkout: %q does not match the README's example %q", got, example[1])
	}

	git("tag", "v1.2.3")
	if got, want := version(), "errcode v1.2.3 ("+commit+", 2026-11-30T10:00:00Z)\n"; got != want {
		t.Errorf("tagged checkout: errcode version = %q, want %q", got, want)
	}
}

// runIn runs a command in dir and returns its stdout, failing the test on an error.
func runIn(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	c := exec.Command(name, args...)
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %v: %v\n%s", name, args, err, msg)
	}
	return string(out)
}
