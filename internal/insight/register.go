package insight

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// snapshot is the register as one viewer sees it at one version: the one
// copy's snapshot with the viewer's visibility, never a copy of its own.
type snapshot struct {
	version int64
	assets  register.Assets
	viewer  string // viewerKey
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
	snap, err := s.reg.Current(ctx)
	if err != nil {
		return snapshot{}, err
	}
	return snapshot{version: snap.Version(), assets: snap.For(actor), viewer: viewerKey(actor)}, nil
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
