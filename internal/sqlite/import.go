package sqlite

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

var _ estate.ImportService = (*AssetService)(nil)

// importBatch is how many rows travel together from the reading goroutine
// to the writing one: enough to make the hand-over cheap, small enough to
// keep memory flat.
const importBatch = 256

// ImportAssets loads a partner's rows in one write transaction, all or
// nothing. Reading, mapping and validating rows runs on one goroutine and
// writing on another, so the two cores of a small server both work.
func (s *AssetService) ImportAssets(ctx context.Context, partner string, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	return s.importAssets(ctx, partner, nil, rows, opts)
}

// ImportAssetsCreatingPartner is ImportAssets for a partner that may not
// exist yet: if there is no partner p.ID, p is created inside the
// import's transaction, so an import that fails, or a dry run, leaves no
// partner behind. Creating a partner takes an admin (EFORBIDDEN
// otherwise); p must be valid (EINVALID).
func (s *AssetService) ImportAssetsCreatingPartner(ctx context.Context, p *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	return s.importAssets(ctx, p.ID, p, rows, opts)
}

func (s *AssetService) importAssets(ctx context.Context, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	var im *importer
	rep, err := s.runImport(ctx, partner, create, rows, opts, &im)
	if rerr := s.retireReported(ctx, im, rep); rerr != nil {
		return rep, errors.Join(err, rerr)
	}
	return rep, err
}

// runImport is importAssets inside its transaction, which has ended when
// it returns; used is set to the importer it wrote with.
func (s *AssetService) runImport(ctx context.Context, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions, used **importer) (*estate.ImportReport, error) {
	actor := estate.ActorFromContext(ctx)
	if !actor.CanEdit(partner) {
		if actor.IsAnonymous() {
			return nil, estate.Errorf(estate.EUNAUTHORIZED, "Sign in with a token to import assets.")
		}
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not import assets for partner %q.", partner)
	}
	maxErrors, reportRows := opts.Limits()
	rep := &estate.ImportReport{Partner: partner, DryRun: opts.DryRun, Rows: []estate.ImportRow{}}

	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if create != nil {
		created, err := createMissingPartner(ctx, tx, actor, create)
		if err != nil {
			return nil, err
		}
		if created {
			what := "created"
			if opts.DryRun {
				what = "would be created"
			}
			rep.Notices = append(rep.Notices, fmt.Sprintf("partner %q (%s) %s", create.ID, create.Name, what))
		}
	}
	im, err := newImporter(ctx, tx, actor, partner)
	if err != nil {
		return nil, err
	}
	*used = im
	defer im.close()

	im.area = s.area
	batches, stop := prepareRows(rows, im.fresh, s.area, actor, tx.now)
	defer stop()
	// add reports a decided row, and says whether to go on.
	add := func(row *estate.ImportRow) bool {
		if opts.DryRun && row.Outcome == estate.OutcomeInserted {
			row.AssetID = 0 // rolled back: the id would never exist
		}
		rep.Add(*row, reportRows)
		if opts.OnRow != nil {
			opts.OnRow(*row)
		}
		if rep.Errors >= maxErrors {
			rep.Stopped = true
		}
		return !rep.Stopped
	}
	var readErr error
	// decided are the rows read since the last flush: new ones get their
	// outcomes only when written.
	var decided []*estate.ImportRow
	report := func() {
		for _, row := range decided {
			if !add(row) {
				break
			}
		}
		decided = decided[:0]
	}
	for batch := range batches {
		for i := range batch {
			p := &batch[i]
			if p.readErr != nil {
				readErr = p.readErr
				break
			}
			row, err := im.apply(ctx, p)
			if err != nil {
				return rep, err
			}
			if row == nil {
				if p.item.Asset == nil { // file-level notices, not a row
					rep.Notices = append(rep.Notices, p.item.Warnings...)
				}
				continue // or a row deferred to the end
			}
			decided = append(decided, row)
		}
		// New rows wait to be written several at a time, and a new
		// partner's in spatial order (see spatialWindow): report the rows
		// once they are.
		if !im.fresh || len(im.group.pending) >= spatialWindow {
			if err := im.flush(ctx); err != nil {
				return rep, err
			}
			report()
		}
		if readErr != nil || rep.Stopped || ctx.Err() != nil {
			break
		}
	}
	if err := im.flush(ctx); err != nil {
		return rep, err
	}
	report()
	if readErr == nil && !rep.Stopped && ctx.Err() == nil {
		if err := im.applyDeferred(ctx, add); err != nil {
			return rep, err
		}
		// Deferred rows were decided last: put the report back in file order.
		slices.SortStableFunc(rep.Rows, func(a, b estate.ImportRow) int { return cmp.Compare(a.Row, b.Row) })
	}
	switch {
	case ctx.Err() != nil:
		return rep, fmt.Errorf("sqlite: import: %w", ctx.Err())
	case readErr != nil:
		return rep, fmt.Errorf("sqlite: import: %w", readErr)
	case rep.Errors > 0:
		return rep, importFailed(rep)
	}
	if err := im.finish(ctx); err != nil {
		return rep, err
	}
	if opts.DryRun {
		return rep, nil // the deferred rollback undoes everything
	}
	if err := recordImport(ctx, tx, rep); err != nil {
		return rep, err
	}
	if err := commit(tx); err != nil {
		return rep, err
	}
	rep.Committed = true
	return rep, nil
}

