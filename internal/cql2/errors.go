package cql2

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits against abuse: a filter is a query parameter any client may
// send, and the parser recurses and allocates by what it reads.
const (
	// MaxLength is the longest expression read, in bytes, in either
	// encoding: room for a polygon of a few thousand points.
	MaxLength = 64 << 10
	// MaxDepth is how deeply expressions may nest (parentheses, NOT,
	// AND/OR in JSON), so that recursion stays shallow.
	MaxDepth = 32
	// MaxList is the most values an IN list may hold.
	MaxList = 1000
	// MaxPoints is the most points a polygon may hold, over all rings.
	MaxPoints = 10000
)

// SyntaxError is a filter that could not be read: where, and why. Pos is
// a byte offset into the expression, so a server can answer 400 naming
// the place.
type SyntaxError struct {
	Pos  int    // byte offset of the fault in the expression
	Msg  string // what was wrong, for a person
	Near string // the expression around Pos, on one line
	// Caret is the offset in Near (in bytes) of the fault.
	Caret int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("cql2: at position %d: %s, near %q", e.Pos, e.Msg, e.Near)
}

// Pointer returns Near and, under it, a caret at the fault, on two lines.
func (e *SyntaxError) Pointer() string {
	return e.Near + "\n" + strings.Repeat(" ", utf8.RuneCountInString(e.Near[:e.Caret])) + "^"
}

// excerptWidth is how many bytes of context Near keeps on each side.
const excerptWidth = 24

func syntaxErr(src string, pos int, format string, args ...any) *SyntaxError {
	pos = min(max(pos, 0), len(src))
	from, to := max(pos-excerptWidth, 0), min(pos+excerptWidth, len(src))
	for from > 0 && !utf8.RuneStart(src[from]) {
		from--
	}
	for to < len(src) && !utf8.RuneStart(src[to]) {
		to++
	}
	near := []byte(src[from:to])
	for i, c := range near {
		if c == '\n' || c == '\r' || c == '\t' {
			near[i] = ' ' // byte for byte, so Caret stays an offset
		}
	}
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...), Near: string(near), Caret: pos - from}
}
