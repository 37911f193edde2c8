package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Each write of an asset is one statement: the row, its occupiers and its
// audit event together, in data-modifying CTEs, so a single edit costs
// the reference check, that statement, bumpRegister and the commit.

// n is the number of an asset row's parameters; the statements' own
// parameters follow them.
var n = len(assetFields)

func param(i int) string { return "$" + strconv.Itoa(n+i) }

// auditValues selects an audit event's columns for the asset src.id,
// from the statement's parameters n+1.. (auditArgs).
var auditValues = `SELECT src.id, ` + param(1) + `::text, ` + param(2) + `::text, ` + param(3) + `::text, ` +
	param(4) + `::text, ` + param(5) + `::timestamptz, ` + param(6) + `::int8, ` + param(7) + `::json FROM src`

const auditColumns = `asset_id, partner_id, action, actor, actor_partner, at, version, changes`

var (
	insertAssetSQL = func() string {
		cols, exprs := assetExprs(paramRef(0))
		return `WITH src AS (INSERT INTO assets (` + cols + `) VALUES (` + exprs + `) RETURNING id),
			occ AS (INSERT INTO asset_occupiers (asset_id, partner_id)
				SELECT DISTINCT src.id, o FROM src, unnest(` + param(8) + `::text[]) o),
			aud AS (INSERT INTO audit_events (` + auditColumns + `) ` + auditValues + `)
			SELECT id FROM src`
	}()
	updateAssetSQL = func() string {
		cols, exprs := assetExprs(paramRef(0))
		return `WITH src AS (UPDATE assets SET (` + cols + `) = (` + exprs + `)
				WHERE id = ` + param(9) + `::int8 AND version = ` + param(10) + `::int8 RETURNING id),
			gone AS (DELETE FROM asset_occupiers o USING src
				WHERE o.asset_id = src.id AND o.partner_id <> ALL(` + param(8) + `::text[])),
			occ AS (INSERT INTO asset_occupiers (asset_id, partner_id)
				SELECT DISTINCT src.id, o FROM src, unnest(` + param(8) + `::text[]) o ON CONFLICT DO NOTHING),
			aud AS (INSERT INTO audit_events (` + auditColumns + `) ` + auditValues + `)
			SELECT count(*) FROM src`
	}()
	deleteAssetSQL = `WITH src AS (DELETE FROM assets WHERE id = $1::int8 AND version = $2::int8 RETURNING id),
			aud AS (INSERT INTO audit_events (` + auditColumns + `)
				SELECT src.id, $3::text, $4::text, $5::text, $6::text, $7::timestamptz, $8::int8, $9::json FROM src)
			SELECT count(*) FROM src`
)

// auditArgs are an event's parameters, its changes encoded.
func auditArgs(ev *estate.AuditEvent) ([]any, error) {
	changes, err := json.Marshal(ev.Changes) // null for none, read back as nil
	if err != nil {
		return nil, fmt.Errorf("postgres: audit: %w", err)
	}
	return []any{ev.Partner, string(ev.Action), ev.Actor, ev.ActorPartner, ev.At, ev.Version, string(changes)}, nil
}

// writeArgs are the parameters of insertAssetSQL and updateAssetSQL
// but for the update's own two.
func writeArgs(a *estate.Asset, ev *estate.AuditEvent) ([]any, error) {
	row, err := assetValues(a)
	if err != nil {
		return nil, err
	}
	audit, err := auditArgs(ev)
	if err != nil {
		return nil, err
	}
	return append(append(row, audit...), occupierIDs(a)), nil
}

// CreateAssets stores new assets and their audit events in one
// transaction: all or none.
func (db *DB) CreateAssets(ctx context.Context, writes []service.AssetWrite) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		ids := make([]int64, 0, len(writes))
		known := map[string]bool{}
		for i, wr := range writes {
			if err := insertAsset(ctx, tx, known, wr.Asset, wr.Event); err != nil {
				return &service.ItemError{Index: i, Err: err}
			}
			ids = append(ids, wr.Asset.ID)
		}
		_, err := bumpRegister(ctx, tx, ids)
		return err
	})
}

