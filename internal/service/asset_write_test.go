package service_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

var admin = estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})

// racingStore is the real store with another writer's change landing
// between the service's read of an asset and its write.
type racingStore struct {
	*sqlite.DB
	other *service.Services
	raced bool
}

func (s *racingStore) FindAsset(ctx context.Context, id int64) (*estate.Asset, error) {
	a, err := s.DB.FindAsset(ctx, id)
	if err == nil && !s.raced {
		s.raced = true
		if _, err := s.other.Assets.UpdateAsset(admin, id, a.Version, func(b *estate.Asset) error {
			b.Name += " (renamed meanwhile)"
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return a, err
}

// A change committed between the service's read and its write makes the
// store answer stale, and the caller gets the 412 a stale If-Match gets,
// with the version the asset is at: nobody's update is lost.
func TestUpdateLosesNoRacingChange(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "race.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := db
	plain := service.New(store, service.Options{ServiceArea: estate.GreatBritain})
	if err := plain.Partners.CreatePartner(admin, &estate.Partner{ID: "county", Name: "County", Kind: estate.KindOther}); err != nil {
		t.Fatal(err)
	}
	a := &estate.Asset{Partner: "county", AssetCode: "A", Name: "Depot", Location: estate.Point{Lon: -2.2, Lat: 52.2}}
	if err := plain.Assets.CreateAsset(admin, a); err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(svc *service.Services, version int64) error{
		"update": func(svc *service.Services, version int64) error {
			_, err := svc.Assets.UpdateAsset(admin, a.ID, version, func(b *estate.Asset) error { b.Use = "Depot"; return nil })
			return err
		},
		"rate": func(svc *service.Services, version int64) error {
			_, err := svc.Assets.SetAssetRAG(admin, a.ID, version, estate.RAGUpdate{Rating: estate.RAGRed, Rationale: "x"})
			return err
		},
		"delete": func(svc *service.Services, version int64) error { return svc.Assets.DeleteAsset(admin, a.ID, version) },
	} {
		before, err := plain.Assets.FindAssetByID(admin, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		racing := service.New(&racingStore{DB: store, other: plain}, service.Options{ServiceArea: estate.GreatBritain})
		err = write(racing, before.Version)
		var e *estate.Error
		if !errors.As(err, &e) || e.Code != estate.EPRECONDITIONFAILED || e.Version != before.Version+1 {
			t.Fatalf("%s: %v (%+v), want stale at version %d", name, err, e, before.Version+1)
		}
		after, err := plain.Assets.FindAssetByID(admin, a.ID)
		if err != nil || after.Version != before.Version+1 || after.Use != "" || after.RAG != estate.RAGUnrated {
			t.Fatalf("%s: %v %+v: want only the racing change", name, err, after)
		}
	}
}
