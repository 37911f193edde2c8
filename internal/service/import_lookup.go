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
	return lookUpInto(ctx, d.byCode, d.partner, codes, d.view.FindImportAssetsByCode)
}

func (d *decider) lookUpUPRNs(ctx context.Context, uprns []string) error {
	return lookUpInto(ctx, d.byUPRN, d.partner, uprns, d.view.FindImportAssetsByUPRN)
}

// lookUpInto asks find for partner's assets by keys at once, and keeps
// what it finds for each key in m.
func lookUpInto[T any](ctx context.Context, m map[string]T, partner string, keys []string,
	find func(context.Context, string, []string) ([]T, error)) error {
	if len(keys) == 0 {
		return nil
	}
	found, err := find(ctx, partner, keys)
	if err != nil {
		return err
	}
	for i, k := range keys {
		m[k] = found[i]
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
