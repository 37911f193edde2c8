package postgres

import (
	"context"
	"errors"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// PLACEHOLDER until the imports (COPY into a staging table, then one
// set-based statement) land: these keep *DB a service.Store, and refuse.
// The imports' work replaces this file. What it can reuse: assetFields
// (a staging table's columns and types) with assetValues (a COPY row) and
// assetExprs (the INSERT ... SELECT's columns, ref "s."+field); writeArgs
// with insertAssetSQL and updateAssetSQL for one row; checkReferences;
// bumpRegister, the last statement of every transaction that changes
// assets (over maxLoggedIDs ids it logs a reload); db.Now for the
// snapshot's time. Ids come from the identity's sequence, never reused.

var errNoImports = errors.New("postgres: imports not built yet")

// OpenImportSnapshot refuses: imports are not built yet.
func (db *DB) OpenImportSnapshot(ctx context.Context, partner string) (service.ImportSnapshot, error) {
	return nil, errNoImports
}

// AppendImportAsset refuses: imports are not built yet.
func (db *DB) AppendImportAsset(b []byte, a *estate.Asset) ([]byte, error) { return b, errNoImports }

// ReadImportAsset refuses: imports are not built yet.
func (db *DB) ReadImportAsset(b []byte) (*estate.Asset, []byte, error) { return nil, b, errNoImports }
