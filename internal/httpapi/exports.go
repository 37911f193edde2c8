package httpapi

import (
	"bufio"
	"io"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/gpkg"
	"github.com/placetrust/placetrust/internal/transparency"
)

// export writes the register, or the part the filters select, in one of
// the GIS formats; format is fixed per route.
func (s *Server) export(format string) echo.HandlerFunc {
	return func(c echo.Context) error {
		q := c.QueryParams()
		f, err := assetQuery.parse(q)
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		assets := estate.AllAssets(ctx, s.svc.Assets, f)
		h := c.Response().Header()
		switch format {
		case "geojson":
			h.Set(echo.HeaderContentType, geoJSONType)
			h.Set(echo.HeaderContentDisposition, `attachment; filename="assets.geojson"`)
			return streamExport(c, func(w io.Writer) error { _, err := geojson.Write(w, assets); return err })
		case "csv":
			ps, err := s.svc.Partners.FindPartners(ctx)
			if err != nil {
				return err
			}
			byID := make(map[string]*estate.Partner, len(ps))
			for _, p := range ps {
				byID[p.ID] = p
			}
			h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
			h.Set(echo.HeaderContentDisposition, `attachment; filename="assets.csv"`)
			return streamExport(c, func(w io.Writer) error { _, err := transparency.WriteCSV(w, assets, byID); return err })
		}
		// A GeoPackage is a SQLite file: it is built on disk, then sent.
		dir, err := os.MkdirTemp("", "placetrust-export-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "assets.gpkg")
		if _, err := gpkg.Write(ctx, path, assets); err != nil {
			return err
		}
		h.Set(echo.HeaderContentType, "application/geopackage+sqlite3")
		h.Set(echo.HeaderContentDisposition, `attachment; filename="assets.gpkg"`)
		return c.File(path)
	}
}

// streamExport writes a text export through a buffer. The status line
// goes with the first flush of the buffer, after the first page of assets
// is read: an error before then (a refused or failing query) is still a
// problem+json; after it the response is cut short, which clients see as
// a broken download rather than a wrong file.
func streamExport(c echo.Context, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(c.Response(), 64<<10)
	if err := write(bw); err != nil {
		if !c.Response().Committed {
			c.Response().Header().Del(echo.HeaderContentDisposition)
		}
		return err
	}
	return bw.Flush()
}
