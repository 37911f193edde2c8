package geojsonenc

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"

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

// AppendFloat writes a number as encoding/json does: plain decimals for
// everyday magnitudes, exponent form for the very large and very small.
// NaN and infinities, which JSON lacks, become null.
func AppendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		return strconv.AppendFloat(b, f, 'e', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendTime writes an RFC 3339 time as a JSON string, as time.Time's
// MarshalJSON does.
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// AppendString writes s as a JSON string, escaping as encoding/json does
// (HTML-sensitive characters and the JavaScript line separators too, so
// the output is safe to embed), and replacing invalid UTF-8.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
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
