package estate

import (
	"cmp"
	"slices"
	"strings"
)

// WarningKind says what a row's warning is about, so a report can group
// a file's warnings and an officer can see at a glance which matter.
// Warnings are kept for what an officer may want to act on; values that
// are fine as published (free text, a council's own categories) give
// none.
type WarningKind string

// Warning kinds, in the order reports list them: first what most likely
// needs putting right at the source.
const (
	// WarnCoordinatesSwapped: longitude and latitude were given the wrong
	// way round and were swapped back.
	WarnCoordinatesSwapped WarningKind = "coordinates_swapped"
	// WarnCoordinateSystem: the declared coordinate system is unknown, or
	// is not the one the values are in; the values' own was used.
	WarnCoordinateSystem WarningKind = "coordinate_system"
	// WarnUPRNPlaceholder: the UPRN is a placeholder (0, N/A, -), left
	// blank.
	WarnUPRNPlaceholder WarningKind = "uprn_placeholder"
	// WarnUnreadableValue: a cell is not what its column holds (a
	// postcode, area, date or UPRN that is not one) and was left out, so
	// an update keeps the stored value.
	WarnUnreadableValue WarningKind = "unreadable_value"
	// WarnUnknownValue: a value of a fixed vocabulary (such as TenureType)
	// that has no word of ours, kept as a line of the notes.
	WarnUnknownValue WarningKind = "unknown_value"
	// WarnValueCorrected: a cell was read as a value near what it holds (a
	// postcode with the letter O for a zero, or cut short; a UPRN written
	// 1.0), which is likely but worth a look.
	WarnValueCorrected WarningKind = "value_corrected"
	// WarnCodeRepeated: the row repeats an earlier row's asset code and is
	// kept as an asset of its own under a code derived from it.
	WarnCodeRepeated WarningKind = "code_repeated"
	// WarnCodeDerived: the row has no asset code, so one was made from its
	// name and postcode.
	WarnCodeDerived WarningKind = "code_derived"
	// WarnCodeChanged: the row matched a stored asset by UPRN, whose asset
	// code it changes.
	WarnCodeChanged WarningKind = "code_changed"
	// WarnNameDerived: the row has no name, so one was made from its
	// address.
	WarnNameDerived WarningKind = "name_derived"
	// WarnEncoding: some cells are not valid UTF-8 and were read as
	// Windows-1252.
	WarnEncoding WarningKind = "encoding"
	// WarnOther is any warning given without a kind.
	WarnOther WarningKind = "other"
)

// WarningKinds lists every kind, in report order.
var WarningKinds = []WarningKind{WarnCoordinatesSwapped, WarnCoordinateSystem, WarnUPRNPlaceholder,
	WarnUnreadableValue, WarnUnknownValue, WarnValueCorrected, WarnCodeRepeated, WarnCodeDerived,
	WarnCodeChanged, WarnNameDerived, WarnEncoding, WarnOther}

// Warn adds a warning of kind to the item.
func (it *ImportItem) Warn(kind WarningKind, message string) {
	it.Warnings, it.WarningKinds = addWarning(it.Warnings, it.WarningKinds, kind, message)
}

// Warn adds a warning of kind to the row's report.
func (r *ImportRow) Warn(kind WarningKind, message string) {
	r.Warnings, r.WarningKinds = addWarning(r.Warnings, r.WarningKinds, kind, message)
}

// KindOf returns the kind of warning i: WarnOther for one added without a
// kind, so the two slices never need to be the same length to be read.
func (r *ImportRow) KindOf(i int) WarningKind {
	if i < len(r.WarningKinds) && r.WarningKinds[i] != "" {
		return r.WarningKinds[i]
	}
	return WarnOther
}

// addWarning appends to the parallel slices, first padding kinds with
// WarnOther for any warning appended to messages alone.
func addWarning(messages []string, kinds []WarningKind, kind WarningKind, message string) ([]string, []WarningKind) {
	for len(kinds) < len(messages) {
		kinds = append(kinds, WarnOther)
	}
	return append(messages, message), append(kinds, kind)
}

// WarningGroup is one kind of warning in a whole file: how many, where
// the first ones are, and what one says.
type WarningGroup struct {
	Kind WarningKind `json:"kind"`
	// Count is the number of warnings of the kind, and RowCount the
	// number of rows with one (a row may have two).
	Count    int `json:"count"`
	RowCount int `json:"row_count"`
	// Rows are the lowest row numbers with a warning of the kind, at most
	// WarningGroupRows of them, in order.
	Rows []int `json:"rows"`
	// Example is the warning of the lowest of those rows.
	Example string `json:"example"`
}

// WarningGroupRows is how many row numbers a WarningGroup lists.
const WarningGroupRows = 5

// groupWarnings counts r's warnings into groups, which stay in
// WarningKinds order. Rows may come in any order (a new partner's are
// decided in spatial order), so each group keeps the lowest row numbers,
// and its example is always the lowest row's: the same file gives the
// same groups.
func groupWarnings(groups []WarningGroup, r *ImportRow) []WarningGroup {
	for i, msg := range r.Warnings {
		kind := r.KindOf(i)
		again := false // an earlier warning of the row has the kind
		for j := range i {
			again = again || r.KindOf(j) == kind
		}
		g := slices.IndexFunc(groups, func(g WarningGroup) bool { return g.Kind == kind })
		if g < 0 {
			groups = append(groups, WarningGroup{Kind: kind})
			slices.SortFunc(groups, func(a, b WarningGroup) int {
				return cmp.Or(cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), strings.Compare(string(a.Kind), string(b.Kind)))
			})
			g = slices.IndexFunc(groups, func(g WarningGroup) bool { return g.Kind == kind })
		}
		grp := &groups[g]
		grp.Count++
		if again {
			continue
		}
		grp.RowCount++
		at, found := slices.BinarySearch(grp.Rows, r.Row)
		if found || at >= WarningGroupRows {
			continue // listed already, or beyond the first few rows
		}
		grp.Rows = slices.Insert(grp.Rows, at, r.Row)
		if len(grp.Rows) > WarningGroupRows {
			grp.Rows = grp.Rows[:WarningGroupRows]
		}
		if at == 0 {
			grp.Example = msg
		}
	}
	return groups
}

// kindRank orders kinds as WarningKinds lists them, any other after.
func kindRank(k WarningKind) int {
	if i := slices.Index(WarningKinds, k); i >= 0 {
		return i
	}
	return len(WarningKinds)
}
