package transparency

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// TestSheetScan reads sheet XML as other producers than Excel write it:
// namespace prefixes, rows and cells without references, comments,
// character references and Excel's _xHHHH_ escapes, formulas, errors.
func TestSheetScan(t *testing.T) {
	const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- written by hand -->
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Smith &amp; Sons&#10;Ltd</x:t></x:is></x:c></x:row>
<x:row><x:c t="str"><x:f>A1&amp;"!"</x:f><x:v>Name!</x:v></x:c><x:c s="1"><x:v>45198</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row r="5" spans="1:3"/>
<x:row r="6"><x:c r="B6" s="2"/><x:c r="D6" t="s"><x:v>1</x:v></x:c><x:c r="E6" t="b"><x:v>1</x:v></x:c></x:row>
</x:sheetData><x:mergeCells count="0"/></x:worksheet>`
	wb := &workbook{strings: []string{"Name", "a_x000D_b"}, formats: []cellFormat{{}, {kind: formatDate}, {}}}
	wb.strings[1] = string(decodeText([]byte(wb.strings[1])))
	src := &xlsxSource{wb: wb, rc: io.NopCloser(nil), x: newXMLScan(strings.NewReader(sheet))}
	var got []record
	for {
		rec, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rec.cells = append([]string(nil), rec.cells...)
		got = append(got, rec)
	}
	want := []record{
		{cells: []string{"Name", "", "Smith & Sons\nLtd"}, row: 1},
		{cells: []string{"Name!", "2023-09-29", "#N/A"}, row: 2},
		{cells: []string{"", "", "", "a\rb", "TRUE"}, row: 6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %+v\nwant %+v", got, want)
	}
}

// TestFormats classes number formats and shows numbers by them.
func TestFormats(t *testing.T) {
	cases := []struct {
		code, v, want string
	}{
		{"General", "100012797623", "100012797623"},
		{"0.00", "200001887481", "200001887481"},
		{"0.00E+00", "1.00012797623E+11", "100012797623"},
		{`"£"#,##0`, "90000", "90000"},
		{"0.000", "0.80800000000000005", "0.808"},
		{"dd/mm/yyyy", "45198", "2023-09-29"},
		{`[$-809]d\ mmmm\ yyyy;@`, "45198.5", "2023-09-29"},
		{"mmm-yy", "45198", "2023-09-29"},
		{"0%", "0.755", "76%"},
		{"0.0%", "0.755", "75.5%"},
		{"h:mm", "0.5", "12:00"},
		{"00000", "123", "00123"},
		{`"AB"0000`, "12", "AB0012"},
		{"@", "42", "42"},
		{"[Red]0.00;[Blue]-0.00", "3.5", "3.5"},
	}
	for _, c := range cases {
		f := cellFormat{kind: codeKind(c.code), code: c.code}
		if got := f.show(c.v, false); got != c.want {
			t.Errorf("%q shows %s as %q, want %q", c.code, c.v, got, c.want)
		}
	}
}
