package postgres

import (
	"context"
	"fmt"
	"iter"
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

// Write streams the rows into the staging table with COPY, handing each
// row's report to written as it goes (an insert's id is taken before),
// then writes the staged rows with one statement a table. It returns
// nil, having written nothing that will be kept, when ctx ends.
func (w *importWrite) Write(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error], written func(*estate.ImportRow)) error {
	if err := w.stage(ctx); err != nil {
		return err
	}
	src, stop := w.newCopySource(ctx, rows, written)
	defer stop()
	_, err := w.tx.CopyFrom(ctx, pgx.Identifier{importStaging}, importStagingColumns, src)
	stop()
	switch {
	case src.err != nil:
		return src.err
	case ctx.Err() != nil:
		return nil
	case err != nil:
		return fmt.Errorf("postgres: import: copy rows: %w", err)
	}
	if err := w.apply(ctx, &src.staged); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
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
