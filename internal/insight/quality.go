package insight

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
)

// SetClock makes the service measure ages (the quality view's stale
// ratings) from now() instead of the time of day, for exact tests.
func (s *Service) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Quality returns the data quality view (analysis.Quality) of the assets
// the caller may see. It shows counts, never money, so the public may
// have it wherever it may read the register. A p.AsOf left zero is now,
// to the second, so the echoed as_of reproduces the answer.
func (s *Service) Quality(ctx context.Context, p analysis.QualityParams, f analysis.Filter) (analysis.QualityReport, error) {
	if p.AsOf.IsZero() {
		s.mu.Lock()
		now := s.now
		s.mu.Unlock()
		p.AsOf = now().UTC().Truncate(time.Second)
	}
	// Checked before the copy is read: a national reload takes seconds.
	if err := p.Validate(); err != nil {
		return analysis.QualityReport{}, err
	}
	if err := f.Validate(); err != nil {
		return analysis.QualityReport{}, err
	}
	snap, err := s.viewFor(ctx)
	if err != nil {
		return analysis.QualityReport{}, err
	}
	rep, err := analysis.Quality(snap.assets, p, f)
	rep.RegisterVersion = snap.version
	return rep, err
}
