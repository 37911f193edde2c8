package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// CreateAsset stores a new asset, audited as a creation.
func (s *AssetService) CreateAsset(ctx context.Context, a *estate.Asset) error {
	return s.CreateAssets(ctx, []*estate.Asset{a}, estate.ActionCreate)
}

// CreateAssets stores several new assets in one transaction: all or none.
// Each is audited with action (create or import).
func (s *AssetService) CreateAssets(ctx context.Context, assets []*estate.Asset, action estate.AuditAction) error {
	actor := estate.ActorFromContext(ctx)
	now := s.now()
	writes := make([]AssetWrite, len(assets))
	for i, a := range assets {
		if err := s.checkNew(actor, a); err != nil {
			return withIndex(err, i, len(assets))
		}
		if err := estate.CheckDisposal(nil, a, now); err != nil {
			return withIndex(err, i, len(assets))
		}
		estate.StampNewAsset(a, actor, now)
		writes[i] = AssetWrite{Asset: a, Event: assetEvent(actor, now, a, action, estate.Diff(nil, a))}
	}
	err := s.store.CreateAssets(ctx, writes)
	var ie *ItemError
	if errors.As(err, &ie) {
		return withIndex(ie.Err, ie.Index, len(assets))
	}
	return err
}

// checkNew normalizes and validates a new asset in the service area and
// checks the actor may create it.
func (s *AssetService) checkNew(actor estate.Actor, a *estate.Asset) error {
	if !actor.CanEdit(a.Partner) {
		return estate.Errorf(estate.EFORBIDDEN, "You may not create assets for partner %q.", a.Partner)
	}
	return estate.PrepareAsset(a, s.area)
}

// withIndex says which item of a batch failed; a batch of one is left as is.
func withIndex(err error, i, n int) error {
	var e *estate.Error
	if n == 1 || !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Message = fmt.Sprintf("Item %d: %s", i, e.Message)
	return &c
}

// assetEvent is the audit event of a change to a, recording actor at at.
func assetEvent(actor estate.Actor, at time.Time, a *estate.Asset, action estate.AuditAction, changes []estate.Change) *estate.AuditEvent {
	return &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: action, Actor: actor.Name,
		ActorPartner: actor.Partner, At: at, Version: a.Version, Changes: changes}
}

// UpdateAsset applies change to the asset if its version is ifVersion.
// The rating changes only through SetAssetRAG, which records who rated
// and why.
func (s *AssetService) UpdateAsset(ctx context.Context, id, ifVersion int64, change func(*estate.Asset) error) (*estate.Asset, error) {
	return s.modify(ctx, id, ifVersion, estate.ActionUpdate, func(a *estate.Asset, _ time.Time) error {
		before := *a
		if err := change(a); err != nil {
			return err
		}
		if !estate.SameRating(a, &before) {
			return &estate.Error{Code: estate.EINVALID, Message: "Ratings change only through the rag resource, which records who rated and why.",
				Fields: []estate.FieldError{{Field: "rag", Message: "set it with PUT /api/v1/assets/{id}/rag"}}}
		}
		return nil
	})
}

// SetAssetRAG rates the asset and records who rated it and when.
func (s *AssetService) SetAssetRAG(ctx context.Context, id, ifVersion int64, u estate.RAGUpdate) (*estate.Asset, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	actor := estate.ActorFromContext(ctx)
	return s.modify(ctx, id, ifVersion, estate.ActionRAG, func(a *estate.Asset, now time.Time) error {
		a.RAG, a.RAGRationale = u.Rating, u.Rationale
		a.RateBy(actor, now)
		return nil
	})
}

// modify is the one path for changing an existing asset: read it, check
// access and version, change a copy, validate it, and have the store
// write it and its audit event if it is still at the version read.
func (s *AssetService) modify(ctx context.Context, id, ifVersion int64, action estate.AuditAction,
	change func(a *estate.Asset, now time.Time) error) (*estate.Asset, error) {
	actor := estate.ActorFromContext(ctx)
	before, err := s.findForWrite(ctx, actor, id, ifVersion)
	if err != nil {
		return nil, err
	}
	now := s.now()
	after := before.Clone()
	if err := change(after, now); err != nil {
		return nil, err
	}
	after.ID, after.Version, after.CreatedAt = before.ID, before.Version, before.CreatedAt
	if after.Partner != before.Partner && !actor.CanEdit(after.Partner) {
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not give assets to partner %q.", after.Partner)
	}
	after.Normalize()
	// The disposal programme's rules hold on every change, not only on a
	// route of their own: its server fields follow the move.
	estate.StampDisposal(before, after, now)
	if err := after.ValidateChange(before, s.area); err != nil {
		return nil, err
	}
	if err := estate.CheckDisposal(before, after, now); err != nil {
		return nil, err
	}
	changes := estate.Diff(before, after)
	if len(changes) == 0 {
		return before, nil // nothing changed: no new version, no audit noise
	}
	after.Version, after.UpdatedAt = before.Version+1, now
	err = s.store.UpdateAsset(ctx, AssetWrite{Asset: after, Event: assetEvent(actor, now, after, action, changes)}, before.Version)
	if err != nil {
		return nil, stale(err, id, ifVersion)
	}
	return after, nil
}

// findForWrite reads the asset and checks the actor may change it and
// holds its current version.
func (s *AssetService) findForWrite(ctx context.Context, actor estate.Actor, id, ifVersion int64) (*estate.Asset, error) {
	a, err := s.findVisible(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !actor.CanEdit(a.Partner) {
		if actor.IsAnonymous() {
			return nil, estate.Errorf(estate.EUNAUTHORIZED, "Sign in with a token to change assets.")
		}
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not change assets of partner %q.", a.Partner)
	}
	if ifVersion == 0 {
		return nil, &estate.Error{Code: estate.EPRECONDITIONNEEDED, Version: a.Version,
			Message: "Say which version you are changing (If-Match), so nobody's update is lost."}
	}
	if ifVersion < 0 {
		return nil, &estate.Error{Code: estate.EPRECONDITIONFAILED, Version: a.Version,
			Message: fmt.Sprintf("Asset %d is at version %d: name it with the strong ETag \"%d\" (a weak W/ tag never matches).", id, a.Version, a.Version)}
	}
	if ifVersion != a.Version {
		return nil, staleVersion(id, a.Version, ifVersion)
	}
	return a, nil
}

// stale turns the store's StaleError, a change committed between the
// read and the write, into the answer a stale If-Match gets.
func stale(err error, id, ifVersion int64) error {
	var se *StaleError
	if errors.As(err, &se) {
		return staleVersion(id, se.Current, ifVersion)
	}
	return err
}

func staleVersion(id, current, ifVersion int64) error {
	return &estate.Error{Code: estate.EPRECONDITIONFAILED, Version: current,
		Message: fmt.Sprintf("Asset %d has changed: it is at version %d, not %d. Reload it and try again.", id, current, ifVersion)}
}

// DeleteAsset removes the asset; its audit trail stays.
func (s *AssetService) DeleteAsset(ctx context.Context, id, ifVersion int64) error {
	actor := estate.ActorFromContext(ctx)
	before, err := s.findForWrite(ctx, actor, id, ifVersion)
	if err != nil {
		return err
	}
	ev := assetEvent(actor, s.now(), before, estate.ActionDelete, estate.Diff(before, nil))
	ev.Version = before.Version + 1
	return stale(s.store.DeleteAsset(ctx, ev, before.Version), id, ifVersion)
}
