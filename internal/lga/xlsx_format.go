package lga

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// A cell's number format decides how excelize shows it. The register
// wants some cells as shown and others as stored, so before any row is
// read each cell style's format is replaced by the one that reads right:
//
//   - dates: ISO 8601 (2006-01-02), whatever the locale's display;
//   - percentages, times, and codes padded with zeros ("00000"): as shown,
//     since the stored number loses the % or the zeros;
//   - every other number (fixed decimals, thousands, currency,
//     scientific, fractions): as stored, since its display rounds, and
//     a UPRN shown 200001887481.00 or 1.00E+11 is 200001887481.
//
// Styles are reached through excelize's exported File.Styles: it offers
// no other way to learn a streamed cell's format, and formatting every
// cell through its number format parser would make a workbook several
// times slower to read than the same rows as CSV.

// storedFormat is a number format id that is neither built in nor
// custom: excelize shows a cell of such a style as stored, at once.
const storedFormat = 1 << 30

// dateFormat is excelize's built-in short date, which the ShortDatePattern
// OpenXLSX gives makes ISO 8601.
const dateFormat = 14

type formatKind int

const (
	formatStored formatKind = iota
	formatShown
	formatDate
)

// readableFormats rewrites each cell style's number format as above.
func readableFormats(f *excelize.File) {
	s := f.Styles
	if s == nil || s.CellXfs == nil {
		return
	}
	custom := map[int]string{}
	if s.NumFmts != nil {
		for _, nf := range s.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	for i := range s.CellXfs.Xf {
		xf := &s.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		kind := builtInKind(id)
		if code, ok := custom[id]; ok { // excelize looks custom formats up first too
			kind = codeKind(code)
		}
		switch kind {
		case formatDate:
			v := dateFormat
			xf.NumFmtID = &v
		case formatStored:
			v := storedFormat
			xf.NumFmtID = &v
		}
	}
}

// builtInKind classes the formats Excel numbers without writing them.
func builtInKind(id int) formatKind {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return formatDate
	case id == 9, id == 10, id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47:
		return formatShown // percentages and times
	}
	return formatStored
}

// codeKind classes a format code by its first section, read without its
// quoted text, escaped characters and [bracketed] colours and locales.
func codeKind(code string) formatKind {
	var b strings.Builder
	elapsed := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++ // the next character is a literal, a space's width or a fill
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			inner := strings.ToLower(code[i+1 : i+j])
			elapsed = elapsed || inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss"
			i += j
		default:
			b.WriteByte(c)
		}
	}
	f := strings.ToLower(b.String())
	switch {
	case f == "general" || f == "@" || f == "":
		return formatStored
	case elapsed:
		return formatShown
	case strings.ContainsAny(f, "yd"):
		return formatDate
	case strings.ContainsAny(f, "hs") && strings.Contains(f, "m"):
		return formatShown // a time
	case strings.Contains(f, "m") && !strings.ContainsAny(f, "0#?"):
		return formatDate // month names
	case strings.Contains(f, "%"):
		return formatShown
	case strings.Count(f, "0") >= 2 && !strings.ContainsAny(f, "#?.,e/"):
		return formatShown // a code padded with zeros
	}
	return formatStored
}
