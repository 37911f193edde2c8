package service

import (
	"context"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Store is what a storage engine must provide for New to build the
// services over it. It persists and queries; it decides nothing: who may
// see or change what, validation, ratings, token secrets and the content
// of audit events all arrive decided, in the arguments. What it must
// guarantee is written on each method; the conformance suite
// (internal/storetest) holds a store to it.
//
// Errors: a method returns the estate error codes its comment names, with
// a message safe to show; anything else is an internal error. Not found
// is always ENOTFOUND, never (nil, nil).
type Store interface {
	AssetStore
	PartnerStore
	TokenStore
	// ImportStore (import_store.go) gives imports a view to decide rows
	// against and writes what they decided, all or nothing.
	ImportStore
	// FindAdminEvents returns the audit events of partners, tokens and
	// imports f selects, newest first, at most f.Limit (which the service
	// sets) of them.
	FindAdminEvents(ctx context.Context, f estate.AdminEventFilter) ([]*estate.AdminEvent, error)
	// Ping reports whether the store answers, for health checks.
	Ping(ctx context.Context) error
}

// Scope says which assets a read may return, as the service worked it
// out from the actor (estate.Actor.SensitiveScope): every asset that is
// not sensitive, and the sensitive assets of Partner, or of every
// partner with AllSensitive. The zero Scope is the anonymous public's.
type Scope struct {
	AllSensitive bool
	Partner      string
}

// AssetStore keeps assets and their audit trail.
type AssetStore interface {
	// FindAsset returns the asset with id, sensitive or not, nothing
	// redacted; ENOTFOUND when there is none.
	FindAsset(ctx context.Context, id int64) (*estate.Asset, error)
	// EachAsset calls fn with each asset of the page f selects within
	// scope (f is valid: the service checked it), nothing redacted, as
	// the rows are read: in f.Sort's order (by its key, then id; by id
	// for the zero Sort) from f.After's (CursorValue, After), or for a
	// page read backwards (f.Before > 0) in the reverse order from
	// (CursorValue, Before). Each order must stay a keyset read, through
	// an index, however deep the cursor. An error from fn stops it and
	// is returned as it is.
	EachAsset(ctx context.Context, f estate.AssetFilter, scope Scope, fn func(*estate.Asset) error) error
	// CountAssets counts the assets matching f within scope, ignoring
	// f's page (cursor, limit and sort).
	CountAssets(ctx context.Context, f estate.AssetFilter, scope Scope) (int, error)
	// CreateAssets stores new assets, each with its audit event, in one
	// transaction: all or none. Each asset comes complete (version,
	// times, rating's setter) but for its id, which the store gives: an
	// id above every id it has ever given, deleted assets' included, so
	// an id is never reused. It sets the asset's ID and its event's
	// AssetID. It refuses an asset whose partner or an occupier is no
	// stored partner (EINVALID naming partner or occupiers) and an asset
	// code its partner already uses (ECONFLICT naming asset_code); the
	// error of the i-th asset is wrapped in an *ItemError.
	CreateAssets(ctx context.Context, writes []AssetWrite) error
	// UpdateAsset replaces the stored asset w.Asset.ID, which must be at
	// version, with w.Asset (its version and times set by the service)
	// and appends w.Event, in one transaction. ENOTFOUND when the asset
	// is gone, a *StaleError when it is at another version, and the
	// reference checks of CreateAssets (unwrapped).
	UpdateAsset(ctx context.Context, w AssetWrite, version int64) error
	// DeleteAsset deletes the asset ev.AssetID, which must be at version,
	// and appends ev, in one transaction; the asset's events stay and
	// stay readable (FindAssetHistory). ENOTFOUND, *StaleError.
	DeleteAsset(ctx context.Context, ev *estate.AuditEvent, version int64) error
	// FindAssetHistory returns whose the asset id is and whether it is
	// sensitive (from the asset, or from the last event of a deleted
	// one), and its events with an id below before (0 for the newest),
	// newest first, at most limit of them, all read at one moment.
	// ENOTFOUND when the asset never existed.
	FindAssetHistory(ctx context.Context, id, before int64, limit int) (AssetOwner, []*estate.AuditEvent, error)
}

// AssetWrite is an asset to store and the audit event recording it: the
// service fills every field of both, but for the ids CreateAssets gives.
type AssetWrite struct {
	Asset *estate.Asset
	Event *estate.AuditEvent
}

// AssetOwner is what decides who may read an asset's history.
type AssetOwner struct {
	Partner   string
	Sensitive bool
}

// StaleError is a write's answer when the record is no longer at the
// version it was conditional on: someone else's change came first.
type StaleError struct {
	Current int64 // the version the record is at
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("stale: the record is at version %d", e.Current)
}

// ItemError says which item of a batch failed.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item %d: %v", e.Index, e.Err) }

func (e *ItemError) Unwrap() error { return e.Err }

// PartnerStore keeps partners. Every change appends its events (decided
// by the service) in the transaction that makes it.
type PartnerStore interface {
	// FindPartner returns one partner; ENOTFOUND.
	FindPartner(ctx context.Context, id string) (*estate.Partner, error)
	// FindPartners returns every partner ordered by id.
	FindPartners(ctx context.Context) ([]*estate.Partner, error)
	// CreatePartner stores p and appends ev; ECONFLICT naming id when
	// the id is taken.
	CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error
	// UpdatePartner reads partner id in a write transaction and calls
	// decide with it: decide changes it and returns the event recording
	// the change, nil for no change (nothing is written), or an error
	// (nothing is written, the error is returned). The store then writes
	// the partner's name, kind, uri and updated_at and the event.
	// ENOTFOUND.
	UpdatePartner(ctx context.Context, id string, decide func(*estate.Partner) (*estate.AdminEvent, error)) (*estate.Partner, error)
	// DeletePartner reads, in a write transaction, the partner and what
	// refers to it (PartnerRemoval) and calls decide, which sets the
	// revocation time of each live token and returns the events to
	// append, or an error (nothing is written). The store then revokes
	// those tokens, forgets the partner's import mapping, deletes the
	// partner and appends the events. ENOTFOUND.
	DeletePartner(ctx context.Context, id string, decide func(*PartnerRemoval) ([]*estate.AdminEvent, error)) error
}

// PartnerRemoval is what the deletion of a partner touches.
type PartnerRemoval struct {
	Partner *estate.Partner
	// Owned and Occupied count the assets the partner owns and occupies.
	Owned, Occupied int
	// Tokens are the partner's live tokens.
	Tokens []*estate.Token
	// Mapping is the partner's saved import mapping, nil for none.
	Mapping *estate.ImportMapping
}

// TokenStore keeps tokens by the hash of their secret: it never sees a
// secret.
type TokenStore interface {
	// CreateToken stores t with the hash of its secret and appends ev,
	// setting t.ID and ev.EntityID (t.ID in decimal); ECONFLICT naming
	// name for a name in use, EINVALID naming partner for no such partner.
	CreateToken(ctx context.Context, t *estate.Token, hash []byte, ev *estate.AdminEvent) error
	// FindTokens lists every token, revoked ones included, newest first.
	FindTokens(ctx context.Context) ([]*estate.Token, error)
	// FindTokenByHash returns the token, live or revoked, whose secret
	// hashes to hash; ENOTFOUND.
	FindTokenByHash(ctx context.Context, hash []byte) (*estate.Token, error)
	// RevokeToken reads token id in a write transaction and calls decide
	// with it, which sets RevokedAt and returns the event to append, or
	// nil to write nothing; ENOTFOUND.
	RevokeToken(ctx context.Context, id int64, decide func(*estate.Token) (*estate.AdminEvent, error)) error
}

// The capabilities below are optional: New finds each once, and leaves
// nil the services a store without it cannot give, so the server can
// leave their routes off and say so.

// TagStore lists the tags in use (/api/v1/tags).
type TagStore interface {
	// FindTags returns the tags on the assets in scope, most used first
	// and then by tag, at most limit of them.
	FindTags(ctx context.Context, scope Scope, limit int) ([]estate.TagCount, error)
}

// ExtentStore bounds the register (collection extents, map bounds).
type ExtentStore interface {
	// FindAssetExtent returns how many assets scope holds and the box
	// around their locations and footprints.
	FindAssetExtent(ctx context.Context, scope Scope) (estate.AssetExtent, error)
}

// DateStore bounds the assets' dates (an OGC collection's temporal
// extent).
type DateStore interface {
	// FindAssetDates bounds the dates of the assets in scope as
	// AssetFilter.DatedFrom and DatedTo read them: the first second and
	// the last of their effective_date days, or updated_at where there is
	// none. ok is false when scope holds no asset.
	FindAssetDates(ctx context.Context, scope Scope) (first, last time.Time, ok bool, err error)
}

// CountCacheStore keeps counts until the register changes, so paging
// clients can be given numberMatched without counting on every page.
type CountCacheStore interface {
	// CachedCount returns what CountAssets would for f and scope when it
	// has the count already, and ok false when it has not, without
	// counting.
	CachedCount(ctx context.Context, f estate.AssetFilter, scope Scope) (n int, ok bool, err error)
}

// FaultStore tells the errors that mean its database cannot be reached
// for now (a server's connection lost, the database shut down or
// starting) from the others, so clients are told to retry rather than
// that the server failed.
type FaultStore interface {
	Unavailable(err error) bool
}

// FeedStore feeds the copy of the register in memory that the tiles and
// the analyses read (estate.RegisterFeed).
type FeedStore interface{ estate.RegisterFeed }

// ImportMappingStore (import_mapping.go) keeps partners' saved import
// mappings; a store without it serves imports that give their mapping.
