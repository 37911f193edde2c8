package estate

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzCondJSON: a condition read from any bytes and accepted by
// CheckCond writes back as bytes that read as the same condition and
// write as the same bytes again: Selection's JSON is a cache key.
func FuzzCondJSON(f *testing.F) {
	for _, s := range []string{
		`{"op":"=","field":"rag","value":"green"}`,
		`{"op":"and","args":[{"op":"not","args":[{"op":"isnull","field":"town"}]},{"op":"<","field":"gia_m2","value":1e-7}]}`,
		`{"op":"in","field":"updated_at","values":["2026-01-01T00:00:00.5Z"]}`,
		`{"op":"s_within","polygon":[[[0,0],[1,0],[1,1],[0,0]]]}`,
		`{"op":"t_before","field":"effective_date","from":"2026-05-10T00:00:00Z"}`,
		`{"op":"like","field":"name","pattern":"a\\_%"}`,
		`{"op":"between","field":"version","low":1,"high":2.5}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := UnmarshalCond(b)
		if err != nil {
			return
		}
		var pr Problems
		if CheckCond(&pr, c); len(pr) > 0 {
			return
		}
		out, err := MarshalCond(c)
		if err != nil {
			t.Fatalf("%s: checked but not written: %v", b, err)
		}
		back, err := UnmarshalCond(out)
		if err != nil {
			t.Fatalf("%s: wrote %s, which does not read: %v", b, out, err)
		}
		if !reflect.DeepEqual(back, c) {
			t.Fatalf("%s: read %#v, wrote %s, read back %#v", b, c, out, back)
		}
		if again, _ := MarshalCond(back); !bytes.Equal(out, again) {
			t.Fatalf("%s: wrote %s, then %s", b, out, again)
		}
	})
}
