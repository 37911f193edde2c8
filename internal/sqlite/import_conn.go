package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
)

// A new partner's import writes without SQLite's foreign key checks, and
// checks what they guard itself. A foreign key makes SQLite keep a
// statement journal for every INSERT of several rows, so that a row that
// breaks it undoes just that statement; and as an import's write outgrows
// the page cache, each page spilled to the WAL during a statement is
// first copied into that journal: about a tenth of a million-row import's
// writing (transparency's BenchmarkImport1M). An import is all or
// nothing, so it needs no statement undone alone: its INSERTs say OR
// ROLLBACK, and a row breaking a constraint ends the whole write, as the
// ImportWrite contract has it.
//
// What the keys guard, for a partner with no assets, which an import only
// adds to: its new assets' partner and their occupiers' partners exist
// (checkPartners, before it commits); their tags and occupiers name
// assets it has just written. Imports that may update assets keep the
// keys on. The switch is the writer connection's, so the import holds
// that connection and gives it back with the keys on, or not at all.

// importConn is the writer connection an import holds.
type importConn struct {
	conn *sql.Conn
	// unchecked is set while the connection's foreign keys are off.
	unchecked bool
}

// beginImport takes the writer and begins an import's transaction on it,
// with the foreign keys off if partner has no assets.
func (db *DB) beginImport(ctx context.Context, partner string) (*Tx, *importConn, error) {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	ic := &importConn{conn: conn}
	// Holding the one writer connection, nothing in this process writes
	// between the look and the transaction; the transaction looks again.
	for {
		owned, err := partnerHasAssets(ctx, conn, partner)
		if err == nil && !owned {
			_, err = conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`)
			ic.unchecked = err == nil
		}
		var tx *sql.Tx
		if err == nil {
			tx, err = conn.BeginTx(ctx, nil)
		}
		if err == nil && ic.unchecked {
			owned, err = partnerHasAssets(ctx, tx, partner)
			if err == nil && owned { // another process wrote first
				err = tx.Rollback()
				if err == nil {
					err = ic.check()
				}
				if err == nil {
					continue
				}
			}
		}
		if err != nil {
			if tx != nil {
				tx.Rollback()
			}
			ic.release()
			return nil, nil, fmt.Errorf("sqlite: begin: %w", err)
		}
		return &Tx{Tx: tx}, ic, nil
	}
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func partnerHasAssets(ctx context.Context, q queryer, partner string) (bool, error) {
	var owned bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM assets WHERE partner_id = ?)`, partner).Scan(&owned)
	return owned, err
}

// check turns the connection's foreign keys back on, and makes sure they
// are: outside a transaction only does the switch take.
func (ic *importConn) check() error {
	if !ic.unchecked {
		return nil
	}
	ctx := context.Background() // even when the import's has ended
	var on bool
	_, err := ic.conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	if err == nil {
		err = ic.conn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on)
	}
	if err == nil && !on {
		err = fmt.Errorf("sqlite: foreign keys still off")
	}
	if err == nil {
		ic.unchecked = false
	}
	return err
}

// release gives the connection back to the pool once its transaction has
// ended, with its foreign keys on, or else has the pool discard it.
// Releasing twice is harmless.
func (ic *importConn) release() {
	if ic.conn == nil {
		return
	}
	if ic.check() != nil {
		ic.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	ic.conn.Close()
	ic.conn = nil
}

// checkPartners does, for an import without foreign keys, what they would
// have: every partner its rows name exists.
func checkPartners(ctx context.Context, tx *Tx, partners map[string]bool) error {
	ids := make([]string, 0, len(partners))
	for id := range partners {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		var ok bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)`, id).Scan(&ok); err != nil {
			return fmt.Errorf("sqlite: import: check partners: %w", err)
		}
		if !ok {
			return fmt.Errorf("sqlite: import: no partner %q, which an imported asset names", id)
		}
	}
	return nil
}
