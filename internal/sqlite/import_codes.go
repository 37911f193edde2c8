package sqlite

import "hash/maphash"

// codeSet holds the asset codes of the rows an import decided new, so a
// later row with one of them is found out. A million codes kept as Go
// strings cost about 60 MB; a hash of each and where its row is in the
// spool cost a third of that, and a hash two codes share is told apart
// by reading the row back, which only a repeated code (or a one in 2^64
// chance) ever makes happen.
type codeSet struct {
	seed  maphash.Seed
	at    map[uint64]int64 // hash of a code to its row's offset in the spool
	exact map[string]int64 // codes whose hash another code had first
	sp    *spool
}

func newCodeSet(sp *spool) *codeSet {
	return &codeSet{seed: maphash.MakeSeed(), at: map[uint64]int64{}, exact: map[string]int64{}, sp: sp}
}

// find returns the row that made code new, if one did.
func (c *codeSet) find(code string) (row int, ok bool, err error) {
	off, ok := c.exact[code]
	if !ok {
		if off, ok = c.at[maphash.String(c.seed, code)]; !ok {
			return 0, false, nil
		}
	}
	r, err := c.sp.rowAt(off)
	if err != nil || r.AssetCode != code {
		return 0, false, err
	}
	return r.Row, true, nil
}

// add records that the row spooled at off makes code new; code must not
// be in the set.
func (c *codeSet) add(code string, off int64) {
	h := maphash.String(c.seed, code)
	if _, taken := c.at[h]; taken {
		c.exact[code] = off
		return
	}
	c.at[h] = off
}
