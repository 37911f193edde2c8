package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/pipeline"
)

// importer is an import's write transaction (service.ImportWrite).
type importer struct {
	lookups
	db      *DB
	tx      *Tx
	conn    *importConn
	w       *assetWriter
	actor   estate.Actor
	partner string
	// fresh is set when the partner had no assets: every row is new, and
	// a new partner's ids then follow the rows' places (see
	// spatialWindow).
	fresh bool
	// Assets with ids above maxID are the import's.
	maxID  int64
	added  []rtreeCell // the R*Tree entries of the assets inserted
	nextID int64       // the id the next new asset gets
	group  *groupInserts
	// partners are those the rows name, checked before commit when the
	// foreign keys are off (see importConn); nil when they are on.
	partners  map[string]bool
	committed bool
	closed    bool
}

func newImporter(ctx context.Context, db *DB, tx *Tx, conn *importConn, actor estate.Actor, partner string) (*importer, error) {
	im := &importer{db: db, tx: tx, conn: conn, actor: actor, partner: partner,
		group: &groupInserts{tx: tx, stmts: map[groupKey]*groupStmt{}, audits: map[int]*sql.Stmt{}}}
	if conn.unchecked {
		im.partners = map[string]bool{partner: true}
	}
	err := im.lookups.prepare(ctx, tx.Tx)
	if err == nil {
		var owned bool
		owned, err = im.HasAssets(ctx, partner)
		im.fresh = !owned
	}
	if err == nil && conn.unchecked && !im.fresh {
		err = fmt.Errorf("sqlite: import: partner %q has assets, and the foreign keys are off", partner)
	}
	if err == nil {
		im.nextID, err = nextAssetID(ctx, tx)
	}
	if err == nil {
		im.maxID = im.nextID - 1
		im.w, err = newAssetWriter(ctx, tx)
	}
	if err != nil {
		im.release()
		return nil, err
	}
	return im, nil
}

func (im *importer) release() {
	im.lookups.close()
	im.group.close()
	if im.w != nil {
		im.w.close()
	}
}

// CreatePartner stores p and its event ev in the import's transaction.
func (im *importer) CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error {
	if err := insertPartner(ctx, im.tx, p); err != nil {
		return err
	}
	return appendAdminEvent(ctx, im.tx, ev)
}

