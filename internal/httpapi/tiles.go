package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/tiles"
)

const mvtType = "application/vnd.mapbox-vector-tile"

// tileMaxZoom is the deepest zoom the TileJSON offers: below zoom 14
// tiles are thinned, from 14 they hold every asset, and a map overzooms
// zoom 16 tiles further without losing anything. Deeper tiles, up to
// tiles.MaxZoom, are still served.
const tileMaxZoom = 16

// Warm reads the copy of the register and indexes it for the vector
// tiles ahead of the first map, which at national scale takes seconds;
// the analyses, reading the same copy, are then warm too.
func (s *Server) Warm(ctx context.Context) error {
	if s.tiles == nil {
		return nil
	}
	return s.tiles.Warm(ctx)
}

// tile answers /tiles/assets/{z}/{x}/{y}.mvt: the assets the caller may
// see, thinned at low zooms, or 204 when the tile holds none.
func (s *Server) tile(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	y, isMVT := strings.CutSuffix(c.Param("y.mvt"), ".mvt")
	z, zerr := strconv.Atoi(c.Param("z"))
	x, xerr := strconv.Atoi(c.Param("x"))
	yn, yerr := strconv.Atoi(y)
	if !isMVT || zerr != nil || xerr != nil || yerr != nil {
		return estate.Errorf(estate.ENOTFOUND, "No such tile: tiles are /tiles/assets/{z}/{x}/{y}.mvt.")
	}
	if !tiles.InMatrix(z, x, yn) {
		return estate.Errorf(estate.ENOTFOUND, "No tile %d/%d/%d: zoom runs from 0 to %d and x and y from 0 to 2^zoom-1.",
			z, x, yn, tiles.MaxZoom)
	}
	view, err := s.tiles.View(c.Request().Context())
	if err != nil {
		return err
	}
	// A map asks for the same tiles on every load and pan: an unchanged
	// register answers 304 without drawing the tile again.
	actor := actorOf(c)
	tag := tileETag(s.epoch, view.Version(), actor)
	if notModified(c, tag) {
		return writeNotModified(c, tag)
	}
	c.Response().Header().Set("ETag", tag)
	pts, _ := view.Tile(actor, z, x, yn)
	if len(pts) == 0 {
		return c.NoContent(http.StatusNoContent)
	}
	b, err := tiles.EncodeMVT(pts)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mvtType, b)
}

// tileJSON is the TileJSON 3.0 document maps load the tiles through.
type tileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Version      string        `json:"version"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
	VectorLayers []vectorLayer `json:"vector_layers"`
}

type vectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

func (s *Server) tileJSON(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	if _, err := negotiate(c, mimeJSON); err != nil {
		return err
	}
	doc := tileJSON{TileJSON: "3.0.0", Name: "placetrust assets", Version: "1.0.0", Scheme: "xyz",
		Description: "Every asset the caller may see as a point. Below zoom 14 each cell of 8 px (4 px from zoom 12) " +
			"keeps one asset of each rating, so the red, amber, green and unrated mix stays visible everywhere.",
		Tiles:   []string{s.baseURL(c) + "/tiles/assets/{z}/{x}/{y}.mvt"},
		MaxZoom: tileMaxZoom, Bounds: [4]float64{-180, -85.051129, 180, 85.051129},
		VectorLayers: []vectorLayer{{ID: tiles.Layer, MaxZoom: tileMaxZoom, Fields: tiles.Fields,
			Description: "Assets: id, owning partner, rating (rag), holding, use and name."}}}
	if s.cfg.ServiceArea.Limited() {
		// Until the register has assets, maps open on the area it serves.
		b := s.cfg.ServiceArea.Bounds()
		doc.Bounds = [4]float64{b.MinLon, max(b.MinLat, -85.051129), b.MaxLon, min(b.MaxLat, 85.051129)}
	}
	if s.svc.Extent != nil {
		e, err := s.svc.Extent.FindAssetExtent(c.Request().Context())
		if err != nil {
			return err
		}
		if e.Count > 0 {
			doc.Bounds = [4]float64{e.BBox.MinLon, e.BBox.MinLat, e.BBox.MaxLon, e.BBox.MaxLat}
		}
	}
	doc.Center = [3]float64{(doc.Bounds[0] + doc.Bounds[2]) / 2, (doc.Bounds[1] + doc.Bounds[3]) / 2, 6}
	return c.JSON(http.StatusOK, doc)
}
