package sqlite

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/placetrust/placetrust/internal/estate"
)

// encodeChanges writes audit changes as JSON, as json.Marshal would (the
// history reader decodes either the same way), without reflection: an
// import writes one event per asset, and reflection made encoding the
// largest cost after SQLite itself. omitNull leaves out "before": null,
// which decodes the same: a new asset's changes are a third smaller,
// and each byte of an audit row costs time to write.
func encodeChanges(cs []estate.Change, omitNull bool) (string, error) {
	b := make([]byte, 0, 64*len(cs))
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = appendJSONString(b, c.Field)
		var err error
		if c.Before != nil || !omitNull {
			b = append(b, `,"before":`...)
			if b, err = appendJSONValue(b, c.Before); err != nil {
				return "", err
			}
		}
		b = append(b, `,"after":`...)
		if b, err = appendJSONValue(b, c.After); err != nil {
			return "", err
		}
		b = append(b, '}')
	}
	return string(append(b, ']')), nil
}

func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, t), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	case int64:
		return strconv.AppendInt(b, t, 10), nil
	case float64:
		return appendJSONFloat(b, t)
	case []float64:
		b = append(b, '[')
		for i, f := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSONFloat(b, f); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	// Footprints, occupiers and tags: rare in imports, left to the
	// standard encoder.
	j, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit: %w", err)
	}
	return append(b, j...), nil
}

// appendJSONFloat writes f as encoding/json does: the shortest text that
// reads back as the same float64.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("sqlite: audit: unsupported value %v", f)
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		return strconv.AppendFloat(b, f, 'e', -1, 64), nil
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), nil
}

// appendJSONString quotes s for JSON, replacing invalid UTF-8 with U+FFFD
// as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
