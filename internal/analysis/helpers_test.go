package analysis

import (
	"math"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// worcester is where the hand-worked estates stand.
var worcester = estate.Point{Lon: -2.22, Lat: 52.19}

// north returns the point metres due north of p, near enough for layouts;
// tests that need an exact distance measure it with estate.Distance.
func north(p estate.Point, metres float64) estate.Point {
	return estate.Point{Lon: p.Lon, Lat: p.Lat + metres/estate.EarthRadiusM*180/math.Pi}
}

func east(p estate.Point, metres float64) estate.Point {
	return estate.Point{Lon: p.Lon + metres/estate.EarthRadiusM*180/math.Pi/math.Cos(p.Lat*math.Pi/180), Lat: p.Lat}
}

func f64p(v float64) *float64 { return &v }
func i64p(v int64) *int64     { return &v }

// building returns a freehold, occupied building; opts adjust it.
func building(id int64, partner string, rag estate.RAG, at estate.Point, gia, utilPct float64, opts ...func(*estate.Asset)) *estate.Asset {
	a := &estate.Asset{ID: id, Partner: partner, Name: "asset", RAG: rag, Location: at,
		Holding: estate.HoldingBuilding, Tenure: estate.TenureFreehold, TenureDetail: estate.DetailOccupied,
		GIAM2: f64p(gia), UtilisationPct: f64p(utilPct)}
	for _, o := range opts {
		o(a)
	}
	return a
}

func value(gbp int64) func(*estate.Asset) {
	return func(a *estate.Asset) { a.MarketValueGBP = i64p(gbp) }
}

func running(gbp int64) func(*estate.Asset) {
	return func(a *estate.Asset) { a.RunningCostGBPPA = i64p(gbp) }
}

func leasedIn(rent int64) func(*estate.Asset) {
	return func(a *estate.Asset) {
		a.Tenure, a.TenureDetail, a.AnnualRentGBP = estate.TenureLeasehold, estate.DetailLeasedIn, i64p(rent)
	}
}

// wantInvalid checks err is EINVALID and names exactly the fields given.
func wantInvalid(t *testing.T, err error, fields ...string) {
	t.Helper()
	if estate.ErrorCode(err) != estate.EINVALID {
		t.Fatalf("error %v: want code %s", err, estate.EINVALID)
	}
	var got []string
	for _, f := range estate.ErrorFields(err) {
		got = append(got, f.Field)
	}
	slices.Sort(got)
	got = slices.Compact(got)
	want := slices.Clone(fields)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("fields at fault = %v, want %v (%v)", got, want, err)
	}
}

// Match reports whether the analyses count a (see Matcher).
func Match(f estate.Selection, a *estate.Asset) bool { return newMatcher(f).match(copiedOne(a)) }

// copied returns assets as the register's copy holds them, as an admin
// sees them: what every analysis reads.
func copied(assets []*estate.Asset) register.Assets {
	s, err := register.FromAssets(1, assets)
	if err != nil {
		panic(err)
	}
	return s.For(estate.Actor{Role: estate.RoleAdmin})
}

// copiedOne returns a as the copy holds it.
func copiedOne(a *estate.Asset) *register.Asset {
	r := register.From(a)
	return &r
}
