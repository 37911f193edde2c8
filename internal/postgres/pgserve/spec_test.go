package pgserve_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/placetrust/placetrust"
)

var spec struct {
	once   sync.Once
	router routers.Router
	err    error
}

func init() {
	// Our media types are JSON underneath (as httpapi's harness says).
	for _, ct := range []string{"application/geo+json", "application/problem+json", "application/merge-patch+json"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.JSONBodyDecoder)
	}
	openapi3filter.RegisterBodyDecoder("application/vnd.mapbox-vector-tile", openapi3filter.FileBodyDecoder)
}

// checkSpec fails t when r, the answer to method path, is not one
// openapi.yaml describes for that operation and status.
func checkSpec(t *testing.T, method, url string, r response) {
	t.Helper()
	spec.once.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromData(placetrust.OpenAPI)
		if err != nil {
			spec.err = err
			return
		}
		spec.router, spec.err = gorillamux.NewRouter(doc)
	})
	if spec.err != nil {
		t.Fatal(spec.err)
	}
	req, _ := http.NewRequest(method, url, nil)
	route, params, err := spec.router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: not in openapi.yaml: %v", method, url, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 r.Status, Header: r.Header, Body: io.NopCloser(bytes.NewReader(r.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s: %d does not match openapi.yaml: %v\n%.300s", method, url, r.Status, err, r.Body)
	}
}
