package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

// writeFeatureCollection streams a FeatureCollection of a page in memory
// one feature at a time, with counts and links after the features.
func writeFeatureCollection(c echo.Context, assets []*estate.Asset, meta geojson.Meta) error {
	return streamFeatureCollection(c, func(feature func(*estate.Asset) error) error {
		for _, a := range assets {
			if err := feature(a); err != nil {
				return err
			}
		}
		return nil
	}, func() (geojson.Meta, error) { return meta, nil }, geojson.Shape{})
}

// streamFeatureCollection writes a FeatureCollection whose features come
// from each as it produces them (straight from the store's rows), then
// the counts and links that meta gives once they are all out, in shape's
// CRS and with the properties it selects. An error
// before the first byte becomes a problem response; after it, the
// response is cut short, which clients see as a broken download rather
// than a wrong page.
func streamFeatureCollection(c echo.Context, each func(feature func(*estate.Asset) error) error,
	meta func() (geojson.Meta, error), shape geojson.Shape) error {
	res := c.Response()
	setDefaultContentType(res.Header(), geoJSONType)
	if c.Request().Method == http.MethodHead {
		res.WriteHeader(http.StatusOK)
		return nil
	}
	enc := geojson.NewWriter(res)
	defer enc.Release()
	enc.SetShape(shape)
	started := false
	err := each(func(a *estate.Asset) error {
		if !started {
			res.WriteHeader(http.StatusOK)
			started = true
		}
		return enc.Feature(a)
	})
	var m geojson.Meta
	if err == nil {
		m, err = meta()
	}
	if err != nil {
		if started {
			panic(http.ErrAbortHandler) // cut the response: it cannot become a problem now
		}
		return err
	}
	if !started {
		res.WriteHeader(http.StatusOK)
	}
	return enc.End(m)
}

// writeFeature writes one asset as a Feature with its links.
func writeFeature(c echo.Context, status int, a *estate.Asset, links []link) error {
	return writeShapedFeature(c, status, a, links, &geojson.Shape{})
}

// writeShapedFeature writes one asset as a Feature in shape's CRS.
func writeShapedFeature(c echo.Context, status int, a *estate.Asset, links []link, shape *geojson.Shape) error {
	res := c.Response()
	setDefaultContentType(res.Header(), geoJSONType)
	res.WriteHeader(status)
	if c.Request().Method == http.MethodHead {
		return nil
	}
	b := geojson.AppendShapedFeature(make([]byte, 0, 2048), a, links, shape)
	_, err := res.Write(append(b, '\n'))
	return err
}

// setDefaultContentType sets the content type unless the handler chose
// one, as OGC routes do when asked for plain JSON.
func setDefaultContentType(h http.Header, mt string) {
	if h.Get(echo.HeaderContentType) == "" {
		h.Set(echo.HeaderContentType, mt)
	}
}
