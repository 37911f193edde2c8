package service

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
)

// lookUp asks the view at once for the stored assets the rows of batch
// may match: by their codes, then by the UPRNs of those whose code the
// partner has not. A row finds what it needs there, or asks alone.
func (d *decider) lookUp(ctx context.Context, batch []preparedRow) error {
	if d.fresh {
		return nil // nothing stored to match
	}
	clear(d.byCode)
	clear(d.byUPRN)
	var codes, uprns []string
	for i := range batch {
		if code := batch[i].code(); code != "" {
			codes = append(codes, code)
		}
	}
	if err := d.lookUpCodes(ctx, codes); err != nil {
		return err
	}
	for i := range batch {
		if a := batch[i].item; a != nil && a.Asset != nil && a.Asset.UPRN != "" && d.byCode[a.Asset.AssetCode] == nil {
			uprns = append(uprns, a.Asset.UPRN)
		}
	}
	return d.lookUpUPRNs(ctx, uprns)
}

func (d *decider) lookUpCodes(ctx context.Context, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	found, err := d.view.FindImportAssetsByCode(ctx, d.partner, codes)
	if err != nil {
		return err
	}
	for i, code := range codes {
		d.byCode[code] = found[i]
	}
	return nil
}

func (d *decider) lookUpUPRNs(ctx context.Context, uprns []string) error {
	if len(uprns) == 0 {
		return nil
	}
	found, err := d.view.FindImportAssetsByUPRN(ctx, d.partner, uprns)
	if err != nil {
		return err
	}
	for i, uprn := range uprns {
		d.byUPRN[uprn] = found[i]
	}
	return nil
}

// stored is the partner's stored asset with code, nil for none.
func (d *decider) stored(ctx context.Context, code string) (*estate.Asset, error) {
	if a, ok := d.byCode[code]; ok {
		return a, nil
	}
	err := d.lookUpCodes(ctx, []string{code})
	return d.byCode[code], err
}

// withUPRN are the partner's stored assets with uprn, in id order.
func (d *decider) withUPRN(ctx context.Context, uprn string) ([]*estate.Asset, error) {
	if found, ok := d.byUPRN[uprn]; ok {
		return found, nil
	}
	err := d.lookUpUPRNs(ctx, []string{uprn})
	return d.byUPRN[uprn], err
}
