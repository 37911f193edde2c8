package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// A statement costs SQLite and database/sql work beyond its rows (binding
// set-up, cursors on the table and each index, the statement journal,
// reset), as much as a row's B-tree inserts (transparency's
// BenchmarkImport100k). So new assets are held and written up to maxGroup
// a statement, and their audit events in one more. Rows wait only until
// the end of the batch they came in, or until the import reads or writes
// any other way, so the database and the report see rows in file order.

// maxGroup is the most rows an INSERT names; statements for fewer take
// powers of two, so a shape needs at most a handful of them.
const maxGroup = 32

// maxGroupStmts bounds the statements kept; rarer shapes bind every
// column, which any row fits.
const maxGroupStmts = 96

// pendingInsert is a new asset waiting to be written, encoded.
type pendingInsert struct {
	a   *estate.Asset
	ins *insert
	key uint64 // spatialKey of its location
	row *estate.ImportRow
}

type groupKey struct {
	shape uint64
	n     int
}

type groupStmt struct {
	st     *sql.Stmt
	shared []int // row indexes bound once, from the first row, before the rows
	cols   []int // row indexes bound for each row, in parameter order
}

// Binding costs more than SQLite copying a value, so a group statement
// binds once what all its rows share (sharedColumns, the same for every
// new row of an import), and copies a point's bounds from its location
// in SQL instead of binding them again. sharing checks they are shared.
var sharedColumns = map[string]bool{"partner_id": true, "version": true, "created_at": true, "updated_at": true}

// boundOf names the location column a point's bound repeats.
var boundOf = map[string]string{"min_lon": "lon", "max_lon": "lon", "min_lat": "lat", "max_lat": "lat"}

var colFootprint = slices.Index(insertColumns, "footprint")

type groupInserts struct {
	tx      *Tx
	stmts   map[groupKey]*groupStmt
	audits  map[int]*sql.Stmt
	pending []pendingInsert
	ordered []pendingInsert // pending in the order given, kept for the next
	args    []any           // a statement's arguments, kept for the next
	// auditShared are the values every audit event of the import shares.
	auditShared []any
}

func (g *groupInserts) close() {
	for _, st := range g.stmts {
		st.st.Close()
	}
	for _, st := range g.audits {
		st.Close()
	}
}

// groupable says whether a new row can wait to go in with others: it has
// nothing to write but the asset and its event.
func (p pendingInsert) groupable() bool {
	return len(p.a.Tags) == 0 && len(p.a.Occupiers) == 0
}

// flush writes the rows waiting: in file order, or for a new partner in
// spatial order (see spatialWindow).
func (im *importer) flush(ctx context.Context) error { return im.flushInOrder(ctx, nil) }

// flushInOrder is flush given a new partner's rows' order, worked out
// ahead by windowOrder: order[i] is the place among the rows waiting of
// the i-th to write.
func (im *importer) flushInOrder(ctx context.Context, order []int32) error {
	g := im.group
	rows := g.pending
	switch {
	case !im.fresh:
	case len(order) == len(rows):
		g.ordered = g.ordered[:0]
		for _, i := range order {
			g.ordered = append(g.ordered, rows[i])
		}
		rows = g.ordered
	default:
		// By place, then file order: cheaper for the writer than a stable
		// sort, which merges.
		slices.SortFunc(rows, func(a, b pendingInsert) int {
			return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.row.Row, b.row.Row))
		})
	}
	for len(rows) > 0 {
		if !rows[0].groupable() {
			if err := im.insertAlone(ctx, rows[0]); err != nil {
				return err
			}
			rows = rows[1:]
			continue
		}
		run := 1
		for run < min(len(rows), maxGroup) && rows[run].groupable() {
			run++
		}
		n := 1 << (bits.Len(uint(run)) - 1)
		if err := im.insertGroup(ctx, rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	clear(g.pending)
	g.pending = g.pending[:0]
	clear(g.ordered)
	return nil
}

// insertGroup writes rows, and their audit events, in one statement each.
func (im *importer) insertGroup(ctx context.Context, rows []pendingInsert) error {
	g := im.group
	var shape uint64
	for _, r := range rows {
		shape |= r.ins.shape
	}
	st, err := g.stmt(ctx, shape, len(rows))
	if err != nil {
		return err
	}
	// The arguments' slice is reused: the writer allocates as little as
	// it can, as what it allocates it also helps the collector mark.
	args := append(g.args[:0], im.nextID) // the first row's id: see groupInserts.stmt
	defer func() {
		clear(args[:cap(args)])
		g.args = args[:0]
	}()
	first := rows[0].ins.row
	for _, c := range st.shared {
		args = append(args, first[c])
	}
	// Every row shares first's values, and the audit events below are
	// bound as of im's partner, version 1: sharing.check saw to both.
	for _, r := range rows {
		for _, c := range st.cols {
			args = append(args, r.ins.row[c])
		}
	}
	res, err := st.st.ExecContext(ctx, args...)
	if err != nil {
		// A code used twice too: the service decides no such rows.
		return fmt.Errorf("sqlite: import: insert: %w", err)
	}
	// The rows take ids nextID onward, in order.
	if last, err := res.LastInsertId(); err != nil || last != im.nextID+int64(len(rows))-1 {
		return fmt.Errorf("sqlite: import: insert: ids %d.. expected, last is %d (%v)", im.nextID, last, err)
	}
	audit, err := g.audit(ctx, len(rows))
	if err != nil {
		return err
	}
	// What every event of the import shares is bound once, and the
	// first asset's id, which the others count on from.
	if g.auditShared == nil {
		g.auditShared = []any{im.partner, string(estate.ActionImport), im.actor.Name, im.actor.Partner, formatTime(im.tx.now)}
	}
	args = append(append(args[:0], g.auditShared...), im.nextID)
	for _, r := range rows {
		args = append(args, r.ins.audit)
	}
	if _, err := audit.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("sqlite: import: audit: %w", err)
	}
	for i, r := range rows {
		id := im.nextID + int64(i)
		r.a.ID, r.row.AssetID = id, id
		e := r.ins.entry
		e.id = id
		im.added = append(im.added, e) // indexed at the end, in bulk: see indexInserted
	}
	im.nextID += int64(len(rows))
	return nil
}

