package sqlite

import (
	"database/sql/driver"
	"fmt"
	"sync"

	"modernc.org/sqlite"

	"github.com/placetrust/placetrust/internal/estate"
)

// The driver keeps functions globally and refuses a second registration.
var registerOnce sync.Once

// registerFunctions adds pt_distance(lon1, lat1, lon2, lat2), great-circle
// metres, so near/within filters are exact inside SQL and LIMIT stays right.
func registerFunctions() {
	registerOnce.Do(func() {
		sqlite.MustRegisterDeterministicScalarFunction("pt_distance", 4, distanceFunc)
	})
}

func distanceFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	var v [4]float64
	for i, a := range args {
		switch t := a.(type) {
		case float64:
			v[i] = t
		case int64:
			v[i] = float64(t)
		default:
			return nil, fmt.Errorf("pt_distance: argument %d is %T, not a number", i+1, a)
		}
	}
	return estate.Distance(estate.Point{Lon: v[0], Lat: v[1]}, estate.Point{Lon: v[2], Lat: v[3]}), nil
}
