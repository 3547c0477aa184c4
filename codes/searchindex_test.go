package codes

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var updateSearchIndex = flag.Bool("update-search-index", false, "rewrite zz_search.go from the catalog (go generate ./codes)")

// TestSearchIndexIsCurrent fails when the generated search index no longer matches the catalog or the way
// search_build.go files words: run `go generate ./codes` and commit the result. With -update-search-index (which
// is how go generate runs it) it writes the file instead.
func TestSearchIndexIsCurrent(t *testing.T) {
	want, err := renderSearchIndex(buildSearchIndex())
	if err != nil {
		t.Fatal(err)
	}
	const file = "zz_search.go"
	got, err := os.ReadFile(file)
	if err != nil && !*updateSearchIndex {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if *updateSearchIndex {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal(file + " is stale: run `go generate ./codes` and commit the result")
}

// BenchmarkBuildSearchIndex measures the work the generated index saves every process that searches: before
// zz_search.go, the first search in a process did this before it could rank anything.
func BenchmarkBuildSearchIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildSearchIndex()
	}
}
