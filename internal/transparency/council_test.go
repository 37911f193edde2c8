package transparency_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/transparency"
)

// A council's list as such files are published (and as one the project
// had never seen was): free text in TenureDetail, the council's own
// categories in HoldingType, a site's land and building under one code.
var (
	councilDetails = []string{"Leased to Acme Ltd until 2030", "Vacant - awaiting disposal", "Owner Occupied",
		"Part let, part vacant", "Licence to Scouts", "Other", ""}
	councilCategories = []string{"Car Parks", "Commercial", "Depot", "Library", "Offices", "Parks and Open Spaces",
		"Community Centre", "Farm", "Allotments", "Cemetery", "School", "Industrial Unit", "Shop",
		"Public Conveniences", "Housing", "Land", "Buildings"}
	councilPostcodes = []string{"WR1 2EY", "WR5 3DA", "WR9 8DS", "WR11 4RZ", "WR14 1AA"}
)

// Rows of the council file that need an officer: everything else in it
// is fine as published.
const (
	councilRows        = 461
	councilSwappedRow  = 152 // GeoX holds the latitude
	councilNoUPRNRow   = 79  // UPRN 0
	councilRepeatEvery = 90  // from row 92, every 90th row repeats the code above it: 5 rows
)

// councilCSV builds the council's file, with repeated codes or without.
func councilCSV(repeats bool) string {
	var b strings.Builder
	b.WriteString("OrganisationLabel,UPRN,AssetCode,PropertyName,StreetName,PostTown,PostCode,CoordinateReferenceSystem,GeoX,GeoY,TenureType,TenureDetail,HoldingType\r\n")
	for row := 2; row < councilRows+2; row++ {
		i := row - 2
		code := fmt.Sprintf("WCC%04d", i)
		if repeats && row > 2 && (row-2)%councilRepeatEvery == 0 {
			code = fmt.Sprintf("WCC%04d", i-1) // the building on the land above
		}
		uprn := fmt.Sprintf("1000%08d", 10000+i)
		if row == councilNoUPRNRow {
			uprn = "0"
		}
		x, y := fmt.Sprintf("%.6f", -2.3+float64(i)*0.001), fmt.Sprintf("%.6f", 52.1+float64(i%50)*0.002)
		if row == councilSwappedRow {
			x, y = y, x
		}
		tenure := "Freehold"
		if i%9 == 0 {
			tenure = "Leasehold"
		}
		fmt.Fprintf(&b, "Wychavon District Council,%s,%s,Site %d,High Street,Pershore,%s,WGS84,%s,%s,%s,\"%s\",%s\r\n",
			uprn, code, i, councilPostcodes[i%len(councilPostcodes)], x, y, tenure,
			councilDetails[i%len(councilDetails)], councilCategories[i%len(councilCategories)])
	}
	return b.String()
}

func importCouncil(t *testing.T, db *sqlite.DB, repeats bool, mode estate.RepeatedCodes) (*estate.ImportReport, error) {
	t.Helper()
	rd, err := transparency.NewReader(strings.NewReader(councilCSV(repeats)), transparency.Options{Partner: "wychavon-dc", PartnerName: "Wychavon District Council"})
	if err != nil {
		t.Fatal(err)
	}
	return imports(db).ImportAssets(adminCtx(), "wychavon-dc", mode.Items(rd.Items()), estate.ImportOptions{})
}

