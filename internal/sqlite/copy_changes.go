package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// insertPosition is each field's place in the positional form.
var insertPosition = func() map[string]int {
	m := make(map[string]int, len(insertFields))
	for i, f := range insertFields {
		m[f] = i
	}
	return m
}()

// encodeCopiedChanges encodes a copied event's changes for audit_events:
// in the positional form an import writes for a new asset (see
// encodeInsertChanges) when they fit it, so a copied register takes no
// more room than its source, and otherwise as the {field, before, after}
// array. Either decodes back to the same changes (decodeChanges).
func encodeCopiedChanges(cs []estate.Change) (string, error) {
	if b, ok, err := positionalChanges(cs); ok || err != nil {
		return string(b), err
	}
	b, err := json.Marshal(cs)
	if err != nil {
		return "", fmt.Errorf("sqlite: audit: %w", err)
	}
	return string(b), nil
}

// positionalChanges writes cs in the positional form, if they fit it:
// no before values, fields in the form's order, no blank after values
// (which the form reads as no change).
func positionalChanges(cs []estate.Change) ([]byte, bool, error) {
	if len(cs) == 0 {
		return nil, false, nil
	}
	last := -1
	for _, c := range cs {
		i, known := insertPosition[c.Field]
		if !known || i <= last || c.Before != nil || c.After == nil || c.After == "" {
			return nil, false, nil
		}
		last = i
	}
	b := append(make([]byte, 0, 320), positionalTag...)
	next := 0
	for _, c := range cs {
		for ; next < insertPosition[c.Field]; next++ {
			b = append(b, `,""`...)
		}
		var err error
		if b, err = appendJSONValue(append(b, ','), c.After); err != nil {
			return nil, false, err
		}
		next++
	}
	return append(b, ']'), true, nil
}
