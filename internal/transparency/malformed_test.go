package transparency_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// junk is an endless-looking stream of n random bytes drawn from alphabet,
// made as it is read, so a 100 MB file costs no memory or disk.
type junk struct {
	n        int64
	alphabet string
	r        *rand.Rand
	read     int64
}

func newJunk(n int64, alphabet string) *junk {
	return &junk{n: n, alphabet: alphabet, r: rand.New(rand.NewPCG(7, 7))}
}

func (j *junk) Read(p []byte) (int, error) {
	if j.read >= j.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), j.n-j.read)
	for i := range p[:k] {
		if j.alphabet == "" {
			p[i] = byte(j.r.Uint32())
		} else {
			p[i] = j.alphabet[j.r.IntN(len(j.alphabet))]
		}
	}
	j.read += k
	return int(k), nil
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cutInRow cuts the file after the fifth comma of line n.
func cutInRow(b []byte, n int) []byte {
	at := 0
	for range n - 1 {
		at += bytes.IndexByte(b[at:], '\n') + 1
	}
	for range 5 {
		at += bytes.IndexByte(b[at:], ',') + 1
	}
	return b[:at]
}

// cutInQuotes cuts the file inside the first quoted cell after line n.
func cutInQuotes(b []byte, n int) []byte {
	at := 0
	for range n - 1 {
		at += bytes.IndexByte(b[at:], '\n') + 1
	}
	return b[:at+bytes.IndexByte(b[at:], '"')+5]
}

const hundredMB = 100 << 20

// reasons joins the reasons of a report's rows.
func reasons(rep *estate.ImportReport) string {
	if rep == nil {
		return ""
	}
	var b strings.Builder
	for _, r := range rep.Rows {
		b.WriteString(r.Reason + "\n")
	}
	return b.String()
}

func TestMalformedFiles(t *testing.T) {
	traffordCSV, fireCSV := testdata(t, trafford), testdata(t, fireStations)
	header := "AssetCode,PropertyName,GeoX,GeoY\n"
	cases := []struct {
		name string
		file func() io.Reader
		want string // in the error or the report of a row
	}{
		{"empty", func() io.Reader { return strings.NewReader("") }, "empty"},
		{"header only", func() io.Reader { return strings.NewReader(header) }, ""}, // imports nothing
		{"truncated in a row", func() io.Reader { return bytes.NewReader(cutInRow(traffordCSV, 300)) },
			"ends mid-row: no line break follows this last row, so the file was probably cut short inside it (the row has 6 cells where the header has 20)"},
		{"truncated in a quoted cell", func() io.Reader { return bytes.NewReader(cutInQuotes(fireCSV, 700)) },
			"the quoted cell opened on line 700 is never closed"},
		{"binary", func() io.Reader { return newJunk(1<<20, "") }, "binary"},
		{"xlsx", func() io.Reader { return strings.NewReader("PK\x03\x04\x14\x00\x06\x00rest of a workbook") }, "save the sheet as CSV"},
		{"png", func() io.Reader { return strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") }, "binary"},
		{"semicolons", func() io.Reader { return bytes.NewReader(bytes.ReplaceAll(traffordCSV, []byte(","), []byte(";"))) },
			"separated by semicolons"},
		{"tabs", func() io.Reader { return bytes.NewReader(bytes.ReplaceAll(traffordCSV, []byte(","), []byte("\t"))) },
			"separated by tabs"},
		{"no known columns", func() io.Reader { return strings.NewReader("foo,bar,baz\n1,2,3\n") },
			"none of the header's columns"},
		{"no coordinates columns", func() io.Reader { return strings.NewReader("AssetCode,PropertyName\nA,B\n") },
			"no coordinate columns"},
		{"bare quote", func() io.Reader { return strings.NewReader(header + "A,The \"Mall\",-2,52\n") }, `bare "`},
		{"100 MB of junk", func() io.Reader { return newJunk(hundredMB, "abcdefghij0123456789,;. \n") },
			"none of the header's columns"},
		{"a header and 100 MB of junk", func() io.Reader {
			return io.MultiReader(strings.NewReader(header), newJunk(hundredMB, "abcdefghij0123456789,;. \n"))
		}, "wrong rows of the first"},
		{"an unclosed quote and 100 MB", func() io.Reader {
			return io.MultiReader(strings.NewReader(header+"A,\""), newJunk(hundredMB, "abcdefghij0123456789,;. \n"))
		}, "longer than"},
		{"100 MB without a line break", func() io.Reader { return newJunk(hundredMB, "abcdefghij") }, "longer than"},
	}
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := counts(t, db)
			in := c.file()
			mapping := ""
			if strings.Contains(c.name, "quoted") { // the fire stations file
				mapping = transparency.Presets["home-office-fire-stations"]
			}
			rep, err := importCSV(t, db, "trafford", in, mapping, estate.ImportOptions{})
			switch {
			case c.want == "":
				if err != nil || rep.Total != 0 {
					t.Errorf("err %v report %+v", err, rep)
				}
			case err == nil:
				t.Errorf("accepted: %+v", rep)
			case estate.ErrorCode(err) != estate.EINVALID || !strings.Contains(err.Error()+reasons(rep), c.want):
				t.Errorf("error %q, want %q", err, c.want)
			}
			if j, ok := in.(*junk); ok && j.read > 2<<20 {
				t.Errorf("read %d bytes of junk before giving up", j.read)
			}
			if after := counts(t, db); !reflect.DeepEqual(before, after) {
				t.Errorf("tables changed: %v -> %v", before, after)
			}
		})
	}
}

