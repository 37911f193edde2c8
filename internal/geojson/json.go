package geojson

import (
	"math"
	"strconv"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// The JSON building blocks of the encoder. Each appends
// to a caller's buffer so a page of features reuses one buffer and
// allocates nothing per feature; encoding/json would reflect over a struct
// (or worse, a map) for every feature.

// AppendCoord writes a longitude or latitude rounded to the register's
// precision, estate.CoordScale (7 decimals, as RFC 7946 suggests, so an
// export imports back unchanged), with trailing zeros dropped, through
// integer arithmetic so it is both exact and cheaper than formatting a
// float. The seven-digit fraction below assumes that scale.
func AppendCoord(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0') // never stored; keeps the output valid JSON
	}
	n := int64(math.Round(v * estate.CoordScale))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/estate.CoordScale, 10)
	frac := n % estate.CoordScale
	if frac == 0 {
		return b
	}
	var digits [7]byte
	for i := 6; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	end := 7
	for digits[end-1] == '0' {
		end--
	}
	b = append(b, '.')
	return append(b, digits[:end]...)
}

// appendPosition writes [lon,lat].
func appendPosition(b []byte, lon, lat float64) []byte {
	b = append(b, '[')
	b = AppendCoord(b, lon)
	b = append(b, ',')
	b = AppendCoord(b, lat)
	return append(b, ']')
}

// appendTime writes an RFC 3339 time as a JSON string, as time.Time's
// MarshalJSON does.
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendKey writes ,"name": (or "name": first in an object).
func appendKey(b []byte, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}
