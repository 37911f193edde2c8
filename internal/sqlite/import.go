package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// The store's part of an import (service.ImportStore): a read snapshot to
// decide the rows against, then the single writer to write them in one
// transaction. What the rows mean is the service's to decide.

var _ service.ImportStore = (*DB)(nil)

// OpenImportSnapshot opens a read transaction on the reader pool for an
// import of partner's assets.
func (db *DB) OpenImportSnapshot(ctx context.Context, partner string) (service.ImportSnapshot, error) {
	q, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	s := &importSnapshot{db: db, q: q, partner: partner, now: db.Now().UTC()}
	// Read first: SQLite takes the snapshot at a transaction's first read,
	// so these versions name what every read below sees.
	err = q.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM audit_events), 0),
		coalesce((SELECT max(id) FROM admin_events), 0)`).Scan(&s.version, &s.partners)
	if err == nil {
		err = s.lookups.prepare(ctx, q)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: import: %w", err)
	}
	return s, nil
}

// importSnapshot is an import's read transaction.
type importSnapshot struct {
	lookups
	db      *DB
	q       *sql.Tx
	partner string
	now     time.Time
	// version is the newest audit event the snapshot sees, and partners
	// the newest partner event.
	version, partners int64
}

func (s *importSnapshot) Now() time.Time { return s.now }

func (s *importSnapshot) Close() {
	s.lookups.close()
	if s.q != nil {
		s.q.Rollback()
		s.q = nil
	}
}

// BeginWrite takes the writer beside the read transaction: in WAL mode
// the reader keeps its snapshot while the writer writes.
func (s *importSnapshot) BeginWrite(ctx context.Context, actor estate.Actor) (service.ImportWrite, bool, error) {
	tx, conn, err := s.db.beginImport(ctx, s.partner)
	if err != nil {
		return nil, false, err
	}
	tx.now = s.now
	changed, err := changedSince(ctx, tx, s.partner, s.version, s.partners)
	var im *importer
	if err == nil {
		im, err = newImporter(ctx, s.db, tx, conn, actor, s.partner)
	}
	if err != nil {
		tx.Rollback()
		conn.release()
		return nil, false, err
	}
	return im, changed, nil
}

// changedSince says whether what an import decided at register version
// (and partner event partners) may no longer hold: an asset that is, or
// was then, the partner's has changed since, or a partner was deleted.
func changedSince(ctx context.Context, tx *Tx, partner string, version, partners int64) (bool, error) {
	var changed bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_events e WHERE e.id > ?1 AND (e.partner_id = ?2
			OR EXISTS (SELECT 1 FROM audit_events o WHERE o.asset_id = e.asset_id AND o.id <= ?1 AND o.partner_id = ?2)))
		OR EXISTS (SELECT 1 FROM admin_events WHERE id > ?3 AND entity = ?4 AND action = ?5)`,
		version, partner, partners, estate.EntityPartner, string(estate.ActionDelete)).Scan(&changed)
	if err != nil {
		return false, fmt.Errorf("sqlite: import: register version: %w", err)
	}
	return changed, nil
}

// lookups are an import's queries (service.ImportView), prepared on the
// transaction it decides in.
type lookups struct {
	byCode, byUPRN, partner, owned *sql.Stmt
}

func (l *lookups) prepare(ctx context.Context, q *sql.Tx) error {
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&l.byCode, `SELECT ` + assetColumnsPacked + ` FROM assets a WHERE a.partner_id = ? AND a.asset_code = ?`},
		{&l.byUPRN, `SELECT ` + assetColumnsPacked + ` FROM assets a WHERE a.partner_id = ? AND a.uprn = ? AND a.uprn <> '' ORDER BY a.id`},
		{&l.partner, `SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)`},
		{&l.owned, `SELECT EXISTS (SELECT 1 FROM assets WHERE partner_id = ?)`},
	} {
		st, err := q.PrepareContext(ctx, p.sql)
		if err != nil {
			return fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
	}
	return nil
}

func (l *lookups) close() {
	for _, st := range []*sql.Stmt{l.byCode, l.byUPRN, l.partner, l.owned} {
		if st != nil {
			st.Close()
		}
	}
	*l = lookups{}
}

func (l *lookups) PartnerExists(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := l.partner.QueryRowContext(ctx, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("sqlite: check partner: %w", err)
	}
	return ok, nil
}

func (l *lookups) HasAssets(ctx context.Context, partner string) (bool, error) {
	var ok bool
	if err := l.owned.QueryRowContext(ctx, partner).Scan(&ok); err != nil {
		return false, fmt.Errorf("sqlite: import: %w", err)
	}
	return ok, nil
}

// FindImportAssetsByCode takes one indexed lookup a code: a prepared
// statement costs less a row than one statement of many codes would.
func (l *lookups) FindImportAssetsByCode(ctx context.Context, partner string, codes []string) ([]*estate.Asset, error) {
	out := make([]*estate.Asset, len(codes))
	for i, code := range codes {
		a, err := scanAssetPacked(l.byCode.QueryRowContext(ctx, partner, code))
		switch {
		case err == nil:
			out[i] = a
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("sqlite: import: match code: %w", err)
		}
	}
	return out, nil
}

func (l *lookups) FindImportAssetsByUPRN(ctx context.Context, partner string, uprns []string) ([][]*estate.Asset, error) {
	out := make([][]*estate.Asset, len(uprns))
	for i, uprn := range uprns {
		rows, err := l.byUPRN.QueryContext(ctx, partner, uprn)
		if err != nil {
			return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
		}
		for rows.Next() {
			a, err := scanAssetPacked(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
			}
			out[i] = append(out[i], a)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: import: match uprn: %w", err)
		}
	}
	return out, nil
}
