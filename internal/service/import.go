package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

var _ estate.ImportService = (*AssetService)(nil)

// An import runs in two phases, so it never stops the register for longer
// than its writes take. First it reads the file and decides every row
// (matched, checked, changed) against a read snapshot, spooling the
// decisions (decideFile): no write lock is held, so officers' edits go
// through meanwhile, and a dry run or a file with wrong rows ends there.
// Then it takes the single writer and writes what it decided, in one
// transaction, all or nothing (commitDecided). If the partner's assets
// changed in between, it decides the rows again inside that transaction,
// from the spool, before writing: the outcome is as if the import had
// read the file after the change.

// ImportAssets loads a partner's rows in one write transaction, all or
// nothing, having decided them first without it.
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
	actor := estate.ActorFromContext(ctx)
	if !actor.CanEdit(partner) {
		if actor.IsAnonymous() {
			return nil, estate.Errorf(estate.EUNAUTHORIZED, "Sign in with a token to import assets.")
		}
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not import assets for partner %q.", partner)
	}
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	defer sp.close()
	maxErrors, reportRows := opts.Limits()
	r := &reporter{rep: &estate.ImportReport{Partner: partner, DryRun: opts.DryRun, Rows: []estate.ImportRow{}},
		onRow: opts.OnRow, maxErrors: maxErrors, reportRows: reportRows}
	// Every row the import writes is stamped with the time it began.
	now := s.db.Now().UTC()
	f, err := s.decideFile(ctx, partner, create, rows, sp, now, maxErrors)
	if f == nil {
		return nil, err // refused before any row was read
	}
	rep := r.rep
	rep.Notices = f.notices
	if err == nil && !opts.DryRun && f.readErr == nil && f.errors == 0 && ctx.Err() == nil {
		return rep, s.commitDecided(ctx, partner, create, f, sp, now, r)
	}
	if f.creates {
		rep.Notices = slices.Insert(rep.Notices, 0, fmt.Sprintf("partner %q (%s) would be created", create.ID, create.Name))
	}
	if rerr := r.replay(sp); err == nil {
		err = rerr
	}
	switch {
	case err != nil:
		return rep, err
	case ctx.Err() != nil:
		return rep, fmt.Errorf("sqlite: import: %w", ctx.Err())
	case f.readErr != nil:
		return rep, fmt.Errorf("sqlite: import: %w", f.readErr)
	case rep.Errors > 0:
		return rep, importFailed(rep)
	}
	return rep, nil // a dry run
}

// decidedFile is what deciding a file found.
type decidedFile struct {
	// version is the register version of the snapshot the rows were
	// decided against, and partners the newest partner event then.
	version, partners int64
	fresh             bool // the partner had no assets
	creates           bool // the partner is to be created
	notices           []string
	readErr           error
	errors            int
	tail              int64 // where the deferred rows' decisions start in the spool
}

// decideFile reads rows and decides each against a read snapshot of the
// register, spooling the decisions to sp. It returns nil, with an error,
// when the import is refused before any row is read.
func (s *AssetService) decideFile(ctx context.Context, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], sp *spool, now time.Time, maxErrors int) (*decidedFile, error) {
	actor := estate.ActorFromContext(ctx)
	q, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer q.Rollback()
	f := &decidedFile{}
	// Read first: SQLite takes the snapshot at a transaction's first read,
	// so these versions name what every read below sees.
	var known bool
	err = q.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM audit_events), 0),
		coalesce((SELECT max(id) FROM admin_events), 0), EXISTS (SELECT 1 FROM partners WHERE id = ?)`, partner).
		Scan(&f.version, &f.partners, &known)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import: %w", err)
	}
	if !known {
		if err := canCreatePartner(actor, create, partner); err != nil {
			return nil, err
		}
		f.creates = true
	}
	d, err := newDecider(ctx, q, sp, actor, partner, s.area, now)
	if err != nil {
		return nil, err
	}
	defer d.close()
	f.fresh = d.fresh
	batches, stop := prepareRows(rows, s.area)
	defer stop()
	stopped := func() bool { return d.errors >= maxErrors }
	for batch := range batches {
		for i := range batch {
			p := &batch[i]
			if p.readErr != nil {
				f.readErr = p.readErr
				break
			}
			if it := p.item; it.Asset == nil && it.Err == nil && it.Skip == "" {
				f.notices = append(f.notices, it.Warnings...) // file-level notices, not a row
				continue
			}
			if err := d.decide(ctx, p); err != nil {
				f.errors = d.errors
				return f, err
			}
			if stopped() {
				break
			}
		}
		if f.readErr != nil || stopped() || ctx.Err() != nil {
			break
		}
	}
	f.tail = sp.size
	if f.readErr == nil && !stopped() && ctx.Err() == nil {
		if err := d.decideDeferred(ctx, stopped); err != nil {
			return f, err
		}
		f.tail = d.tail
	}
	f.errors = d.errors
	return f, nil
}

// canCreatePartner checks an import may create partner p, named id, that
// does not exist.
func canCreatePartner(actor estate.Actor, p *estate.Partner, id string) error {
	if p == nil {
		return &estate.Error{Code: estate.EINVALID, Message: fmt.Sprintf("No partner %q: create it first.", id),
			Fields: []estate.FieldError{{Field: "partner", Message: "does not exist"}}}
	}
	if !actor.IsAdmin() {
		return estate.Errorf(estate.EFORBIDDEN, "Only an admin may create partners.")
	}
	return p.Validate()
}

// reporter adds rows to an import's report as they are decided or
// written, until too many are wrong.
type reporter struct {
	rep                   *estate.ImportReport
	onRow                 func(estate.ImportRow)
	maxErrors, reportRows int
}

// add reports a row, and says whether to go on.
func (r *reporter) add(row *estate.ImportRow) bool {
	r.rep.Add(*row, r.reportRows)
	if r.onRow != nil {
		r.onRow(*row)
	}
	if r.rep.Errors >= r.maxErrors {
		r.rep.Stopped = true
	}
	return !r.rep.Stopped
}

// replay reports the spooled rows of an import that writes nothing: a new
// row has no id.
func (r *reporter) replay(sp *spool) error {
	defer r.sort()
	for rec, err := range sp.records(0, sp.size, false) {
		if err != nil {
			return err
		}
		if rec.kind != recLater && !r.add(&rec.row) {
			break
		}
	}
	return nil
}

// sort puts the report in file order: rows matched by UPRN were decided
// last.
func (r *reporter) sort() {
	slices.SortStableFunc(r.rep.Rows, func(a, b estate.ImportRow) int { return cmp.Compare(a.Row, b.Row) })
}

func importFailed(rep *estate.ImportReport) error {
	msg := fmt.Sprintf("%d of %d rows are wrong, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	if rep.Stopped {
		msg = fmt.Sprintf("Reading stopped at %d wrong rows of the first %d, so nothing was imported: see the report for each row's reason.", rep.Errors, rep.Total)
	}
	return estate.Errorf(estate.EINVALID, "%s", msg)
}
