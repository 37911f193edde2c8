package storetest

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// testCopyRefusals checks a copy that cannot be made whole leaves its
// target exactly as it was.
func testCopyRefusals(t *testing.T, source, target CopyFactory) {
	ctx := context.Background()
	src := openCopyEnv(t, source)
	must(t, src.svc.Partners.CreatePartner(admin, &estate.Partner{ID: "county", Name: "County", Kind: estate.KindCountyCouncil}))
	as := []*estate.Asset{NewAsset("county", "A", -2.2, 52.2), NewAsset("county", "B", -2.21, 52.21), NewAsset("county", "C", -2.22, 52.22)}
	must(t, src.svc.Assets.CreateAssets(admin, as, estate.ActionCreate))
	must(t, src.svc.Assets.DeleteAsset(admin, as[1].ID, 1))

	digest := func(e *copyEnv) service.RegisterDigest {
		d, err := service.DigestRegister(ctx, e.Store)
		must(t, err)
		return d
	}
	unchanged := func(t *testing.T, dst *copyEnv, before service.RegisterDigest) {
		t.Helper()
		if after := digest(dst); after.NextAssetID != before.NextAssetID || !equalKinds(after.Kinds, before.Kinds) {
			t.Errorf("the target changed: %+v, was %+v", after, before)
		}
		if dst.Check != nil {
			must(t, dst.Check(ctx))
		}
	}
	boom := errors.New("boom")

	t.Run("target not empty", func(t *testing.T) {
		dst := openCopyEnv(t, target)
		must(t, dst.svc.Partners.CreatePartner(admin, &estate.Partner{ID: "police", Name: "Police", Kind: estate.KindPolice}))
		before := digest(dst)
		if _, err := service.CopyRegister(ctx, src.Store, dst.Store); estate.ErrorCode(err) != estate.ECONFLICT {
			t.Errorf("copy into a register holding a partner: %v, want ECONFLICT", err)
		}
		unchanged(t, dst, before)
	})
	t.Run("verification fails", func(t *testing.T) {
		dst := openCopyEnv(t, target)
		before := digest(dst)
		var seen service.RegisterDigest
		err := src.Store.DumpRegister(ctx, func(d *service.RegisterDump) error {
			return dst.Store.LoadRegister(ctx, d, func(w *service.RegisterDump) error {
				var err error
				seen, err = service.DigestRegister(ctx, fixedDumper{w})
				must(t, err)
				return boom
			})
		})
		if !errors.Is(err, boom) {
			t.Fatalf("load with a failing verify: %v", err)
		}
		if want := digest(src); seen.NextAssetID != want.NextAssetID || !equalKinds(seen.Kinds, want.Kinds) {
			t.Errorf("verify was shown %+v, the source holds %+v", seen, want)
		}
		unchanged(t, dst, before)
		// Nothing was left behind: the same target takes the copy.
		if _, err := service.CopyRegister(ctx, src.Store, dst.Store); err != nil {
			t.Errorf("copy after a failed one: %v", err)
		}
	})
	t.Run("source fails mid-read", func(t *testing.T) {
		dst := openCopyEnv(t, target)
		before := digest(dst)
		err := src.Store.DumpRegister(ctx, func(d *service.RegisterDump) error {
			broken := *d
			broken.Assets = failAfter(d.Assets, 1, boom)
			_, err := service.CopyRegister(ctx, fixedDumper{&broken}, dst.Store)
			return err
		})
		if !errors.Is(err, boom) {
			t.Errorf("copy of a failing source: %v", err)
		}
		unchanged(t, dst, before)
	})
}

// fixedDumper dumps a dump already open.
type fixedDumper struct{ d *service.RegisterDump }

func (f fixedDumper) DumpRegister(_ context.Context, fn func(*service.RegisterDump) error) error {
	return fn(f.d)
}

// failAfter yields n values of seq, then err.
func failAfter[T any](seq iter.Seq2[T, error], n int, err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		i := 0
		for v, e := range seq {
			if i == n {
				var zero T
				yield(zero, err)
				return
			}
			i++
			if !yield(v, e) {
				return
			}
		}
	}
}