// rowShape is the set of an assetRow's columns that differ from their
// defaults.
func rowShape(row []any) uint64 {
	var shape uint64
	for i, v := range row {
		if !isDefault(v, columnDefaults[i]) {
			shape |= 1 << i
		}
	}
	return shape
}

func (g *groupInserts) stmt(ctx context.Context, shape uint64, n int) (*groupStmt, error) {
	key := groupKey{shape, n}
	if st := g.stmts[key]; st != nil {
		return st, nil
	}
	if len(g.stmts) >= maxGroupStmts {
		key.shape = 1<<len(insertColumns) - 1
		if st := g.stmts[key]; st != nil {
			return st, nil
		}
	}
	st := &groupStmt{}
	// A row's id is the first row's, bound once, plus the row's ordinal,
	// a literal last in its VALUES list: ids are the store's to give
	// (asset_ids.go), never SQLite's largest-plus-one.
	names, exprs := []string{"id"}, []string{""}
	valueCol := map[string]string{} // column name to its VALUES column
	for i, c := range insertColumns {
		if key.shape&(1<<i) == 0 {
			continue
		}
		names = append(names, c)
		switch point := key.shape&(1<<colFootprint) == 0; {
		case sharedColumns[c]:
			exprs = append(exprs, "?")
			st.shared = append(st.shared, i)
		case point && boundOf[c] != "":
			exprs = append(exprs, valueCol[boundOf[c]]) // lon and lat come before their bounds
		default:
			st.cols = append(st.cols, i)
			valueCol[c] = fmt.Sprintf("column%d", len(st.cols))
			exprs = append(exprs, valueCol[c])
		}
	}
	exprs[0] = fmt.Sprintf("? + column%d", len(st.cols)+1)
	// Column names come from the fixed list, never from input.
	q := `INSERT OR ROLLBACK INTO assets (` + strings.Join(names, ", ") + `) SELECT ` + strings.Join(exprs, ", ") +
		` FROM (VALUES ` + numberedValueLists(n, len(st.cols)) + `)`
	var err error
	if st.st, err = g.tx.PrepareContext(ctx, q); err != nil {
		return nil, fmt.Errorf("sqlite: prepare: %w", err)
	}
	g.stmts[key] = st
	return st, nil
}

func (g *groupInserts) audit(ctx context.Context, n int) (*sql.Stmt, error) {
	if st := g.audits[n]; st != nil {
		return st, nil
	}
	st, err := g.tx.PrepareContext(ctx, `INSERT OR ROLLBACK INTO audit_events (partner_id, action, actor, actor_partner, at, version, asset_id, changes)
		SELECT ?, ?, ?, ?, ?, 1, ? + column2, column1 FROM (VALUES `+numberedValueLists(n, 1)+`)`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: prepare: %w", err)
	}
	g.audits[n] = st
	return st, nil
}

// numberedValueLists is n parenthesised lists of k placeholders, each
// ending with its ordinal from 0.
func numberedValueLists(n, k int) string {
	var b strings.Builder
	one := placeholders(k)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "(%s, %d)", one, i)
	}
	return b.String()
}

// valueLists is n parenthesised lists of k placeholders.
func valueLists(n, k int) string {
	one := "(" + placeholders(k) + ")"
	return strings.TrimSuffix(strings.Repeat(one+",", n), ",")
}
