package estate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// ring builds a ring near Worcester from corners on a grid of about a
// metre (1e-5°), closing it.
func ring(xy ...int) estate.Ring {
	var r estate.Ring
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, estate.Point{Lon: -2.2 + float64(xy[i])*1e-5, Lat: 52.19 + float64(xy[i+1])*1e-5})
	}
	return append(r, r[0])
}

func poly(rings ...estate.Ring) estate.Polygon { return estate.Polygon(rings) }

func multi(polys ...estate.Polygon) estate.MultiPolygon { return estate.MultiPolygon(polys) }

var square = ring(0, 0, 10, 0, 10, 10, 0, 10)

func TestCheckFootprint(t *testing.T) {
	tests := []struct {
		name string
		fp   estate.MultiPolygon
		want string // a piece of the refusal; "" for valid
	}{
		{"square", multi(poly(square)), ""},
		{"clockwise", multi(poly(ring(0, 0, 0, 10, 10, 10, 10, 0))), ""},
		{"repeated corner", multi(poly(ring(0, 0, 10, 0, 10, 0, 10, 10, 0, 10))), ""},
		{"collinear corner", multi(poly(ring(0, 0, 5, 0, 10, 0, 10, 10, 0, 10))), ""},
		{"l shape", multi(poly(ring(0, 0, 20, 0, 20, 10, 10, 10, 10, 20, 0, 20))), ""},
		{"hole", multi(poly(square, ring(2, 2, 4, 2, 4, 4, 2, 4))), ""},
		{"two holes", multi(poly(square, ring(2, 2, 4, 2, 4, 4, 2, 4), ring(6, 6, 8, 6, 8, 8, 6, 8))), ""},
		{"hole touching the shell at a corner", multi(poly(square, ring(0, 0, 4, 2, 2, 4))), ""},
		{"hole touching the shell on an edge", multi(poly(square, ring(5, 0, 7, 3, 3, 3))), ""},
		{"holes touching at a point", multi(poly(square, ring(2, 2, 5, 5, 2, 5), ring(5, 5, 8, 5, 8, 8))), ""},
		{"three rings at one point", multi(poly(square, ring(0, 0, 4, 1, 4, 2), ring(0, 0, 2, 4, 1, 4))), ""},
		{"two buildings", multi(poly(square), poly(ring(20, 0, 30, 0, 30, 10, 20, 10))), ""},
		{"buildings touching at a corner", multi(poly(square), poly(ring(10, 10, 20, 10, 20, 20, 10, 20))), ""},
		{"island in a hole", multi(poly(ring(0, 0, 30, 0, 30, 30, 0, 30), ring(5, 5, 25, 5, 25, 25, 5, 25)),
			poly(ring(10, 10, 20, 10, 20, 20, 10, 20))), ""},
		{"island touching its lake", multi(poly(ring(0, 0, 30, 0, 30, 30, 0, 30), ring(5, 5, 25, 5, 25, 25, 5, 25)),
			poly(ring(5, 5, 20, 10, 20, 20, 10, 20))), ""},

		{"no rings", multi(poly()), "has no rings"},
		{"three positions", multi(poly(estate.Ring{square[0], square[1], square[0]})), "at least 4 positions"},
		{"open", multi(poly(square[:4])), "not closed"},
		{"out of range", multi(poly(estate.Ring{{Lon: 0, Lat: 0}, {Lon: 200, Lat: 0}, {Lon: 0, Lat: 1}, {Lon: 0, Lat: 0}})), "outside ±180/±90"},
		{"two corners", multi(poly(ring(0, 0, 10, 0, 10, 0, 0, 0))), "fewer than 3 distinct corners"},
		{"flat", multi(poly(ring(0, 0, 5, 0, 10, 0))), "doubles back"},
		{"spike", multi(poly(ring(0, 0, 10, 0, 10, 10, 10, 15, 10, 10, 0, 10))), "itself"},
		{"bow tie", multi(poly(ring(0, 0, 10, 10, 10, 0, 0, 10))), "crosses itself"},
		{"figure of eight at a corner", multi(poly(ring(0, 0, 10, 0, 5, 5, 10, 10, 0, 10, 5, 5))), "touches itself"},
		{"ring touching its own edge", multi(poly(ring(0, 0, 10, 0, 10, 10, 5, 0, 0, 10))), "touches itself"},
		{"edge along itself", multi(poly(ring(0, 0, 10, 0, 10, 10, 6, 10, 6, 0, 4, 0, 4, 10, 0, 10))), "crosses itself"},
		{"hole outside", multi(poly(square, ring(20, 20, 24, 20, 24, 24))), "not inside the polygon's outer ring"},
		{"hole crossing the shell", multi(poly(square, ring(5, 5, 15, 5, 15, 8, 5, 8))), "crosses"},
		{"hole sharing an edge", multi(poly(square, ring(0, 0, 5, 0, 5, 5, 0, 5))), "share an edge"},
		{"hole from a notch to the edge", multi(poly(ring(0, 0, 10, 0, 10, 10, 5, 5, 0, 10), ring(5, 5, 8, 2, 5, 0, 2, 2))), "cut in two"},
		{"hole out through the shell's corners", multi(poly(ring(0, 0, 10, 0, 10, 10, 7, 10, 5, 10, 0, 10),
			ring(5, 10, 6, 12, 7, 10, 6, 5))), "crosses"},
		{"hole in a hole", multi(poly(square, ring(1, 1, 9, 1, 9, 9, 1, 9), ring(3, 3, 6, 3, 6, 6))), "inside"},
		{"hole touching the shell twice", multi(poly(square, ring(0, 5, 5, 2, 10, 5, 5, 8))), "cut in two"},
		{"chain of holes across", multi(poly(square, ring(0, 5, 5, 5, 2, 7), ring(5, 5, 10, 5, 7, 7))), "cut in two"},
		{"overlapping buildings", multi(poly(square), poly(ring(5, 5, 15, 5, 15, 15, 5, 15))), "crosses"},
		{"building inside another", multi(poly(square), poly(ring(2, 2, 4, 2, 4, 4, 2, 4))), "overlap"},
		{"building around another", multi(poly(ring(2, 2, 4, 2, 4, 4, 2, 4)), poly(square)), "overlap"},
		{"buildings sharing a wall", multi(poly(square), poly(ring(10, 0, 20, 0, 20, 10, 10, 10))), "share an edge"},
		{"duplicate building", multi(poly(square), poly(square)), "share an edge"},
		{"inscribed triangle", multi(poly(square), poly(ring(5, 0, 10, 5, 0, 5))), "overlap"},
		{"buildings crossing at corners", multi(poly(ring(0, 5, 5, 0, 10, 5, 5, 10)), poly(ring(0, 5, 5, 3, 10, 5, 5, -5))), "crosses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := estate.CheckFootprint(tt.fp)
			switch {
			case tt.want == "" && got != "":
				t.Errorf("refused: %s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("got %q, want it to say %q", got, tt.want)
			}
		})
	}
}

