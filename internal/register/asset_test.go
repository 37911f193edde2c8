package register

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// derived are the copy's fields that hold less than the feed's field of
// the name given: what the analyses read of it.
var derived = map[string]string{"HasRationale": "RAGRationale"}

// TestFromKeepsFeedFields: the copy holds every field the feed carries
// (estate.FeedFields) and no other, under the same name (or the one in
// derived), and From copies each of an asset with every field set, so a
// field added to the feed but not to the copy, or read by an analysis but
// not fed, fails here rather than reading as zero.
func TestFromKeepsFeedFields(t *testing.T) {
	typ := reflect.TypeFor[Asset]()
	var held []string
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if name == "Row" {
			continue
		}
		if d, ok := derived[name]; ok {
			name = d
		}
		held = append(held, name)
	}
	if !slices.Equal(slices.Sorted(slices.Values(held)), slices.Sorted(slices.Values(estate.FeedFields))) {
		t.Fatalf("the copy holds %v, the feed carries %v", held, estate.FeedFields)
	}

	at := time.Date(2026, 3, 1, 9, 30, 0, 123, time.UTC)
	stageAt := time.Date(2025, 11, 4, 10, 0, 0, 456, time.UTC)
	a := &estate.Asset{ID: 7, Partner: "county", AssetCode: "C-7", UPRN: "000100", Name: "Hall", StreetName: "High St",
		Town: "Worcester", Postcode: "WR1 1AA", Use: "Library", Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.2, Lat: 52.19}, Tenure: estate.TenureLeasehold, TenureDetail: estate.DetailLeasedIn,
		AnnualRentGBP: ptr[int64](1), GIAM2: ptr(2.5), UtilisationPct: ptr(3.5), MarketValueGBP: ptr[int64](4),
		RunningCostGBPPA: ptr[int64](5), RAG: estate.RAGAmber, RAGRationale: " why ", RAGSetAt: &at,
		Tags: []string{"x", "y"}, Sensitive: true, DisposalStage: estate.StageSold, DisposalStageAt: &stageAt,
		DisposalTarget: "1969-12-31", ReceiptGBP: ptr[int64](6), ReceiptDate: "2026-03-31", SurplusValueGBP: ptr[int64](7)}
	src := reflect.ValueOf(a).Elem()
	for _, name := range estate.FeedFields {
		if src.FieldByName(name).IsZero() {
			t.Fatalf("%s is not set: the test cannot tell whether From copies it", name)
		}
	}
	got := From(a)
	want := Asset{ID: 7, Partner: "county", AssetCode: "C-7", UPRN: "000100", Name: "Hall", StreetName: "High St",
		Town: "Worcester", Postcode: "WR1 1AA", Use: "Library", Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.2, Lat: 52.19}, Tenure: estate.TenureLeasehold, TenureDetail: estate.DetailLeasedIn,
		AnnualRentGBP: Known[int64]{1, true}, GIAM2: Known[float64]{2.5, true}, UtilisationPct: Known[float64]{3.5, true},
		MarketValueGBP: Known[int64]{4, true}, RunningCostGBPPA: Known[int64]{5, true}, RAG: estate.RAGAmber,
		HasRationale: true, RAGSetAt: at, Tags: []string{"x", "y"}, Sensitive: true,
		DisposalStage: estate.StageSold, DisposalStageAt: stageAt, DisposalTarget: "1969-12-31",
		ReceiptGBP: Known[int64]{6, true}, ReceiptDate: "2026-03-31", SurplusValueGBP: Known[int64]{7, true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("From gives\n%+v, want\n%+v", got, want)
	}
	// Held in the columns and read back, it is the same.
	s, err := FromAssets(1, []*estate.Asset{{ID: 1}, a})
	if err != nil {
		t.Fatal(err)
	}
	var back Asset
	s.Read(1, &back)
	want.Row = 1
	if !reflect.DeepEqual(back, want) {
		t.Errorf("read back\n%+v, want\n%+v", back, want)
	}
	// Unknown figures stay unknown, blank rationales are none.
	s.Read(0, &back)
	if back.AnnualRentGBP.OK || back.GIAM2.OK || back.HasRationale || !back.RAGSetAt.IsZero() || back.Name != "" {
		t.Errorf("an empty asset reads %+v", back)
	}
	// Out of any programme, its stage reads none, and nothing else is known.
	if back.DisposalStage != estate.StageNone || !back.DisposalStageAt.IsZero() || back.DisposalTarget != "" ||
		back.ReceiptGBP.OK || back.ReceiptDate != "" || back.SurplusValueGBP.OK || s.DisposalStage(0) != estate.StageNone {
		t.Errorf("an asset in no programme reads %+v", back)
	}
	if s.DisposalStage(1) != estate.StageSold {
		t.Errorf("row 1's stage reads %s", s.DisposalStage(1))
	}
}

func ptr[T any](v T) *T { return &v }

// TestVisibility: a viewer's assets leave out other partners' sensitive
// ones, as they are read and in a bbox's rows.
func TestVisibility(t *testing.T) {
	at := func(lon float64) estate.Point { return estate.Point{Lon: lon, Lat: 52} }
	s, err := FromAssets(1, []*estate.Asset{
		{ID: 3, Partner: "police", Sensitive: true, Location: at(1)},
		{ID: 1, Partner: "county", Location: at(1)},
		{ID: 2, Partner: "county", Sensitive: true, Location: at(2)},
	})
	if err != nil {
		t.Fatal(err)
	}
	box := &estate.BBox{MinLon: 0, MinLat: 51, MaxLon: 1.5, MaxLat: 53}
	for _, c := range []struct {
		actor   estate.Actor
		all, in []int64
	}{
		{estate.Actor{Role: estate.RoleAdmin}, []int64{1, 2, 3}, []int64{1, 3}},
		{estate.Anonymous, []int64{1}, []int64{1}},
		{estate.Actor{Role: estate.RoleViewer, Partner: "police"}, []int64{1, 3}, []int64{1, 3}},
		{estate.Actor{Role: estate.RoleEditor, Partner: "county"}, []int64{1, 2}, []int64{1}},
	} {
		as := s.For(c.actor)
		var all, in, whole []int64
		for a := range as.All() {
			all = append(all, a.ID)
		}
		for r, rows := range []Rows{as.In(box), as.In(nil)} {
			for a := range rows.All() {
				if r == 0 {
					in = append(in, a.ID)
				} else {
					whole = append(whole, a.ID)
				}
			}
		}
		if !slices.Equal(all, c.all) || !slices.Equal(in, c.in) || !slices.Equal(whole, c.all) {
			t.Errorf("%+v sees %v, %v in the box, %v as rows; want %v and %v", c.actor, all, in, whole, c.all, c.in)
		}
	}
}
