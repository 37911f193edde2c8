package service

import (
	"context"
	"fmt"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
)

// Imports implements estate.ImportService over an ImportStore: it
// decides every row of a partner's file and has the store write them.
type Imports struct {
	store ImportStore
	area  estate.ServiceArea
}

// ImportOptions configure Imports.
type ImportOptions struct {
	// Area is where new and moved assets may be; nil for
	// estate.GreatBritain, a server's default.
	Area *estate.ServiceArea
}

// NewImports returns the import service over store.
func NewImports(store ImportStore, opts ImportOptions) *Imports {
	area := estate.GreatBritain
	if opts.Area != nil {
		area = *opts.Area
	}
	return &Imports{store: store, area: area}
}

var _ estate.ImportService = (*Imports)(nil)

// An import runs in two phases, so it never stops the register for longer
// than its writes take. First it reads the file and decides every row
// (matched, checked, changed) against a read snapshot, spooling the
// decisions (decideFile): no write lock is held, so officers' edits go
// through meanwhile, and a dry run or a file with wrong rows ends there.
// Then it takes the store's single writer and has it write what was
// decided, all or nothing (commitDecided). If the partner's assets
// changed in between, it decides the rows again through the write's own
// view, from the spool, before writing: the outcome is as if the import
// had read the file after the change. The rules every decision follows
// are estate's (import_rules.go, import_decided.go); the store only
// persists (import_store.go).

// ImportAssets loads a partner's rows in one write, all or nothing,
// having decided them first without it.
func (s *Imports) ImportAssets(ctx context.Context, partner string, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	return s.importAssets(ctx, partner, nil, rows, opts)
}

// ImportAssetsCreatingPartner is ImportAssets for a partner that may not
// exist yet: if there is no partner p.ID, p is created inside the
// import's write, so an import that fails, or a dry run, leaves no
// partner behind. Creating a partner takes an admin (EFORBIDDEN
// otherwise); p must be valid (EINVALID).
func (s *Imports) ImportAssetsCreatingPartner(ctx context.Context, p *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	return s.importAssets(ctx, p.ID, p, rows, opts)
}

func (s *Imports) importAssets(ctx context.Context, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], opts estate.ImportOptions) (*estate.ImportReport, error) {
	if err := estate.CheckImportAccess(estate.ActorFromContext(ctx), partner); err != nil {
		return nil, err
	}
	sp, err := newSpool(s.store)
	if err != nil {
		return nil, err
	}
	defer sp.close()
	maxErrors, reportRows := opts.Limits()
	r := &reporter{rep: &estate.ImportReport{Partner: partner, DryRun: opts.DryRun, Rows: []estate.ImportRow{}},
		onRow: opts.OnRow, maxErrors: maxErrors, reportRows: reportRows}
	snap, err := s.store.OpenImportSnapshot(ctx, partner)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	f, err := s.decideFile(ctx, snap, partner, create, rows, sp, maxErrors)
	if f == nil {
		return nil, err // refused before any row was read
	}
	rep := r.rep
	rep.Notices = f.notices
	if err == nil && !opts.DryRun && f.readErr == nil && f.errors == 0 && ctx.Err() == nil {
		return rep, s.commitDecided(ctx, snap, partner, create, f, sp, r)
	}
	snap.Close()
	if f.creates {
		rep.NotePartner(create, false)
	}
	if rerr := r.replay(sp); err == nil {
		err = rerr
	}
	switch {
	case err != nil:
		return rep, err
	case ctx.Err() != nil:
		return rep, fmt.Errorf("service: import: %w", ctx.Err())
	case f.readErr != nil:
		return rep, fmt.Errorf("service: import: %w", f.readErr)
	case rep.Errors > 0:
		return rep, rep.Failed()
	}
	return rep, nil // a dry run
}

// decidedFile is what deciding a file found.
type decidedFile struct {
	fresh   bool // the partner had no assets
	creates bool // the partner is to be created
	notices []string
	readErr error
	errors  int
	tail    int64 // where the deferred rows' decisions start in the spool
}

// decideFile reads rows and decides each against snap, spooling the
// decisions to sp. It returns nil, with an error, when the import is
// refused before any row is read.
func (s *Imports) decideFile(ctx context.Context, snap ImportSnapshot, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], sp *spool, maxErrors int) (*decidedFile, error) {
	actor := estate.ActorFromContext(ctx)
	f := &decidedFile{}
	known, err := snap.PartnerExists(ctx, partner)
	if err != nil {
		return nil, err
	}
	if !known {
		if err := estate.CheckImportCreatingPartner(actor, create, partner); err != nil {
			return nil, err
		}
		f.creates = true
	}
	d, err := newDecider(ctx, snap, sp, actor, partner, s.area, snap.Now())
	if err != nil {
		return nil, err
	}
	f.fresh = d.fresh
	batches, stop := prepareRows(rows, s.area)
	defer stop()
	stopped := func() bool { return d.errors >= maxErrors }
	for batch := range batches {
		if err := d.lookUp(ctx, batch); err != nil {
			return f, err
		}
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
	defer r.rep.SortRows()
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
