package sqlite_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/storetest"
)

// importRows imports items through the import service over db, as the
// rows of a file (numbered from 2 where they are not).
func importRows(t *testing.T, db *sqlite.DB, partner string, opts estate.ImportOptions, items ...*estate.ImportItem) (*estate.ImportReport, error) {
	t.Helper()
	return service.NewImports(db, service.ImportOptions{}).ImportAssets(adminCtx(), partner, storetest.Rows(items...), opts)
}

// row is a as a row carrying every field.
func row(a *estate.Asset) *estate.ImportItem {
	return &estate.ImportItem{AssetCode: a.AssetCode, Asset: a, Fields: estate.AllFields}
}
