package service

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// Moving a register from one store to another (placetrust copy): the
// source dumps everything it holds from one snapshot, the target loads it
// into itself empty, keeping every id, and the copy is verified record by
// record before the target commits. Both are optional capabilities: a
// store that has them can be copied from and to any other that has them.

// RegisterDump is a whole register as read at one moment. Each sequence
// yields its records in ascending order of their key (text keys compared
// as bytes, as Go compares strings), each record the consumer's own, and
// may be ranged more than once, each time from the start of the same
// snapshot; but one at a time, never one inside another. A sequence reads
// only while the DumpRegister or LoadRegister call that gave the dump
// runs.
type RegisterDump struct {
	// NextAssetID is the least id the store would give a new asset: one
	// above every id it has ever given, to live assets, deleted ones and
	// the rows of a rolled-back import's report alike, so a copy carries
	// the promise that an id is never given twice.
	NextAssetID int64

	// Partners, by id.
	Partners iter.Seq2[*estate.Partner, error]
	// Tokens, by id, revoked ones included, each with its secret's hash.
	Tokens iter.Seq2[*StoredToken, error]
	// Mappings are the partners' saved import mappings, by partner.
	Mappings iter.Seq2[*estate.ImportMapping, error]
	// Scenarios are the saved what-if scenarios, by id, each with its
	// version: a copied scenario is changed with the ETag it had.
	Scenarios iter.Seq2[*estate.Scenario, error]
	// Assets, by id, complete: nothing redacted, footprints and figures
	// bit for bit.
	Assets iter.Seq2[*estate.Asset, error]
	// AssetEvents is the assets' audit trail, by event id, deleted
	// assets' events included.
	AssetEvents iter.Seq2[*estate.AuditEvent, error]
	// AdminEvents is the audit trail of partners, tokens and imports, by
	// event id.
	AdminEvents iter.Seq2[*estate.AdminEvent, error]
}

// StoredToken is a token as a store keeps it: with the SHA-256 hash of
// its secret, so a copied token still authenticates.
type StoredToken struct {
	Token *estate.Token
	Hash  []byte
}

// RegisterDumper is a store a register can be copied from.
type RegisterDumper interface {
	// DumpRegister opens one read snapshot of the whole register and
	// calls fn with it; the dump reads as fn ranges its sequences,
	// streaming, so a million assets cost no more memory than a few.
	// The snapshot holds no write lock. fn's error is returned as it is.
	DumpRegister(ctx context.Context, fn func(*RegisterDump) error) error
}

// RegisterLoader is a store a register can be copied into.
type RegisterLoader interface {
	// LoadRegister writes everything d holds into the store, keeping
	// every id (assets', tokens', scenarios', both audit trails' events), so that
	// afterwards the store gives new assets ids from d.NextAssetID up and
	// its audit events ids above the copied ones. The store must hold
	// nothing at all: no partner, token, mapping, scenario, asset or audit event,
	// and no asset id ever given; otherwise it writes nothing and returns
	// ECONFLICT. It is all or nothing, in one transaction: before
	// committing it calls verify with a dump of what it wrote, read back
	// within that transaction (NextAssetID as it would now give), and an
	// error from verify, as any other, leaves the store as it was and is
	// returned as it is.
	LoadRegister(ctx context.Context, d *RegisterDump, verify func(written *RegisterDump) error) error
}

// CopyReport says what a copy carried: each kind of record's count and
// digest, the same on both sides.
type CopyReport struct {
	Kinds       KindDigests
	NextAssetID int64
	// Verified is set once the target, read back, matched the source
	// record for record and committed.
	Verified bool
}

// CopyRegister copies the register from into to, which must be empty,
// and verifies the copy before the target commits: every kind of record
// read back from the target must have the count and SHA-256 digest (of a
// canonical encoding, copy_digest.go) of what the source gave, and the
// same next asset id. On any error the target is left as it was.
func CopyRegister(ctx context.Context, from RegisterDumper, to RegisterLoader) (*CopyReport, error) {
	rep := &CopyReport{}
	err := from.DumpRegister(ctx, func(src *RegisterDump) error {
		tee, sums := digesting(src)
		return to.LoadRegister(ctx, tee, func(written *RegisterDump) error {
			got, err := digestDump(ctx, written)
			if err != nil {
				return fmt.Errorf("copy: read back: %w", err)
			}
			want, err := sums.result()
			if err != nil {
				return err
			}
			if err := compareDigests(want, got); err != nil {
				return err
			}
			rep.Kinds, rep.NextAssetID = want.Kinds, want.NextAssetID
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	rep.Verified = true
	return rep, nil
}

// RegisterDigest is a register's digest: each kind of record's, and the
// next asset id.
type RegisterDigest struct {
	Kinds       KindDigests
	NextAssetID int64
}

// KindDigests are a register's digests, kind by kind, in copy order.
type KindDigests []KindDigest

// Kind is the digest of the named kind ("partners", "assets"...), zero
// for a name the register does not hold: callers name kinds, so a kind
// added between two never shifts what they read.
func (ks KindDigests) Kind(name string) KindDigest {
	for _, k := range ks {
		if k.Kind == name {
			return k
		}
	}
	return KindDigest{}
}

// DigestRegister reads the register in one snapshot and digests it, as
// CopyRegister does each side: two registers with equal digests hold the
// same records.
func DigestRegister(ctx context.Context, s RegisterDumper) (RegisterDigest, error) {
	var out RegisterDigest
	err := s.DumpRegister(ctx, func(d *RegisterDump) (err error) {
		out, err = digestDump(ctx, d)
		return err
	})
	return out, err
}

// compareDigests names every kind of record that differs.
func compareDigests(want, got RegisterDigest) error {
	var diffs []string
	for i, w := range want.Kinds {
		if g := got.Kinds[i]; g != w {
			diffs = append(diffs, fmt.Sprintf("%s: %d read, %d written, digests %.12s and %.12s", w.Kind, w.Count, g.Count, w.SHA256, g.SHA256))
		}
	}
	if want.NextAssetID != got.NextAssetID {
		diffs = append(diffs, fmt.Sprintf("next asset id: %d read, %d written", want.NextAssetID, got.NextAssetID))
	}
	if len(diffs) > 0 {
		return fmt.Errorf("copy: the target does not match the source (%s); nothing was written", strings.Join(diffs, "; "))
	}
	return nil
}
