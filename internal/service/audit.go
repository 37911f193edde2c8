package service

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
)

// AuditService implements estate.AuditService: the trail of partners,
// tokens and imports, for admins.
type AuditService struct{ *core }

var _ estate.AuditService = (*AuditService)(nil)

// FindAdminEvents returns events newest first; admins only.
func (s *AuditService) FindAdminEvents(ctx context.Context, f estate.AdminEventFilter) ([]*estate.AdminEvent, error) {
	if err := requireAdmin(ctx, "read the audit trail of partners and tokens"); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = 100
	}
	f.Before = max(f.Before, 0)
	return s.store.FindAdminEvents(ctx, f)
}
