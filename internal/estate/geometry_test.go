package estate_test

import (
	"math"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestDistance(t *testing.T) {
	// Worcester Guildhall to Evesham town hall: about 21.6 km.
	d := estate.Distance(estate.Point{Lon: -2.2197, Lat: 52.1923}, estate.Point{Lon: -1.9470, Lat: 52.0925})
	if math.Abs(d-21600) > 800 {
		t.Errorf("Worcester-Evesham %.0f m", d)
	}
	// One degree of latitude is about 111.2 km.
	if d := estate.Distance(estate.Point{Lon: 0, Lat: 52}, estate.Point{Lon: 0, Lat: 53}); math.Abs(d-111195) > 5 {
		t.Errorf("one degree %.1f m", d)
	}
	if d := estate.Distance(estate.Point{Lon: 1, Lat: 2}, estate.Point{Lon: 1, Lat: 2}); d != 0 {
		t.Errorf("zero distance %v", d)
	}
}

// TestAroundBBoxHoldsTheCircle checks points at the radius in every
// direction fall inside the search box, so no asset at the limit is lost.
func TestAroundBBoxHoldsTheCircle(t *testing.T) {
	for _, lat := range []float64{0, 50, 52.2, 60, 70} {
		c := estate.Point{Lon: -2, Lat: lat}
		for _, r := range []float64{10, 400, 5000, 100000} {
			b := estate.AroundBBox(c, r)
			for deg := 0.0; deg < 360; deg += 7.5 {
				p := destination(c, r, deg)
				if !b.Contains(p) {
					t.Errorf("lat %v radius %v bearing %v: %+v outside %+v", lat, r, deg, p, b)
				}
			}
		}
	}
}

// destination walks metres from p on a bearing along a great circle.
func destination(p estate.Point, metres, bearingDeg float64) estate.Point {
	const rad = math.Pi / 180
	δ := metres / estate.EarthRadiusM
	θ := bearingDeg * rad
	φ1, λ1 := p.Lat*rad, p.Lon*rad
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ))
	λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	return estate.Point{Lon: λ2 / rad, Lat: φ2 / rad}
}

func TestLooksSwapped(t *testing.T) {
	for _, tt := range []struct {
		p    estate.Point
		want bool
	}{
		{estate.Point{Lon: -2.2, Lat: 52.2}, false},
		{estate.Point{Lon: 52.2, Lat: -2.2}, true},
		{estate.Point{Lon: 53.39, Lat: -2.35}, true},
		{estate.Point{Lon: 2.35, Lat: 48.85}, false},
	} {
		if got := estate.LooksSwapped(tt.p); got != tt.want {
			t.Errorf("%+v: %v", tt.p, got)
		}
	}
}

func TestBBoxValidate(t *testing.T) {
	for _, tt := range []struct {
		b  estate.BBox
		ok bool
	}{
		{estate.BBox{MinLon: -3, MinLat: 51, MaxLon: -1, MaxLat: 53}, true},
		{estate.BBox{MinLon: -1, MinLat: 51, MaxLon: -3, MaxLat: 53}, false},
		{estate.BBox{MinLon: -181, MinLat: 51, MaxLon: -1, MaxLat: 53}, false},
		{estate.BBox{MinLon: math.NaN(), MinLat: 51, MaxLon: -1, MaxLat: 53}, false},
	} {
		if err := tt.b.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.b, err)
		}
	}
}
