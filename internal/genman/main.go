// Command genman writes errcode's man pages (errcode.1 and one page per command), gzipped or not. The release
// runs it; the date is SOURCE_DATE_EPOCH when set, else the date of the last commit, so pages are reproducible.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/errcode/errcode/cmd"
)

func main() {
	dir := flag.String("dir", "manpages", "output directory")
	gz := flag.Bool("gzip", false, "also write NAME.1.gz beside each page")
	flag.Parse()
	if err := run(*dir, *gz); err != nil {
		fmt.Fprintln(os.Stderr, "genman:", err)
		os.Exit(1)
	}
}

func run(dir string, gz bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writePages(dir); err != nil {
		return err
	}
	if !gz {
		return nil
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	for _, p := range pages {
		if err := gzipFile(p); err != nil {
			return err
		}
	}
	return nil
}

// commitDate is the time of the last commit, or the Unix epoch outside a git checkout: never the wall clock,
// which would make every build's pages differ.
func commitDate() time.Time {
	out, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
	if err == nil {
		if sec, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}

func gzipFile(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f, err := os.Create(path + ".gz")
	if err != nil {
		return err
	}
	w, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w.ModTime = time.Unix(0, 0) // no timestamp in the header: reproducible archives
	if _, err := w.Write(src); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Close()
}

// writePages writes errcode.1 and one page per command. cobra/doc (and the markdown converter behind it) is
// linked here only, never into errcode itself.
func writePages(dir string) error {
	date := commitDate()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		date = time.Unix(sec, 0).UTC()
	}
	return writeTree(cmd.ManRoot(), date, dir)
}

// writeTree writes the page of c and of each of its subcommands, as doc.GenManTree would, but with each page's
// own title (ERRCODE-LOOKUP for errcode-lookup.1; GenManTree gives every page the first page's) and fixed up by
// fixPage.
func writeTree(c *cobra.Command, date time.Time, dir string) error {
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := writeTree(sub, date, dir); err != nil {
			return err
		}
	}
	name := strings.ReplaceAll(c.CommandPath(), " ", "-")
	header := &doc.GenManHeader{Title: strings.ToUpper(name), Section: "1", Source: "errcode", Manual: "errcode manual", Date: &date}
	var page bytes.Buffer
	if err := doc.GenMan(c, header, &page); err != nil {
		return err
	}
	extra := ""
	if !c.HasParent() {
		extra = environment
	}
	return os.WriteFile(filepath.Join(dir, name+".1"), []byte(fixPage(page.String(), extra)), 0o644)
}
