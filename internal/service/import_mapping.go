package service

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// ImportMappingStore keeps partners' saved import mappings.
type ImportMappingStore interface {
	// FindImportMapping returns partner's saved mapping: ENOTFOUND when
	// it has none, or there is no such partner.
	FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error)
	// ChangeImportMapping calls change, inside one write, with partner's
	// saved mapping (nil for none) and the time the write is stamped
	// with. change returns the mapping to keep (nil to forget it) and the
	// changes to audit on the partner, as made by actor: none writes
	// nothing. An error
	// from change is returned and nothing is written. ENOTFOUND when
	// there is no partner.
	ChangeImportMapping(ctx context.Context, partner string, actor estate.Actor,
		change func(before *estate.ImportMapping, now time.Time) (after *estate.ImportMapping, changes []estate.Change, err error)) error
}

// ImportMappings implements estate.ImportMappingService: who may read and
// change a partner's saved mapping (estate.CheckImportMappingAccess), and
// what a change records.
type ImportMappings struct{ store ImportMappingStore }

// NewImportMappings returns the import mapping service over store.
func NewImportMappings(store ImportMappingStore) *ImportMappings {
	return &ImportMappings{store: store}
}

var _ estate.ImportMappingService = (*ImportMappings)(nil)

// FindImportMapping returns the partner's saved mapping.
func (s *ImportMappings) FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error) {
	if err := estate.CheckImportMappingAccess(estate.ActorFromContext(ctx), partner, false); err != nil {
		return nil, err
	}
	return s.store.FindImportMapping(ctx, partner)
}

// SetImportMapping saves m, replacing the partner's saved mapping.
func (s *ImportMappings) SetImportMapping(ctx context.Context, m *estate.ImportMapping) error {
	actor := estate.ActorFromContext(ctx)
	if err := estate.CheckImportMappingAccess(actor, m.Partner, true); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.store.ChangeImportMapping(ctx, m.Partner, actor, func(before *estate.ImportMapping, now time.Time) (*estate.ImportMapping, []estate.Change, error) {
		changes := estate.ImportMappingDiff(before, m)
		if len(changes) == 0 {
			// The same mapping saved again, as every quarter's import
			// with --save-mapping does: no write, no audit event, and the
			// date stays the one it was worked out on.
			m.UpdatedAt, m.UpdatedBy = before.UpdatedAt, before.UpdatedBy
			return before, nil, nil
		}
		m.UpdatedAt, m.UpdatedBy = now, actor.Name
		return m, changes, nil
	})
}

// DeleteImportMapping forgets the partner's saved mapping.
func (s *ImportMappings) DeleteImportMapping(ctx context.Context, partner string) error {
	actor := estate.ActorFromContext(ctx)
	if err := estate.CheckImportMappingAccess(actor, partner, true); err != nil {
		return err
	}
	return s.store.ChangeImportMapping(ctx, partner, actor, func(before *estate.ImportMapping, _ time.Time) (*estate.ImportMapping, []estate.Change, error) {
		if before == nil {
			return nil, nil, estate.Errorf(estate.ENOTFOUND, "Partner %q has no saved import mapping.", partner)
		}
		return nil, estate.ImportMappingDiff(before, nil), nil
	})
}
