package transparency

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// rowReader turns one record into an import item. It lives for one row.
type rowReader struct {
	p        *plan
	rec      []string
	dec      cellDecoder
	partner  string
	a        *estate.Asset
	fields   estate.FieldSet
	notes    []string
	warnings []warning
	pr       estate.Problems
	// derived counts the codes derived so far in the file, so that two
	// rows deriving the same one (a site's land and its building, with
	// one name and postcode) get distinct codes.
	derived map[string]int
}

// warning is one warning and its kind, as the cell readers give them.
type warning struct {
	kind estate.WarningKind
	msg  string
}

func warnf(kind estate.WarningKind, format string, args ...any) warning {
	return warning{kind, fmt.Sprintf(format, args...)}
}

func (rr *rowReader) v(t target) string { return rr.p.value(rr.rec, t, &rr.dec) }

func (rr *rowReader) warn(kind estate.WarningKind, format string, args ...any) {
	rr.warnings = append(rr.warnings, warnf(kind, format, args...))
}

// add keeps w, if there is one.
func (rr *rowReader) add(w warning) {
	if w.msg != "" {
		rr.warnings = append(rr.warnings, w)
	}
}

// line reads a one-line text field: tidied to one line from a published
// file, exactly as written from the register's own export.
func (rr *rowReader) line(t target) string {
	if rr.p.export {
		return rr.p.exact(rr.rec, t, &rr.dec)
	}
	return oneLine(rr.v(t))
}

// text reads free text whose line breaks are kept (notes, a rating's
// rationale): exactly as written from the register's own export.
func (rr *rowReader) text(t target) string {
	if rr.p.export {
		return rr.p.exact(rr.rec, t, &rr.dec)
	}
	return rr.p.raw(rr.rec, t, &rr.dec)
}

// drop forgets a field whose cell could not be read, so an update keeps
// the stored value rather than blanking it.
func (rr *rowReader) drop(field string) { rr.fields &^= estate.FieldSetOf(field) }

// read fills item from the record.
func (rr *rowReader) read(item *estate.ImportItem) {
	a := &estate.Asset{Partner: rr.partner}
	rr.a, rr.fields = a, rr.p.fields
	if got := rr.v(tPartner); got != "" && got != rr.partner {
		rr.pr.Add("partner", "the row belongs to partner %q; this import is for %q", got, rr.partner)
	}
	a.AssetCode = rr.line("asset_code")
	a.Name = rr.line("name")
	a.StreetNumber = rr.line("street_number")
	a.StreetName = rr.line("street_name")
	a.Town = rr.line("town")
	a.Use = rr.line("use")
	rr.readIdentity()
	rr.readVocabulary()
	rr.readFigures()
	if rr.p.register {
		rr.readRegister()
	}
	loc, err := locate(rr.v(tCRS), rr.v(tX), rr.v(tY), rr.p.crsHint)
	rr.warnings = append(rr.warnings, loc.warnings...)
	if err != nil {
		rr.pr = append(rr.pr, estate.ErrorFields(err)...)
	}
	a.Location = loc.p
	rr.fillBlanks()
	if rr.dec.fellBack {
		rr.warn(estate.WarnEncoding, "some cells are not valid UTF-8: read as Windows-1252")
	}
	item.AssetCode = a.AssetCode // derived by fillBlanks when the file has none
	for _, w := range rr.warnings {
		item.Warn(w.kind, w.msg)
	}
	switch {
	case len(rr.pr) > 0:
		item.Err = rr.pr.Err("The row is not valid.")
	case loc.skip != "":
		item.Skip = loc.skip
	default:
		rr.noteLines(item)
		item.Asset, item.Fields = a, rr.fields
	}
}

// noteLines puts the row's note lines (values we have no word for, and
// OtherDetail) in the notes. A file with a Notes column owns the notes
// whole. Otherwise the file owns only these lines: an update replaces
// the stored lines that start like them and keeps whatever else officers
// wrote.
func (rr *rowReader) noteLines(item *estate.ImportItem) {
	a := rr.a
	if rr.fields.Has("notes") {
		a.Notes = estate.JoinNoteLines(a.Notes, rr.notes)
		return
	}
	a.Notes = strings.Join(rr.notes, "\n")
	if rr.p.ownsNoteLines {
		item.NoteLines = &estate.NoteLines{Prefixes: noteLinePrefixes, Lines: rr.notes}
	}
}

// noteLinePrefixes start the note lines an import writes.
var noteLinePrefixes = []string{"TenureType: ", "TenureDetail: ", "HoldingType: ", "OtherDetail: ", serviceNotePrefix}

// serviceNotePrefix starts the note line naming a fire station's fire and
// rescue service, which the Home Office list gives and the register has
// no field for.
const serviceNotePrefix = "Fire and rescue service: "

// readIdentity reads the UPRN and postcode, which published files often
// get wrong.
func (rr *rowReader) readIdentity() {
	uprn, w, keep := cleanUPRN(rr.v("uprn"))
	rr.a.UPRN = uprn
	rr.add(w)
	if !keep {
		rr.drop("uprn")
	}
	pc, w, ok := cleanPostcode(oneLine(rr.v("postcode")))
	rr.a.Postcode = pc
	rr.add(w)
	if !ok {
		rr.drop("postcode")
	}
	if s := rr.v("effective_date"); s != "" {
		if d, ok := isoDate(s); ok {
			rr.a.EffectiveDate = d
		} else {
			rr.warn(estate.WarnUnreadableValue, "EffectiveDate %q is not a date: ignored", shorten(s))
			rr.drop("effective_date")
		}
	}
}

