package postgres

import (
	"context"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
)

// An imported asset's stored row, geometries and generated columns
// included, is byte for byte the row a single create stores for the same
// asset: the import's COPY sends geometries as EWKB, the single write as
// WKB through PostGIS's functions. One asset has a footprint and a grid
// point, one is outside OSTN15's grid (no point, NULL), one has no
// footprint.
func TestImportRowsAsSingleWrites(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	full := func(code string) *estate.Asset {
		a := estatetest.Full()
		a.AssetCode = code
		a.Location = estate.Point{Lon: -2.2 + 1.0/3, Lat: 0.1 + 0.2 + 52}
		a.Footprint[0][0][1].Lon = -2.2209 + 1e-13
		return a
	}
	offGrid := func(code string) *estate.Asset {
		a := asset("county", code)
		a.Name, a.Location = "Abroad", estate.Point{Lon: 10.5, Lat: 40.25}
		return a
	}
	plain := func(code string) *estate.Asset {
		a := asset("county", code)
		a.Name = "Plain"
		return a
	}
	makers := []func(string) *estate.Asset{full, offGrid, plain}

	var single []*estate.Asset
	for i, make := range makers {
		a := make("SINGLE" + string(rune('A'+i)))
		estate.StampNewAsset(a, importer, testTime) // as newRow stamps the imported ones
		single = append(single, a)
	}
	seed(t, db, []string{"county", "police"}, single...)
	var rows []*estate.DecidedRow
	for i, make := range makers {
		rows = append(rows, newRow(make("IMPORT"+string(rune('A'+i))), i+2))
	}
	_, w := beginImport(t, db, "county")
	if err := w.Write(ctx, decidedRows(rows, nil), func(*estate.ImportRow) {}); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(ctx, nil); err != nil {
		t.Fatal(err)
	}

	// Every stored column but the id and code (and search_text, which
	// holds the code), as text; the geometries also as EWKB.
	stored := func(id int64) map[string]string {
		t.Helper()
		out := map[string]string{}
		rows, err := db.pool.Query(ctx, `SELECT key, coalesce(value::text, 'NULL') FROM assets a,
			jsonb_each(to_jsonb(a) - 'id' - 'asset_code' - 'search_text')
			WHERE a.id = $1
			UNION ALL SELECT 'ewkb', concat_ws('/', coalesce(encode(ST_AsEWKB(footprint), 'hex'), 'NULL'),
				coalesce(encode(ST_AsEWKB(bng), 'hex'), 'NULL'), encode(ST_AsEWKB(location), 'hex'),
				encode(ST_AsEWKB(bounds), 'hex')) FROM assets WHERE id = $1`, id)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				t.Fatal(err)
			}
			out[k] = v
		}
		if len(out) < 40 {
			t.Fatalf("asset %d: %d columns read", id, len(out))
		}
		return out
	}
	for i := range makers {
		want, got := stored(single[i].ID), stored(rows[i].Asset.ID)
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("asset %d column %s: imported %s, single write %s", i, k, got[k], want[k])
			}
		}
		if i == 1 && want["bng"] != "null" {
			t.Errorf("an asset outside the grid has bng %s, want NULL", want["bng"])
		}
		// And it reads back as it was given, bit for bit.
		back, err := db.FindAsset(ctx, rows[i].Asset.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.Footprint, rows[i].Asset.Footprint) || back.Location != rows[i].Asset.Location {
			t.Errorf("asset %d reads back as %+v, %v", i, back.Location, back.Footprint)
		}
	}
}

func TestEWKB(t *testing.T) {
	if got := ewkb(nil, 4326); got != nil {
		t.Errorf("ewkb(nil) = %x, want nil (NULL)", got)
	}
	if got := ewkbPoint(nil, nil, 27700); got != nil {
		t.Errorf("ewkbPoint(nil) = %x, want nil (NULL)", got)
	}
	// A big-endian WKB point keeps its byte order, the SRID written in it.
	wkb := []byte{0, 0, 0, 0, 1, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0}
	want := []byte{0, 0x20, 0, 0, 1, 0, 0, 0x10, 0xe6, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0}
	if got := ewkb(wkb, 4326); !reflect.DeepEqual(got, want) {
		t.Errorf("ewkb = %x, want %x", got, want)
	}
}
