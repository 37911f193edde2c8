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
// decisions (fileDecider): no write lock is held, so officers' edits go
// through meanwhile, and a dry run or a file with wrong rows ends there.
// Then it takes the store's single writer and has it write what was
// decided, all or nothing (commitDecided). If the partner's assets
// changed in between, it decides the rows again through the write's own
// view, from the spool, before writing: the outcome is as if the import
// had read the file after the change. The rules every decision follows
// are estate's (import_rules.go, import_decided.go); the store only
// persists (import_store.go).
//
// A partner with no assets has nothing to match, and its rows are the
// longest imports (a whole list loaded for the first time): once such an
// import has decided writeAhead rows, it takes the writer and writes
// while it reads and decides the rest (import_stream.go).

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
	fd, err := s.openFile(ctx, snap, partner, create, rows, sp, maxErrors)
	if err != nil {
		return nil, err // refused before any row was read
	}
	defer fd.stop()
	rep := r.rep
	defer func() {
		rep.Notices = fd.f.notices
		if fd.f.creates {
			rep.NotePartner(create, rep.Committed)
		}
	}()
	if fd.fresh && !opts.DryRun {
		streamed, err := s.streamFile(ctx, snap, create, fd, sp, r)
		if streamed || err != nil {
			return rep, err
		}
	}
	err = fd.finish(ctx)
	f := fd.f
	if err == nil && !opts.DryRun && f.readErr == nil && f.errors == 0 && ctx.Err() == nil {
		return rep, s.commitDecided(ctx, snap, partner, create, f, sp, r)
	}
	snap.Close()
	return rep, r.refused(ctx, err, f, sp, 0)
}

// refused ends an import that writes nothing: it reports the rows spooled
// from offset from on and says why nothing was written (nil for a dry
// run).
func (r *reporter) refused(ctx context.Context, err error, f *decidedFile, sp *spool, from int64) error {
	rep := r.rep
	if rerr := r.replay(sp, from); err == nil {
		err = rerr
	}
	switch {
	case err != nil:
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("service: import: %w", ctx.Err())
	case f.readErr != nil:
		return fmt.Errorf("service: import: %w", f.readErr)
	case rep.Errors > 0:
		return rep.Failed()
	}
	return nil // a dry run
}

// decidedFile is what deciding a file found.
type decidedFile struct {
	creates bool // the partner is to be created
	notices []string
	readErr error
	errors  int
	tail    int64 // where the deferred rows' decisions start in the spool
}

// fileDecider reads a file's rows and decides each against a snapshot,
// spooling the decisions, a batch at a time.
type fileDecider struct {
	*decider
	f         *decidedFile
	sp        *spool
	batches   <-chan []preparedRow
	stop      func()
	maxErrors int
	rows      int  // rows read so far
	read      bool // no more rows will be decided: the file ended, or the import will not go on
}

// openFile starts reading rows to decide them against snap into sp. It
// returns an error when the import is refused before any row is read.
func (s *Imports) openFile(ctx context.Context, snap ImportSnapshot, partner string, create *estate.Partner, rows iter.Seq2[*estate.ImportItem, error], sp *spool, maxErrors int) (*fileDecider, error) {
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
	batches, stop := prepareRows(rows, s.area)
	return &fileDecider{decider: d, f: f, sp: sp, batches: batches, stop: stop, maxErrors: maxErrors}, nil
}

func (fd *fileDecider) stopped() bool { return fd.errors >= fd.maxErrors }

// next decides the next batch of rows, or sets read when there are none
// to decide. It returns an error only when the import cannot go on.
func (fd *fileDecider) next(ctx context.Context) error {
	batch, ok := <-fd.batches
	if !ok {
		fd.read = true
		return nil
	}
	fd.rows += len(batch)
	if err := fd.lookUp(ctx, batch); err != nil {
		return err
	}
	for i := range batch {
		p := &batch[i]
		if p.readErr != nil {
			fd.f.readErr = p.readErr
			break
		}
		if it := p.item; it.Asset == nil && it.Err == nil && it.Skip == "" {
			fd.f.notices = append(fd.f.notices, it.Warnings...) // file-level notices, not a row
			continue
		}
		if err := fd.decide(ctx, p); err != nil {
			return err
		}
		if fd.stopped() {
			break
		}
	}
	fd.read = fd.f.readErr != nil || fd.stopped() || ctx.Err() != nil
	return nil
}

// finish decides the rest of the file, then the rows deferred to its end.
func (fd *fileDecider) finish(ctx context.Context) (err error) {
	f := fd.f
	defer func() { f.errors = fd.errors }()
	for !fd.read {
		if err := fd.next(ctx); err != nil {
			return err
		}
	}
	f.tail = fd.sp.size
	if f.readErr == nil && !fd.stopped() && ctx.Err() == nil {
		if err := fd.decideDeferred(ctx, fd.stopped); err != nil {
			return err
		}
		f.tail = fd.tail
	}
	return nil
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

// replay reports the spooled rows, from offset from on, of an import
// that writes them not: a new row has no id.
func (r *reporter) replay(sp *spool, from int64) error {
	defer r.rep.SortRows()
	for rec, err := range sp.records(from, sp.size, false) {
		if err != nil {
			return err
		}
		if rec.kind != recLater && !r.add(&rec.row) {
			break
		}
	}
	return nil
}
