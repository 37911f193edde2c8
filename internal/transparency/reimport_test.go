package transparency_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestReimportKeepsOfficersWork checks a re-import replaces only what the
// file carries: the rating, tags and notes officers added stay, and note
// lines the import wrote follow the file.
func TestReimportKeepsOfficersWork(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s := services(db).Assets
	a := allAssets(t, db, "trafford")["TMBC0396/P0000036"]
	if a.Notes != "TenureDetail: Other\nOtherDetail: Undocumented Tenancy" {
		t.Fatalf("imported notes %q", a.Notes)
	}
	a, err := s.UpdateAsset(adminCtx(), a.ID, a.Version, func(x *estate.Asset) error {
		x.Notes += "\nRoof leaks: see survey 2026"
		x.Tags = []string{"surplus"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err = s.SetAssetRAG(adminCtx(), a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Vacant since 2025"}); err != nil {
		t.Fatal(err)
	}
	rep, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{})
	if err != nil || rep.Unchanged != 373 {
		t.Fatalf("re-import: %v %d unchanged", err, rep.Unchanged)
	}
	changed := "AssetCode,PropertyName,TenureDetail,OtherDetail,GeoX,GeoY\r\nTMBC0396/P0000036,Davyhulme Youth Centre,Vacant,,-2.365856,53.457484\r\n"
	if rep, err = importCSV(t, db, "trafford", strings.NewReader(changed), "", estate.ImportOptions{}); err != nil || rep.Updated != 1 {
		t.Fatalf("changed row: %v %+v", err, rep)
	}
	got := allAssets(t, db, "trafford")["TMBC0396/P0000036"]
	if got.Notes != "Roof leaks: see survey 2026" || got.TenureDetail != estate.DetailVacant ||
		got.RAG != estate.RAGGreen || !reflect.DeepEqual(got.Tags, []string{"surplus"}) {
		t.Errorf("after the changed row: %+v", got)
	}
}

// TestFireReimportKeepsNotes: the fire stations preset writes the service
// as a note line it owns, so a re-import keeps what officers added.
func TestFireReimportKeepsNotes(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "fire", estate.KindFire)
	preset := transparency.Presets["home-office-fire-stations"]
	if _, err := importFile(t, db, "fire", fireStations, preset, estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := allAssets(t, db, "fire")["E06000053/Bryher"]
	const officers = "Boathouse roof replaced 2025"
	if _, err := services(db).Assets.UpdateAsset(adminCtx(), b.ID, b.Version, func(x *estate.Asset) error {
		x.Notes = officers + "\n" + x.Notes
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rep, err := importFile(t, db, "fire", fireStations, preset, estate.ImportOptions{})
	if err != nil || rep.Unchanged != 1373 || rep.Updated != 0 {
		t.Fatalf("re-import: %v %d unchanged %d updated", err, rep.Unchanged, rep.Updated)
	}
	if got := allAssets(t, db, "fire")["E06000053/Bryher"].Notes; got != officers+"\nFire and rescue service: Isles of Scilly" {
		t.Errorf("notes after re-import %q", got)
	}
}
