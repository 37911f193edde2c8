package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// An import holds its partner's write lock from BeginWrite to its commit
// or rollback: a transaction-scoped advisory lock keyed by the partner,
// so writes to other partners' assets never wait for it (no table lock),
// while writes to this partner's assets that take the same lock shared
// (lockPartnersShared) wait until the import ends. Keys are a hash of
// the partner's id, so two partners may share one now and then: they
// then wait for each other, which costs time, never correctness.

// partnerLockSpace is the first key of every partner's lock, so the locks
// stay apart from any other advisory lock (migrations take their own).
const partnerLockSpace = 0x5054 // "PT"

// lockPartner takes partner's write lock in tx, exclusively: it waits for
// every writer holding it.
func lockPartner(ctx context.Context, tx pgx.Tx, partner string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, partnerLockSpace, partner); err != nil {
		return fmt.Errorf("postgres: import: lock partner %q: %w", partner, err)
	}
	return nil
}

// lockPartnersShared takes the write lock of each partner in tx shared,
// for a single write of those partners' assets: such writes go on beside
// each other, and wait only while an import of one of the partners holds
// it exclusively.
func lockPartnersShared(ctx context.Context, tx pgx.Tx, partners ...string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1, hashtext(p))
		FROM unnest($2::text[]) p ORDER BY hashtext(p)`, partnerLockSpace, partners); err != nil {
		return fmt.Errorf("postgres: lock partners: %w", err)
	}
	return nil
}
