package estate_test

import (
	"errors"
	"iter"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// items makes rows 2, 3... with the codes given; "-" is a row skipped
// for having no coordinates, which takes no code.
func codeItems(codes ...string) []*estate.ImportItem {
	var out []*estate.ImportItem
	for i, c := range codes {
		it := &estate.ImportItem{Row: i + 2}
		if c == "-" {
			it.Skip, it.AssetCode = "no coordinates", "A"
		} else {
			it.Asset, it.AssetCode, it.Fields = &estate.Asset{AssetCode: c}, c, estate.AllFields
		}
		out = append(out, it)
	}
	return out
}

func seqOf(items []*estate.ImportItem) iter.Seq2[*estate.ImportItem, error] {
	return func(yield func(*estate.ImportItem, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

func TestRepeatedCodes(t *testing.T) {
	codes := func(m estate.RepeatedCodes, in []*estate.ImportItem) (out []string, warned []string) {
		for it, err := range m.Items(seqOf(in)) {
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case it.Asset != nil:
				out = append(out, it.Asset.AssetCode)
				if it.AssetCode != it.Asset.AssetCode {
					t.Errorf("row %d reported as %q, coded %q", it.Row, it.AssetCode, it.Asset.AssetCode)
				}
			case it.Skip != "":
				out = append(out, "skip: "+it.Skip)
			}
			for i, w := range it.Warnings {
				warned = append(warned, string(it.WarningKinds[i])+": "+w)
			}
		}
		return out, warned
	}
	// A real "A~2" after a derived one is itself a repeat.
	in := []string{"A", "B", "A", "A~2", "A", "B"}
	got, warned := codes(estate.RepeatedSuffix, codeItems(in...))
	if want := []string{"A", "B", "A~2", "A~2~2", "A~3", "B~2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("suffix: %q, want %q", got, want)
	}
	if len(warned) != 4 || warned[0] != `code_repeated: asset code "A" is used by row 2 of the file: kept as an asset of its own, coded "A~2"` ||
		warned[1] != `code_repeated: asset code "A~2" is used by row 4 of the file: kept as an asset of its own, coded "A~2~2"` {
		t.Errorf("suffix warnings %q", warned)
	}
	// The same rows give the same codes every time.
	if again, _ := codes(estate.RepeatedSuffix, codeItems(in...)); !reflect.DeepEqual(again, got) {
		t.Errorf("suffix again: %q", again)
	}
	got, _ = codes(estate.RepeatedSkip, codeItems("A", "B", "A"))
	if len(got) != 3 || got[2] != `skip: asset_code: "A" is used by row 2 of the file: left out, as repeated codes are skipped` {
		t.Errorf("skip: %q", got)
	}
	// A row skipped for having no coordinates names its code first, as
	// file order alone decides: the later row is the repeat.
	got, _ = codes(estate.RepeatedSuffix, codeItems("-", "A"))
	if !reflect.DeepEqual(got, []string{"skip: no coordinates", "A~2"}) {
		t.Errorf("suffix after a skipped row: %q", got)
	}
	got, _ = codes(estate.RepeatedSkip, codeItems("-", "A", "-"))
	if len(got) != 3 || got[1] != `skip: asset_code: "A" is used by row 2 of the file: left out, as repeated codes are skipped` || got[2] != "skip: no coordinates" {
		t.Errorf("skip after a skipped row: %q", got)
	}
	got, _ = codes(estate.RepeatedRefuse, codeItems("A", "A"))
	if !reflect.DeepEqual(got, []string{"A", "A"}) {
		t.Errorf("refuse passes rows on as they are: %q", got)
	}
	// Codes are compared as the register stores them, in Unicode NFC.
	got, _ = codes(estate.RepeatedSuffix, codeItems("Caf\u00e9", "Cafe\u0301"))
	if got[1] != "Caf\u00e9~2" {
		t.Errorf("decomposed repeat coded %q", got[1])
	}
	// A read error passes through and ends the rows.
	boom := errors.New("boom")
	for it, err := range estate.RepeatedSuffix.Items(func(yield func(*estate.ImportItem, error) bool) { yield(nil, boom) }) {
		if it != nil || err != boom {
			t.Errorf("error row %v %v", it, err)
		}
	}

	for s, want := range map[string]estate.RepeatedCodes{"": estate.RepeatedRefuse, "refuse": estate.RepeatedRefuse,
		"suffix": estate.RepeatedSuffix, "skip": estate.RepeatedSkip} {
		if m, err := estate.ParseRepeatedCodes(s); m != want || err != nil {
			t.Errorf("%q: %q %v", s, m, err)
		}
	}
	if _, err := estate.ParseRepeatedCodes("merge"); estate.ErrorCode(err) != estate.EINVALID {
		t.Errorf("merge: %v", err)
	}
	if r := estate.RepeatedCodeReason("A"); !strings.Contains(r, "--repeated-codes=suffix") || !strings.Contains(r, `"A~2"`) {
		t.Errorf("reason %q", r)
	}
}
