package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"

	"github.com/placetrust/placetrust/internal/pipeline"
)

// addAll writes a row for each value of seq, with the values row gives
// it; seq is read, and its rows made, on a goroutine of their own while
// the writer writes (a dump decodes as it reads: audit changes are
// JSON).
func addAll[T any](ctx context.Context, b *bulkInsert, seq iter.Seq2[T, error], row func(T) ([]any, error)) error {
	type made struct {
		args []any
		err  error
	}
	batches, stop := pipeline.Run(4, 256, func(yield func(made) bool) {
		for v, err := range seq {
			m := made{err: err}
			if err == nil {
				m.args, m.err = row(v)
			}
			if !yield(m) || m.err != nil {
				return
			}
		}
	})
	defer stop()
	for batch := range batches {
		for _, m := range batch {
			if m.err != nil {
				return m.err
			}
			if err := b.add(ctx, m.args...); err != nil {
				return err
			}
		}
	}
	return b.flush(ctx)
}

// bulkInsert writes rows into one table per rows a statement: a statement
// costs SQLite and database/sql work beyond its rows (see
// import_group.go).
type bulkInsert struct {
	tx          *Tx
	table, cols string
	ncol, rows  int
	full        *sql.Stmt
	args        []any
}

// newBulkInsert inserts into table's cols (a fixed list, never input),
// rows a statement.
func newBulkInsert(tx *Tx, table, cols string, rows int) *bulkInsert {
	n := strings.Count(cols, ",") + 1
	return &bulkInsert{tx: tx, table: table, cols: cols, ncol: n, rows: rows, args: make([]any, 0, n*rows)}
}

func (b *bulkInsert) statement(ctx context.Context, rows int) (*sql.Stmt, error) {
	st, err := b.tx.PrepareContext(ctx, `INSERT INTO `+b.table+` (`+b.cols+`) VALUES `+valueLists(rows, b.ncol))
	if err != nil {
		return nil, fmt.Errorf("sqlite: load %s: %w", b.table, err)
	}
	return st, nil
}

// add holds a row's values, writing once a statement's worth are held.
func (b *bulkInsert) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.ncol*b.rows {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.statement(ctx, b.rows); err != nil {
			return err
		}
	}
	if _, err := b.full.ExecContext(ctx, b.args...); err != nil {
		return fmt.Errorf("sqlite: load %s: %w", b.table, err)
	}
	b.args = b.args[:0]
	return nil
}

// flush writes the rows still held.
func (b *bulkInsert) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	st, err := b.statement(ctx, len(b.args)/b.ncol)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.ExecContext(ctx, b.args...); err != nil {
		return fmt.Errorf("sqlite: load %s: %w", b.table, err)
	}
	b.args = b.args[:0]
	return nil
}

func (b *bulkInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}
