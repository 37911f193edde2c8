package register

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// columns are the rows of a copy, one array per field (a struct of
// arrays), free of pointers, so a million rows cost the garbage
// collector nothing to scan, and each field costs its own size, not an
// estate.Asset's: figures in 32 bits where they fit (narrow). Rows are
// only ever appended: a snapshot sees the first rows of the arrays it
// was given, whatever is appended after.
type columns struct {
	id                           narrow
	lon, lat                     narrow   // in 1/coordScale degrees
	partner, town, use           []uint32 // into dict.strs
	holding, tenure, detail, rag []uint8  // into dict.enums
	tags                         []uint32 // into dict.tagSets
	rent, market, running        narrow
	gia, util                    narrow  // in 1/areaScale
	setAt                        []int64 // Unix nanoseconds: ratings' times have microseconds
	flags                        []uint8
	text                         []uint32 // where the row's texts start in the snapshot's text
	prog                         []uint32 // into progs; 0 for no programme
	progs                        []programme
}

// Scales of the fixed-point figures: the register's grid of coordinates
// (estate.CoordScale), and hundredths of a square metre or per cent.
const (
	coordScale = estate.CoordScale
	areaScale  = 100
)

// Bits of columns.flags.
const (
	hasRent uint8 = 1 << iota
	hasMarket
	hasRunning
	hasGIA
	hasUtil
	hasSetAt
	hasRationale
	sensitive
)

// Texts of a row, in the order they are written: each is a uvarint length
// and its bytes.
const (
	textName = iota
	textStreet
	textPostcode
	textCode
	textUPRN
)

// builder appends rows to one generation of columns. Only the holder of
// the copy's lock uses it; snapshots take what it has written so far
// (snapshot) and never see later writes.
type builder struct {
	gen  uint64
	cols columns
	text strings.Builder // appended to only: its String() stays valid
	dict dict
}

// dict interns the strings many rows share, so each is held once. It
// keeps copies: a feed may reuse what it gives (estate.RegisterFeed).
type dict struct {
	strs    []string // partners, towns, uses
	strIdx  map[string]uint32
	enums   []string // holdings, tenures, tenure details, ratings
	enumIdx map[string]uint8
	tagSets [][]string
	tagIdx  map[string]uint32
}

func newBuilder(gen uint64) *builder {
	b := &builder{gen: gen, dict: dict{strIdx: map[string]uint32{}, enumIdx: map[string]uint8{}, tagIdx: map[string]uint32{}}}
	c := &b.cols
	c.id, c.rent, c.market, c.running = newInts(), newInts(), newInts(), newInts()
	c.lon, c.lat = newFixed(coordScale), newFixed(coordScale)
	c.gia, c.util = newFixed(areaScale), newFixed(areaScale)
	return b
}

// narrows are the columns held in 32 bits.
func (c *columns) narrows() []*narrow {
	return []*narrow{&c.id, &c.lon, &c.lat, &c.rent, &c.market, &c.running, &c.gia, &c.util}
}

// clip drops the spare room appending left in every column, a fifth of
// a register read whole.
func (b *builder) clip() {
	c := &b.cols
	for _, n := range c.narrows() {
		n.v, n.full = clip(n.v), clip(n.full)
	}
	c.partner, c.town, c.use, c.tags, c.text, c.setAt = clip(c.partner), clip(c.town), clip(c.use), clip(c.tags), clip(c.text), clip(c.setAt)
	c.prog, c.progs = clip(c.prog), clip(c.progs)
	text := b.text.String()
	b.text = strings.Builder{}
	b.text.Grow(len(text))
	b.text.WriteString(text)
	c.holding, c.tenure, c.detail, c.rag, c.flags = clip(c.holding), clip(c.tenure), clip(c.detail), clip(c.rag), clip(c.flags)
}

// shared returns the columns as they are now, for a snapshot, which
// will read their wide figures while the builder goes on.
func (b *builder) shared() columns {
	for _, n := range b.cols.narrows() {
		n.shared = true
	}
	return b.cols
}

