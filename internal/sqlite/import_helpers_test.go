package sqlite_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// importRows imports items through the import service over db, as the
// rows of a file (numbered from 2 where they are not).
func importRows(t *testing.T, db *sqlite.DB, partner string, opts estate.ImportOptions, items ...*estate.ImportItem) (*estate.ImportReport, error) {
	t.Helper()
	for i, it := range items {
		if it.Row == 0 {
			it.Row = i + 2
		}
	}
	rows := func(yield func(*estate.ImportItem, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
	return service.NewImports(db, service.ImportOptions{}).ImportAssets(adminCtx(), partner, rows, opts)
}

// row is a as a row carrying every field.
func row(a *estate.Asset) *estate.ImportItem {
	return &estate.ImportItem{AssetCode: a.AssetCode, Asset: a, Fields: estate.AllFields}
}
