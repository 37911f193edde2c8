package httpapi

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// checkParams refuses query parameters the route does not know, so a
// misspelt filter fails loudly instead of silently matching everything.
func checkParams(q url.Values, known ...string) error {
	for k := range q {
		found := false
		for _, n := range known {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			return invalid(k, "is not a parameter of this route (known: "+strings.Join(known, ", ")+")")
		}
	}
	return nil
}

// checkSingle refuses a parameter given more than once, except the lists
// named, which take repeated values (partner=a&partner=b).
func checkSingle(q url.Values, lists ...string) error {
	for k, vs := range q {
		if len(vs) > 1 && !slices.Contains(lists, k) {
			return invalid(k, "is given more than once: give one value")
		}
	}
	return nil
}

// parseLimit parses a page size between 1 and max.
func parseLimit(s string, max int) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, invalid("limit", "must be a whole number from 1 to "+strconv.Itoa(max))
	}
	return n, nil
}

// Cursors are opaque to clients: today an encoded id, tomorrow anything.
func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), "id:"); ok {
			if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id > 0 {
				return id, nil
			}
		}
	}
	return 0, invalid("cursor", "is not a cursor this server gave: follow the next link")
}
