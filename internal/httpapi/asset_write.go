package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// patchAsset applies a JSON merge patch (RFC 7396) to the asset's Feature.
// The patch is applied inside the store's transaction to the version the
// client named, so a concurrent change can never be overwritten.
func (s *Server) patchAsset(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	version, err := versionFrom(c.Request())
	if err != nil {
		return err
	}
	patch, err := readBody(c)
	if err != nil {
		return err
	}
	a, err := s.svc.Assets.UpdateAsset(c.Request().Context(), id, version, func(a *estate.Asset) error {
		return applyFeaturePatch(a, patch)
	})
	if err != nil {
		return err
	}
	return s.writeAsset(c, http.StatusOK, a)
}

// applyFeaturePatch merges patch into a's Feature and reads the result
// back into a, refusing changes to server-set members.
func applyFeaturePatch(a *estate.Asset, patch []byte) error {
	cur, err := toFeature(a)
	if err != nil {
		return err
	}
	doc, err := json.Marshal(cur)
	if err != nil {
		return err
	}
	merged, err := mergePatch(doc, patch)
	if err != nil {
		return err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(merged, &top); err != nil {
		return invalid("body", "must be a JSON object")
	}
	if id := top["id"]; string(id) != strconv.FormatInt(a.ID, 10) {
		return invalid("id", "is set by the server")
	}
	delete(top, "id")
	if merged, err = json.Marshal(top); err != nil {
		return err
	}
	next, props, err := decodeFeature(merged)
	if err != nil {
		return err
	}
	if err := readOnlyProblems(props, cur.Properties); err != nil {
		return err
	}
	next.ID, next.RAGSetBy, next.RAGSetAt = a.ID, a.RAGSetBy, a.RAGSetAt
	next.Version, next.CreatedAt, next.UpdatedAt = a.Version, a.CreatedAt, a.UpdatedAt
	*a = *next
	return nil
}

func (s *Server) deleteAsset(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	version, err := versionFrom(c.Request())
	if err != nil {
		return err
	}
	if err := s.svc.Assets.DeleteAsset(c.Request().Context(), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// ragInput is the body of PUT /assets/{id}/rag.
type ragInput struct {
	Rating    estate.RAG `json:"rating"`
	Rationale string     `json:"rationale"`
}

func (s *Server) putRAG(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	version, err := versionFrom(c.Request())
	if err != nil {
		return err
	}
	var in ragInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, err := s.svc.Assets.SetAssetRAG(c.Request().Context(), id, version,
		estate.RAGUpdate{Rating: in.Rating, Rationale: in.Rationale})
	if err != nil {
		return err
	}
	return s.writeAsset(c, http.StatusOK, a)
}

type historyPage struct {
	Events []*estate.AuditEvent `json:"events"`
	Links  []link               `json:"links"`
}

func (s *Server) assetHistory(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	q := c.QueryParams()
	if err := checkParams(q, "limit", "cursor"); err != nil {
		return err
	}
	limit, before, err := eventPaging(q)
	if err != nil {
		return err
	}
	evs, err := s.svc.Assets.FindAssetHistory(c.Request().Context(), id, estate.HistoryFilter{Before: before, Limit: limit})
	if err != nil {
		return err
	}
	var last int64
	if len(evs) > 0 {
		last = evs[len(evs)-1].ID
	}
	return c.JSON(http.StatusOK, historyPage{Events: evs, Links: s.eventLinks(c, len(evs) == limit, last)})
}

// eventPaging reads an audit trail page's limit (default 100, at most
// 1000) and cursor (the id the page ends before; 0 for the newest).
func eventPaging(q url.Values) (limit int, before int64, err error) {
	if limit, err = parseLimit(q.Get("limit"), 1000); err != nil {
		return 0, 0, err
	}
	if limit == 0 {
		limit = 100
	}
	before, err = decodeCursor(q.Get("cursor"))
	return limit, before, err
}

// eventLinks are an audit trail page's self link and, when the page is
// full, its next link, continuing after the event with id last.
func (s *Server) eventLinks(c echo.Context, full bool, last int64) []link {
	q := c.QueryParams()
	self := s.baseURL(c) + c.Request().URL.Path
	links := []link{{Href: self + queryString(q), Rel: "self", Type: echo.MIMEApplicationJSON}}
	if full {
		next := cloneValues(q)
		next.Set("cursor", encodeCursor(last))
		links = append(links, link{Href: self + queryString(next), Rel: "next", Type: echo.MIMEApplicationJSON})
	}
	return links
}
