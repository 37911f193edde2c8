package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
	"go.yaml.in/yaml/v3"
)

// ogcAPIDocs are the /ogc API's service description and documentation,
// made once from openapi.yaml.
type ogcAPIDocs struct {
	once sync.Once
	json []byte
	html []byte
	err  error
}

// build makes the documents: the OGC paths of openapi.yaml re-rooted at
// /ogc, with the components they use, as JSON. Re-rooting matters: GDAL
// looks up the items parameters it may forward under
// paths["/collections/{name}/items"], relative to the API's server.
func (d *ogcAPIDocs) build(spec []byte) {
	var doc map[string]any
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		d.err = fmt.Errorf("httpapi: openapi.yaml: %w", err)
		return
	}
	paths, _ := doc["paths"].(map[string]any)
	ogc := map[string]any{}
	for p, item := range paths {
		if rest, ok := strings.CutPrefix(p, "/ogc"); ok && (rest == "" || rest[0] == '/') {
			if rest == "" {
				rest = "/"
			}
			ogc[rest] = item
		}
	}
	doc["paths"] = ogc
	doc["servers"] = []any{map[string]any{"url": "/ogc", "description": "OGC API - Features of this server"}}
	if d.json, d.err = json.Marshal(jsonable(doc)); d.err != nil {
		return
	}
	comps, _ := doc["components"].(map[string]any)
	shared, _ := comps["parameters"].(map[string]any)
	d.html, d.err = apiHTML(ogc, shared)
}

// jsonable turns YAML's generic values into ones encoding/json accepts:
// maps with non-string keys become maps with string keys.
func jsonable(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = jsonable(e)
		}
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range t {
			t[i] = jsonable(e)
		}
	}
	return v
}

func (s *Server) ogcAPI(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	mt, err := negotiate(c, mimeOpenAPI, mimeJSON)
	if err != nil {
		return err
	}
	s.ogcDocs.once.Do(func() { s.ogcDocs.build(s.svc.Spec) })
	if s.ogcDocs.err != nil {
		return s.ogcDocs.err
	}
	return c.Blob(http.StatusOK, mt, s.ogcDocs.json)
}

func (s *Server) ogcAPIDoc(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	if _, err := negotiate(c, mimeHTML); err != nil {
		return err
	}
	s.ogcDocs.once.Do(func() { s.ogcDocs.build(s.svc.Spec) })
	if s.ogcDocs.err != nil {
		return s.ogcDocs.err
	}
	c.Response().Header().Set("Content-Security-Policy", apiDocCSP)
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, s.ogcDocs.html)
}

// apiStyle is api.html's stylesheet, inline so the page stands alone;
// its policy allows exactly this text, by hash (apiDocCSP).
const apiStyle = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
code{background:#f3f3f3;padding:0 .2em}td,th{text-align:left;vertical-align:top;padding:.2em .6em}`

var apiDocCSP = inlineStyleCSP(apiStyle)

var apiPage = template.Must(template.New("api").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>placetrust OGC API - Features</title>
<style>{{.Style}}</style></head>
<body><h1>placetrust: OGC API - Features</h1>
<p>The machine-readable description is <a href="api">/ogc/api</a> (OpenAPI 3.0, JSON); the whole HTTP API is
described in <a href="../openapi.yaml">/openapi.yaml</a>. Reads need a bearer token unless the server runs with
<code>--public-read</code>.</p>
{{range .Ops}}<h2><code>GET /ogc{{.Path}}</code></h2><p>{{.Summary}}</p>{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Params}}<table><tr><th>Parameter</th><th>In</th><th>Meaning</th></tr>
{{range .Params}}<tr><td><code>{{.Name}}</code></td><td>{{.In}}</td><td>{{.Description}}</td></tr>{{end}}</table>{{end}}
{{end}}</body></html>
`))

type apiOp struct {
	Path, Summary, Description string
	Params                     []apiParam
}

type apiParam struct{ Name, In, Description string }

// apiHTML renders the GET operations of paths, resolving parameter
// references against the shared parameters.
func apiHTML(paths, shared map[string]any) ([]byte, error) {
	var ops []apiOp
	for p, item := range paths {
		m, _ := item.(map[string]any)
		get, _ := m["get"].(map[string]any)
		if get == nil {
			continue
		}
		op := apiOp{Path: strings.TrimSuffix(p, "/"), Summary: str(get["summary"]), Description: str(get["description"])}
		params, _ := get["parameters"].([]any)
		common, _ := m["parameters"].([]any)
		for _, pv := range append(common, params...) {
			pm, _ := pv.(map[string]any)
			if ref := str(pm["$ref"]); ref != "" {
				pm, _ = shared[strings.TrimPrefix(ref, "#/components/parameters/")].(map[string]any)
			}
			op.Params = append(op.Params, apiParam{Name: str(pm["name"]), In: str(pm["in"]), Description: str(pm["description"])})
		}
		ops = append(ops, op)
	}
	slices.SortFunc(ops, func(a, b apiOp) int { return strings.Compare(a.Path, b.Path) })
	var buf bytes.Buffer
	err := apiPage.Execute(&buf, struct {
		Style template.CSS
		Ops   []apiOp
	}{template.CSS(apiStyle), ops})
	return buf.Bytes(), err
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
