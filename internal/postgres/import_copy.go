package postgres

import (
	"context"
	"encoding/binary"
	"fmt"
	"iter"
	"math"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/pipeline"
)

// An import's rows are pulled from the service (which decides them as
// they are pulled) and readied, ids and audit changes, on a goroutine of
// their own, a few batches ahead of the writer (import_write.go). It
// sends each batch by COPY (binary, from pgx), each row's columns built
// as they are sent: a new asset straight into assets, its geometries as
// EWKB and its generated columns computed by PostgreSQL; an update into
// a staging table, applied by one statement at the end
// (import_apply.go); every row's audit event straight into audit_events. So Go decides the
// next batch while PostgreSQL writes this one, and memory holds a few
// batches however long the file.
//
// PostgreSQL writes a transaction's rows on one backend, so its CPU a
// row bounds an import (BenchmarkImportPostgres1M reports it): about 21
// µs for a new asset, of which its audit event 6 and the foreign key on
// partner_id 2.4; over INSERT ... SELECT, the GiST index of bounds costs
// 6 to 8, the other b-trees about 8. Going through a staging table and
// INSERT ... SELECT, as the first version did, cost 34 µs with the
// trigram index.

const (
	// copyBatch is how many rows one round of COPYs writes: enough that a
	// COPY's round trip costs little a row, few enough that the encoder
	// keeps ahead with little memory.
	copyBatch = 2048
	// copyAhead is how many batches the encoder may have ready.
	copyAhead = 2
)

// insertColumns are the assets columns a new asset's COPY writes, in
// insertValues' order: assetFields, the footprint and the grid point as
// geometries, the generated ones left to PostgreSQL.
var insertColumns = func() []string {
	cols := []string{"id"}
	for i := 0; i < len(assetFields); i++ {
		switch assetFields[i].name {
		case "footprint_wkb":
			cols = append(cols, "footprint")
		case "bng_e":
			cols = append(cols, "bng")
			i++ // bng_n
		default:
			cols = append(cols, assetFields[i].name)
		}
	}
	return cols
}()

// auditCopyColumns are audit_events' columns an import writes.
var auditCopyColumns = []string{"asset_id", "partner_id", "action", "actor", "actor_partner", "at", "version", "changes"}

// ewkb is PostGIS's binary form of a geometry (what geometry's binary
// COPY reads): the WKB with the SRID after its type; nil (NULL) for nil.
// The coordinates are the WKB's bytes, so they arrive bit for bit.
func ewkb(wkb []byte, srid uint32) []byte {
	if len(wkb) < 5 {
		return nil
	}
	var bo interface {
		binary.ByteOrder
		binary.AppendByteOrder
	} = binary.BigEndian
	if wkb[0] == 1 {
		bo = binary.LittleEndian
	}
	out := make([]byte, 0, len(wkb)+4)
	out = append(out, wkb[0])
	out = bo.AppendUint32(out, bo.Uint32(wkb[1:5])|ewkbSRID)
	out = bo.AppendUint32(out, srid)
	return append(out, wkb[5:]...)
}

// ewkbSRID is EWKB's flag saying an SRID follows the type.
const ewkbSRID = 0x20000000

// ewkbPoint is the point (x, y) in EWKB; nil (NULL) when either is nil.
func ewkbPoint(x, y *float64, srid uint32) []byte {
	if x == nil || y == nil {
		return nil
	}
	out := make([]byte, 0, 25)
	out = append(out, 1)
	out = binary.LittleEndian.AppendUint32(out, 1|ewkbSRID)
	out = binary.LittleEndian.AppendUint32(out, srid)
	out = binary.LittleEndian.AppendUint64(out, math.Float64bits(*x))
	return binary.LittleEndian.AppendUint64(out, math.Float64bits(*y))
}

// encodedRow is a decided row made ready for COPY, with its report. Its
// columns are built only as COPY sends them (batchSource), so a batch
// waiting to be sent holds little more than its assets.
type encodedRow struct {
	report  *estate.ImportRow
	asset   *estate.Asset // nil writes nothing
	changes string        // its audit event's
	upd     bool
	err     error // ends the rows
}

// encodeRows encodes rows on a goroutine of their own, in batches of
// copyBatch; stop ends it.
func (w *importWrite) encodeRows(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error]) (<-chan []encodedRow, func()) {
	ids := &idBlocks{db: w.db}
	return pipeline.Run(copyAhead, copyBatch, func(yield func(encodedRow) bool) {
		for d, err := range rows {
			r := encodedRow{err: err}
			if err == nil {
				r = w.encodeRow(ctx, ids, d)
			}
			if !yield(r) || r.err != nil {
				return
			}
		}
	})
}

