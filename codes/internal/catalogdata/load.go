// Package catalogdata reads, validates and compiles the catalog's YAML source files (codes/data/*.yaml) into the
// generated Go table of package codes. It is used by `go generate` and by the tests that keep the generated table
// and the data honest; the errcode binary never links it.
package catalogdata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v3"
)

// File is one provider's data file.
type File struct {
	Path     string       `yaml:"-"`
	Provider ProviderSpec `yaml:"provider"`
	Entries  []EntrySpec  `yaml:"entries"`
}

// ProviderSpec describes the provider of a data file.
type ProviderSpec struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Aliases     []string `yaml:"aliases"`
	Docs        string   `yaml:"docs"`
	Description string   `yaml:"description"`
	// Order places the provider among the others: lookups list providers in this order and the plain HTTP
	// fallback comes last.
	Order int `yaml:"order"`
}

// EntrySpec is one entry as written in a data file.
type EntrySpec struct {
	Code         string    `yaml:"code"`
	Status       *int      `yaml:"status"`
	Kind         string    `yaml:"kind"`
	Name         string    `yaml:"name"`
	Messages     []string  `yaml:"messages"`
	Exceptions   []string  `yaml:"exceptions"`
	Calls        []string  `yaml:"calls"`
	S3Compatible *bool     `yaml:"s3_compatible"`
	AWSStatus    int       `yaml:"aws_status"`
	Aliases      []string  `yaml:"aliases"`
	Group        string    `yaml:"group"`
	Cause        string    `yaml:"cause"`
	Fix          string    `yaml:"fix"`
	Retry        RetrySpec `yaml:"retry"`
	Related      []string  `yaml:"related"`
	Docs         string    `yaml:"docs"`

	Line int `yaml:"-"` // line of the entry in its file, for error messages
}

// RetrySpec is an entry's retry recommendation as written in a data file.
type RetrySpec struct {
	Verdict string `yaml:"verdict"`
	Advice  string `yaml:"advice"`
}

// StatusOrZero returns the entry's status, or 0 when it has none.
func (e *EntrySpec) StatusOrZero() int {
	if e.Status == nil {
		return 0
	}
	return *e.Status
}

// Key identifies an entry within its provider: B2 and OBS reuse a code under several statuses.
func (e *EntrySpec) Key() string { return fmt.Sprintf("%d/%s", e.StatusOrZero(), e.Code) }

// LoadDir reads every *.yaml file of dir, ordered by the providers' Order.
func LoadDir(dir string) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no *.yaml data files", dir)
	}
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		f, err := LoadFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Provider.Order < files[j].Provider.Order })
	return files, nil
}

// LoadFile reads one data file, rejecting unknown fields so that a misspelt key cannot silently drop data.
func LoadFile(path string) (File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	// A second pass over the node tree recovers each entry's line number for validation messages.
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err == nil && len(root.Content) == 1 {
		doc := root.Content[0]
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "entries" {
				for j, n := range doc.Content[i+1].Content {
					if j < len(f.Entries) {
						f.Entries[j].Line = n.Line
					}
				}
			}
		}
	}
	return f, nil
}
