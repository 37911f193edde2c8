package service

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
)

// MappingService implements estate.ImportMappingService over the store's
// MappingStore, checking who may read and change a partner's mapping
// (estate.CheckImportMappingAccess) and what a mapping may hold.
type MappingService struct{ st MappingStore }

var _ estate.ImportMappingService = (*MappingService)(nil)

// FindImportMapping returns the partner's saved mapping; ENOTFOUND when
// there is none.
func (s *MappingService) FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error) {
	if err := estate.CheckImportMappingAccess(estate.ActorFromContext(ctx), partner, false); err != nil {
		return nil, err
	}
	return s.st.FindImportMapping(ctx, partner)
}

// SetImportMapping saves m, replacing the partner's saved mapping.
func (s *MappingService) SetImportMapping(ctx context.Context, m *estate.ImportMapping) error {
	if err := estate.CheckImportMappingAccess(estate.ActorFromContext(ctx), m.Partner, true); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.st.SetImportMapping(ctx, m)
}

// DeleteImportMapping forgets the partner's saved mapping.
func (s *MappingService) DeleteImportMapping(ctx context.Context, partner string) error {
	if err := estate.CheckImportMappingAccess(estate.ActorFromContext(ctx), partner, true); err != nil {
		return err
	}
	return s.st.DeleteImportMapping(ctx, partner)
}
