package cql2

import (
	"errors"
	"fmt"
)

// ErrLang is a filter-lang other than cql2-text and cql2-json.
var ErrLang = errors.New("cql2: unsupported filter-lang")

// Parse reads src in the encoding an OGC API filter-lang names:
// "cql2-text" (also when lang is empty, the standard's default for a
// query parameter) or "cql2-json". An unknown lang wraps ErrLang; a
// fault in src is a *SyntaxError.
func Parse(src, lang string) (Expr, error) {
	switch lang {
	case "", "cql2-text":
		return ParseText(src)
	case "cql2-json":
		return ParseJSON([]byte(src))
	}
	return nil, fmt.Errorf("%w %q: supported are cql2-text and cql2-json", ErrLang, lang)
}
