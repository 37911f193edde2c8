package service

import (
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/pipeline"
)

// importBatch is how many rows travel together from one goroutine of an
// import to the next, and are looked up in the store together.
const importBatch = 256

// preparedRow is an item read and checked off the deciding goroutine.
type preparedRow struct {
	item    *estate.ImportItem
	readErr error
	invalid error // the row's asset fails validation
	final   bool  // the whole file has been read: decide the row now
}

// code is the asset code by which the row may claim a stored asset: its
// asset's, or a skipped row's ("" for none).
func (p *preparedRow) code() string {
	switch it := p.item; {
	case it == nil || p.readErr != nil || it.Err != nil:
		return ""
	case it.Skip != "":
		return it.AssetCode
	case it.Asset != nil && p.invalid == nil:
		return it.Asset.AssetCode
	}
	return ""
}

// prepareRows runs rows on a goroutine of its own and readies each asset
// on another, so reading, checking and deciding (the caller) share the
// cores, and hands the rows over in batches, a few ahead. stop ends the
// goroutines early and waits for them, so the caller's reader is never
// used after ImportAssets returns.
func prepareRows(rows iter.Seq2[*estate.ImportItem, error], area estate.ServiceArea) (<-chan []preparedRow, func()) {
	read, stopRead := pipeline.Run(4, importBatch, func(yield func(preparedRow) bool) {
		for item, err := range rows {
			if !yield(preparedRow{item: item, readErr: err}) || err != nil {
				return
			}
		}
	})
	checked, stopCheck := pipeline.Run(4, importBatch, func(yield func(preparedRow) bool) {
		for batch := range read {
			for _, p := range batch {
				if p.readErr == nil && p.item.Asset != nil {
					p.invalid = estate.PrepareAsset(p.item.Asset, area)
				}
				if !yield(p) {
					return
				}
			}
		}
	})
	return checked, func() {
		stopCheck()
		stopRead()
	}
}