// appendRow adds a as a row and returns its index.
func (b *builder) appendRow(a *Asset) (int32, error) {
	c := &b.cols
	if c.id.rows() >= 1<<31-1 || b.text.Len() >= 1<<32-1<<20 {
		return 0, fmt.Errorf("register: more rows than a copy holds")
	}
	holding, err1 := b.dict.enum(string(a.Holding))
	tenure, err2 := b.dict.enum(string(a.Tenure))
	detail, err3 := b.dict.enum(string(a.TenureDetail))
	rag, err4 := b.dict.enum(string(a.RAG))
	prog, err5 := b.appendProgramme(a)
	if err := firstErr(err1, err2, err3, err4, err5); err != nil {
		return 0, fmt.Errorf("register: asset %d: %w", a.ID, err)
	}
	row := int32(c.id.rows())
	c.id.addInt(a.ID)
	c.lon.addFixed(a.Location.Lon, coordScale)
	c.lat.addFixed(a.Location.Lat, coordScale)
	c.partner = append(c.partner, b.dict.str(a.Partner))
	c.town = append(c.town, b.dict.str(a.Town))
	c.use = append(c.use, b.dict.str(a.Use))
	c.holding, c.tenure, c.detail, c.rag = append(c.holding, holding), append(c.tenure, tenure), append(c.detail, detail), append(c.rag, rag)
	c.tags = append(c.tags, b.dict.tagSet(a.Tags))
	var f uint8
	c.rent.addInt(flag(&f, hasRent, a.AnnualRentGBP))
	c.market.addInt(flag(&f, hasMarket, a.MarketValueGBP))
	c.running.addInt(flag(&f, hasRunning, a.RunningCostGBPPA))
	c.gia.addFixed(flag(&f, hasGIA, a.GIAM2), areaScale)
	c.util.addFixed(flag(&f, hasUtil, a.UtilisationPct), areaScale)
	var at int64
	if !a.RAGSetAt.IsZero() {
		at, f = a.RAGSetAt.UnixNano(), f|hasSetAt
	}
	c.setAt = append(c.setAt, at)
	if a.HasRationale {
		f |= hasRationale
	}
	if a.Sensitive {
		f |= sensitive
	}
	c.flags = append(c.flags, f)
	c.prog = append(c.prog, prog)
	c.text = append(c.text, uint32(b.text.Len()))
	for _, s := range [...]string{textName: a.Name, textStreet: a.StreetName, textPostcode: a.Postcode, textCode: a.AssetCode, textUPRN: a.UPRN} {
		var n [binary.MaxVarintLen64]byte
		b.text.Write(binary.AppendUvarint(n[:0], uint64(len(s))))
		b.text.WriteString(s)
	}
	return row, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// flag returns k's value, setting bit in f when it is known.
func flag[T int64 | float64](f *uint8, bit uint8, k Known[T]) T {
	if k.OK {
		*f |= bit
	}
	return k.V
}

func (d *dict) str(s string) uint32 {
	if i, ok := d.strIdx[s]; ok {
		return i
	}
	s = strings.Clone(s)
	d.strs = append(d.strs, s)
	d.strIdx[s] = uint32(len(d.strs) - 1)
	return uint32(len(d.strs) - 1)
}

// enum interns one of the few values of a holding, tenure, tenure detail,
// rating or disposal stage. The store holds whatever text it was given, so a value the
// domain does not know is kept as it is, not mapped to another.
func (d *dict) enum(s string) (uint8, error) {
	if i, ok := d.enumIdx[s]; ok {
		return i, nil
	}
	if len(d.enums) > 255 {
		return 0, fmt.Errorf("more than 256 distinct holdings, tenures, tenure details and ratings (%q)", s)
	}
	s = strings.Clone(s)
	d.enums = append(d.enums, s)
	d.enumIdx[s] = uint8(len(d.enums) - 1)
	return uint8(len(d.enums) - 1), nil
}

func (d *dict) tagSet(tags []string) uint32 {
	key := strings.Join(tags, "\x00")
	if i, ok := d.tagIdx[key]; ok {
		return i
	}
	set := make([]string, len(tags))
	for i, t := range tags {
		set[i] = strings.Clone(t)
	}
	d.tagSets = append(d.tagSets, set)
	d.tagIdx[key] = uint32(len(d.tagSets) - 1)
	return uint32(len(d.tagSets) - 1)
}
