package postgres

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// An import's spool holds assets as a row of assetColumns would come back
// from the database, and reads them back through scanAsset: the columns
// are decoded by the type scanAsset scans each into, so the spool keeps
// the row's layout and its reading (UTC times, no tags as nil, footprint
// and occupiers decoded) from one place. Texts are length-prefixed,
// integers varints, floats their 8 bytes, times seconds and nanoseconds;
// a value that may be NULL has a byte before it saying whether it is.

// AppendImportAsset appends a's encoding to b, in assetColumns order.
func (db *DB) AppendImportAsset(b []byte, a *estate.Asset) ([]byte, error) {
	fp, err := geo.MarshalWKB(a.Footprint)
	if err != nil {
		return nil, err
	}
	var occ []byte
	if len(a.Occupiers) > 0 {
		if occ, err = json.Marshal(a.Occupiers); err != nil {
			return nil, fmt.Errorf("postgres: import spool: occupiers: %w", err)
		}
	}
	e := spoolEncoder{b: b}
	e.int(a.ID)
	e.str(a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town, a.Postcode,
		string(a.Holding), a.Use)
	e.float(a.Location.Lon)
	e.float(a.Location.Lat)
	e.bytes(fp)
	e.str(string(a.Tenure), string(a.TenureDetail), a.LeaseExpiry, a.LeaseBreak)
	e.optInt(a.AnnualRentGBP)
	e.optFloat(a.GIAM2)
	e.optFloat(a.LandAreaHa)
	e.optFloat(a.UtilisationPct)
	e.str(a.Condition)
	e.optInt(a.BacklogGBP)
	e.str(a.EnergyRating, string(a.Listed))
	e.optInt(a.MarketValueGBP)
	e.optInt(a.BookValueGBP)
	e.optInt(a.RunningCostGBPPA)
	e.bytes(occ)
	e.str(string(a.RAG), a.RAGRationale, a.RAGSetBy)
	if e.flag(a.RAGSetAt != nil) {
		e.time(*a.RAGSetAt)
	}
	e.b = binary.AppendUvarint(e.b, uint64(len(a.Tags)))
	e.str(a.Tags...)
	e.str(a.Notes)
	e.flag(a.Sensitive)
	e.str(a.EffectiveDate)
	e.str(string(a.DisposalStage))
	if e.flag(a.DisposalStageAt != nil) {
		e.time(*a.DisposalStageAt)
	}
	e.str(a.DisposalTarget, a.DisposalNote)
	e.optInt(a.ReceiptGBP)
	e.str(a.ReceiptDate)
	e.optInt(a.SurplusValueGBP)
	e.int(a.Version)
	e.time(a.CreatedAt)
	e.time(a.UpdatedAt)
	return e.b, nil
}

// ReadImportAsset reads an asset AppendImportAsset wrote at the start of
// b.
func (db *DB) ReadImportAsset(b []byte) (*estate.Asset, []byte, error) {
	r := &spoolRow{b: b}
	a, err := scanAsset(r)
	if err != nil {
		return nil, nil, err
	}
	return a, r.b, nil
}

type spoolEncoder struct{ b []byte }

func (e *spoolEncoder) int(v int64) { e.b = binary.AppendVarint(e.b, v) }
func (e *spoolEncoder) float(v float64) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
}
func (e *spoolEncoder) time(t time.Time) {
	e.int(t.Unix())
	e.b = binary.AppendUvarint(e.b, uint64(t.Nanosecond()))
}

func (e *spoolEncoder) str(vs ...string) {
	for _, v := range vs {
		e.b = append(binary.AppendUvarint(e.b, uint64(len(v))), v...)
	}
}

// bytes writes v, nil (NULL) apart from empty.
func (e *spoolEncoder) bytes(v []byte) {
	if e.flag(v != nil) {
		e.b = append(binary.AppendUvarint(e.b, uint64(len(v))), v...)
	}
}

func (e *spoolEncoder) flag(ok bool) bool {
	if ok {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	return ok
}

func (e *spoolEncoder) optInt(v *int64) {
	if e.flag(v != nil) {
		e.int(*v)
	}
}

func (e *spoolEncoder) optFloat(v *float64) {
	if e.flag(v != nil) {
		e.float(*v)
	}
}

var errShortAsset = errors.New("postgres: import spool: asset cut short")

// spoolRow is a pgx.Row over an encoded asset: Scan reads each value as
// the type it is scanned into, and leaves b at the next asset.
type spoolRow struct {
	b   []byte
	err error
}

func (r *spoolRow) Scan(dest ...any) error {
	for _, d := range dest {
		switch d := d.(type) {
		case *int64:
			*d = r.int()
		case *string:
			*d = r.str()
		case *float64:
			*d = r.float()
		case *bool:
			*d = r.flag()
		case *[]byte:
			if r.flag() {
				*d = []byte(r.str())
			}
		case **int64:
			if r.flag() {
				v := r.int()
				*d = &v
			}
		case **float64:
			if r.flag() {
				v := r.float()
				*d = &v
			}
		case *time.Time:
			*d = r.time()
		case **time.Time:
			if r.flag() {
				t := r.time()
				*d = &t
			}
		case *[]string:
			n := r.uint()
			if n > uint64(len(r.b)) {
				r.err = errShortAsset
				break
			}
			*d = make([]string, n)
			for i := range *d {
				(*d)[i] = r.str()
			}
		default:
			return fmt.Errorf("postgres: import spool: cannot scan into %T", d)
		}
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

func (r *spoolRow) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, n = errShortAsset, 0
	}
	r.b = r.b[n:]
	return v
}

func (r *spoolRow) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, n = errShortAsset, 0
	}
	r.b = r.b[n:]
	return v
}

func (r *spoolRow) float() float64 {
	if len(r.b) < 8 {
		r.err = errShortAsset
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func (r *spoolRow) flag() bool {
	if len(r.b) < 1 {
		r.err = errShortAsset
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *spoolRow) str() string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.err = errShortAsset
		return ""
	}
	v := string(r.b[:n])
	r.b = r.b[n:]
	return v
}

func (r *spoolRow) time() time.Time {
	sec := r.int()
	nsec := r.uint()
	return time.Unix(sec, int64(nsec)).UTC()
}
