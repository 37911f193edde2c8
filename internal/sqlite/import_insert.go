package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Binding a value costs the driver a C allocation and a name lookup,
// about 130 ns; an asset row has 44, most of them blank in published
// files. shapeInserts keeps an INSERT per shape (the set of columns that
// differ from their defaults), naming only those, so a typical
// Transparency Code row binds about 24 and the table's defaults fill the
// rest. (Numbered parameters such as ?3, to bind a point's coordinates
// once for its bounds too, cost more than they save: the driver then
// looks up every parameter's name.)

// columnDefaults are the values assetRow gives an empty field, which the
// schema's DEFAULT clauses also give; nil marks a column with no default,
// always bound.
var columnDefaults = func() []any {
	noDefault := map[string]bool{"partner_id": true, "asset_code": true, "name": true, "lon": true,
		"lat": true, "min_lon": true, "min_lat": true, "max_lon": true, "max_lat": true,
		"version": true, "created_at": true, "updated_at": true, "packed": true}
	special := map[string]any{"occupiers": "[]", "tags": "[]", "rag": "unrated", "sensitive": false,
		"footprint": nullValue{}, "annual_rent_gbp": nullValue{}, "gia_m2": nullValue{},
		"land_area_ha": nullValue{}, "utilisation_pct": nullValue{}, "backlog_gbp": nullValue{},
		"market_value_gbp": nullValue{}, "book_value_gbp": nullValue{}, "running_cost_gbp_pa": nullValue{}}
	var out []any
	for _, c := range insertColumns {
		switch {
		case noDefault[c]:
			out = append(out, nil)
		case special[c] != nil:
			out = append(out, special[c])
		default:
			out = append(out, "")
		}
	}
	return out
}()

// nullValue marks a column whose default is NULL.
type nullValue struct{}

var insertColumns = func() []string {
	cols := strings.Split(assetWriteColumns, ",")
	for i, c := range cols {
		cols[i] = strings.TrimSpace(c)
	}
	return cols
}()

// maxShapes bounds the statements kept; rarer shapes use the full INSERT.
const maxShapes = 64

type shapeInserts struct {
	tx    *Tx
	stmts map[uint64]*shapeStmt
}

type shapeStmt struct {
	st   *sql.Stmt
	cols []int // row indexes bound, in parameter order
}

func (s *shapeInserts) close() {
	for _, st := range s.stmts {
		st.st.Close()
	}
}

// exec inserts an assetRow, binding only what differs from defaults. It
// returns done false when the shape is not cached and the cache is full.
func (s *shapeInserts) exec(ctx context.Context, row []any) (sql.Result, bool, error) {
	shape := rowShape(row)
	st := s.stmts[shape]
	if st == nil {
		if len(s.stmts) >= maxShapes {
			return nil, false, nil
		}
		var err error
		if st, err = s.prepare(ctx, shape); err != nil {
			return nil, false, err
		}
		s.stmts[shape] = st
	}
	args := make([]any, len(st.cols))
	for i, c := range st.cols {
		args[i] = row[c]
	}
	res, err := st.st.ExecContext(ctx, args...)
	return res, true, err
}

func isDefault(v, def any) bool {
	switch d := def.(type) {
	case nil:
		return false
	case nullValue:
		b, isBytes := v.([]byte)
		return v == nil || isBytes && b == nil // no footprint
	case bool:
		b, ok := v.(bool)
		return ok && b == d
	case string:
		s, ok := v.(string)
		return ok && s == d
	}
	return false
}

func (s *shapeInserts) prepare(ctx context.Context, shape uint64) (*shapeStmt, error) {
	var names []string
	st := &shapeStmt{}
	for i, c := range insertColumns {
		if shape&(1<<i) != 0 {
			names = append(names, c)
			st.cols = append(st.cols, i)
		}
	}
	// Column names come from the fixed list above, never from input.
	q := `INSERT INTO assets (` + strings.Join(names, ", ") + `) VALUES (` + placeholders(len(names)) + `)`
	var err error
	if st.st, err = s.tx.PrepareContext(ctx, q); err != nil {
		return nil, fmt.Errorf("sqlite: prepare: %w", err)
	}
	return st, nil
}

// insert is a new asset's column values and audit changes, encoded
// ahead of writing.
type insert struct {
	row   []any
	shape uint64    // rowShape(row), worked out off the writing goroutine
	entry rtreeCell // the asset's R*Tree entry, but for its id
	audit string
}

// encodeInsert stamps a new asset as create does and encodes it.
func encodeInsert(a *estate.Asset, actor estate.Actor, now time.Time) (*insert, error) {
	a.Version, a.CreatedAt, a.UpdatedAt = 1, now, now
	if a.RAG != estate.RAGUnrated && a.RAGSetAt == nil {
		t := now
		a.RAGSetBy, a.RAGSetAt = actor.AuditName(), &t
	}
	row, err := assetRow(a)
	if err != nil {
		return nil, err
	}
	changes, err := encodeInsertChanges(a)
	if err != nil {
		return nil, err
	}
	return &insert{row: row, shape: rowShape(row), entry: rtreeEntry(0, a.Bounds()), audit: changes}, nil
}
