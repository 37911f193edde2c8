package postgres

import (
	"context"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/pipeline"
)

// copyRows COPYs a row into table's cols for each value of seq, with the
// values row gives it. seq is read, and its rows made, on a goroutine of
// their own (a dump decodes as it reads), while pgx encodes on another
// and the connection sends.
func copyRows[T any](ctx context.Context, tx pgx.Tx, table string, cols []string, seq iter.Seq2[T, error], row func(T) ([]any, error)) error {
	src := newRowSource(seq, row)
	defer src.stop()
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, src); err != nil {
		if src.err != nil { // the source's own error, as it is
			return src.err
		}
		return fmt.Errorf("postgres: load %s: %w", table, err)
	}
	return src.err
}

// rowSource is a pgx.CopyFromSource over rows made on a goroutine of
// their own. It may be copied from in several COPYs one after another,
// each ending when the source does or, with limit set, after limit rows.
type rowSource struct {
	batches <-chan []madeRow
	stop    func()
	batch   []madeRow
	cur     []any
	err     error
	done    bool
	// limit ends a COPY after so many rows (0: none); n counts them.
	limit, n int
}

type madeRow struct {
	values []any
	err    error
}

func newRowSource[T any](seq iter.Seq2[T, error], row func(T) ([]any, error)) *rowSource {
	batches, stop := pipeline.Run(4, 256, func(yield func(madeRow) bool) {
		for v, err := range seq {
			m := madeRow{err: err}
			if err == nil {
				m.values, m.err = row(v)
			}
			if !yield(m) || m.err != nil {
				return
			}
		}
	})
	return &rowSource{batches: batches, stop: stop}
}

// Next moves to the next row, false at the end of the source, at an
// error, or at the limit of this COPY.
func (s *rowSource) Next() bool {
	if s.err != nil || s.done || (s.limit > 0 && s.n == s.limit) {
		return false
	}
	for len(s.batch) == 0 {
		b, ok := <-s.batches
		if !ok {
			s.done = true
			return false
		}
		s.batch = b
	}
	m := s.batch[0]
	s.batch[0] = madeRow{} // let the row go once written
	s.batch = s.batch[1:]
	if m.err != nil {
		s.err = m.err
		return false
	}
	s.cur = m.values
	s.n++
	return true
}

func (s *rowSource) Values() ([]any, error) { return s.cur, nil }

func (s *rowSource) Err() error { return s.err }

// more starts a COPY of the next limit rows, and says whether any may
// be left.
func (s *rowSource) more(limit int) bool {
	s.limit, s.n = limit, 0
	return s.err == nil && !s.done
}
