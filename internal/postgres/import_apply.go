package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// The staged rows go to the register in one statement a table: assets
// inserted, assets updated (each only from the version it was decided
// at), occupiers mirrored, audit events appended.
//
// Where a big import's time goes (BenchmarkImportPostgres1M, a new
// partner's million rows on a shared 2-core machine at load 17-19):
// reading, deciding and the COPY 74 s, the assets' INSERT 135 s, the
// audit's 22 s. The INSERT's cost is the register's indexes and the
// per-row foreign key check on partner_id, above all the trigram GIN
// index of q; this file has no say in them.

var (
	stagedRef = func(i int) string { return "s." + assetFields[i].name }

	importInsertSQL = func() string {
		cols, exprs := assetExprs(stagedRef)
		return `INSERT INTO assets (id, ` + cols + `) SELECT s.id, ` + exprs + ` FROM ` + importStaging + ` s WHERE NOT s.upd`
	}()
	importUpdateSQL = func() string {
		cols, exprs := assetExprs(stagedRef)
		return `UPDATE assets a SET (` + cols + `) = (` + exprs + `) FROM ` + importStaging + ` s
			WHERE s.upd AND a.id = s.id AND a.version = s.version - 1`
	}()
	importOccupiersGoneSQL = `DELETE FROM asset_occupiers o USING ` + importStaging + ` s
		WHERE s.upd AND o.asset_id = s.id AND o.partner_id <> ALL(s.occupier_ids)`
	importOccupiersSQL = `INSERT INTO asset_occupiers (asset_id, partner_id)
		SELECT DISTINCT s.id, o FROM ` + importStaging + ` s, unnest(s.occupier_ids) o
		WHERE cardinality(s.occupier_ids) > 0 ON CONFLICT DO NOTHING`
	importAuditSQL = `INSERT INTO audit_events (` + auditColumns + `)
		SELECT s.id, s.partner_id, $1, $2, $3, $4, s.version, s.changes FROM ` + importStaging + ` s`
)

// apply writes the rows st counts from the staging table.
func (w *importWrite) apply(ctx context.Context, st *staged) error {
	if st.inserts > 0 {
		if _, err := w.tx.Exec(ctx, importInsertSQL); err != nil {
			return constraintError(err, "import: insert assets")
		}
	}
	if st.updates > 0 {
		tag, err := w.tx.Exec(ctx, importUpdateSQL)
		if err != nil {
			return constraintError(err, "import: update assets")
		}
		// The partner's lock keeps its assets as the service saw them;
		// a writer that did not take it is caught here.
		if n := tag.RowsAffected(); n != int64(st.updates) {
			return estate.Errorf(estate.ECONFLICT, "The partner's assets changed while the import was written, so nothing was imported: import the file again.")
		}
		if _, err := w.tx.Exec(ctx, importOccupiersGoneSQL); err != nil {
			return fmt.Errorf("postgres: import: occupiers: %w", err)
		}
	}
	if st.occupiers {
		if _, err := w.tx.Exec(ctx, importOccupiersSQL); err != nil {
			return constraintError(err, "import: occupiers")
		}
	}
	if st.inserts+st.updates > 0 {
		if _, err := w.tx.Exec(ctx, importAuditSQL, string(estate.ActionImport), w.actor.Name, w.actor.Partner, w.now); err != nil {
			return fmt.Errorf("postgres: import: audit: %w", err)
		}
	}
	return nil
}

// insertChanges are a new asset's audit changes, as a single create
// writes them.
func insertChanges(a *estate.Asset) (string, error) {
	b, err := json.Marshal(estate.Diff(nil, a))
	if err != nil {
		return "", fmt.Errorf("postgres: import: audit: %w", err)
	}
	return string(b), nil
}
