package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// assetWriter holds the prepared statements of one write transaction, so
// a batch of thousands of assets parses each statement once.
type assetWriter struct {
	tx         *Tx
	stmts      []*sql.Stmt
	insertStmt *sql.Stmt
	updateStmt *sql.Stmt
	rtreeIns   *sql.Stmt
	rtreeUpd   *sql.Stmt
	codeUsed   *sql.Stmt
	// Prepared on first use: a single edit runs each once, an import's
	// updates each once a row.
	tagsDel, occupiersDel, auditIns *sql.Stmt
	partners                        map[string]bool // partner ids known to exist
	nextID                          int64           // the id the next created asset gets; 0 until read
}

func newAssetWriter(ctx context.Context, tx *Tx) (*assetWriter, error) {
	w := &assetWriter{tx: tx, partners: map[string]bool{}}
	cols := strings.Split(assetWriteColumns, ",")
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = strings.TrimSpace(c) + " = ?"
	}
	for _, p := range []struct {
		dst *(*sql.Stmt)
		sql string
	}{
		{&w.insertStmt, `INSERT INTO assets (id, ` + assetWriteColumns + `) VALUES (` + placeholders(len(cols)+1) + `)`},
		{&w.updateStmt, `UPDATE assets SET ` + strings.Join(sets, ", ") + ` WHERE id = ?`},
		{&w.rtreeIns, `INSERT INTO assets_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)`},
		{&w.rtreeUpd, `UPDATE assets_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ? WHERE id = ?`},
		{&w.codeUsed, `SELECT id FROM assets WHERE partner_id = ? AND asset_code = ?`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
		w.stmts = append(w.stmts, st)
	}
	return w, nil
}

// prepared returns *dst, preparing q into it the first time.
func (w *assetWriter) prepared(ctx context.Context, dst **sql.Stmt, q string) (*sql.Stmt, error) {
	if *dst == nil {
		st, err := w.tx.PrepareContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*dst = st
		w.stmts = append(w.stmts, st)
	}
	return *dst, nil
}

// audit records ev, whose changes are encoded already.
func (w *assetWriter) audit(ctx context.Context, ev *estate.AuditEvent, changes string) error {
	st, err := w.prepared(ctx, &w.auditIns, insertAuditSQL)
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(ctx, auditArgs(ev, changes)...); err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return nil
}

func (w *assetWriter) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// insert stores a new asset, as complete as the service made it, under
// the next id, and its audit event.
func (w *assetWriter) insert(ctx context.Context, a *estate.Asset, ev *estate.AuditEvent) error {
	if err := w.checkReferences(ctx, a, 0); err != nil {
		return err
	}
	row, err := assetRow(a)
	if err != nil {
		return err
	}
	if w.nextID == 0 {
		if w.nextID, err = nextAssetID(ctx, w.tx); err != nil {
			return err
		}
	}
	if _, err := w.insertStmt.ExecContext(ctx, append([]any{w.nextID}, row...)...); err != nil {
		return fmt.Errorf("sqlite: create asset: %w", err)
	}
	a.ID, ev.AssetID = w.nextID, w.nextID
	w.nextID++
	b := a.Bounds()
	if _, err := w.rtreeIns.ExecContext(ctx, a.ID, b.MinLon, b.MaxLon, b.MinLat, b.MaxLat); err != nil {
		return fmt.Errorf("sqlite: index asset: %w", err)
	}
	if err := w.writeLinks(ctx, a, false); err != nil {
		return err
	}
	changes, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return w.audit(ctx, ev, string(changes))
}

// replace writes a changed asset, as the service made it, and its audit
// event.
func (w *assetWriter) replace(ctx context.Context, a *estate.Asset, ev *estate.AuditEvent) error {
	if err := w.checkReferences(ctx, a, a.ID); err != nil {
		return err
	}
	enc, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return w.write(ctx, a, ev, string(enc))
}

// rewrite writes an import's changed asset whose references are checked
// already, bumping its version, audited as actor's action at the
// transaction's time (the snapshot's, see service.ImportSnapshot);
// changes are the audit changes the service decided, encoded.
func (w *assetWriter) rewrite(ctx context.Context, a *estate.Asset, actor estate.Actor, action estate.AuditAction, changes string) error {
	a.Version++
	a.UpdatedAt = w.tx.now
	ev := &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: action, Version: a.Version,
		Actor: actor.Name, ActorPartner: actor.Partner, At: w.tx.now}
	return w.write(ctx, a, ev, changes)
}

// write updates a stored asset's row, bounds and links and appends its
// event, whose changes are encoded already.
func (w *assetWriter) write(ctx context.Context, a *estate.Asset, ev *estate.AuditEvent, changes string) error {
	row, err := assetRow(a)
	if err != nil {
		return err
	}
	if _, err := w.updateStmt.ExecContext(ctx, append(row, a.ID)...); err != nil {
		return fmt.Errorf("sqlite: update asset: %w", err)
	}
	b := a.Bounds()
	if _, err := w.rtreeUpd.ExecContext(ctx, b.MinLon, b.MaxLon, b.MinLat, b.MaxLat, a.ID); err != nil {
		return fmt.Errorf("sqlite: index asset: %w", err)
	}
	if err := w.writeLinks(ctx, a, true); err != nil {
		return err
	}
	return w.audit(ctx, ev, changes)
}

// writeLinks mirrors tags and occupiers into their lookup tables.
func (w *assetWriter) writeLinks(ctx context.Context, a *estate.Asset, replace bool) error {
	if replace {
		for _, d := range []struct {
			st   **sql.Stmt
			what string
		}{{&w.tagsDel, "asset_tags"}, {&w.occupiersDel, "asset_occupiers"}} {
			st, err := w.prepared(ctx, d.st, `DELETE FROM `+d.what+` WHERE asset_id = ?`) // fixed names
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, a.ID); err != nil {
				return fmt.Errorf("sqlite: %s: %w", d.what, err)
			}
		}
	}
	for _, t := range a.Tags {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO asset_tags (tag, asset_id) VALUES (?, ?)`, t, a.ID); err != nil {
			return fmt.Errorf("sqlite: tags: %w", err)
		}
	}
	for _, o := range a.Occupiers {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO asset_occupiers (asset_id, partner_id) VALUES (?, ?)`, a.ID, o.Partner); err != nil {
			return fmt.Errorf("sqlite: occupiers: %w", err)
		}
	}
	return nil
}

// checkReferences turns what would be foreign key and uniqueness failures
// into errors that name the field (estate.CheckAssetReferences).
func (w *assetWriter) checkReferences(ctx context.Context, a *estate.Asset, self int64) error {
	return estate.CheckAssetReferences(a, self, func(id string) (bool, error) { return w.partnerExists(ctx, id) },
		func(partner, code string) (int64, bool, error) {
			var id int64
			err := w.codeUsed.QueryRowContext(ctx, partner, code).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, false, nil
			} else if err != nil {
				return 0, false, fmt.Errorf("sqlite: check asset code: %w", err)
			}
			return id, true, nil
		})
}

func (w *assetWriter) partnerExists(ctx context.Context, id string) (bool, error) {
	if ok, seen := w.partners[id]; seen {
		return ok, nil
	}
	var n int
	if err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: check partner: %w", err)
	}
	w.partners[id] = n > 0
	return n > 0, nil
}
