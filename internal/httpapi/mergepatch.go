package httpapi

import (
	"bytes"
	"encoding/json"
)

// mergePatch applies an RFC 7396 JSON merge patch to doc and returns the
// result. Numbers keep their exact text, so money stays exact.
func mergePatch(doc, patch []byte) ([]byte, error) {
	var d, p any
	if err := unmarshalNumber(doc, &d); err != nil {
		return nil, err
	}
	if err := unmarshalNumber(patch, &p); err != nil {
		return nil, jsonError(err)
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, invalid("body", "must be a JSON object (a merge patch of the Feature)")
	}
	return json.Marshal(mergeValue(d, p))
}

func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = mergeValue(tm[k], v)
	}
	return tm
}

func unmarshalNumber(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return invalid("body", "must hold a single JSON value")
	}
	return nil
}
