package service

import (
	"context"
	"errors"
	"iter"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// A partner with no assets yet has nothing for its rows to match: each is
// new, or wrong. Its import need not decide the whole file before it
// writes. It decides the first writeAhead rows without the writer, as
// any import does, so a small file keeps every guarantee of the two
// phases (import.go); past them, it takes the writer and writes the rows
// decided so far while it reads and decides the rest, a chunk ahead of
// the writer.
//
// What that costs: the writer is held while the rest of the file is read.
// A file the import reads slowly holds it that long (the HTTP API copies
// an upload to disk before importing it, so a slow upload does not), and a
// wrong row past the first writeAhead is found with the writer held: the
// import then rolls back, leaving the register exactly as it was, and
// decides the rest of the file without the writer, to report it whole. The
// ids the rows written before got may have been reported; like any id a
// failed import gave, they are never given again (ImportWrite.Close).

const (
	// writeAhead is how many rows a new partner's import decides before
	// it takes the writer.
	writeAhead = 4096
	// streamChunk is how many rows it decides at a time while it writes.
	streamChunk = 2048
)

// streamFile writes a new partner's rows while it decides them, once
// writeAhead are decided. It returns streamed false, having written
// nothing, when the import should go on in two phases instead: the file
// ended or had a wrong row within writeAhead, or the register changed
// before the writer was taken.
func (s *Imports) streamFile(ctx context.Context, snap ImportSnapshot, create *estate.Partner, fd *fileDecider, sp *spool, r *reporter) (streamed bool, err error) {
	for !fd.read && fd.rows < writeAhead {
		if err := fd.next(ctx); err != nil {
			return false, err
		}
	}
	if fd.read || fd.errors > 0 {
		return false, nil
	}
	actor := estate.ActorFromContext(ctx)
	w, changed, err := snap.BeginWrite(ctx, actor)
	if err != nil {
		return true, err
	}
	if changed {
		// Decided again, through the write, once the file is read.
		return false, w.Close()
	}
	var closeErr error
	closed := false
	release := func() {
		if !closed {
			closed, closeErr = true, w.Close()
		}
	}
	defer func() {
		release()
		err = errors.Join(err, closeErr)
	}()
	if err := createIn(ctx, w, fd.f, create, snap.Now()); err != nil {
		return true, err
	}
	var rest int64 // where the rows not handed to the writer start in the spool
	err = w.Write(ctx, fd.stream(ctx, actor, snap.Now(), &rest), r.written)
	r.rep.SortRows()
	if err != nil {
		return true, err
	}
	if fd.errors == 0 && fd.f.readErr == nil {
		snap.Close()
		return true, r.commit(ctx, w)
	}
	// A wrong row or a file that cannot be read: nothing is kept, and the
	// rest of the file is decided without the writer, for the report.
	release()
	if closeErr != nil {
		return true, closeErr
	}
	err = fd.finish(ctx)
	snap.Close()
	return true, r.refused(ctx, err, fd.f, sp, rest)
}

// stream yields the rows decided so far, from the spool, then decides
// the rest of the file a chunk at a time and yields each chunk's rows as
// they were decided, until a chunk holds a wrong row or the file cannot
// be read on: it then stops before that chunk. Those rows are spooled
// only as their reports (the writer takes them from memory), and *rest
// is where the reports of the rows not yielded start. A new partner's
// rows are never deferred to the end of the file.
func (fd *fileDecider) stream(ctx context.Context, actor estate.Actor, now time.Time, rest *int64) iter.Seq2[*estate.DecidedRow, error] {
	return func(yield func(*estate.DecidedRow, error) bool) {
		to := fd.sp.size
		for row, err := range decided(fd.sp, 0, to, actor, now) {
			if !yield(row, err) || err != nil {
				return
			}
		}
		fd.keep = true
		for !fd.read {
			*rest = fd.sp.size
			for end := fd.rows + streamChunk; !fd.read && fd.rows < end; {
				if err := fd.next(ctx); err != nil {
					yield(nil, err)
					return
				}
			}
			kept := fd.kept
			fd.kept = fd.kept[:0]
			if fd.errors > 0 || fd.f.readErr != nil {
				return
			}
			for _, rec := range kept {
				if row := rec.decided(actor, now); row != nil && !yield(row, nil) {
					return
				}
			}
			clear(kept)
		}
		*rest = fd.sp.size
	}
}
