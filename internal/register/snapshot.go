package register

import (
	"encoding/binary"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Snapshot is the register at one version, never changed once made, so
// a reader may keep using it while the copy moves on. Its rows are the
// columns' first Rows(); a row replaced by a later change, or deleted,
// is no longer live, and the live rows in id order are the register.
type Snapshot struct {
	version int64
	gen     uint64
	cols    columns
	text    string
	strs    []string
	enums   []string
	tagSets [][]string
	order   []int32  // live rows, in id order
	live    []uint64 // a bit a row
	dead    int      // rows no longer live
}

// snapshot is what b holds now, at version, with the live rows order.
func (b *builder) snapshot(version int64, order []int32, live []uint64, dead int) *Snapshot {
	return &Snapshot{version: version, gen: b.gen, cols: b.shared(), text: b.text.String(),
		strs: b.dict.strs, enums: b.dict.enums, tagSets: b.dict.tagSets, order: order, live: live, dead: dead}
}

// Version is the register version (estate.RegisterFeed) the snapshot is
// of.
func (s *Snapshot) Version() int64 { return s.version }

// Generation changes when the copy is read again whole or compacted,
// which renumbers rows: an index of rows (internal/tiles) made for one
// generation holds for every later snapshot of it, which only adds rows.
func (s *Snapshot) Generation() uint64 { return s.gen }

// Len is how many assets the register holds.
func (s *Snapshot) Len() int { return len(s.order) }

// Rows is how many rows the snapshot has, live or not: rows are
// 0 to Rows()-1.
func (s *Snapshot) Rows() int32 { return int32(s.cols.id.rows()) }

// Live reports whether row is an asset of the register at this version.
func (s *Snapshot) Live(row int32) bool { return s.live[row>>6]&(1<<(row&63)) != 0 }

// ID is the asset id of row.
func (s *Snapshot) ID(row int32) int64 { return s.cols.id.int(row) }

// Location is the point of row.
func (s *Snapshot) Location(row int32) estate.Point {
	return estate.Point{Lon: s.cols.lon.fixed(row, coordScale), Lat: s.cols.lat.fixed(row, coordScale)}
}

// Partner is the owner of row.
func (s *Snapshot) Partner(row int32) string { return s.strs[s.cols.partner[row]] }

// Sensitive reports whether row is seen only by its partner and admins.
func (s *Snapshot) Sensitive(row int32) bool { return s.cols.flags[row]&sensitive != 0 }

// RAG is the rating of row as the store holds it.
func (s *Snapshot) RAG(row int32) estate.RAG { return estate.RAG(s.enums[s.cols.rag[row]]) }

// Holding is the holding of row.
func (s *Snapshot) Holding(row int32) estate.Holding {
	return estate.Holding(s.enums[s.cols.holding[row]])
}

// Use is the use of row.
func (s *Snapshot) Use(row int32) string { return s.strs[s.cols.use[row]] }

// Name is the name of row.
func (s *Snapshot) Name(row int32) string { return s.textOf(row, textName) }

// textOf is the k-th text of row, sharing the snapshot's text.
func (s *Snapshot) textOf(row int32, k int) string {
	t := s.text[s.cols.text[row]:]
	for {
		n, w := uvarint(t)
		if k == 0 {
			return t[w : w+int(n)]
		}
		t = t[w+int(n):]
		k--
	}
}

func uvarint(s string) (uint64, int) {
	if s[0] < 0x80 {
		return uint64(s[0]), 1
	}
	var b [binary.MaxVarintLen64]byte
	n, w := binary.Uvarint(b[:copy(b[:], s)])
	return n, w
}

// Read fills a with row.
func (s *Snapshot) Read(row int32, a *Asset) {
	s.ReadSelectable(row, a)
	c := &s.cols
	a.Town, a.Use = s.strs[c.town[row]], s.strs[c.use[row]]
	if c.flags[row]&hasSetAt != 0 {
		a.RAGSetAt = time.Unix(0, c.setAt[row]).UTC()
	}
	t := s.text[c.text[row]:]
	for _, p := range [...]*string{textName: &a.Name, textStreet: &a.StreetName, textPostcode: &a.Postcode, textCode: &a.AssetCode, textUPRN: &a.UPRN} {
		n, w := uvarint(t)
		*p, t = t[w:w+int(n)], t[w+int(n):]
	}
}

// ReadSelectable is ReadFigures with the partner, place and tags: all a
// selection tests but its free text (q), without decoding texts.
func (s *Snapshot) ReadSelectable(row int32, a *Asset) {
	s.ReadFigures(row, a)
	c := &s.cols
	a.Partner, a.Location, a.Tags = s.strs[c.partner[row]], s.Location(row), s.tagSets[c.tags[row]]
}

// ReadFigures fills only a's row, id, enums, flags, figures and disposal
// programme (which costs a lookup for the few assets in one), leaving its
// texts, place, tags and rating date zero: what pricing an asset reads,
// for loops over many rows that need no more (BenchmarkInsight1M's
// colocation-warm prices every hub's members on each request).
func (s *Snapshot) ReadFigures(row int32, a *Asset) {
	c := &s.cols
	f := c.flags[row]
	*a = Asset{Row: row, ID: c.id.int(row),
		Holding: estate.Holding(s.enums[c.holding[row]]),
		Tenure:  estate.Tenure(s.enums[c.tenure[row]]), TenureDetail: estate.TenureDetail(s.enums[c.detail[row]]),
		AnnualRentGBP:    Known[int64]{c.rent.int(row), f&hasRent != 0},
		MarketValueGBP:   Known[int64]{c.market.int(row), f&hasMarket != 0},
		RunningCostGBPPA: Known[int64]{c.running.int(row), f&hasRunning != 0},
		GIAM2:            Known[float64]{c.gia.fixed(row, areaScale), f&hasGIA != 0},
		UtilisationPct:   Known[float64]{c.util.fixed(row, areaScale), f&hasUtil != 0},
		RAG:              estate.RAG(s.enums[c.rag[row]]), HasRationale: f&hasRationale != 0,
		Sensitive: f&sensitive != 0}
	s.readProgramme(row, a)
}

// UPRN is the UPRN of row, as the store holds it.
func (s *Snapshot) UPRN(row int32) string { return s.textOf(row, textUPRN) }
