package insight

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
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
func (s *Service) Quality(ctx context.Context, p analysis.QualityParams, f estate.Selection) (analysis.QualityReport, error) {
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
	if err := analysis.ValidateFilter(f); err != nil {
		return analysis.QualityReport{}, err
	}
	snap, err := s.viewFor(ctx)
	if err != nil {
		return analysis.QualityReport{}, err
	}
	key := fmt.Sprintf("%s\x00%d\x00%v\x00%g\x00%g", snap.viewer, snap.version, f.BBox, p.WithinM, p.NameSimilarity)
	d := s.dups.get(key, snap.version)
	if d == nil {
		d = analysis.FindDuplicates(snap.assets, f.BBox, p)
		s.dups.put(key, snap.version, d)
	}
	rep, err := analysis.QualityFrom(d, p, f)
	rep.RegisterVersion = snap.version
	return rep, err
}

// maxDupSearches bounds the searches kept: a whole register's holds a
// row number per asset a viewer other than an admin may see (4 MB at a
// million), and each keeps its snapshot of the register.
const maxDupSearches = 8

// dupCache keeps the newest register version's searches for places held
// twice, by viewer, bbox and settings: the search is most of a quality
// view's cost, and a partner or text filter, stale_months, as_of and
// limit do not change it. A newer version empties it.
type dupCache struct {
	mu      sync.Mutex
	version int64
	byKey   map[string]*analysis.Duplicates
}

func (c *dupCache) get(key string, version int64) *analysis.Duplicates {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return nil
	}
	return c.byKey[key]
}

func (c *dupCache) put(key string, version int64, d *analysis.Duplicates) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return // a newer register's searches are kept
	case version > c.version || c.byKey == nil || len(c.byKey) >= maxDupSearches:
		c.version, c.byKey = version, map[string]*analysis.Duplicates{}
	}
	c.byKey[key] = d
}
