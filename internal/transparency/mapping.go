package transparency

import (
	"fmt"
	"sort"
	"strings"
)

// Mapping says where targets take their values from in a file whose
// columns are named otherwise: target name -> sources. Build one with
// ParseMapping.
type Mapping map[string][]Source

// Source is one part of a mapped value: a column of the file, or literal
// text.
type Source struct {
	Column  string
	Literal string
	IsText  bool // Literal is used, not Column
}

// Presets are mappings for files we know, by name.
var Presets = map[string]string{
	// The Home Office fire and rescue stations list (table STATIONS of
	// fire-stations-dataset.ods): British National Grid, no asset codes,
	// so codes are the service's ONS code and the station name, such as
	// "E31000037/Crawley", stable while the station keeps its name. The
	// service's name becomes a note line the file owns, so a re-import
	// keeps what officers wrote in the notes.
	"home-office-fire-stations": `AssetCode=E_CODE+STATION_NAME, PropertyName=STATION_NAME,
		StreetName=STATION_ADDRESS, PostCode=STATION_POSTCODE,
		GeoX=STATION_EASTING, GeoY=STATION_NORTHING, CoordinateReferenceSystem='EPSG:27700',
		HoldingType='Buildings', Use='Fire station', FireAndRescueService=FRS_FULLNAME`,
}

// PresetNames lists the presets, sorted, for help texts.
func PresetNames() []string {
	names := make([]string, 0, len(Presets))
	for n := range Presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ParseMapping reads mapping items separated by commas or new lines, each
// Target=Source[+Source...], where a source is a column name or 'literal
// text'. Several strings (repeated --map flags) add up; a target given
// twice is an error.
func ParseMapping(specs ...string) (Mapping, error) {
	m := Mapping{}
	if err := eachItem(specs, m.addItem); err != nil {
		return nil, err
	}
	return m, nil
}

// eachItem calls f with every item of specs, trimmed, blank ones left out.
func eachItem(specs []string, f func(item string) error) error {
	for _, spec := range specs {
		items, err := splitOutsideQuotes(spec, ",\n")
		if err != nil {
			return err
		}
		for _, item := range items {
			if item = strings.TrimSpace(item); item == "" {
				continue
			}
			if err := f(item); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m Mapping) addItem(item string) error {
	name, rhs, ok := strings.Cut(item, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.TrimSpace(rhs) == "" {
		return fmt.Errorf("transparency: mapping %q: write Target=Column or Target=Column+Column", item)
	}
	t, known := lookupTarget(name)
	if !known || t == tIgnore {
		return fmt.Errorf("transparency: mapping %q: %q is not a column we read (such as AssetCode, PropertyName, GeoX)", item, name)
	}
	key := string(t)
	if _, dup := m[key]; dup {
		return fmt.Errorf("transparency: mapping %q: %s is mapped twice", item, name)
	}
	parts, err := splitOutsideQuotes(rhs, "+")
	if err != nil {
		return fmt.Errorf("transparency: mapping %q: %w", item, err)
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		switch {
		case len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0]:
			m[key] = append(m[key], Source{Literal: p[1 : len(p)-1], IsText: true})
		case p == "":
			return fmt.Errorf("transparency: mapping %q: an empty source", item)
		default:
			m[key] = append(m[key], Source{Column: p})
		}
	}
	return nil
}

// splitOutsideQuotes splits s at any of seps that is not inside quotes.
func splitOutsideQuotes(s, seps string) ([]string, error) {
	var out []string
	var quote rune
	start := 0
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case strings.ContainsRune(seps, r):
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("transparency: mapping %q: a quote is not closed", s)
	}
	return append(out, s[start:]), nil
}

// recognisePreset returns the preset whose every column the header has,
// and its mapping: a file laid out as a publication we know is read as
// its preset reads it, flag or no flag, so the assets and their codes
// are the same either way.
func recognisePreset(header []string) (string, Mapping) {
	have := map[string]bool{}
	for _, h := range header {
		have[normName(h)] = true
	}
	for _, name := range PresetNames() {
		m, err := ParseMapping(Presets[name])
		if err != nil {
			continue
		}
		all := true
		for _, srcs := range m {
			for _, s := range srcs {
				all = all && (s.IsText || have[normName(s.Column)])
			}
		}
		if all {
			return name, m
		}
	}
	return "", nil
}
