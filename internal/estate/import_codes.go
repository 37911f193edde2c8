package estate

import (
	"fmt"
	"iter"
	"strconv"
)

// RepeatedCodes says what an import does with a row whose asset code an
// earlier row of the same file has. Published files often hold a site's
// land and its building under one reference.
type RepeatedCodes string

// How repeated asset codes are dealt with.
const (
	// RepeatedRefuse, the default, makes each later row wrong, so the
	// import (all rows or none) writes nothing; each such row's reason
	// (RepeatedCodeReason) names the settings that would load the file.
	RepeatedRefuse RepeatedCodes = "refuse"
	// RepeatedSuffix keeps each later row as an asset of its own, coded
	// after the repeated one: the second "A" is "A~2", the third "A~3", in
	// file order, so the same file imports again unchanged.
	RepeatedSuffix RepeatedCodes = "suffix"
	// RepeatedSkip leaves each later row out, reported as skipped with the
	// row it repeats; the first row of each code is imported (if it can
	// be: one without coordinates is skipped too), and every other row
	// stays all or nothing.
	RepeatedSkip RepeatedCodes = "skip"
)

// RepeatedCodeSep joins a repeated code to its occurrence number. Codes
// in published files hold letters, digits, "/", "-", "_" and "." but
// hardly ever a tilde, so a derived code rarely meets a real one (when it
// does, see RepeatedSuffix.Items).
const RepeatedCodeSep = "~"

// ParseRepeatedCodes reads a RepeatedCodes value; "" is RepeatedRefuse.
// Errors: EINVALID for any other word.
func ParseRepeatedCodes(s string) (RepeatedCodes, error) {
	switch m := RepeatedCodes(s); m {
	case "":
		return RepeatedRefuse, nil
	case RepeatedRefuse, RepeatedSuffix, RepeatedSkip:
		return m, nil
	}
	return "", Errorf(EINVALID, "Repeated codes must be refuse, suffix or skip, not %q.", s)
}

// RepeatedCodeReason is the reason given, under RepeatedRefuse, for a
// row whose asset code an earlier row of the file has: it names the
// settings that would load the file, as the CLI and the API spell them.
func RepeatedCodeReason(code string) string {
	return fmt.Sprintf("asset_code: %q is used by an earlier row of the file: to load the file as it is, "+
		"import with --repeated-codes=suffix (API: repeated_codes=suffix) to keep each such row as an asset of its own, coded %q, %q..., "+
		"or with =skip to leave them out", code, code+RepeatedCodeSep+"2", code+RepeatedCodeSep+"3")
}

// Items applies m to rows. Under RepeatedRefuse rows are passed on as
// they are: the import finds repeated codes itself, keeping a compact
// hash of each new code. Under the others every code of the file is remembered,
// so memory grows with the rows (a map entry each: the README gives a
// figure), which is why they are not the default.
//
// Which row comes first is file order alone: a row skipped for having no
// coordinates, or wrong, names its code as much as any other. So derived
// codes stay the same when an earlier row gains coordinates or is put
// right; and a later row never runs into the import's rule that a
// skipped row keeps its code's stored asset to itself (so that no other
// row takes it over by UPRN), which would make the later row wrong.
//
// RepeatedSuffix gives a later row the first code free of CODE~2,
// CODE~3... ("free" meaning no earlier row of the file has it), and a
// warning naming the code it repeats. A later row whose own code an
// earlier one was given ("A~2" after a second "A") is itself a repeat,
// and becomes "A~2~2": every choice follows file order alone, so the
// same file always gives the same codes.
func (m RepeatedCodes) Items(rows iter.Seq2[*ImportItem, error]) iter.Seq2[*ImportItem, error] {
	if m != RepeatedSuffix && m != RepeatedSkip {
		return rows
	}
	return func(yield func(*ImportItem, error) bool) {
		first := map[string]int{} // code -> the row that has it
		next := map[string]int{}  // repeated code -> the next occurrence number to try
		for it, err := range rows {
			if err == nil && it != nil && it.AssetCode != "" {
				m.apply(it, first, next)
			}
			if !yield(it, err) {
				return
			}
		}
	}
}

func (m RepeatedCodes) apply(it *ImportItem, first, next map[string]int) {
	code := it.AssetCode
	if it.Asset != nil {
		code = it.Asset.AssetCode
	}
	code = nfc(code)
	row, taken := first[code]
	if !taken {
		first[code] = it.Row
		return
	}
	if m == RepeatedSkip {
		if it.Asset != nil { // a row skipped or wrong already says why
			it.Skip = fmt.Sprintf("asset_code: %q is used by row %d of the file: left out, as repeated codes are skipped", code, row)
			it.Asset, it.Fields, it.NoteLines = nil, 0, nil
		}
		return
	}
	n := max(next[code], 2)
	derived := code + RepeatedCodeSep + strconv.Itoa(n)
	for _, ok := first[derived]; ok; _, ok = first[derived] {
		n++
		derived = code + RepeatedCodeSep + strconv.Itoa(n)
	}
	next[code] = n + 1
	first[derived] = it.Row
	if it.Asset != nil {
		it.Asset.AssetCode = derived
	}
	it.AssetCode = derived
	it.Warn(WarnCodeRepeated, fmt.Sprintf("asset code %q is used by row %d of the file: kept as an asset of its own, coded %q", code, row, derived))
}
