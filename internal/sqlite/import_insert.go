package sqlite

import (
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// Binding a value costs the driver a C allocation and a name lookup (see
// transparency's BenchmarkImport100k); an asset row has 46, most of them
// blank in published files. groupInserts keeps an INSERT per shape (the
// set of columns that differ from their defaults), naming only those, and
// the table's defaults fill the rest. (Numbered parameters such as ?3, to
// bind a value once for several columns, cost more than they save: the
// driver then looks up every parameter's name. Group statements copy such
// values in SQL instead: see sharedColumns.)

// columnDefaults are the values assetRow gives an empty field, which the
// schema's DEFAULT clauses also give; nil marks a column with no default,
// always bound.
var columnDefaults = func() []any {
	noDefault := map[string]bool{"partner_id": true, "asset_code": true, "name": true, "lon": true,
		"lat": true, "min_lon": true, "min_lat": true, "max_lon": true, "max_lat": true,
		"version": true, "created_at": true, "updated_at": true, "packed": true, "search_text": true}
	special := map[string]any{"occupiers": "[]", "tags": "[]", "rag": "unrated", "disposal_stage": "none", "sensitive": false,
		"footprint": nullValue{}}
	for _, f := range estate.Fields {
		if f.Kind == estate.FieldWhole || f.Kind == estate.FieldReal {
			special[f.Name] = nullValue{} // an unknown figure
		}
	}
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

// insert is a new asset's column values and audit changes, encoded
// ahead of writing.
type insert struct {
	row   []any
	shape uint64    // rowShape(row), worked out off the writing goroutine
	entry rtreeCell // the asset's R*Tree entry, but for its id
	audit string
}

// encodeInsert encodes a new asset, stamped already.
func encodeInsert(a *estate.Asset) (*insert, error) {
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

// sharing checks, on the goroutine that encodes an import's new rows,
// what insertGroup relies on: every one is a new asset of the import's
// partner, and has the sharedColumns values of the first.
type sharing struct {
	partner string
	first   []any // the first new row's values
}

var sharedIndexes = func() []int {
	var out []int
	for i, c := range insertColumns {
		if sharedColumns[c] {
			out = append(out, i)
		}
	}
	return out
}()

func (s *sharing) check(a *estate.Asset, row []any) error {
	if a.Partner != s.partner || a.Version != 1 {
		return fmt.Errorf("sqlite: import: asset %q is not a new one of partner %q", a.AssetCode, s.partner)
	}
	if s.first == nil {
		s.first = row
		return nil
	}
	for _, c := range sharedIndexes {
		if row[c] != s.first[c] {
			return fmt.Errorf("sqlite: import: asset %q differs from the import's first new asset in %s", a.AssetCode, insertColumns[c])
		}
	}
	return nil
}
