package estate_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func ptr[T any](v T) *T { return &v }

func valid() *estate.Asset {
	return &estate.Asset{Partner: "county", AssetCode: "C1", Name: "County Hall", Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.1795, Lat: 52.1936}, Tenure: estate.TenureFreehold, GIAM2: ptr(1200.0),
		UtilisationPct: ptr(60.0), MarketValueGBP: ptr[int64](4_000_000), RAG: estate.RAGUnrated, Postcode: "WR5 2NP"}
}

func TestAssetValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(a *estate.Asset)
		field string // "" for valid
	}{
		{"valid", func(a *estate.Asset) {}, ""},
		{"outward postcode", func(a *estate.Asset) { a.Postcode = "M31" }, ""},
		{"uprn with zeros", func(a *estate.Asset) { a.UPRN = "000012345678" }, ""},
		{"channel islands", func(a *estate.Asset) { a.Location = estate.Point{Lon: -2.53, Lat: 49.45} }, ""},
		{"no partner", func(a *estate.Asset) { a.Partner = "" }, "partner"},
		{"no code", func(a *estate.Asset) { a.AssetCode = "" }, "asset_code"},
		{"long name", func(a *estate.Asset) { a.Name = strings.Repeat("é", 301) }, "name"},
		{"name of 300 characters", func(a *estate.Asset) { a.Name = strings.Repeat("é", 300) }, ""},
		{"uprn too long", func(a *estate.Asset) { a.UPRN = "1234567890123" }, "uprn"},
		{"uprn letters", func(a *estate.Asset) { a.UPRN = "12a" }, "uprn"},
		{"holding", func(a *estate.Asset) { a.Holding = "castle" }, "holding"},
		{"lon range", func(a *estate.Asset) { a.Location.Lon = -180.5 }, "geometry.coordinates"},
		{"lat range", func(a *estate.Asset) { a.Location.Lat = 90.1 }, "geometry.coordinates"},
		{"nan", func(a *estate.Asset) { a.Location.Lat = math.NaN() }, "geometry.coordinates"},
		{"null island", func(a *estate.Asset) { a.Location = estate.Point{} }, "geometry.coordinates"},
		{"swapped", func(a *estate.Asset) { a.Location = estate.Point{Lon: 52.19, Lat: -2.18} }, "geometry.coordinates"},
		{"abroad is fine", func(a *estate.Asset) { a.Location = estate.Point{Lon: 2.35, Lat: 48.85} }, ""},
		{"negative gia", func(a *estate.Asset) { a.GIAM2 = ptr(-1.0) }, "gia_m2"},
		{"utilisation", func(a *estate.Asset) { a.UtilisationPct = ptr(100.5) }, "utilisation_pct"},
		{"negative money", func(a *estate.Asset) { a.BookValueGBP = ptr[int64](-1) }, "book_value_gbp"},
		{"date", func(a *estate.Asset) { a.LeaseBreak = "2030-02-30" }, "lease_break"},
		{"condition", func(a *estate.Asset) { a.Condition = "E" }, "condition"},
		{"energy", func(a *estate.Asset) { a.EnergyRating = "H" }, "energy_rating"},
		{"listed", func(a *estate.Asset) { a.Listed = "III" }, "listed"},
		{"rag", func(a *estate.Asset) { a.RAG = "blue" }, "rag"},
		{"tag", func(a *estate.Asset) { a.Tags = []string{"Hub Candidate"} }, "tags"},
		{"break before expiry", func(a *estate.Asset) { a.LeaseBreak, a.LeaseExpiry = "2029-03-31", "2034-03-31" }, ""},
		{"break on expiry", func(a *estate.Asset) { a.LeaseBreak, a.LeaseExpiry = "2034-03-31", "2034-03-31" }, ""},
		{"break without expiry", func(a *estate.Asset) { a.LeaseBreak = "2034-03-31" }, ""},
		{"break after expiry", func(a *estate.Asset) { a.LeaseBreak, a.LeaseExpiry = "2034-04-01", "2034-03-31" }, "lease_break"},
		{"occupiers within gia", func(a *estate.Asset) {
			a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(700.1)}, {Partner: "nhs", AreaM2: ptr(499.9)}, {Partner: "fire"}}
		}, ""},
		{"occupiers above gia", func(a *estate.Asset) {
			a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(700.0)}, {Partner: "nhs", AreaM2: ptr(500.5)}}
		}, "occupiers"},
		{"occupiers without gia", func(a *estate.Asset) {
			a.GIAM2 = nil
			a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(7000.0)}}
		}, ""},
		{"self-intersecting footprint", func(a *estate.Asset) {
			a.Footprint = estate.MultiPolygon{{{{Lon: -2.18, Lat: 52.19}, {Lon: -2.17, Lat: 52.2}, {Lon: -2.17, Lat: 52.19}, {Lon: -2.18, Lat: 52.2}, {Lon: -2.18, Lat: 52.19}}}}
		}, "footprint"},
		{"occupier twice", func(a *estate.Asset) {
			a.Occupiers = []estate.Occupier{{Partner: "police"}, {Partner: "police"}}
		}, "occupiers"},
		{"open ring", func(a *estate.Asset) {
			a.Footprint = estate.MultiPolygon{{{{Lon: 0, Lat: 51}, {Lon: 1, Lat: 51}, {Lon: 1, Lat: 52}, {Lon: 0, Lat: 52}}}}
		}, "footprint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.edit(a)
			a.Normalize()
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if estate.ErrorCode(err) != estate.EINVALID {
				t.Fatalf("err %v, want invalid", err)
			}
			fields := estate.ErrorFields(err)
			if len(fields) == 0 || fields[0].Field != tt.field {
				t.Errorf("fields %+v, want %s", fields, tt.field)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	a := valid()
	a.Tags = []string{" Surplus", "vacant", "surplus", ""}
	a.Postcode = " wr5 2np "
	a.RAG = ""
	a.Normalize()
	if !reflect.DeepEqual(a.Tags, []string{"surplus", "vacant"}) || a.Postcode != "WR5 2NP" || a.RAG != estate.RAGUnrated {
		t.Errorf("normalized to %q %q %q", a.Tags, a.Postcode, a.RAG)
	}
	if err := a.Validate(); err != nil {
		t.Error(err)
	}
}

func TestCloneSharesNothing(t *testing.T) {
	a := valid()
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(10.0)}}
	a.Tags = []string{"hub"}
	c := a.Clone()
	*c.GIAM2 = 1
	*c.MarketValueGBP = 1
	*c.Occupiers[0].AreaM2 = 1
	c.Tags[0] = "changed"
	if *a.GIAM2 != 1200 || *a.MarketValueGBP != 4_000_000 || *a.Occupiers[0].AreaM2 != 10 || a.Tags[0] != "hub" {
		t.Error("changing the clone changed the original")
	}
	if d := estate.Diff(a, c); len(d) != 4 {
		t.Errorf("diff of clone %+v", d)
	}
}

