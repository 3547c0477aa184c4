package codes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestProviderIDsStayInProviderFiles keeps provider knowledge in one place: no Go file of the module names a
// provider id in a string literal except that provider's own file (codes/provider_<id>.go), the catalog and
// search index generated from its data file, and tests. A stage that needs to treat one provider differently asks the
// registry instead.
func TestProviderIDsStayInProviderFiles(t *testing.T) {
	ids := map[string]bool{}
	for _, p := range Providers() {
		ids[p.ID] = true
	}
	root := ".."
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") && name != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		base := filepath.Base(path)
		if !strings.HasSuffix(base, ".go") || strings.HasSuffix(base, "_test.go") || base == "zz_catalog.go" || base == "zz_search.go" {
			return nil
		}
		own := ""
		if filepath.Base(filepath.Dir(path)) == "codes" && strings.HasPrefix(base, "provider_") {
			own = strings.TrimSuffix(strings.TrimPrefix(base, "provider_"), ".go")
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err == nil && ids[v] && v != own {
				t.Errorf("%s: provider id %q outside its provider file; ask the registry (codes/provider.go)", fset.Position(lit.Pos()), v)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 40 {
		t.Fatalf("only %d Go files checked; the walk went wrong", checked)
	}
}