// encodeRow readies a decided row: a new asset gets its id and its
// audit changes, an update its next version, both the import's time.
func (w *importWrite) encodeRow(ctx context.Context, ids *idBlocks, d *estate.DecidedRow) encodedRow {
	r := encodedRow{report: d.Row}
	a := d.Asset
	switch d.Kind {
	case estate.DecidedInsert:
		id, err := ids.next(ctx)
		if err != nil {
			return encodedRow{err: err}
		}
		a.ID, d.Row.AssetID = id, id
		if r.changes, err = insertChanges(a); err != nil {
			return encodedRow{err: err}
		}
	case estate.DecidedUpdate:
		a.Version++
		a.UpdatedAt = w.now
		r.upd, r.changes = true, d.Changes
	default:
		return r
	}
	r.asset = a
	return r
}

// batchSource is pgx's CopyFromSource over the rows of a batch that keep
// says go to one table, each row's values built by values as COPY sends
// it, into one slice used again.
type batchSource struct {
	rows   []encodedRow
	keep   func(*encodedRow) bool
	values func(*encodedRow, []any) ([]any, error)
	cur    *encodedRow
	buf    []any
	err    error
}

func (s *batchSource) Next() bool {
	for len(s.rows) > 0 && s.err == nil {
		r := &s.rows[0]
		s.rows = s.rows[1:]
		if s.keep(r) {
			s.cur = r
			return true
		}
	}
	return false
}

func (s *batchSource) Values() ([]any, error) {
	s.buf, s.err = s.values(s.cur, s.buf[:0])
	return s.buf, s.err
}

func (s *batchSource) Err() error { return s.err }

// insertValues are a new asset's insertColumns.
func insertValues(r *encodedRow, buf []any) ([]any, error) {
	v, err := assetValues(r.asset)
	if err != nil {
		return nil, err
	}
	buf = append(buf, r.asset.ID)
	for i := 0; i < len(assetFields); i++ {
		switch assetFields[i].name {
		case "footprint_wkb":
			buf = append(buf, ewkb(v[i].([]byte), 4326))
		case "bng_e":
			buf = append(buf, ewkbPoint(v[i].(*float64), v[i+1].(*float64), 27700))
			i++
		default:
			buf = append(buf, v[i])
		}
	}
	return buf, nil
}

// stagedValues are an update's importStagingColumns.
func stagedValues(r *encodedRow, buf []any) ([]any, error) {
	v, err := assetValues(r.asset)
	if err != nil {
		return nil, err
	}
	buf = append(append(buf, r.asset.ID), v...)
	return append(buf, occupierIDs(r.asset)), nil
}

// auditValues are a row's audit event's auditCopyColumns.
func (w *importWrite) auditValues(r *encodedRow, buf []any) ([]any, error) {
	a := r.asset
	return append(buf, a.ID, a.Partner, string(estate.ActionImport), w.actor.Name, w.actor.Partner,
		w.now, a.Version, r.changes), nil
}

// idBlocks hands out new assets' ids, taken from the identity sequence a
// block at a time on a connection of the pool (a sequence is outside
// transactions; the import's own connection is busy with the COPY).
// Blocks grow from 64 to 8,192 ids, so a small import takes few it does
// not use, and a large one few round trips.
type idBlocks struct {
	db    *DB
	seq   string
	ids   []int64
	block int
}

func (b *idBlocks) next(ctx context.Context) (int64, error) {
	if len(b.ids) == 0 {
		if err := b.fill(ctx); err != nil {
			return 0, err
		}
	}
	id := b.ids[0]
	b.ids = b.ids[1:]
	return id, nil
}

func (b *idBlocks) fill(ctx context.Context) error {
	if b.seq == "" {
		if err := b.db.pool.QueryRow(ctx, `SELECT pg_get_serial_sequence('assets', 'id')`).Scan(&b.seq); err != nil {
			return fmt.Errorf("postgres: import: asset ids: %w", err)
		}
	}
	b.block = min(max(64, 2*b.block), 8192)
	rows, err := b.db.pool.Query(ctx, `SELECT nextval($1::regclass) FROM generate_series(1, $2)`, b.seq, b.block)
	if err != nil {
		return fmt.Errorf("postgres: import: asset ids: %w", err)
	}
	defer rows.Close()
	b.ids = b.ids[:0]
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("postgres: import: asset ids: %w", err)
		}
		b.ids = append(b.ids, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: import: asset ids: %w", err)
	}
	return nil
}
