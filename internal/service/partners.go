package service

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
)

// PartnerService implements estate.PartnerService: admins change
// partners, everyone who may read the register reads them.
type PartnerService struct{ *core }

var _ estate.PartnerService = (*PartnerService)(nil)

// FindPartnerByID returns one partner; ENOTFOUND.
func (s *PartnerService) FindPartnerByID(ctx context.Context, id string) (*estate.Partner, error) {
	return s.store.FindPartner(ctx, id)
}

// FindPartners returns every partner ordered by id.
func (s *PartnerService) FindPartners(ctx context.Context) ([]*estate.Partner, error) {
	return s.store.FindPartners(ctx)
}

// CreatePartner stores a new partner; admins only.
func (s *PartnerService) CreatePartner(ctx context.Context, p *estate.Partner) error {
	if err := requireAdmin(ctx, "create partners"); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	now := s.now()
	p.CreatedAt, p.UpdatedAt = now, now
	ev := adminEvent(estate.ActorFromContext(ctx), now, estate.EntityPartner, p.ID, estate.ActionCreate, estate.PartnerDiff(nil, p))
	return s.store.CreatePartner(ctx, p, ev)
}

// UpdatePartner changes a partner; admins only.
func (s *PartnerService) UpdatePartner(ctx context.Context, id string, upd estate.PartnerUpdate) (*estate.Partner, error) {
	if err := requireAdmin(ctx, "change partners"); err != nil {
		return nil, err
	}
	actor, now := estate.ActorFromContext(ctx), s.now()
	return s.store.UpdatePartner(ctx, id, func(p *estate.Partner) (*estate.AdminEvent, error) {
		before := *p
		if err := upd.Apply(p); err != nil {
			return nil, err
		}
		ev := adminEvent(actor, now, estate.EntityPartner, p.ID, estate.ActionUpdate, estate.PartnerDiff(&before, p))
		if ev != nil {
			p.UpdatedAt = now
		}
		return ev, nil
	})
}

// DeletePartner removes a partner that owns and occupies no asset,
// revoking its live tokens and forgetting its import mapping, each change
// audited with the deletion.
func (s *PartnerService) DeletePartner(ctx context.Context, id string) error {
	if err := requireAdmin(ctx, "delete partners"); err != nil {
		return err
	}
	actor, now := estate.ActorFromContext(ctx), s.now()
	return s.store.DeletePartner(ctx, id, func(r *PartnerRemoval) ([]*estate.AdminEvent, error) {
		if r.Owned+r.Occupied > 0 {
			return nil, estate.Errorf(estate.ECONFLICT,
				"Partner %q still owns %d and occupies %d assets: move or delete them first.", id, r.Owned, r.Occupied)
		}
		var evs []*estate.AdminEvent
		for _, t := range r.Tokens {
			evs = append(evs, revocation(actor, now, t))
		}
		if r.Mapping != nil {
			evs = append(evs, adminEvent(actor, now, estate.EntityPartner, id, estate.ActionUpdate, estate.ImportMappingDiff(r.Mapping, nil)))
		}
		evs = append(evs, adminEvent(actor, now, estate.EntityPartner, id, estate.ActionDelete, estate.PartnerDiff(r.Partner, nil)))
		return evs, nil
	})
}
