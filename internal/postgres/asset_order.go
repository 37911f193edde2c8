package postgres

import "github.com/placetrust/placetrust/internal/estate"

// The order of a page (estate.Sort) and its keyset cursor. Each order
// is one an index gives, with id breaking ties, so a page deep in the
// register costs what the first does: id (the primary key), rag
// (assets_rag) and partner (assets_partner_sort, in code point order as
// Go and SQLite have it). rag's values are lower-case words, which every
// collation orders alike, so assets_rag serves as it is.

// sortColumn is the column a key orders by.
func sortColumn(k estate.SortKey) string {
	switch k {
	case estate.SortByRAG:
		return `a.rag`
	case estate.SortByPartner:
		return `a.partner_id COLLATE "C"`
	}
	return ``
}

// keyset adds the condition that rows come after f's cursor in the
// direction they are read.
func (w *where) keyset(f estate.AssetFilter) {
	id := f.Cursor()
	if id == 0 {
		return
	}
	op := ` > `
	if !f.ReadsAscending() {
		op = ` < `
	}
	if f.Sort.ByID() {
		w.add(`a.id` + op + w.arg(id) + `::int8`)
		return
	}
	// A row comparison: the index is entered at the cursor's pair.
	v := w.arg(f.CursorValue) + `::text`
	if f.Sort.Key == estate.SortByPartner {
		v += ` COLLATE "C"`
	}
	w.add(`(` + sortColumn(f.Sort.Key) + `, a.id)` + op + `(` + v + `, ` + w.arg(id) + `::int8)`)
}

// orderBy is the ORDER BY of f's page as the rows are read.
//
// One partner's page in id order is ordered by (partner_id, id), which
// is the same order: written so, only assets_partner gives it. Ordered
// by id alone, the planner may instead walk the primary key, expecting
// the partner's rows spread over the ids, when a register's are mostly
// together (each partner's list imported at once): a cursor past them
// then read every later row (BenchmarkWhere1M's partner pages, 35-55 ms
// at 1M). The partner's condition is then a one-value = ANY (see
// onePartner), as an equality would make partner_id a constant the
// planner drops from the order.
func orderBy(f estate.AssetFilter) string {
	dir := ``
	if !f.ReadsAscending() {
		dir = ` DESC`
	}
	switch {
	case !f.Sort.ByID():
		return sortColumn(f.Sort.Key) + dir + `, a.id` + dir
	case onePartner(f):
		return `a.partner_id` + dir + `, a.id` + dir
	}
	return `a.id` + dir
}

// onePartner reports whether f selects one partner's assets at most: by
// its partner list, or by a Where that is (or has among its top-level
// conjuncts) partner = a value.
func onePartner(f estate.AssetFilter) bool {
	return len(f.Partners) == 1 || partnerPinned(f.Where)
}

func partnerPinned(c estate.Cond) bool {
	switch c := c.(type) {
	case estate.CondCompare:
		return c.Field == string(estate.MemberPartner) && c.Op == estate.OpEq
	case estate.CondAll:
		for _, s := range c {
			if partnerPinned(s) {
				return true
			}
		}
	}
	return false
}
