package postgres

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// importWrite is an import's write transaction (service.ImportWrite),
// holding its partner's write lock.
type importWrite struct {
	importView
	db      *DB
	tx      pgx.Tx
	actor   estate.Actor
	partner string
	now     time.Time
	// changed are the ids of the assets written, kept up to one past
	// maxLoggedIDs: a longer list is logged as a reload.
	changed   []int64
	staged    bool // the staging table exists
	staging   bool // this Write has staged rows in it
	committed bool
	closed    bool
}

// CreatePartner stores p and its event ev in the import's transaction.
func (w *importWrite) CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error {
	if err := insertPartner(ctx, w.tx, p); err != nil {
		return err
	}
	return appendAdminEvent(ctx, w.tx, ev)
}

// Write sends the rows by COPY a batch at a time as they are encoded
// (import_copy.go), handing each row's report to written once its batch
// is sent (an insert's with its id), then applies the staged updates. It
// returns nil, having written nothing that will be kept, when ctx ends.
func (w *importWrite) Write(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error], written func(*estate.ImportRow)) error {
	w.staging = false
	batches, stop := w.encodeRows(ctx, rows)
	defer stop()
	var updates int
	var updOccupiers bool
	for batch := range batches {
		n, occ, err := w.writeBatch(ctx, batch, written)
		updates, updOccupiers = updates+n, updOccupiers || occ
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
	}
	stop()
	if ctx.Err() != nil || updates == 0 {
		return nil
	}
	if err := w.applyUpdates(ctx, updates, updOccupiers); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// writeBatch sends a batch's rows, up to a row that is an error, and
// reports them; it returns the number of updates staged and whether any
// has occupiers.
func (w *importWrite) writeBatch(ctx context.Context, batch []encodedRow, written func(*estate.ImportRow)) (updates int, occupied bool, err error) {
	var inserts int
	var occupiers [][]any
	for i, r := range batch {
		if r.err != nil {
			batch, err = batch[:i], r.err
			break
		}
		switch {
		case r.asset == nil:
		case r.upd:
			updates++
			occupied = occupied || len(r.asset.Occupiers) > 0
		default:
			inserts++
			ids := occupierIDs(r.asset)
			for j, p := range ids {
				if !slices.Contains(ids[:j], p) {
					occupiers = append(occupiers, []any{r.asset.ID, p})
				}
			}
		}
	}
	isInsert := func(r *encodedRow) bool { return r.asset != nil && !r.upd }
	isUpdate := func(r *encodedRow) bool { return r.asset != nil && r.upd }
	writes := func(r *encodedRow) bool { return r.asset != nil }
	if inserts > 0 {
		if err := w.copy(ctx, "assets", insertColumns, &batchSource{rows: batch, keep: isInsert, values: insertValues}, "import: insert assets"); err != nil {
			return 0, false, err
		}
	}
	if len(occupiers) > 0 {
		if err := w.copy(ctx, "asset_occupiers", []string{"asset_id", "partner_id"}, pgx.CopyFromRows(occupiers), "import: occupiers"); err != nil {
			return 0, false, err
		}
	}
	if updates > 0 {
		if err := w.stage(ctx); err != nil {
			return 0, false, err
		}
		if err := w.copy(ctx, importStaging, importStagingColumns, &batchSource{rows: batch, keep: isUpdate, values: stagedValues}, "import: stage updates"); err != nil {
			return 0, false, err
		}
	}
	if inserts+updates > 0 {
		if err := w.copy(ctx, "audit_events", auditCopyColumns, &batchSource{rows: batch, keep: writes, values: w.auditValues}, "import: audit"); err != nil {
			return 0, false, err
		}
	}
	for _, r := range batch {
		written(r.report)
		if r.asset != nil {
			w.noteChanged(r.asset.ID)
		}
	}
	return updates, occupied, err
}

// copy sends src's rows to table's columns by COPY.
func (w *importWrite) copy(ctx context.Context, table string, columns []string, src pgx.CopyFromSource, what string) error {
	if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, src); err != nil {
		return constraintError(err, what)
	}
	return nil
}

// Commit records the import in the partner's audit trail, gives the
// register its next version, and commits.
func (w *importWrite) Commit(ctx context.Context, record []estate.Change) error {
	if err := recordAdminEvent(ctx, w.tx, w.actor, w.now, estate.EntityImport, w.partner, estate.ActionImport, record); err != nil {
		return err
	}
	if len(w.changed) > 0 {
		if _, err := bumpRegister(ctx, w.tx, w.changed); err != nil {
			return err
		}
	}
	if err := w.tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: import: commit: %w", err)
	}
	w.committed = true
	return nil
}

// Close rolls back an import that did not commit. The ids it took stay
// taken: a sequence never gives a number twice.
func (w *importWrite) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.committed {
		return nil
	}
	if err := w.tx.Rollback(context.Background()); err != nil && err != pgx.ErrTxClosed {
		return fmt.Errorf("postgres: import: roll back: %w", err)
	}
	return nil
}

// noteChanged remembers that the asset id was written, for the register's
// log.
func (w *importWrite) noteChanged(id int64) {
	if len(w.changed) <= maxLoggedIDs {
		w.changed = append(w.changed, id)
	}
}
