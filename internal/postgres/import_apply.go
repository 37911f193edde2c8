package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// An import's updates go to a temporary staging table by COPY, as
// assetFields, as a single write's parameters would, so assetExprs turns
// both into the stored columns alike; once every row is sent, one
// UPDATE ... FROM writes them (each only from the version it was decided
// at) and two statements mirror their occupiers. New assets and audit
// events never pass through it (import_copy.go).

const importStaging = "import_updates"

// importStagingColumns are the staging table's columns: the asset's id,
// its row, and its occupiers' ids.
var importStagingColumns = func() []string {
	cols := []string{"id"}
	for _, f := range assetFields {
		cols = append(cols, f.name)
	}
	return append(cols, "occupier_ids")
}()

var (
	importUpdateSQL = func() string {
		cols, exprs := assetExprs(func(i int) string { return "s." + assetFields[i].name })
		return `UPDATE assets a SET (` + cols + `) = (` + exprs + `) FROM ` + importStaging + ` s
			WHERE a.id = s.id AND a.version = s.version - 1`
	}()
	importOccupiersGoneSQL = `DELETE FROM asset_occupiers o USING ` + importStaging + ` s
		WHERE o.asset_id = s.id AND o.partner_id <> ALL(s.occupier_ids)`
	importOccupiersSQL = `INSERT INTO asset_occupiers (asset_id, partner_id)
		SELECT DISTINCT s.id, o FROM ` + importStaging + ` s, unnest(s.occupier_ids) o
		WHERE cardinality(s.occupier_ids) > 0 ON CONFLICT DO NOTHING`
)

// stage creates the staging table, dropped at the transaction's end,
// unless this Write has it; another Write empties it first.
func (w *importWrite) stage(ctx context.Context) error {
	if w.staging {
		return nil
	}
	w.staging = true
	if w.staged {
		_, err := w.tx.Exec(ctx, `TRUNCATE `+importStaging)
		return err
	}
	var cols strings.Builder
	cols.WriteString("id bigint NOT NULL")
	for _, f := range assetFields {
		fmt.Fprintf(&cols, ", %s %s", f.name, f.typ)
	}
	cols.WriteString(", occupier_ids text[] NOT NULL")
	if _, err := w.tx.Exec(ctx, `CREATE TEMP TABLE `+importStaging+` (`+cols.String()+`) ON COMMIT DROP`); err != nil {
		return fmt.Errorf("postgres: import: staging table: %w", err)
	}
	w.staged = true
	return nil
}

// applyUpdates writes the n staged updates, occupied if any has
// occupiers.
func (w *importWrite) applyUpdates(ctx context.Context, n int, occupied bool) error {
	tag, err := w.tx.Exec(ctx, importUpdateSQL)
	if err != nil {
		return constraintError(err, "import: update assets")
	}
	// The partner's lock keeps its assets as the service saw them; a
	// writer that did not take it is caught here.
	if tag.RowsAffected() != int64(n) {
		return estate.Errorf(estate.ECONFLICT, "The partner's assets changed while the import was written, so nothing was imported: import the file again.")
	}
	if _, err := w.tx.Exec(ctx, importOccupiersGoneSQL); err != nil {
		return fmt.Errorf("postgres: import: occupiers: %w", err)
	}
	if !occupied {
		return nil
	}
	if _, err := w.tx.Exec(ctx, importOccupiersSQL); err != nil {
		return constraintError(err, "import: occupiers")
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
