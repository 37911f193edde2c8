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
// metres, so near/within filters are exact inside SQL and LIMIT stays right;
// and pt_search_text(name, street_name, town, postcode, use, asset_code),
// estate.Asset.SearchText, so a migration can fill search_text as the
// store writes it; and those a Cond compiles to (functions_cond.go).
func registerFunctions() {
	registerOnce.Do(func() {
		sqlite.MustRegisterDeterministicScalarFunction("pt_distance", 4, distanceFunc)
		sqlite.MustRegisterDeterministicScalarFunction("pt_search_text", 6, searchTextFunc)
		sqlite.MustRegisterDeterministicScalarFunction("pt_time_key", 1, timeKeyFunc)     // functions_cond.go
		sqlite.MustRegisterDeterministicScalarFunction("pt_in_polygon", 4, inPolygonFunc) // functions_cond.go
	})
}

func searchTextFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	var v [6]string
	for i, a := range args {
		switch t := a.(type) {
		case string:
			v[i] = t
		case []byte:
			v[i] = string(t)
		case nil:
		default:
			return nil, fmt.Errorf("pt_search_text: argument %d is %T, not text", i+1, a)
		}
	}
	a := estate.Asset{Name: v[0], StreetName: v[1], Town: v[2], Postcode: v[3], Use: v[4], AssetCode: v[5]}
	return a.SearchText(), nil
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
