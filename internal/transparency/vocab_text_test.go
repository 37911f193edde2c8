package transparency_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestTenureDetailText: free text in TenureDetail is kept as a note line
// without a warning, and gives the detail only when its words name
// exactly one; one of our words is the detail alone.
func TestTenureDetailText(t *testing.T) {
	for _, c := range []struct {
		cell   string
		detail estate.TenureDetail
		note   bool
	}{
		{"Leased Out", estate.DetailLeasedOut, false},
		{"Owner Occupied", estate.DetailOccupied, false},
		{"Leased to X Ltd until 2030", estate.DetailLeasedOut, true},
		{"Let to Worcester Rugby Club", estate.DetailLeasedOut, true},
		{"Vacant - awaiting disposal", estate.DetailVacant, true},
		{"Available to let", estate.DetailVacant, true},
		{"Not in use", estate.DetailVacant, true},
		{"Unoccupied since 2024", estate.DetailVacant, true},
		{"Occupied by Library Service", estate.DetailOccupied, true},
		{"In operational use", estate.DetailOccupied, true},
		{"Licence to Scouts", estate.DetailLicence, true},
		{"Ground leased to housing association", estate.DetailGroundLease, true},
		{"Leased from Diocese", estate.DetailLeasedIn, true},
		// Two details, or none clear: kept as text only.
		{"Part let, part vacant", "", true},
		{"Leased in 2010", "", true},
		{"Other", "", true},
		{"Community Asset Transfer", "", true},
	} {
		it := one(t, "AssetCode,PropertyName,TenureDetail,GeoX,GeoY\nA,X,\""+c.cell+"\",-2,52\n")
		if it.Asset == nil {
			t.Fatalf("%q: no asset: %v", c.cell, it.Err)
		}
		note := ""
		if c.note {
			note = "TenureDetail: " + c.cell
		}
		if it.Asset.TenureDetail != c.detail || it.Asset.Notes != note || len(it.Warnings) != 0 {
			t.Errorf("%q: detail %q, notes %q, warnings %q", c.cell, it.Asset.TenureDetail, it.Asset.Notes, it.Warnings)
		}
		// Text naming no detail leaves the field out: an update keeps
		// what officers set.
		if carried := it.Fields.Has("tenure_detail"); carried != (c.detail != "") {
			t.Errorf("%q: tenure_detail carried %v", c.cell, carried)
		}
	}
}

// TestHoldingTypeCategories: a council's HoldingType category becomes the
// use, giving the holding only where it is clear, without a warning; a
// row with a use of its own keeps it, and the category as a note line.
func TestHoldingTypeCategories(t *testing.T) {
	for _, c := range []struct {
		cell, use, wantUse string
		holding            estate.Holding
		notes              string
	}{
		{"Land/Buildings", "", "", estate.HoldingLandAndBuilding, ""},
		{"Car Parks", "", "Car Parks", "", ""},
		{"Car Park (surface)", "", "Car Park (surface)", estate.HoldingLand, ""},
		{"Multi-storey car park", "", "Multi-storey car park", estate.HoldingBuilding, ""},
		{"Commercial", "", "Commercial", "", ""},
		{"Depot", "", "Depot", estate.HoldingBuilding, ""},
		{"Library", "", "Library", estate.HoldingBuilding, ""},
		{"Offices", "", "Offices", estate.HoldingBuilding, ""},
		{"Parks and Open Spaces", "", "Parks and Open Spaces", estate.HoldingLand, ""},
		{"Community Centre", "", "Community Centre", estate.HoldingBuilding, ""},
		{"Farm", "", "Farm", "", ""},
		{"Farm land", "", "Farm land", estate.HoldingLand, ""},
		{"Allotments", "", "Allotments", estate.HoldingLand, ""},
		{"Cemetery", "", "Cemetery", estate.HoldingLand, ""},
		{"School", "", "School", estate.HoldingBuilding, ""},
		{"Industrial Unit", "", "Industrial Unit", estate.HoldingBuilding, ""},
		{"Shop", "", "Shop", estate.HoldingBuilding, ""},
		{"Public Conveniences", "", "Public Conveniences", estate.HoldingBuilding, ""},
		{"Housing", "", "Housing", "", ""},
		{"Library", "Library", "Library", estate.HoldingBuilding, ""},
		{"Library", "Museum", "Museum", estate.HoldingBuilding, "HoldingType: Library"},
		{"Other", "", "", "", "HoldingType: Other"},
		{"-", "", "", "", ""},
	} {
		it := one(t, "AssetCode,PropertyName,HoldingType,Use,GeoX,GeoY\nA,X,"+c.cell+","+c.use+",-2,52\n")
		if it.Asset == nil {
			t.Fatalf("%q: no asset: %v", c.cell, it.Err)
		}
		a := it.Asset
		if a.Use != c.wantUse || a.Holding != c.holding || a.Notes != c.notes || len(it.Warnings) != 0 {
			t.Errorf("%q (use %q): use %q, holding %q, notes %q, warnings %q", c.cell, c.use, a.Use, a.Holding, a.Notes, it.Warnings)
		}
		if carried := it.Fields.Has("holding"); carried != (c.holding != "") {
			t.Errorf("%q: holding carried %v", c.cell, carried)
		}
	}
	// Without a Use column, the category adds the use to what the row
	// carries; a holding of ours does not.
	if it := one(t, "AssetCode,PropertyName,HoldingType,GeoX,GeoY\nA,X,Car Parks,-2,52\n"); !it.Fields.Has("use") || it.Asset.Use != "Car Parks" {
		t.Errorf("category without a Use column: use %q, carried %v", it.Asset.Use, it.Fields.Has("use"))
	}
	if it := one(t, "AssetCode,PropertyName,HoldingType,GeoX,GeoY\nA,X,Land,-2,52\n"); it.Fields.Has("use") {
		t.Error("a holding of ours carries the use")
	}
}
