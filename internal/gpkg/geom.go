package gpkg

import (
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
	"modernc.org/sqlite"
)

// GeoPackage geometry blobs: a header ("GP", version 0, flags, SRS id,
// optional envelope) followed by standard WKB (GeoPackage 1.3, 2.1.3).
const (
	gpFlagLittleEndian = 0x01
	gpFlagEnvelopeXY   = 0x02 // envelope indicator 1: minx, maxx, miny, maxy
	gpFlagEmpty        = 0x10
	wgs84SRSID         = 4326
)

// gpkgGeometry encodes g as a little-endian GeoPackage blob, its body
// written by go-geom's WKB encoder. Points carry no envelope (it would
// repeat the point), other geometries carry their bounds, as GDAL writes
// them.
func gpkgGeometry(g geom.T) ([]byte, error) {
	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("gpkg: geometry: %w", err)
	}
	_, point := g.(*geom.Point)
	head := make([]byte, 8, 8+32+len(body))
	head[0], head[1], head[2] = 'G', 'P', 0
	head[3] = gpFlagLittleEndian
	binary.LittleEndian.PutUint32(head[4:], wgs84SRSID)
	if !point {
		head[3] |= gpFlagEnvelopeXY
		b := g.Bounds()
		for _, v := range []float64{b.Min(0), b.Max(0), b.Min(1), b.Max(1)} {
			head = binary.LittleEndian.AppendUint64(head, math.Float64bits(v))
		}
	}
	return append(head, body...), nil
}

// gpkgBounds reads a blob's bounds: from its envelope when it has one,
// else from its WKB. empty reports an empty geometry.
func gpkgBounds(blob []byte) (b *geom.Bounds, empty bool, err error) {
	if len(blob) < 8 || blob[0] != 'G' || blob[1] != 'P' {
		return nil, false, errors.New("not a GeoPackage geometry")
	}
	flags := blob[3]
	if flags&gpFlagEmpty != 0 {
		return nil, true, nil
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&gpFlagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	envLen := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&7]
	if len(blob) < 8+envLen {
		return nil, false, errors.New("GeoPackage geometry cut short")
	}
	if envLen > 0 {
		f := func(i int) float64 { return math.Float64frombits(order.Uint64(blob[8+8*i:])) }
		return geom.NewBounds(geom.XY).Set(f(0), f(2), f(1), f(3)), false, nil
	}
	g, err := wkb.Unmarshal(blob[8:])
	if err != nil {
		return nil, false, err
	}
	return g.Bounds(), g.Empty(), nil
}

var gpkgFuncsOnce sync.Once
var gpkgFuncsErr error

// registerGPKGFunctions adds the functions GeoPackage's R*Tree triggers
// call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY), so a GeoPackage
// written here can be written to again by this process. The driver keeps
// functions globally and refuses a second registration, hence the Once.
func registerGPKGFunctions() error {
	gpkgFuncsOnce.Do(func() {
		bound := func(pick func(*geom.Bounds) float64) func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
			return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				blob, ok := args[0].([]byte)
				if !ok {
					return nil, nil
				}
				b, empty, err := gpkgBounds(blob)
				if err != nil || empty {
					return nil, err
				}
				return pick(b), nil
			}
		}
		funcs := map[string]func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error){
			"ST_MinX": bound(func(b *geom.Bounds) float64 { return b.Min(0) }),
			"ST_MaxX": bound(func(b *geom.Bounds) float64 { return b.Max(0) }),
			"ST_MinY": bound(func(b *geom.Bounds) float64 { return b.Min(1) }),
			"ST_MaxY": bound(func(b *geom.Bounds) float64 { return b.Max(1) }),
			"ST_IsEmpty": func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				blob, ok := args[0].([]byte)
				if !ok {
					return nil, nil
				}
				_, empty, err := gpkgBounds(blob)
				if err != nil {
					return nil, err
				}
				return map[bool]int64{false: 0, true: 1}[empty], nil
			},
		}
		for name, f := range funcs {
			if err := sqlite.RegisterDeterministicScalarFunction(name, 1, f); err != nil {
				gpkgFuncsErr = fmt.Errorf("gpkg: register %s: %w", name, err)
				return
			}
		}
	})
	return gpkgFuncsErr
}