func TestCheckFootprintCapsPositions(t *testing.T) {
	big := estate.Ring{}
	for i := range estate.MaxFootprintPositions {
		big = append(big, estate.Point{Lon: -2 + float64(i)*1e-6, Lat: 52 + float64(i%2)*1e-6})
	}
	big = append(big, big[0])
	if got := estate.CheckFootprint(multi(poly(big))); !strings.Contains(got, "more than") {
		t.Errorf("got %q", got)
	}
}

// BenchmarkCheckFootprint times a building's outline, and the worst a
// footprint at the cap can ask for: a comb whose every edge spans its
// whole width, so the sweep compares nearly every pair of edges.
func BenchmarkCheckFootprint(b *testing.B) {
	var building estate.Ring
	for i := range 24 {
		a := 2 * math.Pi * float64(i) / 24
		building = append(building, estate.Point{Lon: -2.2 + 2e-4*math.Cos(a), Lat: 52.19 + 1.2e-4*math.Sin(a)})
	}
	building = append(building, building[0])
	var comb estate.Ring
	for i := range (estate.MaxFootprintPositions - 3) / 2 {
		y := 52 + float64(i)*1e-5
		comb = append(comb, estate.Point{Lon: -2, Lat: y}, estate.Point{Lon: -1.9, Lat: y + 0.5e-5})
	}
	comb = append(comb, estate.Point{Lon: -2.1, Lat: 52.2}, estate.Point{Lon: -2.1, Lat: 51.9}, comb[0])
	for _, bm := range []struct {
		name string
		ring estate.Ring
	}{{"building", building}, {"comb-at-cap", comb}} {
		fp := multi(poly(bm.ring))
		if msg := estate.CheckFootprint(fp); msg != "" {
			b.Fatal(msg)
		}
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				estate.CheckFootprint(fp)
			}
		})
	}
}
