package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// Indexing the assets an import inserts is its largest cost after the rows
// themselves: SQLite's R*Tree rewrites a whole node and its rowid map on
// every insert (transparency's BenchmarkImport1M times the whole). So an
// import inserts rows unindexed and indexes them at the end: a few with
// one INSERT ... SELECT, many by bulk-loading the whole tree packed
// (sort-tile-recursive), which writes each node once and the rowid map in
// rowid order. The entries come from the tree as it stands and from the
// import's own list of what it inserted, sorted in Go: sorting them
// through SQLite meant reading every asset row, packed column and all, and
// cost half the bulk load at a million rows. The shadow tables' format is
// SQLite's on-disk format, fixed for compatibility; rtreecheck() and
// PRAGMA integrity_check verify the result in tests.

// rtreePackMin is the least number of new entries worth a bulk load; it
// also needs the new entries to be a third of the tree, since a bulk load
// rewrites every entry and an insert costs about three times as much.
const rtreePackMin = 5000

// indexInserted adds the assets with ids above maxID, whose entries are
// added, to the spatial index.
func indexInserted(ctx context.Context, tx *Tx, maxID int64, added []rtreeCell) error {
	if len(added) == 0 {
		return nil
	}
	// Every asset but those added is in the tree already (Check holds it).
	var stored int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assets_rtree_rowid`).Scan(&stored); err != nil {
		return fmt.Errorf("sqlite: index imported assets: %w", err)
	}
	if len(added) < rtreePackMin || 3*len(added) < stored+len(added) {
		_, err := tx.ExecContext(ctx, `INSERT INTO assets_rtree (id, min_lon, max_lon, min_lat, max_lat)
			SELECT id, min_lon, max_lon, min_lat, max_lat FROM assets WHERE id > ? ORDER BY id`, maxID)
		if err != nil {
			return fmt.Errorf("sqlite: index imported assets: %w", err)
		}
		return nil
	}
	return packRTree(ctx, tx, stored, added)
}

// rtreeEntry is an asset's entry as the R*Tree will hold it.
func rtreeEntry(id int64, b estate.BBox) rtreeCell {
	return rtreeCell{id: id, b: [4]float32{roundDown(b.MinLon), roundUp(b.MaxLon), roundDown(b.MinLat), roundUp(b.MaxLat)}}
}

// rtreeCell is an entry (rowid and bounds) or a child node (its number
// and the union of its entries' bounds): min_lon, max_lon, min_lat,
// max_lat as the R*Tree stores them, in float32.
type rtreeCell struct {
	id int64
	b  [4]float32
}

// packRTree rebuilds assets_rtree from its stored entries and added: leaves
// filled in sort-tile-recursive order (vertical slices by longitude, each
// sorted by latitude), then each level above them, the root last as node 1.
func packRTree(ctx context.Context, tx *Tx, stored int, added []rtreeCell) error {
	var nodeSize int
	if err := tx.QueryRowContext(ctx, `SELECT length(data) FROM assets_rtree_node WHERE nodeno = 1`).Scan(&nodeSize); err != nil {
		return fmt.Errorf("sqlite: pack index: %w", err)
	}
	const cellSize = 8 + 4*4
	perNode := (nodeSize - 4) / cellSize
	if perNode < 4 {
		return fmt.Errorf("sqlite: pack index: unexpected node size %d", nodeSize)
	}
	cells, err := rtreeCells(ctx, tx, stored, added)
	if err != nil {
		return err
	}
	total := len(cells)
	var maxID int64
	minLon, maxLon := float32(math.Inf(1)), float32(math.Inf(-1))
	for _, c := range cells {
		maxID = max(maxID, c.id)
		minLon, maxLon = min(minLon, c.b[0]), max(maxLon, c.b[0])
	}
	for _, t := range []string{"assets_rtree_node", "assets_rtree_rowid", "assets_rtree_parent"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil { // t: fixed names
			return fmt.Errorf("sqlite: pack index: %w", err)
		}
	}
	p := &packer{tx: tx, size: nodeSize, per: perNode, next: 2, leafOf: make([]uint32, maxID+1)}
	defer p.close()
	if p.node, err = tx.PrepareContext(ctx, `INSERT INTO assets_rtree_node (nodeno, data) VALUES (?, ?)`); err != nil {
		return fmt.Errorf("sqlite: pack index: %w", err)
	}
	leaves := (total + perNode - 1) / perNode
	strips := max(1, int(math.Ceil(math.Sqrt(float64(leaves)))))
	width := float64(maxLon-minLon) / float64(strips)
	if width <= 0 {
		width = 1
	}
	cells = sortSTR(cells, func(c rtreeCell) int { return int(float64(c.b[0]-minLon) / width) })
	var level []rtreeCell
	if total <= perNode { // the root is the only node, a leaf
		for _, c := range cells {
			p.leafOf[c.id] = 1
		}
		if _, err := p.write(ctx, 1, 0, cells); err != nil {
			return err
		}
		return p.writeRowids(ctx)
	}
	for i := 0; i < total; i += perNode {
		if level, err = p.flush(ctx, level, cells[i:min(i+perNode, total)], true); err != nil {
			return err
		}
	}
	depth := 1
	for ; len(level) > perNode; depth++ {
		var up []rtreeCell
		for i := 0; i < len(level); i += perNode {
			if up, err = p.flush(ctx, up, level[i:min(i+perNode, len(level))], false); err != nil {
				return err
			}
		}
		level = up
	}
	if err := p.parents(ctx, 1, level); err != nil {
		return err
	}
	if _, err := p.write(ctx, 1, depth, level); err != nil {
		return err
	}
	return p.writeRowids(ctx)
}

// rtreeCells is every entry the packed tree is to hold: the stored ones
// the tree has (already rounded as it keeps them) and added.
func rtreeCells(ctx context.Context, tx *Tx, stored int, added []rtreeCell) ([]rtreeCell, error) {
	cells := make([]rtreeCell, 0, stored+len(added))
	rows, err := tx.QueryContext(ctx, `SELECT id, min_lon, max_lon, min_lat, max_lat FROM assets_rtree`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pack index: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c rtreeCell
		var b [4]float64
		if err := rows.Scan(&c.id, &b[0], &b[1], &b[2], &b[3]); err != nil {
			return nil, fmt.Errorf("sqlite: pack index: %w", err)
		}
		// Stored bounds are float32 already: converting back is exact.
		c.b = [4]float32{float32(b[0]), float32(b[1]), float32(b[2]), float32(b[3])}
		cells = append(cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: pack index: %w", err)
	}
	return append(cells, added...), nil
}

// packer writes the nodes of a packed R*Tree.
type packer struct {
	tx        *Tx
	node      *sql.Stmt
	size, per int
	next      int64
	leafOf    []uint32 // leaf node of each asset id, 0 for none
}

func (p *packer) close() {
	if p.node != nil {
		p.node.Close()
	}
}

// flush writes cells as a new node and appends its cell to level.
func (p *packer) flush(ctx context.Context, level, cells []rtreeCell, leaf bool) ([]rtreeCell, error) {
	nodeno := p.next
	p.next++
	if leaf {
		for _, c := range cells {
			p.leafOf[c.id] = uint32(nodeno)
		}
	} else if err := p.parents(ctx, nodeno, cells); err != nil {
		return nil, err
	}
	c, err := p.write(ctx, nodeno, 0, cells)
	return append(level, c), err
}

// write stores one node: depth (read from the root only), cell count,
// then each cell's big-endian rowid and bounds. It returns the node's
// cell for the level above.
func (p *packer) write(ctx context.Context, nodeno int64, depth int, cells []rtreeCell) (rtreeCell, error) {
	buf := make([]byte, p.size)
	binary.BigEndian.PutUint16(buf, uint16(depth))
	binary.BigEndian.PutUint16(buf[2:], uint16(len(cells)))
	inf := float32(math.Inf(1))
	u := rtreeCell{id: nodeno, b: [4]float32{inf, -inf, inf, -inf}}
	for i, c := range cells {
		o := 4 + 24*i
		binary.BigEndian.PutUint64(buf[o:], uint64(c.id))
		for k, v := range c.b {
			binary.BigEndian.PutUint32(buf[o+8+4*k:], math.Float32bits(v))
		}
		u.b[0], u.b[1] = min(u.b[0], c.b[0]), max(u.b[1], c.b[1])
		u.b[2], u.b[3] = min(u.b[2], c.b[2]), max(u.b[3], c.b[3])
	}
	if _, err := p.node.ExecContext(ctx, nodeno, buf); err != nil {
		return u, fmt.Errorf("sqlite: pack index: %w", err)
	}
	return u, nil
}

// parents records the parent of each child node. Children are numbered
// in the order they were written, so these inserts append.
func (p *packer) parents(ctx context.Context, parent int64, children []rtreeCell) error {
	for _, c := range children {
		if _, err := p.tx.ExecContext(ctx, `INSERT INTO assets_rtree_parent (nodeno, parentnode) VALUES (?, ?)`, c.id, parent); err != nil {
			return fmt.Errorf("sqlite: pack index: %w", err)
		}
	}
	return nil
}

// writeRowids maps each asset to its leaf, in rowid order so every insert
// appends, several hundred a statement.
func (p *packer) writeRowids(ctx context.Context) error {
	const per = 256
	// OR ROLLBACK: no statement journal (see importConn).
	st, err := p.tx.PrepareContext(ctx, `INSERT OR ROLLBACK INTO assets_rtree_rowid (rowid, nodeno) VALUES `+
		strings.TrimSuffix(strings.Repeat("(?, ?),", per), ","))
	if err != nil {
		return fmt.Errorf("sqlite: pack index: %w", err)
	}
	defer st.Close()
	args := make([]any, 0, 2*per)
	for id, leaf := range p.leafOf {
		if leaf == 0 {
			continue
		}
		if args = append(args, int64(id), int64(leaf)); len(args) < 2*per {
			continue
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("sqlite: pack index: %w", err)
		}
		args = args[:0]
	}
	for i := 0; i < len(args); i += 2 {
		if _, err := p.tx.ExecContext(ctx, `INSERT INTO assets_rtree_rowid (rowid, nodeno) VALUES (?, ?)`, args[i], args[i+1]); err != nil {
			return fmt.Errorf("sqlite: pack index: %w", err)
		}
	}
	return nil
}

// The R*Tree keeps float32 bounds rounded outward, exactly as SQLite's
// rtree.c rtreeValueDown and rtreeValueUp do, so a packed entry equals an
// inserted one bit for bit.
const (
	rndTowards = 1.0 - 1.0/8388608.0
	rndAway    = 1.0 + 1.0/8388608.0
)

func roundDown(d float64) float32 {
	f := float32(d)
	if float64(f) > d {
		if d < 0 {
			f = float32(d * rndAway)
		} else {
			f = float32(d * rndTowards)
		}
	}
	return f
}

func roundUp(d float64) float32 {
	f := float32(d)
	if float64(f) < d {
		if d < 0 {
			f = float32(d * rndTowards)
		} else {
			f = float32(d * rndAway)
		}
	}
	return f
}
