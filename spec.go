// Package placetrust holds the project's root documents; the code lives in
// cmd/ and internal/.
package placetrust

import _ "embed"

// OpenAPI is openapi.yaml, the description of the HTTP API that the
// server serves at /openapi.yaml and its tests hold it to.
//
//go:embed openapi.yaml
var OpenAPI []byte
