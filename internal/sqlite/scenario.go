package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Saved scenarios (service.ScenarioStore).

var _ service.ScenarioStore = (*DB)(nil)

const scenarioColumns = `id, partner_id, name, description, shared_with, rules, params, version,
	created_at, created_by, updated_at, updated_by`

// FindScenarios returns every scenario when all, else partner's and
// those shared with it, by id.
func (db *DB) FindScenarios(ctx context.Context, partner string, all bool) ([]*estate.Scenario, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+scenarioColumns+` FROM scenarios
		WHERE ? OR partner_id = ? OR EXISTS (SELECT 1 FROM json_each(shared_with) WHERE value = ?)
		ORDER BY id`, all, partner, partner)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find scenarios: %w", err)
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
	return out, rows.Err()
}

// FindScenario returns scenario id; ENOTFOUND.
func (db *DB) FindScenario(ctx context.Context, id int64) (*estate.Scenario, error) {
	return findScenario(ctx, db.reader, id)
}

func findScenario(ctx context.Context, q querier, id int64) (*estate.Scenario, error) {
	s, err := scanScenario(q.QueryRowContext(ctx, `SELECT `+scenarioColumns+` FROM scenarios WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Scenario %d not found.", id)
	}
	return s, err
}

// CreateScenario stores s and sets its id.
func (db *DB) CreateScenario(ctx context.Context, s *estate.Scenario) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, s.Partner).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: create scenario: %w", err)
	}
	if n == 0 {
		return &estate.Error{Code: estate.EINVALID, Message: fmt.Sprintf("Partner %q not found.", s.Partner),
			Fields: []estate.FieldError{{Field: "partner", Message: "is no partner"}}}
	}
	if err := nameFree(ctx, tx, s.Partner, s.Name, 0); err != nil {
		return err
	}
	shared, rules, params, err := scenarioJSON(s)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO scenarios (partner_id, name, description, shared_with, rules, params,
		version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Partner, s.Name, s.Description, shared, rules, params, s.Version,
		formatTime(s.CreatedAt), s.CreatedBy, formatTime(s.UpdatedAt), s.UpdatedBy)
	if err != nil {
		return fmt.Errorf("sqlite: create scenario: %w", err)
	}
	if s.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create scenario: %w", err)
	}
	return commit(tx)
}

// UpdateScenario replaces scenario s.ID at version with s.
func (db *DB) UpdateScenario(ctx context.Context, s *estate.Scenario, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := atVersion(ctx, tx, s.ID, version); err != nil {
		return err
	}
	if err := nameFree(ctx, tx, s.Partner, s.Name, s.ID); err != nil {
		return err
	}
	shared, rules, params, err := scenarioJSON(s)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET name = ?, description = ?, shared_with = ?, rules = ?,
		params = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		s.Name, s.Description, shared, rules, params, s.Version, formatTime(s.UpdatedAt), s.UpdatedBy, s.ID); err != nil {
		return fmt.Errorf("sqlite: update scenario: %w", err)
	}
	return commit(tx)
}

// DeleteScenario deletes scenario id at version.
func (db *DB) DeleteScenario(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := atVersion(ctx, tx, id, version); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM scenarios WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete scenario: %w", err)
	}
	return commit(tx)
}

// atVersion checks scenario id is at version: ENOTFOUND, *StaleError.
func atVersion(ctx context.Context, tx *Tx, id, version int64) error {
	var current int64
	err := tx.QueryRowContext(ctx, `SELECT version FROM scenarios WHERE id = ?`, id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return estate.Errorf(estate.ENOTFOUND, "Scenario %d not found.", id)
	} else if err != nil {
		return fmt.Errorf("sqlite: scenario %d: %w", id, err)
	}
	if current != version {
		return &service.StaleError{Current: current}
	}
	return nil
}

// nameFree refuses a name partner's other scenario (not id) has.
func nameFree(ctx context.Context, tx *Tx, partner, name string, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM scenarios WHERE partner_id = ? AND name = ? AND id != ?`,
		partner, name, id).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: scenario name: %w", err)
	}
	if n > 0 {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("Partner %q already has a scenario named %q.", partner, name),
			Fields: []estate.FieldError{{Field: "name", Message: "is already taken"}}}
	}
	return nil
}

func scenarioJSON(s *estate.Scenario) (shared, rules, params string, err error) {
	var b [3][]byte
	for i, v := range []any{s.SharedWith, s.Rules, s.Params} {
		if b[i], err = json.Marshal(v); err != nil {
			return "", "", "", fmt.Errorf("sqlite: scenario: %w", err)
		}
	}
	return string(b[0]), string(b[1]), string(b[2]), nil
}

func scanScenario(r scanner) (*estate.Scenario, error) {
	s := &estate.Scenario{}
	var shared, rules, params, created, updated string
	if err := r.Scan(&s.ID, &s.Partner, &s.Name, &s.Description, &shared, &rules, &params, &s.Version,
		&created, &s.CreatedBy, &updated, &s.UpdatedBy); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: read scenario: %w", err)
	}
	for _, f := range []struct {
		raw string
		v   any
	}{{shared, &s.SharedWith}, {rules, &s.Rules}, {params, &s.Params}} {
		if err := json.Unmarshal([]byte(f.raw), f.v); err != nil {
			return nil, fmt.Errorf("sqlite: scenario %d: %w", s.ID, err)
		}
	}
	var err error
	if s.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if s.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return s, nil
}
