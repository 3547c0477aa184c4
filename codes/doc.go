// Package codes is errcode's knowledge: a catalog of the API errors of Backblaze B2, Huawei Cloud OBS, the
// Atlassian Cloud backup-management API, Discord and plain HTTP, compiled into the binary, with lookup and
// ranked fuzzy search over it.
//
// The catalog's source of truth is one YAML file per provider under data/; `go generate ./codes` turns it into
// zz_catalog.go, a plain Go table, so that a program using the package decodes nothing at start-up.
//
// The package has no terminal and no command-line concerns: it answers with plain structs that callers render.
package codes

//go:generate go run ./internal/gen -data data -out zz_catalog.go
//go:generate go test -run TestSearchIndexIsCurrent -args -update-search-index
