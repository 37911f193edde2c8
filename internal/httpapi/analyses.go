package httpapi

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
)

// Analyses runs the property trust analyses for the caller in ctx.
type Analyses interface {
	Receipts(ctx context.Context, p analysis.ReceiptParams, f estate.Selection, g analysis.GroupBy) (analysis.ReceiptsReport, error)
	AssetReceipts(ctx context.Context, p analysis.ReceiptParams, f estate.Selection, limit int) ([]insight.AssetReceipt, error)
	Colocation(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (*analysis.ColocationReport, error)
	Trust(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (analysis.TrustView, error)
	// Profile is receipts by financial year as at asAt ("" for today).
	Profile(ctx context.Context, p analysis.ReceiptParams, asAt string, f estate.Selection, g analysis.GroupBy) (analysis.YearProfile, error)
	// Outcome is estimate against outcome of the sold assets.
	Outcome(ctx context.Context, p analysis.ReceiptParams, f estate.Selection) (analysis.OutcomeReport, error)
	// Scenario is a what-if beside the register, with the co-location
	// summaries when hubs.
	Scenario(ctx context.Context, p analysis.ColocationParams, asAt string, f estate.Selection, rules analysis.ScenarioRules, hubs bool) (insight.ScenarioReport, error)
	// Board gathers the board report's figures, with the top hubs.
	Board(ctx context.Context, p analysis.ColocationParams, asAt string, f estate.Selection, top int) (insight.BoardFigures, error)
	// Quality is the data quality view; a zero p.AsOf is now.
	Quality(ctx context.Context, p analysis.QualityParams, f estate.Selection) (analysis.QualityReport, error)
}

// maxPerAsset caps per-asset receipt lists.
const maxPerAsset = 10000

type receiptsResponse struct {
	analysis.ReceiptsReport
	Assets []insight.AssetReceipt `json:"assets,omitempty"`
}

func (s *Server) receipts(c echo.Context) error {
	q, f, err := scenario(c, concat(receiptParamNames, []string{"group_by", "per_asset"}))
	if err != nil {
		return err
	}
	p, err := receiptParams(q)
	if err != nil {
		return err
	}
	perAsset := false
	if s := q.Get("per_asset"); s != "" {
		if perAsset, err = strconv.ParseBool(s); err != nil {
			return invalid("per_asset", "must be true or false")
		}
	}
	rep, err := s.svc.Analyses.Receipts(c.Request().Context(), p, f, analysis.GroupBy(q.Get("group_by")))
	if err != nil {
		return err
	}
	out := receiptsResponse{ReceiptsReport: rep}
	if perAsset {
		if out.Assets, err = s.svc.Analyses.AssetReceipts(c.Request().Context(), p, f, maxPerAsset); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) trust(c echo.Context) error {
	// The co-location settings too, so the trust view's opportunity count
	// can be the one a user chose on the co-location analysis.
	q, f, err := scenario(c, colocationParamNames)
	if err != nil {
		return err
	}
	p, err := colocationParams(q)
	if err != nil {
		return err
	}
	view, err := s.svc.Analyses.Trust(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, view)
}

// memberOut is a member with its location, so a map can draw the line
// from hub to member.
type memberOut struct {
	analysis.Member
	Location [2]float64 `json:"location"`
}

type opportunityProps struct {
	analysis.Opportunity
	Members []memberOut `json:"members"`
}

func (s *Server) colocation(c echo.Context) error {
	q, f, err := scenario(c, colocationParamNames)
	if err != nil {
		return err
	}
	p, err := colocationParams(q)
	if err != nil {
		return err
	}
	rep, err := s.svc.Analyses.Colocation(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	// A FeatureCollection of hubs, the summary as foreign members: any GIS
	// client maps the hubs, and the figures travel with them.
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, geoJSONType)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	bw.WriteString(`{"type":"FeatureCollection","summary":`)
	if err := enc.Encode(rep.ColocationSummary); err != nil {
		return err
	}
	bw.WriteString(`,"features":[`)
	for i, o := range rep.Opportunities {
		if i > 0 {
			bw.WriteByte(',')
		}
		props := opportunityProps{Opportunity: o, Members: make([]memberOut, len(o.Members))}
		for j, m := range o.Members {
			props.Members[j] = memberOut{Member: m, Location: [2]float64{m.Location.Lon, m.Location.Lat}}
		}
		f := struct {
			Type       string           `json:"type"`
			ID         int64            `json:"id"`
			Geometry   pointGeometry    `json:"geometry"`
			Properties opportunityProps `json:"properties"`
		}{"Feature", o.Hub.ID, pointOf(o.Hub.Location), props}
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

type pointGeometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func pointOf(p estate.Point) pointGeometry {
	return pointGeometry{Type: "Point", Coordinates: [2]float64{p.Lon, p.Lat}}
}

// defaultNearbyM is the co-location distance of DESIGN 5.2.
const defaultNearbyM = 400

// Nearby lists at most maxNearby neighbours, defaultNearbyLimit unless
// asked: the nearest, whatever order the store finds them in.
const (
	defaultNearbyLimit = 1000
	maxNearby          = estate.MaxPageSize
)

func (s *Server) nearby(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	q := c.QueryParams()
	if err := checkParams(q, "within", "limit"); err != nil {
		return err
	}
	if err := checkSingle(q); err != nil {
		return err
	}
	within := float64(defaultNearbyM)
	if v := q.Get("within"); v != "" {
		if within, err = strconv.ParseFloat(v, 64); err != nil {
			return invalid("within", "must be a number of metres")
		}
	}
	if !(within > 0 && within <= estate.MaxWithinM) {
		return invalid("within", "must be more than 0 and at most "+strconv.Itoa(estate.MaxWithinM)+" metres")
	}
	limit, err := parseLimit(q.Get("limit"), maxNearby)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = defaultNearbyLimit
	}
	ctx := c.Request().Context()
	target, err := s.svc.Assets.FindAssetByID(ctx, id)
	if err != nil {
		return err
	}
	ns, matched, err := s.nearest(ctx, target, within, limit)
	if err != nil {
		return err
	}
	type props struct {
		analysis.Neighbour
		Use string `json:"use,omitempty"`
	}
	type feature struct {
		Type       string        `json:"type"`
		ID         int64         `json:"id"`
		Geometry   pointGeometry `json:"geometry"`
		Properties props         `json:"properties"`
	}
	out := struct {
		Type      string    `json:"type"`
		Asset     int64     `json:"asset"`
		WithinM   float64   `json:"within_m"`
		Limit     int       `json:"limit"`
		Matched   int       `json:"number_matched"`
		Truncated bool      `json:"truncated"`
		Features  []feature `json:"features"`
	}{Type: "FeatureCollection", Asset: id, WithinM: within, Limit: limit, Matched: matched,
		Truncated: matched > len(ns), Features: make([]feature, len(ns))}
	for i, n := range ns {
		out.Features[i] = feature{"Feature", n.ID, pointOf(n.Asset.Location), props{n, n.Asset.Use}}
	}
	c.Response().Header().Set(echo.HeaderContentType, geoJSONType)
	return json.NewEncoder(c.Response()).Encode(out)
}

// nearest returns the limit nearest of the other partners' assets within
// the distance of target, and how many there are. The store pages by id,
// so every page of candidates is read and only the nearest are kept: the
// nearest may be on the last page.
func (s *Server) nearest(ctx context.Context, target *estate.Asset, within float64, limit int) ([]analysis.Neighbour, int, error) {
	f := estate.AssetFilter{Selection: estate.Selection{Near: &target.Location, WithinM: within}, Page: estate.Page{Limit: estate.MaxPageSize}}
	var keep []analysis.Neighbour
	matched := 0
	for {
		page, err := s.svc.Assets.FindAssets(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		ns, err := analysis.Nearby(target, page, within)
		if err != nil {
			return nil, 0, err
		}
		matched += len(ns)
		keep = analysis.KeepNearest(keep, ns, limit)
		if len(page) < f.Limit {
			return keep, matched, nil
		}
		f.After = page[len(page)-1].ID
	}
}
