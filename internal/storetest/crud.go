package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// square returns a closed footprint ring d degrees wide from lon, lat.
func square(lon, lat, d float64) estate.MultiPolygon {
	return estate.MultiPolygon{{{{Lon: lon, Lat: lat}, {Lon: lon + d, Lat: lat}, {Lon: lon + d, Lat: lat + d},
		{Lon: lon, Lat: lat + d}, {Lon: lon, Lat: lat}}}}
}

func testAssets(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	a := NewAsset("county", "C1", -2.22, 52.19)
	a.Tags = []string{"Surplus", "vacant", "surplus"}
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(120.0)}}
	a.Footprint = square(-2.221, 52.189, 0.002)
	a.Notes = "Roof survey due"
	a.EffectiveDate = "2026-04-01"
	must(t, e.Assets.CreateAsset(admin, a))

	t.Run("create then read back", func(t *testing.T) {
		if a.ID <= 0 || a.Version != 1 || a.CreatedAt.IsZero() || !a.UpdatedAt.Equal(a.CreatedAt) {
			t.Fatalf("created: id %d, version %d, created %v, updated %v", a.ID, a.Version, a.CreatedAt, a.UpdatedAt)
		}
		if !reflect.DeepEqual(a.Tags, []string{"surplus", "vacant"}) {
			t.Errorf("tags %v, want lower case without repeats", a.Tags)
		}
		if got := e.in(t).get(admin, a.ID); !reflect.DeepEqual(got, a) {
			t.Errorf("read back differs:\n got %+v\nwant %+v", got, a)
		}
	})
	t.Run("update", func(t *testing.T) {
		got, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Name = "Renamed"; return nil })
		must(t, err)
		if got.Version != 2 || got.Name != "Renamed" || !got.CreatedAt.Equal(a.CreatedAt) || !got.UpdatedAt.After(a.UpdatedAt) {
			t.Errorf("updated: %+v", got)
		}
		if read := e.in(t).get(admin, a.ID); !reflect.DeepEqual(read, got) {
			t.Errorf("read back differs from the update's answer:\n got %+v\nwant %+v", read, got)
		}
		same, err := e.Assets.UpdateAsset(admin, a.ID, 2, func(x *estate.Asset) error { x.Name = "Renamed"; return nil })
		if err != nil || same.Version != 2 {
			t.Errorf("an update changing nothing made version %d (%v), want 2", same.Version, err)
		}
	})
	t.Run("rate", func(t *testing.T) {
		got, err := e.Assets.SetAssetRAG(admin, a.ID, 2, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus since 2025"})
		must(t, err)
		if got.Version != 3 || got.RAG != estate.RAGGreen || got.RAGRationale != "Surplus since 2025" ||
			got.RAGSetBy != "admin" || got.RAGSetAt == nil || !got.RAGSetAt.Equal(got.UpdatedAt) {
			t.Errorf("rated: %+v", got)
		}
	})
	t.Run("delete", func(t *testing.T) {
		must(t, e.Assets.DeleteAsset(admin, a.ID, 3))
		_, err := e.Assets.FindAssetByID(admin, a.ID)
		wantCode(t, "read after delete", err, estate.ENOTFOUND)
		if n, err := e.Assets.CountAssets(admin, estate.AssetFilter{}); err != nil || n != 0 {
			t.Errorf("count after delete %d (%v)", n, err)
		}
	})

	taken := NewAsset("county", "TAKEN", -2.2, 52.2)
	e.create(taken)
	e.refuse([]refusal{
		{"unknown partner", func() error { return e.Assets.CreateAsset(admin, NewAsset("nobody", "X", -2.2, 52.2)) }, estate.EINVALID},
		{"no name", func() error {
			x := NewAsset("county", "X", -2.2, 52.2)
			x.Name = ""
			return e.Assets.CreateAsset(admin, x)
		}, estate.EINVALID},
		{"asset code taken", func() error { return e.Assets.CreateAsset(admin, NewAsset("county", "TAKEN", -2.3, 52.3)) }, estate.ECONFLICT},
		{"a batch with one wrong asset", func() error {
			return e.Assets.CreateAssets(admin, []*estate.Asset{NewAsset("county", "OK", -2.2, 52.2), NewAsset("county", "TAKEN", -2.3, 52.3)}, estate.ActionCreate)
		}, estate.ECONFLICT},
		{"rating without a rationale", func() error {
			_, err := e.Assets.SetAssetRAG(admin, taken.ID, 1, estate.RAGUpdate{Rating: estate.RAGRed})
			return err
		}, estate.EINVALID},
		{"rating through an update", func() error {
			_, err := e.Assets.UpdateAsset(admin, taken.ID, 1, func(x *estate.Asset) error { x.RAG, x.RAGRationale = estate.RAGRed, "why"; return nil })
			return err
		}, estate.EINVALID},
		{"an invalid change", func() error {
			_, err := e.Assets.UpdateAsset(admin, taken.ID, 1, func(x *estate.Asset) error { x.Holding = "castle"; return nil })
			return err
		}, estate.EINVALID},
		{"update of a deleted asset", func() error {
			_, err := e.Assets.UpdateAsset(admin, a.ID, 4, func(x *estate.Asset) error { x.Name = "Back"; return nil })
			return err
		}, estate.ENOTFOUND},
		{"delete of a deleted asset", func() error { return e.Assets.DeleteAsset(admin, a.ID, 4) }, estate.ENOTFOUND},
	})
	t.Run("same code for another partner", func(t *testing.T) {
		must(t, e.Assets.CreateAsset(admin, NewAsset("police", "TAKEN", -2.2, 52.2)))
	})
}