// TestCutInANumber imports the fire stations file cut inside its last
// cell, as head -c 70000 cuts it: the last row reads
// "...,PE12 9BN,542851,322" (northing 322857 cut to 322), a valid number
// that would put Long Sutton fire station in the Channel. The row is
// refused and the stored station stays where it was.
func TestCutInANumber(t *testing.T) {
	fireCSV := testdata(t, fireStations)
	cut := fireCSV[:70000]
	if !bytes.HasSuffix(cut, []byte(",542851,322")) || fireCSV[70000] < '0' || fireCSV[70000] > '9' {
		t.Fatalf("the cut is not inside a number cell: ...%q|%q", cut[len(cut)-20:], fireCSV[70000:70005])
	}
	db := mustOpen(t)
	seedPartner(t, db, "fire", estate.KindFire)
	preset := transparency.Presets["home-office-fire-stations"]
	if _, err := importFile(t, db, "fire", fireStations, preset, estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	const code = "E31000025/Long Sutton Fire Station"
	before, tables := allAssets(t, db, "fire"), counts(t, db)
	if before[code] == nil {
		t.Fatalf("no %s stored", code)
	}
	for name, file := range map[string][]byte{
		"cut mid-row": cut,
		// The same figures with a line break: the file looks whole, but
		// northing 322 is in the sea.
		"northing in the sea": append(append([]byte(nil), cut...), "\r\n"...),
	} {
		t.Run(name, func(t *testing.T) {
			rep, err := importCSV(t, db, "fire", bytes.NewReader(file), preset, estate.ImportOptions{})
			if estate.ErrorCode(err) != estate.EINVALID || rep == nil || rep.Errors != 1 || rep.Committed {
				t.Fatalf("err %v report %+v", err, rep)
			}
			last := rep.Rows[len(rep.Rows)-1]
			want := "ends mid-row"
			if name != "cut mid-row" {
				want = "lies in the sea"
			}
			if last.Outcome != estate.OutcomeError || last.AssetCode != code || !strings.Contains(last.Reason, want) {
				t.Errorf("last row %+v, want an error saying %q", last, want)
			}
			if after := counts(t, db); !reflect.DeepEqual(tables, after) {
				t.Errorf("tables changed: %v -> %v", tables, after)
			}
			if got := allAssets(t, db, "fire")[code]; !reflect.DeepEqual(got, before[code]) {
				t.Errorf("%s changed: %+v -> %+v", code, before[code], got)
			}
		})
	}
}
