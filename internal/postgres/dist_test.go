package postgres

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// pt_distance, the near/within test in SQL, agrees with estate.Distance,
// sqlite's, to far below a millimetre.
func TestDistanceMatchesGo(t *testing.T) {
	db, _ := mustOpen(t)
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		a := estate.Point{Lon: -6 + 8*r.Float64(), Lat: 50 + 8*r.Float64()}
		b := estate.Point{Lon: a.Lon + r.Float64()*0.5, Lat: a.Lat + r.Float64()*0.5}
		var got float64
		if err := db.pool.QueryRow(context.Background(), `SELECT pt_distance($1, $2, $3, $4)`, a.Lon, a.Lat, b.Lon, b.Lat).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := estate.Distance(a, b); math.Abs(got-want) > 1e-9*want {
			t.Fatalf("pt_distance(%v, %v) = %v, estate.Distance %v", a, b, got, want)
		}
	}
}
