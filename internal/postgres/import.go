package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// The store's part of an import (service.ImportStore): a read-only
// snapshot on a connection of its own to decide the rows against, then a
// write transaction that locks out only this partner's other writers
// (import_lock.go) and writes the rows by COPY, new assets and audit
// events straight into their tables, updates through a staging table and
// one set-based statement (import_write.go, import_copy.go). What the
// rows mean is the service's to decide.

var _ service.ImportStore = (*DB)(nil)

// OpenImportSnapshot opens a repeatable-read, read-only transaction for
// an import of partner's assets. It holds no lock: writers go on.
func (db *DB) OpenImportSnapshot(ctx context.Context, partner string) (service.ImportSnapshot, error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, db.connectError(err)
	}
	// The service stamps with the store's clock, as sqlite does, so
	// tests that fix the clock see the import's times exact.
	s := &importSnapshot{importView: importView{q: tx}, db: db, tx: tx, partner: partner, now: db.Now().UTC()}
	// The transaction's first query takes its snapshot: the version and
	// partners read here are what every lookup through it sees.
	err = tx.QueryRow(ctx, `SELECT (SELECT version FROM register_head),
		(SELECT coalesce(array_agg(id), '{}') FROM partners)`).Scan(&s.version, &s.partners)
	if err != nil {
		s.Close()
		return nil, db.readError(err, "import snapshot")
	}
	return s, nil
}

// importSnapshot is an import's read transaction.
type importSnapshot struct {
	importView
	db      *DB
	tx      pgx.Tx
	partner string
	now     time.Time
	// version is the register's version the snapshot sees, and partners
	// every partner it sees.
	version  int64
	partners []string
}

func (s *importSnapshot) Now() time.Time { return s.now }

func (s *importSnapshot) Close() {
	if s.tx != nil {
		s.tx.Rollback(context.Background())
		s.tx = nil
	}
}

// BeginWrite begins the import's write transaction beside the snapshot:
// it waits for the partner's other writers, then says whether the
// register changed for this partner since the snapshot.
func (s *importSnapshot) BeginWrite(ctx context.Context, actor estate.Actor) (service.ImportWrite, bool, error) {
	tx, err := s.db.pool.Begin(ctx)
	if err != nil {
		return nil, false, s.db.connectError(err)
	}
	changed, err := s.changedSince(ctx, tx)
	if err != nil {
		tx.Rollback(context.WithoutCancel(ctx))
		return nil, false, err
	}
	return &importWrite{importView: importView{q: tx}, db: s.db, tx: tx, actor: actor,
		partner: s.partner, now: s.now}, changed, nil
}

// changedSince takes the partner's write lock in tx and says whether what
// the snapshot saw may no longer hold: a version since it touched an
// asset that is or was the partner's, or logged a reload, or a partner
// it saw is gone. Versions are in commit order (bumpRegister), so those
// above the snapshot's are exactly the changes it did not see.
func (s *importSnapshot) changedSince(ctx context.Context, tx pgx.Tx) (bool, error) {
	if err := lockPartner(ctx, tx, s.partner); err != nil {
		return false, err
	}
	var changed bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM register_log l WHERE l.version > $1 AND (l.reload
			OR EXISTS (SELECT 1 FROM audit_events e WHERE e.asset_id = ANY(l.asset_ids) AND e.partner_id = $2)))
		OR (SELECT count(*) FROM partners WHERE id = ANY($3)) < cardinality($3::text[])`,
		s.version, s.partner, s.partners).Scan(&changed)
	if err != nil {
		return false, fmt.Errorf("postgres: import: register version: %w", err)
	}
	return changed, nil
}

// importView is an import's lookups (service.ImportView) in a snapshot
// or a write, each batch of codes or UPRNs one query.
type importView struct {
	q querier
}

func (v *importView) PartnerExists(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := v.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM partners WHERE id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("postgres: import: check partner: %w", err)
	}
	return ok, nil
}

func (v *importView) HasAssets(ctx context.Context, partner string) (bool, error) {
	var ok bool
	if err := v.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM assets WHERE partner_id = $1)`, partner).Scan(&ok); err != nil {
		return false, fmt.Errorf("postgres: import: %w", err)
	}
	return ok, nil
}

func (v *importView) FindImportAssetsByCode(ctx context.Context, partner string, codes []string) ([]*estate.Asset, error) {
	out := make([]*estate.Asset, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	at := make(map[string]int, len(codes))
	for i, c := range codes {
		at[c] = i
	}
	err := v.each(ctx, `SELECT `+assetColumns+` FROM assets a WHERE a.partner_id = $1 AND a.asset_code = ANY($2)`,
		partner, codes, func(a *estate.Asset) {
			if i, ok := at[a.AssetCode]; ok {
				out[i] = a
			}
		})
	if err != nil {
		return nil, fmt.Errorf("postgres: import: match code: %w", err)
	}
	// A code asked twice gets a copy of its asset at each place, as
	// lookups one at a time would give: the service may change them.
	for i, c := range codes {
		if j := at[c]; j != i && out[j] != nil {
			out[i] = out[j].Clone()
		}
	}
	return out, nil
}

func (v *importView) FindImportAssetsByUPRN(ctx context.Context, partner string, uprns []string) ([][]*estate.Asset, error) {
	out := make([][]*estate.Asset, len(uprns))
	want := make([]string, 0, len(uprns))
	for _, u := range uprns {
		if u != "" {
			want = append(want, u)
		}
	}
	if len(want) == 0 {
		return out, nil
	}
	found := map[string][]*estate.Asset{}
	err := v.each(ctx, `SELECT `+assetColumns+` FROM assets a
		WHERE a.partner_id = $1 AND a.uprn = ANY($2) AND a.uprn <> '' ORDER BY a.id`,
		partner, want, func(a *estate.Asset) { found[a.UPRN] = append(found[a.UPRN], a) })
	if err != nil {
		return nil, fmt.Errorf("postgres: import: match uprn: %w", err)
	}
	given := map[string]bool{}
	for i, u := range uprns {
		if u == "" {
			continue
		}
		// A UPRN asked twice gets copies the second time: the service
		// may change what it is given.
		out[i] = slices.Clone(found[u])
		if given[u] {
			for k, a := range out[i] {
				out[i][k] = a.Clone()
			}
		}
		given[u] = true
	}
	return out, nil
}

// each calls fn with each asset of query, which selects assetColumns.
func (v *importView) each(ctx context.Context, query, partner string, keys []string, fn func(*estate.Asset)) error {
	rows, err := v.q.Query(ctx, query, partner, keys)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			return err
		}
		fn(a)
	}
	return rows.Err()
}
