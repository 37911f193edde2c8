// Package api is a typed Go client for placetrust's HTTP API, generated
// from openapi.yaml so that scripts and tests use exactly what the spec
// promises. Regenerate with go generate ./api after changing the spec.
package api

//go:generate go tool oapi-codegen -config config.yaml ../openapi.yaml