// Write writes the decided rows in order, handing each row's report to
// written once its asset has an id. It returns early when ctx ends.
func (im *importer) Write(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error], written func(*estate.ImportRow)) error {
	batches, stop := encodeDecided(rows, im.fresh, &sharing{partner: im.partner})
	defer stop()
	// decided are the rows read since the last flush: new ones get their
	// ids only when written.
	var decided []*estate.ImportRow
	report := func() {
		for _, row := range decided {
			written(row)
		}
		decided = decided[:0]
	}
	for batch := range batches {
		for i := range batch {
			r := &batch[i]
			if r.order != nil {
				// A new partner's window, whole: write it, in the order
				// the encoding worked out.
				if err := im.flushInOrder(ctx, r.order); err != nil {
					return err
				}
				report()
				continue
			}
			var err error
			switch {
			case r.err != nil:
				err = r.err
			case r.d.Kind == estate.DecidedInsert:
				err = im.insertRow(ctx, r)
			case r.d.Kind == estate.DecidedUpdate && im.partners != nil:
				err = fmt.Errorf("sqlite: import: an update of asset %d, for a partner that had none", r.d.Asset.ID)
			case r.d.Kind == estate.DecidedUpdate:
				err = im.w.rewrite(ctx, r.d.Asset, im.actor, estate.ActionImport, r.d.Changes)
			}
			if err != nil {
				return err
			}
			decided = append(decided, r.d.Row)
		}
		// New rows wait to be written several at a time, a new partner's
		// a window at a time (above): report the rows once they are.
		if !im.fresh {
			if err := im.flush(ctx); err != nil {
				return err
			}
			report()
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	report()
	return nil
}

// writeRow is a decided row ready for the writer, a new asset encoded;
// or, for a new partner, the end of a window of new rows and their order
// (see flushInOrder).
type writeRow struct {
	d     *estate.DecidedRow
	ins   *insert // column values of a new asset
	key   uint64  // spatialKey of a new asset's location
	err   error
	order []int32
}

// encodeDecided reads rows on a goroutine of its own and encodes the new
// assets for insertion there, so the writer only writes.
func encodeDecided(rows iter.Seq2[*estate.DecidedRow, error], fresh bool, sh *sharing) (<-chan []writeRow, func()) {
	// For a new partner the reader stays a whole spatial window ahead, so
	// it encodes the next window while the writer writes the last.
	ahead := 4
	if fresh {
		ahead += spatialWindow / encodeBatch
	}
	var window windowOrder
	return pipeline.Run(ahead, encodeBatch, func(yield func(writeRow) bool) {
		for d, err := range rows {
			r := writeRow{d: d, err: err}
			var order []int32
			if err == nil && d.Kind == estate.DecidedInsert {
				r.ins, r.err = encodeInsert(d.Asset)
				if r.err == nil {
					r.err = sh.check(d.Asset, r.ins.row)
				}
				r.key = spatialKey(d.Asset.Location)
				if r.err == nil && fresh {
					order = window.add(r.key)
				}
			}
			if !yield(r) || r.err != nil {
				return
			}
			if order != nil && !yield(writeRow{order: order}) {
				return
			}
		}
		if order := window.order(); order != nil {
			yield(writeRow{order: order})
		}
	})
}

// encodeBatch is how many rows the encoding goroutine hands the writer
// at a time.
const encodeBatch = 256

// Commit indexes the inserted assets, records the import and commits.
func (im *importer) Commit(ctx context.Context, record []estate.Change) error {
	if err := im.finish(ctx); err != nil {
		return err
	}
	if err := recordAdminEvent(ctx, im.tx, im.actor, estate.EntityImport, im.partner, estate.ActionImport, record); err != nil {
		return err
	}
	if im.partners != nil {
		if err := checkPartners(ctx, im.tx, im.partners); err != nil {
			return err
		}
	}
	if err := commit(im.tx); err != nil {
		return err
	}
	im.committed = true
	im.conn.release() // for the writes that follow an import
	return nil
}

// Close rolls back an import that did not commit, and retires the ids it
// gave: a report may have shown them, and they are never given to other
// assets.
func (im *importer) Close() error {
	if im.closed {
		return nil
	}
	im.closed = true
	im.release()
	if !im.committed {
		// An INSERT OR ROLLBACK that failed has rolled back already, and
		// this then fails, harmlessly.
		im.tx.Rollback()
	}
	im.conn.release()
	if im.committed {
		return nil
	}
	if im.nextID > im.maxID+1 {
		return im.db.retireAssetIDs(context.Background(), im.nextID)
	}
	return nil
}

// finish writes the rows still waiting and indexes the inserted assets.
func (im *importer) finish(ctx context.Context) error {
	if err := im.flush(ctx); err != nil {
		return err
	}
	return indexInserted(ctx, im.tx, im.maxID, im.added)
}

// insertRow writes a new asset with its index entry and audit event, or
// leaves it waiting to go in with others (see groupInserts).
func (im *importer) insertRow(ctx context.Context, r *writeRow) error {
	p := pendingInsert{a: r.d.Asset, ins: r.ins, key: r.key, row: r.d.Row}
	if im.partners != nil {
		for _, o := range p.a.Occupiers {
			im.partners[o.Partner] = true
		}
	}
	if im.fresh || p.groupable() {
		im.group.pending = append(im.group.pending, p)
		return nil
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	return im.insertAlone(ctx, p)
}

// insertAlone writes one new asset that cannot wait for others: one with
// tags or occupiers, linked once it has its id.
func (im *importer) insertAlone(ctx context.Context, p pendingInsert) error {
	if err := im.insertGroup(ctx, []pendingInsert{p}); err != nil {
		return err
	}
	if a := p.a; len(a.Tags) > 0 || len(a.Occupiers) > 0 {
		return im.w.writeLinks(ctx, a, false)
	}
	return nil
}
