package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// commitDecided takes the writer and writes the rows decideFile spooled,
// deciding them again first if the partner's assets changed since.
func (s *AssetService) commitDecided(ctx context.Context, partner string, create *estate.Partner, f *decidedFile, sp *spool, now time.Time, r *reporter) error {
	actor := estate.ActorFromContext(ctx)
	rep := r.rep
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tx.now = now
	if f.creates {
		created, err := createMissingPartner(ctx, tx, actor, create)
		if err != nil {
			return err
		}
		if created {
			defer func() {
				what := "would be created" // the transaction was rolled back
				if rep.Committed {
					what = "created"
				}
				rep.Notices = slices.Insert(rep.Notices, 0, fmt.Sprintf("partner %q (%s) %s", create.ID, create.Name, what))
			}()
		}
	}
	changed, err := changedSince(ctx, tx, partner, f.version, f.partners)
	if err != nil {
		return err
	}
	fresh := f.fresh
	if changed {
		again, d, err := s.decideAgain(ctx, tx, partner, f, sp, now, r.maxErrors)
		if again != nil {
			defer again.close()
		}
		if err != nil {
			return err
		}
		if d.errors > 0 {
			if err := r.replay(again); err != nil {
				return err
			}
			return importFailed(rep)
		}
		sp, fresh = again, d.fresh
	}
	im, err := newImporter(ctx, tx, actor, partner, fresh)
	if err != nil {
		return err
	}
	defer im.close()
	err = im.writeAll(ctx, sp, r.add)
	r.sort()
	if err == nil && ctx.Err() == nil && rep.Errors == 0 {
		if err = im.finish(ctx); err == nil {
			if err = recordImport(ctx, tx, rep); err == nil {
				err = commit(tx)
			}
		}
		if err == nil {
			rep.Committed = true
			return nil
		}
	}
	tx.Rollback()
	// Ids the report showed are never given to other assets.
	if im.nextID > im.maxID+1 {
		if rerr := s.db.retireAssetIDs(context.WithoutCancel(ctx), im.nextID); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	switch {
	case err != nil:
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("sqlite: import: %w", ctx.Err())
	}
	return importFailed(rep) // no decided row fails its write, but should one
}

// changedSince says whether what an import decided at register version
// (and partner event partners) may no longer hold: an asset that is, or
// was then, the partner's has changed since, or a partner was deleted.
func changedSince(ctx context.Context, tx *Tx, partner string, version, partners int64) (bool, error) {
	var changed bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_events e WHERE e.id > ?1 AND (e.partner_id = ?2
			OR EXISTS (SELECT 1 FROM audit_events o WHERE o.asset_id = e.asset_id AND o.id <= ?1 AND o.partner_id = ?2)))
		OR EXISTS (SELECT 1 FROM admin_events WHERE id > ?3 AND entity = ?4 AND action = ?5)`,
		version, partner, partners, estate.EntityPartner, string(estate.ActionDelete)).Scan(&changed)
	if err != nil {
		return false, fmt.Errorf("sqlite: import: register version: %w", err)
	}
	return changed, nil
}

// decideAgain decides the spooled rows once more, in file order, inside
// the write transaction, into a new spool.
func (s *AssetService) decideAgain(ctx context.Context, tx *Tx, partner string, f *decidedFile, sp *spool, now time.Time, maxErrors int) (*spool, *decider, error) {
	// A partner without assets may have been deleted meanwhile.
	var known bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)`, partner).Scan(&known); err != nil {
		return nil, nil, fmt.Errorf("sqlite: import: %w", err)
	}
	if !known {
		return nil, nil, canCreatePartner(estate.ActorFromContext(ctx), nil, partner)
	}
	again, err := newSpool()
	if err != nil {
		return nil, nil, err
	}
	d, err := newDecider(ctx, tx.Tx, again, estate.ActorFromContext(ctx), partner, s.area, now)
	if err != nil {
		return again, nil, err
	}
	defer d.close()
	stopped := func() bool { return d.errors >= maxErrors }
	// Up to tail the spool holds every row in file order, those decided at
	// the end of the file as read.
	for rec, err := range sp.records(0, f.tail, true) {
		if err == nil {
			p := rec.asRead()
			err = d.decide(ctx, &p)
		}
		if err != nil {
			return again, d, err
		}
		if stopped() {
			return again, d, nil
		}
	}
	return again, d, d.decideDeferred(ctx, stopped)
}

// asRead is the row a record was decided from. Only rows that wrote or
// could write, or were skipped, get as far as the writer.
func (rec *spoolRecord) asRead() preparedRow {
	it := &estate.ImportItem{Row: rec.row.Row, Line: rec.row.Line, AssetCode: rec.row.AssetCode,
		Asset: rec.asset, Fields: rec.fields, NoteLines: rec.notes, Warnings: rec.row.Warnings, WarningKinds: rec.row.WarningKinds}
	if rec.asset == nil {
		it.Skip = rec.row.Reason
	}
	return preparedRow{item: it}
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
	if err := canCreatePartner(actor, p, p.ID); err != nil {
		return false, err
	}
	return true, createPartner(ctx, tx, p)
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
