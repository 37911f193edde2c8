package service

import (
	"context"
	"iter"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// ImportStore is what an import needs of a store. The service decides
// every row (matching, checks, changes, the audit's content); the store
// gives it a consistent view to decide against, writes what was decided
// all or nothing, and says when the view went stale.
//
// An import reads a million rows: lookups come in batches, and the write
// takes its rows as a stream, so a store may write while the service is
// still handing rows over.
type ImportStore interface {
	// OpenImportSnapshot opens a consistent read view of the register for
	// an import of partner's assets (which may not exist yet), holding no
	// write lock: other writers go on while the import decides. Every
	// lookup through it sees the register as it was when it opened.
	OpenImportSnapshot(ctx context.Context, partner string) (ImportSnapshot, error)

	// AppendImportAsset and ReadImportAsset encode an asset compactly,
	// every field kept exactly (ids, versions, times, floats bit for
	// bit), for the import's spool of decided rows. ReadImportAsset reads
	// what AppendImportAsset wrote, from the start of b, and returns the
	// rest of b. A store lends its own row layout here, so an asset's
	// fields are not spelled out once more for the spool.
	AppendImportAsset(b []byte, a *estate.Asset) ([]byte, error)
	ReadImportAsset(b []byte) (a *estate.Asset, rest []byte, err error)
}

// ImportView looks up a partner's stored assets for deciding an import's
// rows: through a snapshot, or inside the write when the rows are decided
// again. Lookups see nothing the import itself has decided.
type ImportView interface {
	// PartnerExists says whether there is a partner id.
	PartnerExists(ctx context.Context, id string) (bool, error)
	// HasAssets says whether partner has any asset stored.
	HasAssets(ctx context.Context, partner string) (bool, error)
	// FindImportAssetsByCode returns partner's assets with codes, one per
	// code at the same index, nil where it has none (codes are unique per
	// partner). Any number of codes may be asked at once; asking for
	// hundreds must cost little more than one lookup each.
	FindImportAssetsByCode(ctx context.Context, partner string, codes []string) ([]*estate.Asset, error)
	// FindImportAssetsByUPRN returns, for each of uprns, partner's assets
	// with that UPRN in id order (none for ""), at the same index.
	FindImportAssetsByUPRN(ctx context.Context, partner string, uprns []string) ([][]*estate.Asset, error)
}

// ImportSnapshot is the read view an import decides its rows against.
type ImportSnapshot interface {
	ImportView
	// Now is the time every write of the import is stamped with, from
	// the store's clock when the snapshot opened.
	Now() time.Time
	// BeginWrite takes the store's single writer for the import, its
	// writes stamped with Now and audited as actor's. changed reports, as
	// a result and not an error, that what the snapshot saw may no longer
	// hold: since it opened, an asset that is or was the partner's
	// changed, or a partner was deleted. The service then decides the
	// rows again through the write's own view, which sees the register
	// as the write will change it. Otherwise the snapshot, still open,
	// stays true while the write is held, and the service may go on
	// deciding rows through it as it writes: it sees none of the write.
	// BeginWrite may be called again once the write is closed, and after
	// Close.
	BeginWrite(ctx context.Context, actor estate.Actor) (w ImportWrite, changed bool, err error)
	// Close ends the snapshot; closing twice is harmless. An open snapshot
	// may hold back the store's housekeeping (SQLite's checkpoints), so
	// the service closes it as soon as it has decided every row.
	Close()
}

// ImportWrite is an import's write, all or nothing: nothing it writes is
// seen by others before Commit, and nothing is left if it ends without.
type ImportWrite interface {
	ImportView
	// CreatePartner stores p, as the service stamped it, with its audit
	// event ev, inside the write, for an import that makes its partner.
	// ECONFLICT if p.ID exists.
	CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error
	// Write writes rows in order, each with its audit event: an insert
	// gets an id from the store (one above every id the store has ever
	// given, so an id is never given twice, even one a rolled-back
	// import reported) and version 1; an update is written over the
	// stored asset with its version one up. written is called with each
	// row's report once it is written (an insert's with its id), in
	// order or, for a partner with no assets before, once a run of rows
	// is written. The rows must hold what the service guarantees: no
	// asset code twice, references that exist; a row that breaks them is
	// an error that ends the import. Write returns early, without error,
	// if ctx ends.
	Write(ctx context.Context, rows iter.Seq2[*estate.DecidedRow, error], written func(*estate.ImportRow)) error
	// Commit records the import itself in the partner's audit trail
	// (nothing for nil changes) and commits, atomically.
	Commit(ctx context.Context, record []estate.Change) error
	// Close ends the write, rolling it back unless committed, and keeps
	// the ids it gave from ever being given again. Closing twice is
	// harmless.
	Close() error
}
