package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// PartnerService implements estate.PartnerService.
type PartnerService struct{ db *DB }

// NewPartnerService returns the partner service of db.
func NewPartnerService(db *DB) *PartnerService { return &PartnerService{db: db} }

var _ estate.PartnerService = (*PartnerService)(nil)

const partnerColumns = `id, name, kind, uri, created_at, updated_at`

// FindPartnerByID returns one partner; ENOTFOUND.
func (s *PartnerService) FindPartnerByID(ctx context.Context, id string) (*estate.Partner, error) {
	row := s.db.reader.QueryRowContext(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = ?`, id)
	p, err := scanPartner(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", id)
	}
	return p, err
}

// FindPartners returns every partner ordered by id.
func (s *PartnerService) FindPartners(ctx context.Context) ([]*estate.Partner, error) {
	rows, err := s.db.reader.QueryContext(ctx, `SELECT `+partnerColumns+` FROM partners ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find partners: %w", err)
	}
	defer rows.Close()
	out := []*estate.Partner{}
	for rows.Next() {
		p, err := scanPartner(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePartner stores a new partner; admins only.
func (s *PartnerService) CreatePartner(ctx context.Context, p *estate.Partner) error {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return estate.Errorf(estate.EFORBIDDEN, "Only an admin may create partners.")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createPartner(ctx, tx, p); err != nil {
		return err
	}
	return commit(tx)
}

func createPartner(ctx context.Context, tx *Tx, p *estate.Partner) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, p.ID).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: create partner: %w", err)
	}
	if n > 0 {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("Partner %q already exists.", p.ID),
			Fields: []estate.FieldError{{Field: "id", Message: "is already taken"}}}
	}
	p.CreatedAt, p.UpdatedAt = tx.now, tx.now
	_, err := tx.ExecContext(ctx, `INSERT INTO partners (`+partnerColumns+`) VALUES (?, ?, ?, ?, ?, ?)`,
		p.ID, p.Name, string(p.Kind), p.URI, formatTime(p.CreatedAt), formatTime(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create partner: %w", err)
	}
	return recordAdminEvent(ctx, tx, estate.EntityPartner, p.ID, estate.ActionCreate, estate.PartnerDiff(nil, p))
}

// UpdatePartner changes a partner; admins only.
func (s *PartnerService) UpdatePartner(ctx context.Context, id string, upd estate.PartnerUpdate) (*estate.Partner, error) {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return nil, estate.Errorf(estate.EFORBIDDEN, "Only an admin may change partners.")
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := scanPartner(tx.QueryRowContext(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", id)
	} else if err != nil {
		return nil, err
	}
	before := *p
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	changes := estate.PartnerDiff(&before, p)
	if len(changes) == 0 {
		return p, nil // nothing changes: no write, no audit event
	}
	p.UpdatedAt = tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE partners SET name = ?, kind = ?, uri = ?, updated_at = ? WHERE id = ?`,
		p.Name, string(p.Kind), p.URI, formatTime(p.UpdatedAt), p.ID); err != nil {
		return nil, fmt.Errorf("sqlite: update partner: %w", err)
	}
	if err := recordAdminEvent(ctx, tx, estate.EntityPartner, p.ID, estate.ActionUpdate, changes); err != nil {
		return nil, err
	}
	return p, commit(tx)
}

// DeletePartner removes a partner that owns and occupies no asset and
// revokes its live tokens, each change audited in the same transaction.
func (s *PartnerService) DeletePartner(ctx context.Context, id string) error {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return estate.Errorf(estate.EFORBIDDEN, "Only an admin may delete partners.")
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var owned, occupied int
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assets WHERE partner_id = ?),
		(SELECT count(*) FROM asset_occupiers WHERE partner_id = ?)`, id, id).Scan(&owned, &occupied)
	if err != nil {
		return fmt.Errorf("sqlite: delete partner: %w", err)
	}
	if owned+occupied > 0 {
		return estate.Errorf(estate.ECONFLICT,
			"Partner %q still owns %d and occupies %d assets: move or delete them first.", id, owned, occupied)
	}
	p, err := scanPartner(tx.QueryRowContext(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", id)
	} else if err != nil {
		return err
	}
	if err := revokePartnerTokens(ctx, tx, id); err != nil {
		return err
	}
	if _, err := deleteImportMapping(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM partners WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete partner: %w", err)
	}
	if err := recordAdminEvent(ctx, tx, estate.EntityPartner, id, estate.ActionDelete, estate.PartnerDiff(p, nil)); err != nil {
		return err
	}
	return commit(tx)
}

type scanner interface{ Scan(dest ...any) error }

func scanPartner(row scanner) (*estate.Partner, error) {
	var p estate.Partner
	var created, updated string
	if err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.URI, &created, &updated); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: scan partner: %w", err)
	}
	var err error
	if p.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if p.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &p, nil
}

func commit(tx *Tx) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}