// TestCouncilWarnings: of a 461-row council file whose free text and
// categories are all fine, the warnings are the two rows an officer
// should look at, and the values are kept where they belong.
func TestCouncilWarnings(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "wychavon-dc", estate.KindDistrictCouncil)
	rep, err := importCouncil(t, db, false, estate.RepeatedRefuse)
	if err != nil {
		t.Fatalf("%v: %+v", err, rep.Rows[:min(3, len(rep.Rows))])
	}
	if rep.Inserted != councilRows || rep.Warnings != 2 || len(rep.Notices) != 0 {
		t.Errorf("%d inserted, %d warnings, notices %v", rep.Inserted, rep.Warnings, rep.Notices)
	}
	for _, r := range rep.Rows {
		want := map[int]string{councilSwappedRow: "swapped", councilNoUPRNRow: "placeholder"}[r.Row]
		if got := strings.Join(r.Warnings, "; "); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("row %d warnings %q, want %q", r.Row, got, want)
		}
	}
	want := []estate.WarningGroup{
		{Kind: estate.WarnCoordinatesSwapped, Count: 1, RowCount: 1, Rows: []int{councilSwappedRow},
			Example: "GeoX 52.100000 and GeoY -2.150000 look like latitude and longitude the wrong way round: swapped"},
		{Kind: estate.WarnUPRNPlaceholder, Count: 1, RowCount: 1, Rows: []int{councilNoUPRNRow},
			Example: `UPRN "0" is a placeholder, not a UPRN: left blank`},
	}
	if !reflect.DeepEqual(rep.WarningGroups, want) {
		t.Errorf("groups\n got %+v\nwant %+v", rep.WarningGroups, want)
	}

	assets := allAssets(t, db, "wychavon-dc")
	for _, c := range []struct {
		code    string
		detail  estate.TenureDetail
		holding estate.Holding
		use     string
		notes   string
	}{
		{"WCC0000", estate.DetailLeasedOut, "", "Car Parks", "TenureDetail: Leased to Acme Ltd until 2030"},
		{"WCC0001", estate.DetailVacant, "", "Commercial", "TenureDetail: Vacant - awaiting disposal"},
		{"WCC0002", estate.DetailOccupied, estate.HoldingBuilding, "Depot", ""},
		{"WCC0003", "", estate.HoldingBuilding, "Library", "TenureDetail: Part let, part vacant"},
		{"WCC0004", estate.DetailLicence, estate.HoldingBuilding, "Offices", "TenureDetail: Licence to Scouts"},
		{"WCC0005", "", estate.HoldingLand, "Parks and Open Spaces", "TenureDetail: Other"},
		{"WCC0006", "", estate.HoldingBuilding, "Community Centre", ""},
		{"WCC0007", estate.DetailLeasedOut, "", "Farm", "TenureDetail: Leased to Acme Ltd until 2030"},
		{"WCC0008", estate.DetailVacant, estate.HoldingLand, "Allotments", "TenureDetail: Vacant - awaiting disposal"},
		{"WCC0014", estate.DetailLeasedOut, "", "Housing", "TenureDetail: Leased to Acme Ltd until 2030"},
		{"WCC0015", estate.DetailVacant, estate.HoldingLand, "", "TenureDetail: Vacant - awaiting disposal"},
	} {
		a := assets[c.code]
		if a == nil || a.TenureDetail != c.detail || a.Holding != c.holding || a.Use != c.use || a.Notes != c.notes {
			t.Errorf("%s stored as %+v", c.code, a)
		}
	}
	// The same file again changes nothing and warns the same.
	again, err := importCouncil(t, db, false, estate.RepeatedRefuse)
	if err != nil || again.Unchanged != councilRows || !reflect.DeepEqual(again.WarningGroups, want) {
		t.Errorf("again: %v, %d unchanged, groups %+v", err, again.Unchanged, again.WarningGroups)
	}
}

