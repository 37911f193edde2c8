package estate

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// What text the register refuses (issue 13, item 10). Names, codes and
// addresses are shown on maps, in exports and in other partners' reports,
// so a character that is not visible text could hide what a value says:
//
//   - control characters (C0, DEL and C1: NUL, BEL, ESC...) are never
//     text; a notes or rationale field may still hold tab and line
//     breaks, which officers type, but a single-line field none at all;
//   - bidirectional formatting characters (unicode.Bidi_Control: the
//     embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069,
//     and the invisible marks U+200E, U+200F and U+061C) reorder what
//     follows them, so "Town Hall" can display as something else, and
//     two codes that look the same can differ. No English or Welsh name
//     needs them, and the marks' only use, mixing scripts, is not in the
//     register; so every text field refuses them;
//   - bytes that are not UTF-8.

// textFault says what is wrong with the characters of v, or "" if
// nothing is. multiline allows tab, line feed and carriage return.
func textFault(v string, multiline bool) string {
	for i := 0; i < len(v); {
		if b := v[i]; b >= 0x20 && b < 0x7f { // printable ASCII, nearly every byte
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		at := func() int { return utf8.RuneCountInString(v[:i]) + 1 } // counted only for a fault
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("must be UTF-8 text (byte %d is not)", i+1)
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case unicode.IsControl(r):
			if multiline {
				return fmt.Sprintf("must not contain control characters other than tab and line breaks (U+%04X at character %d)", r, at())
			}
			return fmt.Sprintf("must not contain control characters such as tabs or line breaks (U+%04X at character %d)", r, at())
		case unicode.Is(unicode.Bidi_Control, r):
			return fmt.Sprintf("must not contain bidirectional formatting characters, which change how the text displays (U+%04X at character %d)", r, at())
		}
		i += size
	}
	return ""
}

// nfc returns s in Unicode Normalization Form C, the form the register
// stores text in, so "é" typed as one character or as e and a combining
// accent is one spelling. ASCII is already NFC.
func nfc(s string) string {
	if isASCII(s) {
		return s
	}
	return norm.NFC.String(s)
}

// FoldText returns s as the free-text filter q compares text: in NFC
// and case-folded (full Unicode folding, so "É" finds "é" and "STRASSE"
// finds "Straße"). Text canonically equivalent or differing only in case
// folds the same, whatever normal form it was written in: folding is done
// on the decomposed text, as Unicode's canonical caseless match asks,
// then composed again.
func FoldText(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // what full folding does to ASCII, without allocating when already lower
	}
	// A Caser keeps state, so each call makes its own.
	return norm.NFC.String(cases.Fold().String(norm.NFD.String(s)))
}

// Words splits s, folded by FoldText, into its words: runs of letters
// and digits, anything else between them.
func Words(s string) []string {
	return strings.FieldsFunc(FoldText(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ContainsFolded reports whether FoldText(s) contains folded, which the
// caller has folded with FoldText. It allocates nothing for ASCII s, the
// register's usual text, as analyses test it on every asset.
func ContainsFolded(s, folded string) bool {
	if !isASCII(s) {
		return strings.Contains(FoldText(s), folded)
	}
	n := len(folded)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			if lowerASCII(s[i+j]) != folded[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

// SearchSeparator separates the fields of SearchText. It is a control
// character, which q may not hold, so a q never matches across fields.
const SearchSeparator = "\x1f"

// SearchText is the text the filter q is looked for in: the asset's
// name, street, town, postcode, use and code, each folded by FoldText,
// joined by SearchSeparator. A store may keep it beside the asset so a
// search compares one column, folded once at write time.
func (a *Asset) SearchText() string {
	fields := [...]string{a.Name, a.StreetName, a.Town, a.Postcode, a.Use, a.AssetCode}
	n := len(fields) - 1
	for _, f := range fields {
		n += len(f)
	}
	// One allocation for the usual ASCII asset: an import writes a million.
	var b strings.Builder
	b.Grow(n)
	for i, f := range fields {
		if i > 0 {
			b.WriteString(SearchSeparator)
		}
		if !isASCII(f) {
			b.WriteString(FoldText(f))
			continue
		}
		for j := 0; j < len(f); j++ {
			b.WriteByte(lowerASCII(f[j]))
		}
	}
	return b.String()
}

// MatchesQ reports whether the asset holds folded, a q that FoldText has
// folded, in one of the fields of SearchText: the answer a store gives
// for its search column, without building it.
func (a *Asset) MatchesQ(folded string) bool {
	return MatchesQ(folded, a.Name, a.StreetName, a.Town, a.Postcode, a.Use, a.AssetCode)
}

// MatchesQ is Asset.MatchesQ for a copy of an asset that holds the same
// fields in another shape (internal/register): folded is in name,
// street, town, postcode, use or code.
func MatchesQ(folded, name, street, town, postcode, use, code string) bool {
	for _, s := range [...]string{name, street, town, postcode, use, code} {
		if ContainsFolded(s, folded) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