func insertAsset(ctx context.Context, tx pgx.Tx, known map[string]bool, a *estate.Asset, ev *estate.AuditEvent) error {
	if err := checkReferences(ctx, tx, known, a, 0); err != nil {
		return err
	}
	args, err := writeArgs(a, ev)
	if err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, insertAssetSQL, args...).Scan(&a.ID); err != nil {
		return constraintError(err, "create asset")
	}
	ev.AssetID = a.ID
	return nil
}

// UpdateAsset replaces the asset if it is still at version.
func (db *DB) UpdateAsset(ctx context.Context, wr service.AssetWrite, version int64) error {
	a := wr.Asset
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if err := checkReferences(ctx, tx, map[string]bool{}, a, a.ID); err != nil {
			// A stale or missing asset says so first, as it would have
			// been refused whatever it held.
			if verr := checkVersion(ctx, tx, a.ID, version); verr != nil {
				return verr
			}
			return err
		}
		args, err := writeArgs(a, wr.Event)
		if err != nil {
			return err
		}
		var done int
		if err := tx.QueryRow(ctx, updateAssetSQL, append(args, a.ID, version)...).Scan(&done); err != nil {
			return constraintError(err, "update asset")
		}
		if done == 0 {
			return checkVersion(ctx, tx, a.ID, version)
		}
		_, err = bumpRegister(ctx, tx, []int64{a.ID})
		return err
	})
}

// DeleteAsset removes the asset if it is still at version; its audit
// trail stays.
func (db *DB) DeleteAsset(ctx context.Context, ev *estate.AuditEvent, version int64) error {
	audit, err := auditArgs(ev)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var done int
		if err := tx.QueryRow(ctx, deleteAssetSQL, append([]any{ev.AssetID, version}, audit...)...).Scan(&done); err != nil {
			return constraintError(err, "delete asset")
		}
		if done == 0 {
			return checkVersion(ctx, tx, ev.AssetID, version)
		}
		_, err := bumpRegister(ctx, tx, []int64{ev.AssetID})
		return err
	})
}

// checkVersion explains why a conditional write found no row: ENOTFOUND
// when the asset is gone, a StaleError when it is at another version, nil
// when it is at version after all.
func checkVersion(ctx context.Context, tx pgx.Tx, id, version int64) error {
	var current int64
	err := tx.QueryRow(ctx, `SELECT version FROM assets WHERE id = $1`, id).Scan(&current)
	switch {
	case err == pgx.ErrNoRows:
		return estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	case err != nil:
		return fmt.Errorf("postgres: asset version: %w", err)
	case current != version:
		return &service.StaleError{Current: current}
	}
	return nil
}

// checkReferences turns what would be foreign key and uniqueness failures
// into errors that name the field and the other asset
// (estate.CheckAssetReferences), in one query; known remembers partners
// found, across a batch. The constraints still hold against a writer
// racing this one (constraintError).
func checkReferences(ctx context.Context, tx pgx.Tx, known map[string]bool, a *estate.Asset, self int64) error {
	want := []string{}
	for _, p := range append([]string{a.Partner}, occupierIDs(a)...) {
		if !known[p] {
			want = append(want, p)
		}
	}
	var found []string
	var owner *int64
	err := tx.QueryRow(ctx, `SELECT
		(SELECT coalesce(array_agg(id), '{}') FROM partners WHERE id = ANY($1::text[])),
		(SELECT id FROM assets WHERE partner_id = $2 AND asset_code = $3)`,
		want, a.Partner, a.AssetCode).Scan(&found, &owner)
	if err != nil {
		return fmt.Errorf("postgres: check references: %w", err)
	}
	for _, p := range found {
		known[p] = true
	}
	return estate.CheckAssetReferences(a, self,
		func(id string) (bool, error) { return known[id], nil },
		func(string, string) (int64, bool, error) {
			if owner == nil {
				return 0, false, nil
			}
			return *owner, true, nil
		})
}

func occupierIDs(a *estate.Asset) []string {
	out := make([]string, len(a.Occupiers))
	for i, o := range a.Occupiers {
		out[i] = o.Partner
	}
	return out
}
