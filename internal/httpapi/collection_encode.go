package httpapi

import (
	"bufio"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// collectionMeta is what a FeatureCollection carries after its features.
type collectionMeta struct {
	// numberMatched is the count of all matching features; negative when
	// not given.
	numberMatched int
	// timeStamp is when the response was made; zero when not given.
	timeStamp time.Time
	links     []link
}

// encodeBuffers are reused across responses: a page of thousands of
// features then costs no allocation per feature and little per request.
type encodeBuffers struct {
	w       *bufio.Writer
	scratch []byte
}

var encodePool = sync.Pool{New: func() any {
	return &encodeBuffers{w: bufio.NewWriterSize(nil, 64<<10), scratch: make([]byte, 0, 4<<10)}
}}

// writeFeatureCollection streams a FeatureCollection one feature at a
// time through a buffered writer, with counts and links after the
// features, as the style guide asks for large GeoJSON.
func writeFeatureCollection(c echo.Context, assets []*estate.Asset, meta collectionMeta) error {
	res := c.Response()
	setDefaultContentType(res.Header(), geoJSONType)
	res.WriteHeader(http.StatusOK)
	if c.Request().Method == http.MethodHead {
		return nil
	}
	eb := encodePool.Get().(*encodeBuffers)
	eb.w.Reset(res)
	defer func() {
		eb.w.Reset(nil) // drop the response, keep the buffers
		if cap(eb.scratch) <= 1<<20 {
			encodePool.Put(eb)
		}
	}()
	if err := encodeFeatureCollection(eb, assets, meta); err != nil {
		return err
	}
	return eb.w.Flush()
}

// encodeFeatureCollection writes the collection into eb.w.
func encodeFeatureCollection(eb *encodeBuffers, assets []*estate.Asset, meta collectionMeta) error {
	eb.w.WriteString(`{"type":"FeatureCollection","features":[`)
	fs := featureStream{w: eb.w, scratch: eb.scratch}
	for _, a := range assets {
		if err := fs.feature(a); err != nil {
			return err
		}
	}
	b := append(fs.scratch[:0], `],"numberReturned":`...)
	b = strconv.AppendInt(b, int64(len(assets)), 10)
	if meta.numberMatched >= 0 {
		b = append(b, `,"numberMatched":`...)
		b = strconv.AppendInt(b, int64(meta.numberMatched), 10)
	}
	if !meta.timeStamp.IsZero() {
		b = append(b, `,"timeStamp":`...)
		b = appendTime(b, meta.timeStamp.UTC().Truncate(time.Second))
	}
	b = append(b, `,"links":`...)
	b = appendLinks(b, meta.links)
	b = append(b, '}', '\n')
	eb.scratch = b
	_, err := eb.w.Write(b)
	return err
}

// writeFeature writes one asset as a Feature with its links.
func writeFeature(c echo.Context, status int, a *estate.Asset, links []link) error {
	res := c.Response()
	setDefaultContentType(res.Header(), geoJSONType)
	res.WriteHeader(status)
	if c.Request().Method == http.MethodHead {
		return nil
	}
	eb := encodePool.Get().(*encodeBuffers)
	defer encodePool.Put(eb)
	b := appendFeature(eb.scratch[:0], a, links)
	b = append(b, '\n')
	eb.scratch = b[:0]
	_, err := res.Write(b)
	return err
}

// setDefaultContentType sets the content type unless the handler chose
// one, as OGC routes do when asked for plain JSON.
func setDefaultContentType(h http.Header, mt string) {
	if h.Get(echo.HeaderContentType) == "" {
		h.Set(echo.HeaderContentType, mt)
	}
}