// readVocabulary maps tenure, tenure detail and holding to our words. An
// unknown tenure is kept as a note line, with a warning; tenure detail
// and holding type are read as the free text and categories councils
// write in them (vocab_text.go), without one.
func (rr *rowReader) readVocabulary() {
	if s := rr.v("tenure"); s != "" {
		if t, ok := lookupNorm(tenureWords, s); ok {
			rr.a.Tenure = t
		} else {
			rr.unknownWord("TenureType", s)
		}
	}
	if s := rr.v("tenure_detail"); s != "" {
		rr.tenureDetail(s)
	}
	if s := rr.v("holding"); s != "" {
		rr.holdingType(s)
	}
	if s := rr.v(tOtherDetail); s != "" {
		rr.notes = append(rr.notes, "OtherDetail: "+oneLine(s))
	}
	if s := rr.v(tService); s != "" {
		rr.notes = append(rr.notes, serviceNotePrefix+oneLine(s))
	}
	if s := rr.v("energy_rating"); s != "" {
		u := strings.ToUpper(s)
		switch {
		case u[0] >= 'A' && u[0] <= 'G' && (len(u) == 1 || !isLetter(u[1])):
			rr.a.EnergyRating = u[:1]
		case noRating(s):
			// "n/a", "exempt", "under assessment": the file says there is no
			// band, which is a value, not a cell to act on.
		default:
			rr.warn(estate.WarnUnreadableValue, "EnergyRating %q is not a band A to G: ignored", shorten(s))
			rr.drop("energy_rating")
		}
	}
}

// noRatingWords are what lists write for a building without an energy
// band, folded by normName.
var noRatingWords = map[string]bool{"na": true, "none": true, "nil": true, "notapplicable": true,
	"exempt": true, "unknown": true, "notknown": true, "tbc": true, "tba": true, "pending": true,
	"awaited": true, "notrated": true, "norating": true, "noepc": true, "notrequired": true}

// noRating reports whether an EnergyRating cell says there is no band.
func noRating(s string) bool {
	n := normName(s)
	return n == "" || noRatingWords[n] || strings.HasPrefix(n, "under") || strings.HasPrefix(n, "awaiting") ||
		strings.HasPrefix(n, "exempt") || strings.HasPrefix(n, "notapplicable")
}

func (rr *rowReader) unknownWord(column, value string) {
	value = oneLine(value)
	rr.notes = append(rr.notes, column+": "+value)
	rr.warn(estate.WarnUnknownValue, "%s %q is not a value we know: kept in notes", column, shorten(value))
}

// readFigures reads the building size and land area.
func (rr *rowReader) readFigures() {
	if s := rr.v("gia_m2"); s != "" {
		if v, ok := area(s, "m2"); ok {
			rr.a.GIAM2 = &v
		} else {
			rr.warn(estate.WarnUnreadableValue, "BuildingSize %q is not an area: ignored", shorten(s))
			rr.drop("gia_m2")
		}
	}
	if s := rr.v("land_area_ha"); s != "" {
		if v, ok := area(s, "ha"); ok {
			rr.a.LandAreaHa = &v
		} else {
			rr.warn(estate.WarnUnreadableValue, "LandArea %q is not an area: ignored", shorten(s))
			rr.drop("land_area_ha")
		}
	}
}

// fillBlanks derives a name and an asset code for rows without them.
func (rr *rowReader) fillBlanks() {
	a := rr.a
	if a.Name == "" {
		from := "the address"
		switch {
		case a.StreetName != "":
			a.Name = strings.TrimSpace(a.StreetNumber + " " + a.StreetName)
		default:
			a.Name, from = a.AssetCode, "the asset code"
		}
		if a.Name != "" {
			rr.warn(estate.WarnNameDerived, "no PropertyName: named %q from %s", shorten(a.Name), from)
		}
	}
	if a.AssetCode == "" {
		a.AssetCode = DeriveCode(a.Name, a.Postcode)
		again := ""
		if n := rr.derived[a.AssetCode]; n > 0 && a.AssetCode != "" {
			// The file gave no code, so the code is ours to make unique:
			// the second row deriving it takes CODE~2, in file order, so the
			// same file derives the same codes again.
			rr.derived[a.AssetCode] = n + 1
			again = fmt.Sprintf(" (%d rows derive %q: this one is numbered)", n+1, a.AssetCode)
			a.AssetCode += estate.RepeatedCodeSep + strconv.Itoa(n+1)
		} else if rr.derived != nil {
			rr.derived[a.AssetCode] = 1
		}
		if rr.p.has("asset_code") && a.AssetCode != "" {
			rr.warn(estate.WarnCodeDerived, "AssetCode is blank: derived %q from the name and postcode%s", a.AssetCode, again)
		}
	}
}

// DeriveCode makes an asset code from a name and postcode, such as
// "altrincham-town-hall/wa14-1pf".
func DeriveCode(name, postcode string) string {
	code := slug(name)
	if pc := slug(postcode); pc != "" {
		code += "/" + pc
	}
	if len(code) > 100 {
		code = strings.TrimRight(code[:100], "-/")
	}
	return code
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
