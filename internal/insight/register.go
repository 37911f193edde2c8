package insight

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// snapshot is the register as one viewer sees it at one version. Its
// slice is never written once made: a change makes new slices
// (copy-on-write), so a caller may keep using a snapshot while the
// register moves on.
type snapshot struct {
	version int64
	assets  []*estate.Asset // in id order
	viewer  string          // viewerKey
}

// view is a viewer's subset of the copy and the rule that made it, so a
// patch can be applied to it without scanning the register again.
type view struct {
	assets []*estate.Asset
	keep   func(*estate.Asset) bool
}

// snapshotFor returns the assets the actor may see in the current
// register for an analysis showing money, which the public may have only
// with publicMoney.
func (s *Service) snapshotFor(ctx context.Context) (snapshot, error) {
	if estate.ActorFromContext(ctx).IsAnonymous() && !s.publicMoney {
		return snapshot{}, estate.Errorf(estate.EUNAUTHORIZED, "Analyses show money figures: sign in with a token.")
	}
	return s.viewFor(ctx)
}

// viewFor returns the assets the actor may see in the current register,
// bringing the copy up to date first.
func (s *Service) viewFor(ctx context.Context) (snapshot, error) {
	actor := estate.ActorFromContext(ctx)
	version, err := s.src.RegisterVersion(ctx)
	if err != nil {
		return snapshot{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded || version != s.version {
		// Holding the lock makes concurrent callers wait for one refresh
		// instead of each starting their own.
		if err := s.refresh(ctx); err != nil {
			return snapshot{}, err
		}
	}
	key := viewerKey(actor)
	v, ok := s.views[key]
	if !ok {
		keep := func(a *estate.Asset) bool { return !a.Sensitive || actor.CanSeeSensitive(a.Partner) }
		if actor.IsAdmin() {
			keep = nil
		}
		v = &view{assets: s.all, keep: keep}
		if keep != nil {
			v.assets = filterAssets(s.all, keep)
		}
		s.views[key] = v
	}
	return snapshot{version: s.version, assets: v.assets, viewer: key}, nil
}

// refresh brings the copy to the register's current version: patched
// with what changed since, or read again whole the first time and when
// too much changed to patch. s.mu must be held.
func (s *Service) refresh(ctx context.Context) error {
	start := time.Now()
	if s.loaded {
		v, changed, deleted, err := s.src.FindAssetChanges(ctx, s.version)
		switch {
		case err == nil:
			s.all = patch(s.all, changed, deleted, nil)
			for _, vw := range s.views {
				if vw.keep == nil {
					vw.assets = s.all
				} else {
					vw.assets = patch(vw.assets, changed, deleted, vw.keep)
				}
			}
			s.version = v
			s.reloaded(false, start)
			return nil
		case estate.ErrorCode(err) != estate.ECONFLICT:
			return err
		}
	}
	v, all, err := s.src.FindAllAssets(ctx)
	if err != nil {
		return err
	}
	s.version, s.all, s.loaded = v, all, true
	s.views = map[string]*view{}
	s.reloaded(true, start)
	return nil
}

// reloaded publishes the copy's size and tells the hook. s.mu must be
// held.
func (s *Service) reloaded(full bool, start time.Time) {
	s.held.Store(int64(len(s.all)))
	if s.onReload != nil {
		s.onReload(full, time.Since(start))
	}
}

// viewerKey groups actors who see the same assets.
func viewerKey(a estate.Actor) string {
	switch {
	case a.IsAdmin():
		return "all"
	case a.IsAnonymous():
		return "public"
	}
	return "partner:" + a.Partner
}

func filterAssets(all []*estate.Asset, keep func(*estate.Asset) bool) []*estate.Asset {
	out := make([]*estate.Asset, 0, len(all))
	for _, a := range all {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// patch returns a new slice: old, in id order, with the assets of
// changed (in id order) put in place of those with their ids or added,
// and those of deleted (in id order) removed. A changed asset keep
// rejects is removed, as one that became sensitive leaves a partner's
// view; nil keeps all. old is not written. Each edit finds its place by
// binary search and the runs between edits are copied whole, so a patch
// costs a few thousand pointer copies per changed asset at most, not a
// look at every asset.
func patch(old, changed []*estate.Asset, deleted []int64, keep func(*estate.Asset) bool) []*estate.Asset {
	out := make([]*estate.Asset, 0, len(old)+len(changed))
	pos, ci, di := 0, 0, 0
	for ci < len(changed) || di < len(deleted) {
		var id int64
		var a *estate.Asset
		if di == len(deleted) || (ci < len(changed) && changed[ci].ID < deleted[di]) {
			a = changed[ci]
			id = a.ID
			ci++
		} else {
			id = deleted[di]
			di++
		}
		i := searchID(old, pos, id)
		out = append(out, old[pos:i]...)
		if i < len(old) && old[i].ID == id {
			i++
		}
		if a != nil && (keep == nil || keep(a)) {
			out = append(out, a)
		}
		pos = i
	}
	return append(out, old[pos:]...)
}

// searchID returns the first index from lo on whose asset id is at least
// id, old being in id order. A plain loop, not sort.Search: built with
// -race by go1.26.8, the inlined closure form answered wrongly here
// (TestPatchEqualsReload failed, and passed with inlining off).
func searchID(old []*estate.Asset, lo int, id int64) int {
	hi := len(old)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if old[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