func testPartners(t *testing.T, open Factory) {
	e := newEnv(t, open, "police", "county")
	t.Run("read and list", func(t *testing.T) {
		p, err := e.Partners.FindPartnerByID(public, "county")
		if err != nil || p.Name != "Partner county" || p.Kind != estate.KindOther || p.CreatedAt.IsZero() {
			t.Errorf("find: %+v %v", p, err)
		}
		all, err := e.Partners.FindPartners(public)
		must(t, err)
		if len(all) != 2 || all[0].ID != "county" || all[1].ID != "police" {
			t.Errorf("list not in id order: %+v", all)
		}
	})
	t.Run("update", func(t *testing.T) {
		p, err := e.Partners.UpdatePartner(admin, "county", estate.PartnerUpdate{Name: ptr("Worcestershire County Council")})
		must(t, err)
		got, err := e.Partners.FindPartnerByID(admin, "county")
		if err != nil || got.Name != "Worcestershire County Council" || !reflect.DeepEqual(got, p) {
			t.Errorf("read back %+v (%v), updated %+v", got, err, p)
		}
	})
	owned := NewAsset("county", "C1", -2.2, 52.2)
	owned.Occupiers = []estate.Occupier{{Partner: "police"}}
	e.create(owned)
	editor := As(estate.RoleEditor, "county")
	makePartner := func(ctx context.Context, id string) func() error {
		return func() error {
			return e.Partners.CreatePartner(ctx, &estate.Partner{ID: id, Name: "Partner " + id, Kind: estate.KindOther})
		}
	}
	e.refuse([]refusal{
		{"id taken", makePartner(admin, "county"), estate.ECONFLICT},
		{"id not a slug", makePartner(admin, "No Slug"), estate.EINVALID},
		{"created by an editor", makePartner(editor, "fire"), estate.EFORBIDDEN},
		{"updated by an editor", func() error {
			_, err := e.Partners.UpdatePartner(editor, "county", estate.PartnerUpdate{Name: ptr("Mine")})
			return err
		}, estate.EFORBIDDEN},
		{"unknown updated", func() error {
			_, err := e.Partners.UpdatePartner(admin, "nobody", estate.PartnerUpdate{Name: ptr("N")})
			return err
		}, estate.ENOTFOUND},
		{"an invalid update", func() error {
			_, err := e.Partners.UpdatePartner(admin, "county", estate.PartnerUpdate{Kind: ptr(estate.PartnerKind("guild"))})
			return err
		}, estate.EINVALID},
		{"deleted while owning", func() error { return e.Partners.DeletePartner(admin, "county") }, estate.ECONFLICT},
		{"deleted while occupying", func() error { return e.Partners.DeletePartner(admin, "police") }, estate.ECONFLICT},
		{"deleted by an editor", func() error { return e.Partners.DeletePartner(editor, "county") }, estate.EFORBIDDEN},
		{"unknown deleted", func() error { return e.Partners.DeletePartner(admin, "nobody") }, estate.ENOTFOUND},
	})
	t.Run("delete", func(t *testing.T) {
		must(t, makePartner(admin, "fire")())
		must(t, e.Partners.DeletePartner(admin, "fire"))
		_, err := e.Partners.FindPartnerByID(admin, "fire")
		wantCode(t, "read after delete", err, estate.ENOTFOUND)
	})
}
