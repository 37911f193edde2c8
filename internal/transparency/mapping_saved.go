package transparency

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/placetrust/placetrust/internal/estate"
)

// MappingItems reads specs as ParseMapping does, refusing what it
// refuses, and returns the mapping's items one by one, tidied: spaces
// around names and sources dropped, sources joined by "+", such as
// "AssetCode=E_CODE+STATION_NAME". This is the form a partner's mapping
// is saved in (estate.ImportMapping.Map): ParseMapping reads the items
// back to the same Mapping, and a person reading them sees one item a
// line whatever commas, new lines or spacing the mapping was typed with.
func MappingItems(specs ...string) ([]string, error) {
	if _, err := ParseMapping(specs...); err != nil {
		return nil, err
	}
	var out []string
	err := eachItem(specs, func(item string) error {
		name, rhs, _ := strings.Cut(item, "=")
		parts, err := splitOutsideQuotes(rhs, "+")
		if err != nil {
			return err
		}
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p)
		}
		out = append(out, strings.TrimSpace(name)+"="+strings.Join(parts, "+"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UseSaved reads the file with a partner's saved mapping and delimiter,
// for an import that gives neither. It fails only if the saved items no
// longer read, which a later version of the reader could cause.
func (o *Options) UseSaved(m *estate.ImportMapping) error {
	mapping, err := ParseMapping(m.Map...)
	if err != nil {
		return invalidf("the import mapping saved for partner %s no longer reads (%v): save it again", m.Partner, err)
	}
	o.Mapping = mapping
	if m.Delimiter != "" {
		o.Comma, _ = utf8.DecodeRuneInString(m.Delimiter)
	}
	return nil
}

// SavedItemsFor returns the items of the mapping an import's preset and
// map items make, to save for the partner: the preset's items first, as
// the import reads them. An unknown preset is an error.
func SavedItemsFor(preset string, maps []string) ([]string, error) {
	specs, err := PresetSpecs(preset, maps)
	if err != nil {
		return nil, err
	}
	return MappingItems(specs...)
}

// PresetSpecs is the mapping text a preset and map items make together:
// the preset's items first, so a map item given beside it that names the
// same target is refused as mapped twice. An unknown preset is an error
// naming the presets there are.
func PresetSpecs(preset string, maps []string) ([]string, error) {
	if preset == "" {
		return maps, nil
	}
	p, ok := Presets[preset]
	if !ok {
		return nil, fmt.Errorf("transparency: no preset %q: the presets are %s", preset, strings.Join(PresetNames(), ", "))
	}
	return append([]string{p}, maps...), nil
}

// ParseDelimiter reads a delimiter setting: one character, or "tab" (or
// the two characters \t, as a shell passes them); "" is a comma.
func ParseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return ',', nil
	case "tab", `\t`:
		return '\t', nil
	}
	if r := []rune(s); len(r) == 1 {
		return r[0], nil
	}
	return 0, fmt.Errorf("transparency: delimiter %q: give one character, or tab", s)
}
