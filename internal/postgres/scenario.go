package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Saved scenarios (service.ScenarioStore).

var _ service.ScenarioStore = (*DB)(nil)

const scenarioColumns = `id, partner_id, name, description, shared_with::text, rules::text, params::text, version,
	created_at, created_by, updated_at, updated_by`

// FindScenarios returns every scenario when all, else partner's and
// those shared with it, by id.
func (db *DB) FindScenarios(ctx context.Context, partner string, all bool) ([]*estate.Scenario, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+scenarioColumns+` FROM scenarios
		WHERE $1 OR partner_id = $2 OR shared_with ? $2 ORDER BY id`, all, partner)
	if err != nil {
		return nil, db.readError(err, "find scenarios")
	}
	defer rows.Close()
	out := []*estate.Scenario{}
	for rows.Next() {
		s, err := scanScenario(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.readError(err, "find scenarios")
	}
	return out, nil
}

// FindScenario returns scenario id; ENOTFOUND.
func (db *DB) FindScenario(ctx context.Context, id int64) (*estate.Scenario, error) {
	s, err := scanScenario(db.pool.QueryRow(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Scenario %d not found.", id)
	}
	if err != nil {
		return nil, db.readError(err, "find scenario")
	}
	return s, nil
}

// CreateScenario stores s and sets its id.
func (db *DB) CreateScenario(ctx context.Context, s *estate.Scenario) error {
	shared, rules, params, err := scenarioJSON(s)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := findPartner(ctx, tx, s.Partner, ` FOR KEY SHARE`); err != nil {
			if estate.ErrorCode(err) == estate.ENOTFOUND {
				return &estate.Error{Code: estate.EINVALID, Message: fmt.Sprintf("Partner %q not found.", s.Partner),
					Fields: []estate.FieldError{{Field: "partner", Message: "is no partner"}}}
			}
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO scenarios (partner_id, name, description, shared_with, rules, params,
			version, created_at, created_by, updated_at, updated_by)
			VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11) RETURNING id`,
			s.Partner, s.Name, s.Description, shared, rules, params, s.Version,
			s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy).Scan(&s.ID)
		return nameTaken(err, s, "create scenario")
	})
}

// UpdateScenario replaces scenario s.ID at version with s.
func (db *DB) UpdateScenario(ctx context.Context, s *estate.Scenario, version int64) error {
	shared, rules, params, err := scenarioJSON(s)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE scenarios SET name = $1, description = $2, shared_with = $3::jsonb,
			rules = $4::jsonb, params = $5::jsonb, version = $6, updated_at = $7, updated_by = $8
			WHERE id = $9 AND version = $10`,
			s.Name, s.Description, shared, rules, params, s.Version, s.UpdatedAt, s.UpdatedBy, s.ID, version)
		if err != nil {
			return nameTaken(err, s, "update scenario")
		}
		if tag.RowsAffected() == 0 {
			return whyNot(ctx, tx, s.ID)
		}
		return nil
	})
}

// DeleteScenario deletes scenario id at version.
func (db *DB) DeleteScenario(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM scenarios WHERE id = $1 AND version = $2`, id, version)
		if err != nil {
			return fmt.Errorf("postgres: delete scenario: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return whyNot(ctx, tx, id)
		}
		return nil
	})
}

// whyNot says why a conditional write of scenario id touched no row:
// gone (ENOTFOUND) or at another version (*StaleError).
func whyNot(ctx context.Context, tx pgx.Tx, id int64) error {
	var current int64
	err := tx.QueryRow(ctx, `SELECT version FROM scenarios WHERE id = $1`, id).Scan(&current)
	if errors.Is(err, pgx.ErrNoRows) {
		return estate.Errorf(estate.ENOTFOUND, "Scenario %d not found.", id)
	} else if err != nil {
		return fmt.Errorf("postgres: scenario %d: %w", id, err)
	}
	return &service.StaleError{Current: current}
}

// nameTaken turns the unique (partner, name) violation into ECONFLICT.
func nameTaken(err error, s *estate.Scenario, what string) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == codeUnique {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("Partner %q already has a scenario named %q.", s.Partner, s.Name),
			Fields: []estate.FieldError{{Field: "name", Message: "is already taken"}}}
	}
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	return nil
}

func scenarioJSON(s *estate.Scenario) (shared, rules, params string, err error) {
	var b [3][]byte
	for i, v := range []any{s.SharedWith, s.Rules, s.Params} {
		if b[i], err = json.Marshal(v); err != nil {
			return "", "", "", fmt.Errorf("postgres: scenario: %w", err)
		}
	}
	return string(b[0]), string(b[1]), string(b[2]), nil
}

func scanScenario(r pgx.Row) (*estate.Scenario, error) {
	s := &estate.Scenario{}
	var shared, rules, params string
	if err := r.Scan(&s.ID, &s.Partner, &s.Name, &s.Description, &shared, &rules, &params, &s.Version,
		&s.CreatedAt, &s.CreatedBy, &s.UpdatedAt, &s.UpdatedBy); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		raw string
		v   any
	}{{shared, &s.SharedWith}, {rules, &s.Rules}, {params, &s.Params}} {
		if err := json.Unmarshal([]byte(f.raw), f.v); err != nil {
			return nil, fmt.Errorf("postgres: scenario %d: %w", s.ID, err)
		}
	}
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, nil
}
