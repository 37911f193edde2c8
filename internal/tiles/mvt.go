package tiles

import "encoding/binary"

// Layer is the name of the one layer of every tile.
const Layer = "assets"

// Fields are the properties each point carries, with their TileJSON
// types: what a map needs to colour and filter assets, and no more.
var Fields = map[string]string{
	"id": "Number", "partner": "String", "rag": "String", "holding": "String", "use": "String", "name": "String",
}

// keys are the layer's property names; a feature's tags refer to them by
// index.
var keys = [...]string{"id", "partner", "rag", "holding", "use", "name"}

// Protocol buffer field tags of the vector tile schema (MVT 2.1): field
// number << 3 | wire type.
const (
	wireVarint = 0
	wireBytes  = 2 // length-delimited

	tagTileLayer     = 3<<3 | wireBytes
	tagLayerName     = 1<<3 | wireBytes
	tagLayerFeature  = 2<<3 | wireBytes
	tagLayerKey      = 3<<3 | wireBytes
	tagLayerValue    = 4<<3 | wireBytes
	tagLayerExtent   = 5<<3 | wireVarint
	tagLayerVersion  = 15<<3 | wireVarint
	tagFeatureID     = 1<<3 | wireVarint
	tagFeatureTags   = 2<<3 | wireBytes
	tagFeatureType   = 3<<3 | wireVarint
	tagFeatureGeom   = 4<<3 | wireBytes
	tagValueString   = 1<<3 | wireBytes
	tagValueUint     = 5<<3 | wireVarint
	geomTypePoint    = 1
	cmdMoveToOnePair = 1 | 1<<3 // MoveTo, count 1
)

// EncodeMVT encodes points, already in tile units, as a Mapbox Vector
// Tile (version 2) of one layer. The feature id is the asset id, and is
// also an "id" property for clients that do not read feature ids. An
// empty slice gives an empty tile.
//
// The schema is small enough to write directly: orb's encoder (through
// geojson features with property maps) took 4.6 ms for a tile of 2,900
// points; this takes a tenth of that.
func EncodeMVT(points []Point) ([]byte, error) {
	if len(points) == 0 {
		return []byte{}, nil
	}
	e := mvtEncoder{strIdx: map[string]uint32{}}
	var body, tags, geom []byte
	for i := range points {
		p := &points[i]
		tags = tags[:0]
		tags = binary.AppendUvarint(tags, 0) // id
		tags = binary.AppendUvarint(tags, e.uintValue(uint64(p.ID)))
		for k, v := range [...]string{1: p.Partner, 2: p.RAG, 3: p.Holding, 4: p.Use, 5: p.Name} {
			if k == 0 || v == "" {
				continue
			}
			tags = binary.AppendUvarint(tags, uint64(k))
			tags = binary.AppendUvarint(tags, e.stringValue(v))
		}
		geom = geom[:0]
		geom = binary.AppendUvarint(geom, cmdMoveToOnePair)
		geom = binary.AppendUvarint(geom, zigzag(p.X))
		geom = binary.AppendUvarint(geom, zigzag(p.Y))

		body = body[:0]
		body = append(body, tagFeatureID)
		body = binary.AppendUvarint(body, uint64(p.ID))
		body = appendBytesField(body, tagFeatureTags, tags)
		body = append(body, tagFeatureType, geomTypePoint)
		body = appendBytesField(body, tagFeatureGeom, geom)
		e.features = appendBytesField(e.features, tagLayerFeature, body)
	}
	layer := make([]byte, 0, len(e.features)+len(e.values)+64)
	layer = append(layer, tagLayerVersion, 2)
	layer = appendBytesField(layer, tagLayerName, []byte(Layer))
	layer = append(layer, e.features...)
	for _, k := range keys {
		layer = appendBytesField(layer, tagLayerKey, []byte(k))
	}
	layer = append(layer, e.values...)
	layer = append(layer, tagLayerExtent)
	layer = binary.AppendUvarint(layer, Extent)
	return appendBytesField(make([]byte, 0, len(layer)+8), tagTileLayer, layer), nil
}

// mvtEncoder collects a layer's features and its table of values, each
// distinct string stored once.
type mvtEncoder struct {
	features []byte
	values   []byte
	n        uint32 // values so far
	strIdx   map[string]uint32
}

func (e *mvtEncoder) stringValue(s string) uint64 {
	if i, ok := e.strIdx[s]; ok {
		return uint64(i)
	}
	var v [binary.MaxVarintLen64 + 1]byte
	val := appendBytesField(v[:0], tagValueString, []byte(s))
	e.values = appendBytesField(e.values, tagLayerValue, val)
	e.strIdx[s] = e.n
	e.n++
	return uint64(e.n - 1)
}

// uintValue adds a number; ids are unique, so they are not looked up.
func (e *mvtEncoder) uintValue(u uint64) uint64 {
	var v [2 * binary.MaxVarintLen64]byte
	val := binary.AppendUvarint(append(v[:0], tagValueUint), u)
	e.values = appendBytesField(e.values, tagLayerValue, val)
	e.n++
	return uint64(e.n - 1)
}

func appendBytesField(b []byte, tag byte, v []byte) []byte {
	b = append(b, tag)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func zigzag(v int32) uint64 { return uint64(uint32((v << 1) ^ (v >> 31))) }
