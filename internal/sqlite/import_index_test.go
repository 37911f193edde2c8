package sqlite_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// TestImportIndex checks the spatial index an import builds: added entry
// by entry for a few assets, bulk-loaded for many. Either way it must
// equal, bit for bit, the index the R*Tree builds itself, pass
// rtreecheck and integrity_check, and answer bbox queries.
func TestImportIndex(t *testing.T) {
	for _, n := range []int{40, 7000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(n)))
			var assets []*estate.Asset
			for i := range n {
				a := newAsset("county", fmt.Sprint("A", i), -3+3*r.Float64(), 51+3*r.Float64())
				if i%50 == 0 {
					p := a.Location
					a.Footprint = estate.MultiPolygon{{{p, {Lon: p.Lon + 0.001, Lat: p.Lat}, {Lon: p.Lon, Lat: p.Lat + 0.001}, p}}}
				}
				assets = append(assets, a)
			}
			imported, built := MustOpen(t), MustOpen(t)
			for _, db := range []*sqlite.DB{imported, built} {
				seedPartners(t, db, "county")
				// An asset before the import: a bulk load keeps it indexed.
				if err := sqlite.AssetsOf(db).CreateAsset(adminCtx(), newAsset("county", "OLD", -1.5, 52)); err != nil {
					t.Fatal(err)
				}
			}
			var items []*estate.ImportItem
			for _, a := range assets {
				items = append(items, &estate.ImportItem{Asset: a.Clone(), Fields: estate.AllFields})
			}
			s := sqlite.AssetsOf(imported)
			if rep, err := importRows(t, imported, "county", estate.ImportOptions{}, items...); err != nil || rep.Inserted != n {
				t.Fatalf("import: %v %+v", err, rep)
			}
			if err := sqlite.AssetsOf(built).CreateAssets(adminCtx(), assets, estate.ActionCreate); err != nil {
				t.Fatal(err)
			}
			got, check, err := sqlite.RTreeRows(adminCtx(), imported)
			if err != nil || check != "ok" {
				t.Fatalf("rtreecheck: %v %q", err, check)
			}
			want, _, err := sqlite.RTreeRows(adminCtx(), built)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("index differs from the R*Tree's own: %d vs %d entries", len(got), len(want))
			}
			if err := sqlitetest.Check(adminCtx(), imported); err != nil {
				t.Error(err)
			}
			box := estate.BBox{MinLon: -2, MinLat: 52, MaxLon: -1.5, MaxLat: 52.5}
			page, err := s.FindAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{BBox: &box}, Page: estate.Page{Limit: estate.MaxPageSize}})
			if err != nil {
				t.Fatal(err)
			}
			inBox := 0
			for _, a := range append(assets, &estate.Asset{Location: estate.Point{Lon: -1.5, Lat: 52}}) {
				if box.Intersects(a.Bounds()) {
					inBox++
				}
			}
			if len(page) != inBox {
				t.Errorf("bbox query found %d, want %d", len(page), inBox)
			}
			// The index stays usable: a later write goes through the R*Tree.
			if err := s.CreateAsset(adminCtx(), newAsset("county", "LATER", -1.7, 52.1)); err != nil {
				t.Fatal(err)
			}
			if _, check, _ := sqlite.RTreeRows(adminCtx(), imported); check != "ok" {
				t.Errorf("rtreecheck after a write: %q", check)
			}
		})
	}
}

// TestImportAudit checks an imported asset's history reads exactly as if
// it had been created through the API, though the import writes it
// differently.
func TestImportAudit(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	a := newAsset("county", "A", -2.123456789012345, 52.5)
	a.Name = "Quote \" backslash \\ <html> & é"
	a.Notes = "tab \t newline \n carriage return \r" // a name may hold none of them
	a.Tags = []string{"surplus", "hub-candidate"}
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(12.5)}}
	a.Footprint = estate.MultiPolygon{{{{Lon: -2.1, Lat: 52.5}, {Lon: -2.09, Lat: 52.5}, {Lon: -2.1, Lat: 52.51}, {Lon: -2.1, Lat: 52.5}}}}
	a.RAG, a.RAGRationale = estate.RAGAmber, "Possible"
	a.UtilisationPct, a.LandAreaHa = ptr(1e-7), ptr(float64(estate.MaxLandAreaHa))
	a.Sensitive = true
	rep, err := importRows(t, db, "county", estate.ImportOptions{}, &estate.ImportItem{Asset: a, Fields: estate.AllFields})
	if err != nil {
		t.Fatal(err)
	}
	id := rep.Rows[0].AssetID
	stored, err := s.FindAssetByID(adminCtx(), id)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := s.FindAssetHistory(adminCtx(), id, estate.HistoryFilter{})
	if err != nil || len(hist) != 1 || hist[0].Action != estate.ActionImport || hist[0].Version != 1 {
		t.Fatalf("history %v %+v", err, hist)
	}
	// Compare as the API shows them: JSON in and out.
	want := roundTripJSON(t, estate.Diff(nil, stored))
	if got := roundTripJSON(t, hist[0].Changes); !reflect.DeepEqual(got, want) {
		t.Errorf("history changes\n got %v\nwant %v", got, want)
	}
}

// roundTripJSON is changes as the API shows them: JSON in and out.
var roundTripJSON = sqlite.JSONOf
