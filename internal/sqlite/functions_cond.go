package sqlite

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"sync"

	"modernc.org/sqlite"

	"github.com/placetrust/placetrust/internal/estate"
)

// timeKeyFunc is pt_time_key(text): a stored time (formatTime) as text
// whose order is time order (keyLayout), and NULL for ” (no time).
func timeKeyFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	s, ok := args[0].(string)
	if !ok || s == "" {
		return nil, nil
	}
	t, err := parseStoredTime(s)
	if err != nil {
		return nil, err
	}
	return t.Format(keyLayout), nil
}

// polygons caches the polygons pt_in_polygon reads, by their JSON: the
// function is called once per candidate row with the same argument, and
// reading the JSON each time would cost more than the test.
type polygonCache struct {
	mu sync.Mutex
	m  map[string][][]estate.Point
}

var polygons = polygonCache{m: map[string][][]estate.Point{}}

// maxCachedPolygons bounds the cache; past it, it starts again.
const maxCachedPolygons = 64

func (c *polygonCache) get(s string) ([][]estate.Point, error) {
	c.mu.Lock()
	p, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, fmt.Errorf("pt_in_polygon: %w", err)
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedPolygons {
		c.m = map[string][][]estate.Point{}
	}
	c.m[s] = p
	c.mu.Unlock()
	return p, nil
}

// inPolygonFunc is pt_in_polygon(lon, lat, polygon, within): whether the
// point is in the polygon (its JSON, rings of {Lon, Lat}) by
// estate.PointInPolygon, the boundary included unless within is '1'.
func inPolygonFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	var v [2]float64
	for i := range v {
		switch t := args[i].(type) {
		case float64:
			v[i] = t
		case int64:
			v[i] = float64(t)
		default:
			return nil, fmt.Errorf("pt_in_polygon: argument %d is %T, not a number", i+1, args[i])
		}
	}
	s, _ := args[2].(string)
	poly, err := polygons.get(s)
	if err != nil {
		return nil, err
	}
	in, edge := estate.PointInPolygon(poly, estate.Point{Lon: v[0], Lat: v[1]})
	if in || (edge && args[3] != "1") {
		return int64(1), nil
	}
	return int64(0), nil
}