func TestDiff(t *testing.T) {
	a := valid()
	b := a.Clone()
	b.Name = "Renamed"
	b.GIAM2 = nil
	b.Tags = []string{"surplus"}
	got := estate.Diff(a, b)
	want := []estate.Change{
		{Field: "name", Before: "County Hall", After: "Renamed"},
		{Field: "gia_m2", Before: 1200.0, After: nil},
		{Field: "tags", Before: nil, After: []string{"surplus"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff\n got %+v\nwant %+v", got, want)
	}
	if d := estate.Diff(a, a.Clone()); len(d) != 0 {
		t.Errorf("diff of equal assets %+v", d)
	}
	created := estate.Diff(nil, a)
	for _, c := range created {
		if c.Before != nil || c.After == nil {
			t.Errorf("creation change %+v", c)
		}
	}
	if len(estate.Diff(a, nil)) != len(created) {
		t.Error("deletion and creation diffs differ in size")
	}
}

func TestRAGUpdateValidate(t *testing.T) {
	for _, tt := range []struct {
		u  estate.RAGUpdate
		ok bool
	}{
		{estate.RAGUpdate{Rating: estate.RAGRed, Rationale: "Crematorium"}, true},
		{estate.RAGUpdate{Rating: estate.RAGUnrated}, true},
		{estate.RAGUpdate{Rating: estate.RAGGreen}, false},
		{estate.RAGUpdate{Rating: "pink", Rationale: "x"}, false},
	} {
		if err := tt.u.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.u, err)
		}
	}
}

func TestActorPermissions(t *testing.T) {
	editor := estate.Actor{Name: "e", Role: estate.RoleEditor, Partner: "county"}
	viewer := estate.Actor{Name: "v", Role: estate.RoleViewer, Partner: "county"}
	admin := estate.Actor{Name: "a", Role: estate.RoleAdmin}
	for _, tt := range []struct {
		name string
		got  bool
		want bool
	}{
		{"editor edits own", editor.CanEdit("county"), true},
		{"editor edits other", editor.CanEdit("police"), false},
		{"viewer edits own", viewer.CanEdit("county"), false},
		{"admin edits any", admin.CanEdit("police"), true},
		{"anonymous edits", estate.Anonymous.CanEdit(""), false},
		{"viewer sees own sensitive", viewer.CanSeeSensitive("county"), true},
		{"viewer sees other sensitive", viewer.CanSeeSensitive("police"), false},
		{"anonymous sees sensitive", estate.Anonymous.CanSeeSensitive(""), false},
		{"anonymous sees money", estate.Anonymous.SeesMoney(), false},
		{"viewer sees money", viewer.SeesMoney(), true},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %v", tt.name, tt.got)
		}
	}
	a := valid()
	a.RedactFor(estate.Anonymous)
	if a.MarketValueGBP != nil || a.GIAM2 == nil {
		t.Error("redaction for the public")
	}
}
