package service

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// commitDecided takes the writer and has the store write the rows
// fileDecider spooled, deciding them again first if the partner's assets
// changed since snap was taken.
func (s *Imports) commitDecided(ctx context.Context, snap ImportSnapshot, partner string, create *estate.Partner, f *decidedFile, sp *spool, r *reporter) (err error) {
	actor := estate.ActorFromContext(ctx)
	rep := r.rep
	w, changed, err := snap.BeginWrite(ctx, actor)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, w.Close()) }()
	snap.Close() // rows decided again are decided through the write
	if err := createIn(ctx, w, f, create, snap.Now()); err != nil {
		return err
	}
	if changed {
		again, d, err := s.decideAgain(ctx, w, partner, f, sp, snap, r.maxErrors)
		if again != nil {
			defer again.close()
		}
		if err != nil {
			return err
		}
		if d.errors > 0 {
			if err := r.replay(again, 0); err != nil {
				return err
			}
			return rep.Failed()
		}
		sp = again
	}
	err = w.Write(ctx, decided(sp, 0, sp.size, actor, snap.Now()), r.written)
	rep.SortRows()
	if err != nil {
		return err
	}
	return r.commit(ctx, w)
}

// written reports a row the store wrote.
func (r *reporter) written(row *estate.ImportRow) { r.add(row) }

// commit has w commit the rows it wrote, with the import's record,
// unless the import was cancelled or a row was wrong.
func (r *reporter) commit(ctx context.Context, w ImportWrite) error {
	rep := r.rep
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("service: import: %w", ctx.Err())
	case rep.Errors > 0:
		return rep.Failed() // no decided row fails its write, but should one
	}
	if err := w.Commit(ctx, rep.RecordChanges()); err != nil {
		return err
	}
	rep.Committed = true
	return nil
}

// decided are the rows spooled between offsets from and to as the store
// writes them.
func decided(sp *spool, from, to int64, actor estate.Actor, now time.Time) iter.Seq2[*estate.DecidedRow, error] {
	return func(yield func(*estate.DecidedRow, error) bool) {
		for rec, err := range sp.records(from, to, false) {
			if err != nil {
				yield(nil, err)
				return
			}
			if row := rec.decided(actor, now); row != nil && !yield(row, nil) {
				return
			}
		}
	}
}

// decided is the row as the store writes it, a new asset stamped as its
// creation at the import's time now; nil for a row decided at the end of
// the file, whose decision follows the others in the spool.
func (rec *spoolRecord) decided(actor estate.Actor, now time.Time) *estate.DecidedRow {
	row := &estate.DecidedRow{Row: &rec.row}
	switch rec.kind {
	case recLater:
		return nil
	case recInsert:
		estate.StampNewAsset(rec.asset, actor, now)
		row.Kind, row.Asset = estate.DecidedInsert, rec.asset
	case recUpdate:
		row.Kind, row.Asset, row.Changes = estate.DecidedUpdate, rec.after, rec.changes
	}
	return row
}

// decideAgain decides the spooled rows once more, in file order, through
// the write's own view, into a new spool.
func (s *Imports) decideAgain(ctx context.Context, w ImportWrite, partner string, f *decidedFile, sp *spool, snap ImportSnapshot, maxErrors int) (*spool, *decider, error) {
	// A partner without assets may have been deleted meanwhile.
	known, err := w.PartnerExists(ctx, partner)
	if err != nil {
		return nil, nil, err
	}
	if !known {
		return nil, nil, estate.CheckImportCreatingPartner(estate.ActorFromContext(ctx), nil, partner)
	}
	again, err := newSpool(s.store)
	if err != nil {
		return nil, nil, err
	}
	d, err := newDecider(ctx, w, again, estate.ActorFromContext(ctx), partner, s.area, snap.Now())
	if err != nil {
		return again, nil, err
	}
	stopped := func() bool { return d.errors >= maxErrors }
	// Up to tail the spool holds every row in file order, those decided at
	// the end of the file as read.
	err = d.decideAll(ctx, func(yield func(preparedRow, error) bool) {
		for rec, err := range sp.records(0, f.tail, true) {
			var p preparedRow
			if err == nil {
				p = rec.asRead()
			}
			if !yield(p, err) {
				return
			}
		}
	}, stopped)
	if err != nil || stopped() {
		return again, d, err
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

// createIn creates the import's partner in w, stamped and audited as
// made at now, if f says the import makes it, unless it exists by now: f
// then says it does not.
func createIn(ctx context.Context, w ImportWrite, f *decidedFile, p *estate.Partner, now time.Time) error {
	if !f.creates {
		return nil
	}
	actor := estate.ActorFromContext(ctx)
	known, err := w.PartnerExists(ctx, p.ID)
	if err != nil || known {
		f.creates = false
		return err
	}
	if err := estate.CheckImportCreatingPartner(actor, p, p.ID); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	return w.CreatePartner(ctx, p, adminEvent(actor, now, estate.EntityPartner, p.ID, estate.ActionCreate, estate.PartnerDiff(nil, p)))
}
