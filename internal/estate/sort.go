package estate

import (
	"cmp"
	"fmt"
	"strings"
)

// SortKey is a property a page of assets may be sorted by. Only
// properties every store can page through in order by an index, with id
// breaking ties, are keys: a page then stays a keyset page (where the
// last one ended), however deep. Times are not among them: SQLite keeps
// them as text trimmed of trailing zero fractions, which does not sort
// in time order within a second.
type SortKey string

// The sort keys.
const (
	SortByID      SortKey = "id"
	SortByRAG     SortKey = "rag"     // by the rating's text: amber, green, red, unrated
	SortByPartner SortKey = "partner" // by the partner id, code point by code point
)

// SortKeys lists the sort keys in the order documents list them.
var SortKeys = []SortKey{SortByID, SortByRAG, SortByPartner}

// Sort is the order of a page: by Key, then by id, both ascending or both
// descending. The zero Sort is by id, ascending.
type Sort struct {
	Key  SortKey // "" is id
	Desc bool
}

// ByID reports whether the order is by id alone.
func (s Sort) ByID() bool { return s.Key == "" || s.Key == SortByID }

// String is the order as OGC API's sortby writes it: "-rag" for rag
// descending (then id descending), "id" for the zero Sort.
func (s Sort) String() string {
	k := s.Key
	if k == "" {
		k = SortByID
	}
	if s.Desc {
		return "-" + string(k)
	}
	return string(k)
}

// ValueOf returns a's value of the key, as a cursor carries it: "" when
// the order is by id.
func (s Sort) ValueOf(a *Asset) string {
	switch s.Key {
	case SortByRAG:
		return string(a.RAG)
	case SortByPartner:
		return a.Partner
	}
	return ""
}

// Compare orders a and b as a page sorted by s lists them: the reference
// every store's order is held to (storetest).
func (s Sort) Compare(a, b *Asset) int {
	c := cmp.Or(strings.Compare(s.ValueOf(a), s.ValueOf(b)), cmp.Compare(a.ID, b.ID))
	if s.Desc {
		return -c
	}
	return c
}

// check adds a problem for a key that is not sortable, and for a cursor
// value the key's values cannot take.
func (p *Page) checkSort(pr *Problems) {
	if p.Sort.Key != "" && !oneOf(p.Sort.Key, SortKeys) {
		pr.Add("sortby", "%q is not sortable: the sortable properties are %s", p.Sort.Key, sortKeyList())
		return
	}
	v := p.CursorValue
	switch {
	case p.Sort.ByID() && v != "",
		p.Sort.Key == SortByRAG && p.Cursor() > 0 && !oneOf(RAG(v), RAGs),
		p.Sort.Key == SortByPartner && p.Cursor() > 0 && !ValidSlug(v):
		pr.Add("cursor", "is not a cursor this server gave")
	}
}

func sortKeyList() string {
	s := fmt.Sprint(SortKeys)
	return strings.ReplaceAll(strings.Trim(s, "[]"), " ", ", ")
}

// Cursor is the id the page starts beyond, After or Before; 0 for the
// first page.
func (p *Page) Cursor() int64 { return max(p.After, p.Before) }

// ReadsAscending reports whether a store reads the page's rows in
// ascending order (of the key, then id): a page read forwards in an
// ascending sort, or backwards in a descending one. The rows read are
// those beyond (CursorValue, Cursor()) in that direction.
func (p *Page) ReadsAscending() bool { return p.Sort.Desc == (p.Before > 0) }
