package sqlite

import (
	"github.com/placetrust/placetrust/internal/estate"
)

// The order of a page (estate.Sort) and its keyset cursor. Each order
// is one an index gives, with id breaking ties, so a page deep in the
// register costs what the first does: id (the table), rag (assets_rag)
// and partner (assets_partner; SQLite appends the id to both). Text
// compares by bytes, which for UTF-8 is code point order, as in Go.

// sortColumn is the column a key orders by.
func sortColumn(k estate.SortKey) string {
	switch k {
	case estate.SortByRAG:
		return `a.rag`
	case estate.SortByPartner:
		return `a.partner_id`
	}
	return `a.id`
}

// idKeyset is the condition that rows come after f's cursor in the
// direction they are read, for a page in id order.
func idKeyset(f estate.AssetFilter) (string, []any) {
	if f.Cursor() == 0 {
		return "", nil
	}
	if f.ReadsAscending() {
		return `a.id > ?`, []any{f.Cursor()}
	}
	return `a.id < ?`, []any{f.Cursor()}
}

// sortedPage is the query of a page sorted by a key other than id, and
// its arguments, given the selection's where and args (cursor aside).
//
// From a cursor (v, id), the rows after it are those with the key v and
// a later id, then those with a later key. SQLite would find them by a
// row value, (k, id) > (v, id), only by entering the index at k = v and
// skipping the ids before: a quarter of the register for a cursor late
// in a rag. So the two parts are separate searches of the index, merged
// in order (MERGE (UNION ALL) in the plan), their page's ids then read
// from the table.
func sortedPage(f estate.AssetFilter, where string, args []any) (string, []any) {
	col := sortColumn(f.Sort.Key)
	dir, after := ``, `>`
	if !f.ReadsAscending() {
		dir, after = ` DESC`, `<`
	}
	limit := f.PageSize()
	if f.Cursor() == 0 {
		return `SELECT ` + assetColumnsPacked + ` FROM assets a WHERE ` + where +
			` ORDER BY ` + col + dir + `, a.id` + dir + ` LIMIT ?`, append(args, limit)
	}
	q := `SELECT ` + assetColumnsPacked + ` FROM (
		SELECT a.id AS id, ` + col + ` AS k FROM assets a WHERE ` + where + ` AND ` + col + ` = ? AND a.id ` + after + ` ?
		UNION ALL
		SELECT a.id, ` + col + ` FROM assets a WHERE ` + where + ` AND ` + col + ` ` + after + ` ?
		ORDER BY 2` + dir + `, 1` + dir + ` LIMIT ?) p
		CROSS JOIN assets a ON a.id = p.id ORDER BY p.k` + dir + `, p.id` + dir
	out := make([]any, 0, 2*len(args)+4)
	out = append(append(out, args...), f.CursorValue, f.Cursor())
	out = append(append(out, args...), f.CursorValue, limit)
	return q, out
}
