package service

import (
	"context"
	"hash/maphash"
)

// codeSet holds the asset codes of the rows an import decided new, so a
// later row with one of them is found out. Codes kept as Go strings cost a
// header and their bytes each; a hash of each and where its row is in the
// spool cost a third of that (transparency's BenchmarkImport1M reports the
// heap), and a hash two codes share is told apart by reading the row back,
// which only a repeated code (or a one in 2^64 chance) ever makes happen.
type codeSet struct {
	seed  maphash.Seed
	at    map[uint64]int64 // hash of a code to its row's offset in the spool
	exact map[string]int64 // codes whose hash another code had first
	sp    *spool
}

func newCodeSet(sp *spool) *codeSet {
	return &codeSet{seed: maphash.MakeSeed(), at: map[uint64]int64{}, exact: map[string]int64{}, sp: sp}
}

// has says whether a row made code new.
func (c *codeSet) has(code string) (bool, error) {
	off, ok := c.exact[code]
	if !ok {
		if off, ok = c.at[maphash.String(c.seed, code)]; !ok {
			return false, nil
		}
	}
	row, err := c.sp.rowAt(off)
	return err == nil && row.AssetCode == code, err
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

// codeOwner finds the partner's asset with code as the register will be
// once the rows decided so far are written; a new asset has no id yet,
// and stands as 0.
func (d *decider) codeOwner(ctx context.Context, partner, code string) (id int64, found bool, err error) {
	if partner != d.partner {
		found, err := d.view.FindImportAssetsByCode(ctx, partner, []string{code})
		if err != nil || found[0] == nil {
			return 0, false, err
		}
		return found[0].ID, true, nil
	}
	if id, moved := d.recoded[code]; moved {
		return id, id != 0, nil
	}
	if dup, err := d.codes.has(code); err != nil || dup {
		return 0, dup, err
	}
	a, err := d.stored(ctx, code)
	if err != nil || a == nil {
		return 0, false, err
	}
	return a.ID, true, nil
}

// claimed says whether a row of the file has matched stored asset id.
func (d *decider) claimed(id int64) bool {
	i := int(id / 64)
	return i < len(d.seen) && d.seen[i]&(1<<(id%64)) != 0
}

func (d *decider) claim(id int64) {
	i := int(id / 64)
	for len(d.seen) <= i {
		d.seen = append(d.seen, make([]uint64, max(i+1-len(d.seen), 1024))...)
	}
	d.seen[i] |= 1 << (id % 64)
}
