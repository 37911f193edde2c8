package bng

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -out ostn15.bin.gz

// ostn15GZ is Ordnance Survey's OSTN15 ETRS89->OSGB36 shift grid, re-encoded
// by internal/gen (format described there). (c) Crown copyright, Ordnance
// Survey and the Ministry of Defence (MOD) 2016; BSD 2-clause, see README.md.
// A string, not a []byte, so nothing can modify it.
//
//go:embed ostn15.bin.gz
var ostn15GZ string

const (
	gridCols    = 701     // nodes along easting, 0..700 km
	gridRows    = 1251    // nodes along northing, 0..1250 km
	gridSpacing = 1000.0  // metres between nodes
	gridMaxE    = 700000  // easting of the last column
	gridMaxN    = 1250000 // northing of the last row
)

// node holds one grid node's shifts as offsets in mm from grid.baseE and
// grid.baseN. Interleaving east and north keeps each bilinear lookup to two
// cache lines, and 16 bits keep the decoded grid at 3.5 MB.
type node struct{ e, n uint16 }

// grid is the decoded OSTN15 grid; row-major, row = northing km.
type grid struct {
	baseE, baseN float64 // metres
	nodes        []node
}

// loadGrid decodes the embedded grid on first use only, so programs that never
// convert BNG pay nothing, and the decode (BenchmarkDecodeGrid) happens once.
var loadGrid = sync.OnceValues(func() (*grid, error) {
	g, err := decodeGrid(strings.NewReader(ostn15GZ))
	if err != nil {
		return nil, fmt.Errorf("bng: decode OSTN15 grid: %w", err)
	}
	return g, nil
})

func decodeGrid(r io.Reader) (*grid, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	const header = 20
	const n = gridCols * gridRows
	raw := make([]byte, header+4*n)
	if _, err := io.ReadFull(zr, raw); err != nil {
		return nil, err
	}
	// Reading on to EOF makes gzip verify its checksum.
	if k, err := io.Copy(io.Discard, zr); err != nil {
		return nil, err
	} else if k != 0 {
		return nil, errors.New("data after the grid")
	}
	if !bytes.Equal(raw[:8], []byte("BNGOSTN1")) {
		return nil, errors.New("unexpected header")
	}
	le := binary.LittleEndian
	if le.Uint16(raw[8:]) != gridCols || le.Uint16(raw[10:]) != gridRows {
		return nil, errors.New("unexpected grid dimensions")
	}
	g := &grid{
		baseE: float64(int32(le.Uint32(raw[12:]))) / 1000,
		baseN: float64(int32(le.Uint32(raw[16:]))) / 1000,
		nodes: make([]node, n),
	}
	east := raw[header : header+2*n]
	north := raw[header+2*n:]
	// Undo the generator's delta coding; uint16 wrap-around is intended.
	var prevE, prevN uint16
	for i := range g.nodes {
		switch {
		case i%gridCols != 0:
			prevE, prevN = g.nodes[i-1].e, g.nodes[i-1].n
		case i >= gridCols:
			prevE, prevN = g.nodes[i-gridCols].e, g.nodes[i-gridCols].n
		}
		g.nodes[i] = node{
			e: prevE + le.Uint16(east[2*i:]),
			n: prevN + le.Uint16(north[2*i:]),
		}
	}
	return g, nil
}

// shift returns the OSTN15 easting and northing shifts (metres, to add to
// ETRS89 grid coordinates to get OSGB36) at the ETRS89 grid position (e, n),
// bilinearly interpolated between the four surrounding nodes as OS specify.
// ok is false outside the grid, including for NaN.
func (g *grid) shift(e, n float64) (se, sn float64, ok bool) {
	// Written so NaN fails the test too.
	if !(e >= 0 && e <= gridMaxE && n >= 0 && n <= gridMaxN) {
		return 0, 0, false
	}
	x, y := e/gridSpacing, n/gridSpacing
	ix, iy := int(x), int(y)
	// The far edges are inside the grid: use the last cell with weight 1.
	ix = min(ix, gridCols-2)
	iy = min(iy, gridRows-2)
	t, u := x-float64(ix), y-float64(iy)
	i := iy*gridCols + ix
	p := g.nodes[i : i+gridCols+2 : i+gridCols+2]
	n0, n1, n2, n3 := p[0], p[1], p[gridCols], p[gridCols+1]
	w0, w1, w2, w3 := (1-t)*(1-u), t*(1-u), (1-t)*u, t*u
	se = g.baseE + (w0*float64(n0.e)+w1*float64(n1.e)+w2*float64(n2.e)+w3*float64(n3.e))/1000
	sn = g.baseN + (w0*float64(n0.n)+w1*float64(n1.n)+w2*float64(n2.n)+w3*float64(n3.n))/1000
	return se, sn, true
}
