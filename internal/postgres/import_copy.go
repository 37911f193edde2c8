package postgres

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/pipeline"
)

// An import's rows go to a temporary staging table by COPY (binary, from
// pgx), streamed as the service hands them over: the store keeps only a
// few batches of rows in memory, however long the file. The staging
// table holds each row as assetFields, as a single write's parameters
// would, so assetExprs turns both into the stored columns alike.

const importStaging = "import_rows"

// importStagingColumns are the staging table's columns: whether the row
// updates a stored asset, its id, the asset row, its occupiers' ids and
// its audit event's changes.
var importStagingColumns = func() []string {
	cols := []string{"upd", "id"}
	for _, f := range assetFields {
		cols = append(cols, f.name)
	}
	return append(cols, "occupier_ids", "changes")
}()

// stage creates the staging table, dropped at the transaction's end, or
// empties it for another Write.
func (w *importWrite) stage(ctx context.Context) error {
	if w.staged {
		_, err := w.tx.Exec(ctx, `TRUNCATE `+importStaging)
		return err
	}
	var cols strings.Builder
	cols.WriteString("upd boolean NOT NULL, id bigint NOT NULL")
	for _, f := range assetFields {
		fmt.Fprintf(&cols, ", %s %s", f.name, f.typ)
	}
	cols.WriteString(", occupier_ids text[] NOT NULL, changes json NOT NULL")
	if _, err := w.tx.Exec(ctx, `CREATE TEMP TABLE `+importStaging+` (`+cols.String()+`) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("postgres: import: staging table: %w", err)
	}
	w.staged = true
	return nil
}

// stagedRow is a decided row encoded for COPY, with its report.
type stagedRow struct {
	report *estate.ImportRow
	values []any // nil for a row that writes nothing
	id     int64
	upd    bool
	occ    bool // it has occupiers
	err    error
}

// staged counts what a Write staged.
type staged struct {
	inserts, updates int
	occupiers        bool
}

// copySource is pgx's CopyFromSource over the decided rows, which a
// goroutine of their own reads and encodes, a few batches ahead.
type copySource struct {
	w       *importWrite
	batches <-chan []stagedRow
	batch   []stagedRow
	cur     *stagedRow
	written func(*estate.ImportRow)
	staged  staged
	err     error
}

func (w *importWrite) newCopySource(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error], written func(*estate.ImportRow)) (*copySource, func()) {
	ids := &idBlocks{db: w.db}
	batches, stop := pipeline.Run(4, 256, func(yield func(stagedRow) bool) {
		for d, err := range rows {
			r := stagedRow{err: err}
			if err == nil {
				r = w.encodeRow(ctx, ids, d)
			}
			if !yield(r) || r.err != nil {
				return
			}
		}
	})
	return &copySource{w: w, batches: batches, written: written}, stop
}

// Next moves to the next row that writes, reporting the rows on the way,
// each with its id known.
func (s *copySource) Next() bool {
	for {
		for len(s.batch) > 0 {
			r := &s.batch[0]
			s.batch = s.batch[1:]
			if r.err != nil {
				s.err = r.err
				return false
			}
			s.written(r.report)
			if r.values == nil {
				continue
			}
			if r.upd {
				s.staged.updates++
			} else {
				s.staged.inserts++
			}
			s.staged.occupiers = s.staged.occupiers || r.occ
			s.w.noteChanged(r.id)
			s.cur = r
			return true
		}
		b, ok := <-s.batches
		if !ok {
			return false
		}
		s.batch = b
	}
}

func (s *copySource) Values() ([]any, error) { return s.cur.values, nil }

func (s *copySource) Err() error { return s.err }

// encodeRow encodes a decided row for the staging table: a new asset
// gets its id, an update its next version, both the import's time.
func (w *importWrite) encodeRow(ctx context.Context, ids *idBlocks, d *estate.DecidedRow) stagedRow {
	r := stagedRow{report: d.Row}
	a := d.Asset
	var changes string
	switch d.Kind {
	case estate.DecidedInsert:
		id, err := ids.next(ctx)
		if err != nil {
			return stagedRow{err: err}
		}
		a.ID, d.Row.AssetID = id, id
		if changes, err = insertChanges(a); err != nil {
			return stagedRow{err: err}
		}
	case estate.DecidedUpdate:
		a.Version++
		a.UpdatedAt = w.now
		r.upd, changes = true, d.Changes
	default:
		return r
	}
	row, err := assetValues(a)
	if err != nil {
		return stagedRow{err: err}
	}
	r.id, r.occ = a.ID, len(a.Occupiers) > 0
	r.values = append(append([]any{r.upd, a.ID}, row...), occupierIDs(a), changes)
	return r
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