// TestCouncilRepeatedCodes: five rows repeat the code of the row above.
// By default nothing is imported and each says what would load the file;
// suffix loads every row, and the same file again changes nothing; skip
// loads the others.
func TestCouncilRepeatedCodes(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "wychavon-dc", estate.KindDistrictCouncil)
	repeated := []int{92, 182, 272, 362, 452}

	rep, err := importCouncil(t, db, true, estate.RepeatedRefuse)
	if err == nil || rep.Committed || rep.Errors != len(repeated) || rep.Total != councilRows {
		t.Fatalf("refused: %v, %d wrong of %d", err, rep.Errors, rep.Total)
	}
	var wrong []int
	for _, r := range rep.Rows {
		if r.Outcome == estate.OutcomeError {
			wrong = append(wrong, r.Row)
			want := fmt.Sprintf(`asset_code: "WCC%04d" is used by an earlier row of the file: to load the file as it is, import with --repeated-codes=suffix`, r.Row-3)
			if !strings.HasPrefix(r.Reason, want) || !strings.Contains(r.Reason, "=skip") {
				t.Errorf("row %d: %s", r.Row, r.Reason)
			}
		}
	}
	if !reflect.DeepEqual(wrong, repeated) {
		t.Errorf("wrong rows %v, want %v", wrong, repeated)
	}
	if n := len(allAssets(t, db, "wychavon-dc")); n != 0 {
		t.Fatalf("a refused import stored %d assets", n)
	}

	rep, err = importCouncil(t, db, true, estate.RepeatedSuffix)
	if err != nil || rep.Inserted != councilRows || rep.Warnings != 2+len(repeated) {
		t.Fatalf("suffix: %v, %d inserted, %d warnings", err, rep.Inserted, rep.Warnings)
	}
	assets := allAssets(t, db, "wychavon-dc")
	for _, row := range repeated {
		code := fmt.Sprintf("WCC%04d", row-3)
		land, building := assets[code], assets[code+"~2"]
		if land == nil || building == nil || land.Name != fmt.Sprintf("Site %d", row-3) || building.Name != fmt.Sprintf("Site %d", row-2) {
			t.Errorf("row %d: %s %+v, %s~2 %+v", row, code, land, code, building)
		}
	}
	if len(assets) != councilRows {
		t.Errorf("%d assets stored", len(assets))
	}
	g := rep.WarningGroups
	if len(g) != 3 || g[2].Kind != estate.WarnCodeRepeated || g[2].Count != 5 || !reflect.DeepEqual(g[2].Rows, repeated) ||
		g[2].Example != `asset code "WCC0089" is used by row 91 of the file: kept as an asset of its own, coded "WCC0089~2"` {
		t.Errorf("groups %+v", g)
	}
	before := counts(t, db)
	again, err := importCouncil(t, db, true, estate.RepeatedSuffix)
	if err != nil || again.Unchanged != councilRows || again.Inserted+again.Updated != 0 {
		t.Errorf("suffix again: %v %+v", err, again)
	}
	if after := counts(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("suffix again changed the tables: %v -> %v", before, after)
	}

	// Skip, into a register without them: the later rows are reported
	// skipped, naming the row they repeat; the rest load.
	db = mustOpen(t)
	seedPartner(t, db, "wychavon-dc", estate.KindDistrictCouncil)
	rep, err = importCouncil(t, db, true, estate.RepeatedSkip)
	if err != nil || rep.Inserted != councilRows-len(repeated) || rep.Skipped != len(repeated) {
		t.Fatalf("skip: %v, %d inserted, %d skipped", err, rep.Inserted, rep.Skipped)
	}
	for _, r := range rep.Rows {
		if r.Outcome == estate.OutcomeSkipped && !strings.Contains(r.Reason, fmt.Sprintf(`"WCC%04d" is used by row %d of the file: left out`, r.Row-3, r.Row-1)) {
			t.Errorf("row %d skipped: %s", r.Row, r.Reason)
		}
	}
}

// TestRepeatedCodeAfterSkippedRow: a row without coordinates names its
// code as much as any. For a partner with the asset already, the later
// row is refused (the skipped row keeps the stored asset to itself), and
// the refusal's advice holds: under suffix the row loads as "A~2", and
// again unchanged.
func TestRepeatedCodeAfterSkippedRow(t *testing.T) {
	const file = "AssetCode,PropertyName,GeoX,GeoY\nA,Land,,\nA,Building,-2,52\nB,Other,-2.1,52\n"
	db := mustOpen(t)
	seedPartner(t, db, "p", estate.KindDistrictCouncil)
	imp := func(mode estate.RepeatedCodes) (*estate.ImportReport, error) {
		rd, err := transparency.NewReader(strings.NewReader(file), transparency.Options{Partner: "p"})
		if err != nil {
			t.Fatal(err)
		}
		return imports(db).ImportAssets(adminCtx(), "p", mode.Items(rd.Items()), estate.ImportOptions{})
	}
	// New to the register, the rows load: nothing is stored as A yet.
	if rep, err := imp(estate.RepeatedRefuse); err != nil || rep.Inserted != 2 {
		t.Fatalf("new partner: %v %+v", err, rep)
	}
	if rep, err := imp(estate.RepeatedRefuse); err == nil || rep.Errors != 1 || !strings.Contains(rep.Rows[1].Reason, "--repeated-codes=suffix") {
		t.Errorf("refused: %v %+v", err, rep)
	}
	if rep, err := imp(estate.RepeatedSuffix); err != nil || rep.Inserted != 1 || rep.Unchanged != 1 || rep.Rows[1].AssetCode != "A~2" {
		t.Fatalf("suffix: %v %+v", err, rep)
	}
	if rep, err := imp(estate.RepeatedSuffix); err != nil || rep.Unchanged != 2 || rep.Skipped != 1 {
		t.Errorf("suffix again: %v %+v", err, rep)
	}
}