// retireReported keeps the ids that a rolled-back import's report gave
// its new rows from ever naming other assets. A dry run's report gives
// none, and a committed import's ids are in the audit trail.
func (s *AssetService) retireReported(ctx context.Context, im *importer, rep *estate.ImportReport) error {
	if im == nil || rep == nil || rep.Committed || rep.DryRun || im.nextID == im.maxID+1 {
		return nil
	}
	// A cancelled import still retires what its report showed.
	return s.db.retireAssetIDs(context.WithoutCancel(ctx), im.nextID)
}

// createMissingPartner creates p in the import's transaction unless a
// partner p.ID exists.
func createMissingPartner(ctx context.Context, tx *Tx, actor estate.Actor, p *estate.Partner) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, p.ID).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: import: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	if !actor.IsAdmin() {
		return false, estate.Errorf(estate.EFORBIDDEN, "Only an admin may create partners.")
	}
	if err := p.Validate(); err != nil {
		return false, err
	}
	return true, createPartner(ctx, tx, p)
}

func importFailed(rep *estate.ImportReport) error {
	msg := fmt.Sprintf("%d of %d rows are wrong, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	if rep.Stopped {
		msg = fmt.Sprintf("Reading stopped at %d wrong rows of the first %d, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	}
	return estate.Errorf(estate.EINVALID, "%s", msg)
}

// preparedRow is an item read and checked off the writing goroutine.
type preparedRow struct {
	item    *estate.ImportItem
	readErr error
	invalid error   // the row's asset fails validation
	insert  *insert // column values, ready if the row turns out new
	key     uint64  // spatialKey of the asset's location, for a new row
	final   bool    // the whole file has been read: decide the row now
}

// prepareRows runs rows on a goroutine of its own, normalizing and
// validating each asset, and hands them over in batches. When fresh is
// set (the partner had no assets, so every row is new) it also encodes
// each row for insertion. stop ends the goroutine early and waits for it,
// so the caller's reader is never used after ImportAssets returns.
func prepareRows(rows iter.Seq2[*estate.ImportItem, error], fresh bool, area estate.ServiceArea, actor estate.Actor, now time.Time) (<-chan []preparedRow, func()) {
	// The reader stays a few batches ahead of the writer; for a new
	// partner a whole spatial window ahead, so it reads the next window
	// while the writer writes the last.
	ahead := 4
	if fresh {
		ahead += spatialWindow / importBatch
	}
	out := make(chan []preparedRow, ahead)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		batch := make([]preparedRow, 0, importBatch)
		send := func() bool {
			select {
			case out <- batch:
				batch = make([]preparedRow, 0, importBatch)
				return true
			case <-done:
				return false
			}
		}
		for item, err := range rows {
			if err != nil {
				batch = append(batch, preparedRow{readErr: err})
				break
			}
			batch = append(batch, prepareRow(item, fresh, area, actor, now))
			if len(batch) == importBatch && !send() {
				return
			}
		}
		if len(batch) > 0 {
			send()
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

func prepareRow(item *estate.ImportItem, fresh bool, area estate.ServiceArea, actor estate.Actor, now time.Time) preparedRow {
	p := preparedRow{item: item}
	a := item.Asset
	if a == nil {
		return p
	}
	a.ID, a.Version = 0, 0
	a.Normalize()
	// A row's place is checked against the area even when it will
	// update an asset stored before the area was narrowed: a file that
	// puts an asset outside the area is that row's error.
	if err := a.ValidateIn(area); err != nil {
		p.invalid = err
		return p
	}
	if err := checkRAG(a); err != nil {
		p.invalid = err
		return p
	}
	if fresh {
		p.insert, p.invalid = encodeInsert(a, actor, now)
		p.key = spatialKey(a.Location)
	}
	return p
}

// checkRAG requires a rationale with any rating but unrated, as the RAG
// resource does.
func checkRAG(a *estate.Asset) error {
	if a.RAG == estate.RAGUnrated {
		return nil
	}
	if err := (estate.RAGUpdate{Rating: a.RAG, Rationale: a.RAGRationale}).Validate(); err != nil {
		return &estate.Error{Code: estate.EINVALID, Message: "The asset is not valid.",
			Fields: []estate.FieldError{{Field: "rag_rationale", Message: "is required when rag is set"}}}
	}
	return nil
}

// rowProblem turns a row's error into report text; errors that are not
// about the row (a failing disk) are returned to stop the import.
func rowProblem(err error) (string, error) {
	var e *estate.Error
	if errors.As(err, &e) {
		return estate.ProblemText(err), nil
	}
	return "", err
}

// recordImport adds the import itself to the audit trail, beside its
// assets' events: who loaded the partner's file and what it did. An
// import that changed nothing (a file loaded again) leaves no record, as
// it leaves no other trace.
func recordImport(ctx context.Context, tx *Tx, rep *estate.ImportReport) error {
	if rep.Inserted+rep.Updated == 0 {
		return nil
	}
	var changes []estate.Change
	for _, c := range []struct {
		field string
		n     int
	}{{"rows", rep.Total}, {"inserted", rep.Inserted}, {"updated", rep.Updated},
		{"unchanged", rep.Unchanged}, {"skipped", rep.Skipped}, {"warnings", rep.Warnings}} {
		changes = append(changes, estate.Change{Field: c.field, After: c.n})
	}
	return recordAdminEvent(ctx, tx, estate.EntityImport, rep.Partner, estate.ActionImport, changes)
}
