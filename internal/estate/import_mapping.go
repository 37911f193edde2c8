package estate

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ImportMapping is a partner's saved import mapping: how its published
// CSV file's columns map to the register's, worked out once and used by
// every later import of the partner that gives no mapping of its own, so
// a quarterly republication loads without anyone remembering the flags.
//
// Map holds items Target=Source[+Source...] in the syntax the CSV reader
// parses; this package only bounds them, the reader checks their meaning
// before one is saved.
type ImportMapping struct {
	Partner string   `json:"partner"`
	Map     []string `json:"map"`
	// Delimiter is the file's one-character delimiter; "" for a comma.
	Delimiter string    `json:"delimiter,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// Bounds of a saved mapping: far above any real file's (the fire
// stations preset has 10 items), low enough that a mapping cannot grow
// into a store of arbitrary text.
const (
	MaxImportMappingItems    = 200
	MaxImportMappingItemSize = 500
)

// Validate checks what a saved mapping may hold: at least one item or a
// delimiter, items of single-line text within the bounds, and a
// delimiter a CSV reader can split on.
func (m *ImportMapping) Validate() error {
	var pr Problems
	if !ValidSlug(m.Partner) {
		pr.Add("partner", "must be a partner id")
	}
	switch {
	case len(m.Map) == 0 && m.Delimiter == "":
		pr.Add("map", "is required: at least one item Target=Column[+Column...], unless a delimiter is all there is to save")
	case len(m.Map) > MaxImportMappingItems:
		pr.Add("map", "must have at most %d items", MaxImportMappingItems)
	}
	for i, item := range m.Map {
		field := "map[" + strconv.Itoa(i) + "]"
		if strings.TrimSpace(item) == "" || len(item) > MaxImportMappingItemSize {
			pr.Add(field, "must be an item Target=Column[+Column...] of at most %d bytes", MaxImportMappingItemSize)
		} else if msg := textFault(item, false); msg != "" {
			pr.Add(field, "%s", msg)
		}
	}
	if m.Delimiter != "" && !validDelimiter(m.Delimiter) {
		pr.Add("delimiter", "must be one character, not a quote or line break")
	}
	return pr.Err("The import mapping is not valid.")
}

// validDelimiter is what encoding/csv accepts as a separator.
func validDelimiter(d string) bool {
	r, size := utf8.DecodeRuneInString(d)
	return size == len(d) && r != utf8.RuneError && r != '"' && r != '\r' && r != '\n' && r != 0
}

// Notice is the line an import's report carries when it was read with
// the saved mapping, so whoever reads the report knows which columns
// were taken for what, and since when.
func (m *ImportMapping) Notice() string {
	s := "using the import mapping saved for partner " + m.Partner + " on " + m.UpdatedAt.UTC().Format(time.DateOnly) +
		" by " + m.UpdatedBy + ": " + strings.Join(m.Map, ", ")
	if m.Delimiter != "" {
		s += "; delimiter " + strconv.Quote(m.Delimiter)
	}
	return s
}

// CheckImportMappingAccess says whether the actor may read (write false)
// or set and clear (write true) partner's saved mapping: writing is for
// those who may import the partner's files, its editors and admins;
// reading is for anyone who acts for the partner, and admins. Other
// partners gain nothing from it, and the mapping names who saved it.
// It returns EUNAUTHORIZED for the anonymous public, EFORBIDDEN otherwise.
func CheckImportMappingAccess(a Actor, partner string, write bool) error {
	switch {
	case a.IsAnonymous():
		return Errorf(EUNAUTHORIZED, "Sign in: a partner's import mapping needs Authorization: Bearer <token>.")
	case write && !a.CanEdit(partner):
		return Errorf(EFORBIDDEN, "Only partner %q's editors and admins may change its import mapping.", partner)
	case !write && !a.IsAdmin() && a.Partner != partner:
		return Errorf(EFORBIDDEN, "Only partner %q's own tokens and admins may read its import mapping.", partner)
	}
	return nil
}

// ImportMappingDiff returns the change of the partner's field
// import_mapping, for the partner's audit trail; nil stands for no saved
// mapping.
func ImportMappingDiff(before, after *ImportMapping) []Change {
	value := func(m *ImportMapping) any {
		if m == nil {
			return nil
		}
		v := map[string]any{"map": m.Map}
		if m.Delimiter != "" {
			v["delimiter"] = m.Delimiter
		}
		return v
	}
	switch {
	case before == nil && after == nil:
		return nil
	case before != nil && after != nil && before.Delimiter == after.Delimiter && slices.Equal(before.Map, after.Map):
		return nil
	}
	return []Change{{Field: "import_mapping", Before: value(before), After: value(after)}}
}

// ImportMappingService keeps each partner's saved import mapping.
type ImportMappingService interface {
	// FindImportMapping returns partner's saved mapping; ENOTFOUND when
	// it has none (or there is no such partner), EUNAUTHORIZED or
	// EFORBIDDEN as CheckImportMappingAccess says.
	FindImportMapping(ctx context.Context, partner string) (*ImportMapping, error)
	// SetImportMapping saves m for m.Partner, replacing any saved one,
	// and sets its UpdatedAt and UpdatedBy; the change is audited on the
	// partner. EINVALID, ENOTFOUND for no such partner, EUNAUTHORIZED,
	// EFORBIDDEN. Saving what is saved already changes nothing.
	SetImportMapping(ctx context.Context, m *ImportMapping) error
	// DeleteImportMapping forgets partner's saved mapping, audited;
	// ENOTFOUND when it has none, EUNAUTHORIZED, EFORBIDDEN.
	DeleteImportMapping(ctx context.Context, partner string) error
}

// WithNotice yields notice as a file-level notice (an item that is not a
// row, see ImportItem) before items, so the import's report carries it
// with the file's own notices, whatever the format, in a refused or dry
// run's report as in a committed one's.
func WithNotice(items iter.Seq2[*ImportItem, error], notice string) iter.Seq2[*ImportItem, error] {
	return func(yield func(*ImportItem, error) bool) {
		if !yield(&ImportItem{Row: 1, Line: 1, Warnings: []string{notice}}, nil) {
			return
		}
		items(yield)
	}
}
