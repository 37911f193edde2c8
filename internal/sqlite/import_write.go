package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/placetrust/placetrust/internal/estate"
)

// importer writes an import's decided rows inside its write transaction.
type importer struct {
	tx      *Tx
	w       *assetWriter
	actor   estate.Actor
	partner string
	// fresh is set when every row is new: a new partner's ids then follow
	// the rows' places (see spatialWindow).
	fresh bool
	// Assets with ids above maxID are the import's.
	maxID  int64
	added  []rtreeCell // the R*Tree entries of the assets inserted
	nextID int64       // the id the next new asset gets
	group  *groupInserts
}

func newImporter(ctx context.Context, tx *Tx, actor estate.Actor, partner string, fresh bool) (*importer, error) {
	im := &importer{tx: tx, actor: actor, partner: partner, fresh: fresh,
		group: &groupInserts{tx: tx, stmts: map[groupKey]*groupStmt{}, audits: map[int]*sql.Stmt{}}}
	var err error
	if im.nextID, err = nextAssetID(ctx, tx); err != nil {
		return nil, err
	}
	im.maxID = im.nextID - 1
	if im.w, err = newAssetWriter(ctx, tx); err != nil {
		return nil, err
	}
	return im, nil
}

func (im *importer) close() {
	im.group.close()
	if im.w != nil {
		im.w.close()
	}
}

// writeAll writes the spooled rows in order, handing each row's report to
// add once its asset has an id; add says whether to go on. It returns
// early when add says stop or ctx ends.
func (im *importer) writeAll(ctx context.Context, sp *spool, add func(*estate.ImportRow) bool) error {
	batches, stop := encodeDecided(sp, im.actor, im.tx.now, im.fresh)
	defer stop()
	// decided are the rows read since the last flush: new ones get their
	// ids only when written.
	var decided []*estate.ImportRow
	report := func() bool {
		for _, row := range decided {
			if !add(row) {
				return false
			}
		}
		decided = decided[:0]
		return true
	}
	for batch := range batches {
		for i := range batch {
			r := &batch[i]
			var err error
			switch {
			case r.err != nil:
				err = r.err
			case r.rec.kind == recLater:
				continue // its decision follows, at the end of the spool
			case r.rec.kind == recInsert:
				err = im.insertRow(ctx, &r.p, &r.rec.row)
			case r.rec.kind == recUpdate:
				err = im.w.rewrite(ctx, r.rec.after, im.actor, estate.ActionImport, r.rec.changes)
			}
			if err != nil {
				return err
			}
			decided = append(decided, &r.rec.row)
		}
		// New rows wait to be written several at a time, and a new
		// partner's in spatial order (see spatialWindow): report the rows
		// once they are.
		if !im.fresh || len(im.group.pending) >= spatialWindow {
			if err := im.flush(ctx); err != nil {
				return err
			}
			if !report() {
				return nil
			}
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

// writeRow is a spooled row ready for the writer.
type writeRow struct {
	rec *spoolRecord
	p   preparedRow // a new asset, encoded
	err error
}

// encodeDecided reads the spool on a goroutine of its own and encodes the
// new assets for insertion there, so the writer only writes.
func encodeDecided(sp *spool, actor estate.Actor, now time.Time, fresh bool) (<-chan []writeRow, func()) {
	// For a new partner the reader stays a whole spatial window ahead, so
	// it encodes the next window while the writer writes the last.
	ahead := 4
	if fresh {
		ahead += spatialWindow / importBatch
	}
	return pipeline(ahead, func(yield func(writeRow) bool) {
		for rec, err := range sp.records(0, sp.size, false) {
			r := writeRow{rec: rec, err: err}
			if err == nil && rec.kind == recInsert {
				a := rec.asset
				r.p.item = &estate.ImportItem{Asset: a}
				r.p.insert, r.err = encodeInsert(a, actor, now)
				r.p.key = spatialKey(a.Location)
			}
			if !yield(r) || r.err != nil {
				return
			}
		}
	})
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
func (im *importer) insertRow(ctx context.Context, p *preparedRow, row *estate.ImportRow) error {
	if im.fresh || im.groupable(p) {
		im.group.pending = append(im.group.pending, pendingInsert{p, row})
		return nil
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	return im.insertAlone(ctx, p, row)
}

// insertAlone writes one new asset that cannot wait for others: one with
// tags or occupiers, linked once it has its id.
func (im *importer) insertAlone(ctx context.Context, p *preparedRow, row *estate.ImportRow) error {
	a := p.item.Asset
	for _, o := range a.Occupiers {
		if ok, err := im.w.partnerExists(ctx, o.Partner); err != nil {
			return err
		} else if !ok {
			row.Outcome, row.Reason = estate.OutcomeError, fmt.Sprintf("occupiers: no partner %q", o.Partner)
			return nil
		}
	}
	r := pendingInsert{p, row}
	if err := im.insertGroup(ctx, []pendingInsert{r}); isUnique(err) {
		return im.uniqueFailed(r, err)
	} else if err != nil {
		return err
	}
	if len(a.Tags) > 0 || len(a.Occupiers) > 0 {
		return im.w.writeLinks(ctx, a, false)
	}
	return nil
}

func isUnique(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}
