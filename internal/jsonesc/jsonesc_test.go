package jsonesc

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAppendString checks the quoting (which the store's audit and
// packed rows use too) reads back as encoding/json's does, invalid UTF-8
// included.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote`, `back\slash`, "tab\tnew\nline\rcr", "\x00\x1f\x7f",
		"Café Ōkami 😀", "bad \xff utf8 \xc3", "</script>&", "\u2028", strings.Repeat("long run ", 50) + `"`} {
		checkQuoting(t, s)
	}
}

// FuzzAppendString holds the quoting to encoding/json's on any input.
func FuzzAppendString(f *testing.F) {
	f.Add("Café \"x\" \\ \t\x01\xff")
	f.Fuzz(checkQuoting)
}

// checkQuoting fails t unless s quoted by AppendString decodes to
// what s quoted by encoding/json does.
func checkQuoting(t *testing.T, s string) {
	var got, want string
	if err := json.Unmarshal(AppendString(nil, s), &got); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	b, _ := json.Marshal(s)
	if err := json.Unmarshal(b, &want); err != nil || got != want {
		t.Errorf("%q: read back as %q, want %q", s, got, want)
	}
}
