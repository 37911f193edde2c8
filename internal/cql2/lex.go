package cql2

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // a keyword or an unquoted property name
	tQuoted         // a "quoted" property name
	tString         // a 'character literal'
	tNumber
	tPunct // ( ) , = <> < <= > >=
)

type token struct {
	kind tokKind
	pos  int    // byte offset in the source
	text string // as written (punctuation, identifier, number)
	val  string // unescaped value of a string or a quoted name
}

// upper is an identifier's keyword spelling: keywords are case-insensitive.
func (t token) upper() string { return strings.ToUpper(t.text) }

func (t token) is(punct string) bool { return t.kind == tPunct && t.text == punct }

func (t token) isKeyword(kw string) bool { return t.kind == tIdent && t.upper() == kw }

// describe names a token for an error message.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the expression"
	case tString:
		return "'" + t.val + "'"
	case tQuoted:
		return `"` + t.val + `"`
	}
	return t.text
}

// lex splits src into tokens, ending with tEOF.
func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	for {
		for i < len(src) {
			r, n := utf8.DecodeRuneInString(src[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i == len(src) {
			return append(toks, token{kind: tEOF, pos: i}), nil
		}
		t, n, err := lexOne(src, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i += n
	}
}

func lexOne(src string, i int) (token, int, error) {
	c := src[i]
	switch {
	case c == '\'':
		return lexQuoted(src, i, '\'', tString)
	case c == '"':
		return lexQuoted(src, i, '"', tQuoted)
	case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
		return lexNumber(src, i)
	case (c == '-' || c == '+') && i+1 < len(src) && (isDigit(src[i+1]) || src[i+1] == '.'):
		t, n, err := lexNumber(src, i+1)
		t.pos, t.text = i, src[i:i+1+n]
		return t, n + 1, err
	case c == '<' && i+1 < len(src) && (src[i+1] == '>' || src[i+1] == '='),
		c == '>' && i+1 < len(src) && src[i+1] == '=':
		return token{kind: tPunct, pos: i, text: src[i : i+2]}, 2, nil
	case strings.IndexByte("(),=<>", c) >= 0:
		return token{kind: tPunct, pos: i, text: src[i : i+1]}, 1, nil
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	if !identStart(r) {
		return token{}, 0, syntaxErr(src, i, "unexpected character %q", r)
	}
	j := i
	for j < len(src) {
		r, n := utf8.DecodeRuneInString(src[j:])
		if !identPart(r) {
			break
		}
		j += n
	}
	return token{kind: tIdent, pos: i, text: src[i:j]}, j - i, nil
}

// lexQuoted reads a literal or name between quotes, where a doubled
// quote (and, in a literal, \') stands for the quote itself.
func lexQuoted(src string, i int, q byte, kind tokKind) (token, int, error) {
	var b strings.Builder
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == q && j+1 < len(src) && src[j+1] == q:
			b.WriteByte(q)
			j++
		case src[j] == q:
			return token{kind: kind, pos: i, text: src[i : j+1], val: b.String()}, j + 1 - i, nil
		case kind == tString && src[j] == '\\' && j+1 < len(src) && src[j+1] == '\'':
			b.WriteByte('\'')
			j++
		default:
			b.WriteByte(src[j])
		}
	}
	if kind == tString {
		return token{}, 0, syntaxErr(src, i, "unterminated string: close it with '")
	}
	return token{}, 0, syntaxErr(src, i, `unterminated quoted name: close it with "`)
}

// lexNumber reads digits [. digits] [E [sign] digits].
func lexNumber(src string, i int) (token, int, error) {
	j := i
	digits := func() int {
		k := j
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		return j - k
	}
	n := digits()
	if j < len(src) && src[j] == '.' {
		j++
		n += digits()
	}
	if n == 0 {
		return token{}, 0, syntaxErr(src, i, "malformed number")
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		j++
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if digits() == 0 {
			return token{}, 0, syntaxErr(src, j, "malformed number: digits expected after E")
		}
	}
	if j < len(src) {
		if r, _ := utf8.DecodeRuneInString(src[j:]); identPart(r) {
			return token{}, 0, syntaxErr(src, j, "malformed number")
		}
	}
	return token{kind: tNumber, pos: i, text: src[i:j]}, j - i, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// identStart and identPart follow the standard's identifier: a letter,
// _ or : first, then letters, digits, _, :, and dots.
func identStart(r rune) bool { return r == '_' || r == ':' || unicode.IsLetter(r) }

func identPart(r rune) bool {
	return identStart(r) || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
