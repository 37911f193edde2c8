package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

// TestDumpIsOneSnapshot: a dump sees the register as it was when it
// began, every time a sequence is ranged, while writers go on beside it
// without waiting for it.
func TestDumpIsOneSnapshot(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, _ := smallRegister(t)
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain})
	count := func(d *service.RegisterDump) (assets, events int) {
		for _, err := range d.Assets {
			if err != nil {
				t.Fatal(err)
			}
			assets++
		}
		for _, err := range d.AssetEvents {
			if err != nil {
				t.Fatal(err)
			}
			events++
		}
		return assets, events
	}
	err := db.DumpRegister(ctx, func(d *service.RegisterDump) error {
		assets, events := count(d)
		// A write while the dump is open: it must not wait for the dump.
		a := storetest.NewAsset("police", "DURING", -2.3, 52.3)
		if err := svc.Assets.CreateAssets(adminCtx, []*estate.Asset{a}, estate.ActionCreate); err != nil {
			return err
		}
		if a.ID < d.NextAssetID {
			t.Errorf("an asset made during the dump got id %d, below the dump's next id %d", a.ID, d.NextAssetID)
		}
		if again, evAgain := count(d); again != assets || evAgain != events {
			t.Errorf("ranged again, the dump holds %d assets and %d events; it held %d and %d", again, evAgain, assets, events)
		}
		if assets != 2 || events != 4 {
			t.Errorf("the dump holds %d assets and %d events, want 2 and 4", assets, events)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := service.DigestRegister(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if after.Kinds.Kind("assets").Count != 3 {
		t.Errorf("after the dump the register holds %d assets, want 3", after.Kinds.Kind("assets").Count)
	}
}
