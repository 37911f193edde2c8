package transparency

import (
	"strings"
)

// How a column came to be read, as the import report says it.
const (
	howMatched = "matched" // the Code's own name, or the register's export name
	howSynonym = "synonym" // a name estates teams use for the same thing (names.go)
	howHeading = "heading" // one heading spread over several columns
	howMapped  = "mapped"  // a mapping given with the import
	howPreset  = "preset"  // a preset, given or recognised from the header
	howIgnored = "ignored" // known, and deliberately not read
	howUnread  = "not_read"
)

// colMatch is what a header cell means.
type colMatch struct {
	t    target // "" when unknown
	how  string
	norm string // the normalised name that matched
	unit string // an area unit the header names, for area columns
}

func (m colMatch) known() bool { return m.t != "" }

// matchName finds what a header cell means. Published headers carry more
// than a name: a unit ("Site area (acres)"), what the values really are
// ("Unique asset identity (OSAPR)"), a second line for whoever keeps the
// column ("UPRN\nDave Arthur"). The whole name is tried first, then the
// name without its unit, its bracketed part, and each line alone.
func matchName(text string) colMatch {
	text = strings.ReplaceAll(text, "²", "2") // m², ft²: normName drops superscripts
	if m := lookupName(normName(text)); m.known() {
		return m
	}
	if open := strings.IndexByte(text, '('); open >= 0 {
		inner, outer := text[open+1:], text[:open]
		if end := strings.IndexByte(inner, ')'); end >= 0 {
			outer += " " + inner[end+1:]
			inner = inner[:end]
		}
		// A bracket naming an identifier says what the values are.
		if m := lookupName(normName(inner)); m.known() && (m.t == tIgnore || m.t == "uprn") {
			return m
		}
		if m := matchName(outer); m.known() {
			if u := unitOf(normName(inner)); u != "" && m.unit == "" {
				m.unit = u
			}
			return m
		}
	}
	if lines := splitLines(text); len(lines) > 1 {
		for _, l := range lines {
			if m := matchName(l); m.known() {
				if m.unit == "" {
					for _, other := range lines {
						if u := unitOf(normName(other)); u != "" {
							m.unit = u
							break
						}
					}
				}
				return m
			}
		}
	}
	return colMatch{}
}

// lookupName looks a normalised name up in the Code's names, then the
// dictionary, then with a unit or an "of the site" left off.
func lookupName(n string) colMatch {
	if n == "" {
		return colMatch{}
	}
	if t, ok := headerTargets[n]; ok {
		return colMatch{t: t, how: howMatched, norm: n}
	}
	if t, ok := commonNames[n]; ok {
		return colMatch{t: t, how: howSynonym, norm: n}
	}
	for _, u := range unitSuffixes {
		if rest, ok := strings.CutSuffix(n, u.suffix); ok && rest != "" {
			if m := lookupName(rest); m.known() {
				m.unit, m.how = u.unit, howSynonym
				return m
			}
		}
	}
	// "Site postcode", "Postcode of premises": a field word with the
	// thing it belongs to before or after it.
	for _, e := range entityWords {
		if rest, ok := strings.CutPrefix(n, e); ok && fieldWords[rest] {
			return colMatch{t: lookupName(rest).t, how: howSynonym, norm: rest}
		}
		if rest, ok := strings.CutSuffix(n, "of"+e); ok && fieldWords[rest] {
			return colMatch{t: lookupName(rest).t, how: howSynonym, norm: rest}
		}
	}
	return colMatch{}
}

// entityWords are what a column's field may belong to; fieldWords are
// the names that keep their meaning with one of them attached.
var (
	entityWords = []string{"station", "site", "property", "premises", "building", "asset", "facility"}
	fieldWords  = map[string]bool{
		"name": true, "address": true, "postcode": true, "easting": true, "eastings": true,
		"northing": true, "northings": true, "latitude": true, "longitude": true, "town": true,
		"uprn": true, "tenure": true, "street": true, "streetname": true,
	}
)

// unitSuffixes are units a header may end with, longest first, and how
// area() spells them.
var unitSuffixes = []struct{ suffix, unit string }{
	{"squaremetres", "m2"}, {"squaremeters", "m2"}, {"squarefeet", "sqft"}, {"sqmetres", "m2"},
	{"sqmeters", "m2"}, {"hectares", "ha"}, {"hectare", "ha"}, {"acres", "acres"}, {"acre", "acres"},
	{"sqft", "sqft"}, {"sqm", "m2"}, {"ft2", "sqft"}, {"m2", "m2"}, {"ha", "ha"},
}

// unitOf is the area unit a normalised text names ("acres", "M2 for
// buildings"), or "".
func unitOf(n string) string {
	for _, u := range unitSuffixes {
		if n == u.suffix || strings.HasPrefix(n, u.suffix+"for") {
			return u.unit
		}
	}
	return ""
}

// splitLines splits a cell at its line breaks, leaving out blank lines.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// splitHeading splits a heading written over several columns, such as
// "Eastings           Northings" or "Easting / Northing", into n names,
// or returns nil.
func splitHeading(s string, n int) []string {
	for _, seps := range []string{"/|&,;", "/|&,; \t"} {
		parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
		var names []string
		for _, p := range parts {
			if strings.EqualFold(strings.TrimSpace(p), "and") {
				continue
			}
			names = append(names, p)
		}
		if len(names) == n {
			return names
		}
	}
	return nil
}

// crsHintOf is the reference system a coordinate column's name implies.
func crsHintOf(norm string) crs {
	if h, ok := crsHints[norm]; ok {
		return h
	}
	switch {
	case strings.Contains(norm, "easting"), strings.Contains(norm, "northing"):
		return crsBNG
	case strings.Contains(norm, "latitude"), strings.Contains(norm, "longitude"):
		return crsWGS84
	}
	return crsUnknown
}
