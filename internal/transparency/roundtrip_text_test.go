package transparency_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// awkwardText are values people put in free text: line breaks of every
// kind, spaces at either end, quotes, commas, and starts a spreadsheet
// would run as a formula.
var awkwardText = []string{
	"  spaces either end  ",
	"line one\nline two",
	"crlf one\r\ncrlf two",
	"a lone\rcarriage return",
	`say "quoted", with, commas`,
	"\nstarts with a break",
	"ends with a break\n",
	"ends with a crlf\r\n",
	"=SUM(A1:A2)",
	"'=looks guarded already",
	"'quoted by hand",
	"-minus, +plus, @at",
	"\ttab first",
	"two\n\nblank lines\n\n",
	"tab\tinside, semi;colon",
}

// singleLine is s with its tabs and line breaks as spaces, as a name,
// code or address may hold it.
func singleLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// TestCSVRoundTripText: assets with awkward text in every free-text field
// export as CSV and import back unchanged, with no warnings, and into an
// empty register as the same assets.
func TestCSVRoundTripText(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "county", estate.KindCountyCouncil)
	var assets []*estate.Asset
	for i, s := range awkwardText {
		// Names, codes and addresses hold no control characters (they are
		// refused there); notes and rationales keep every line break.
		l := singleLine(s)
		assets = append(assets, &estate.Asset{Partner: "county", AssetCode: fmt.Sprintf("%s#%d", l, i),
			Name: l + "name", StreetNumber: l, StreetName: l, Town: l, Use: l, RAG: estate.RAGRed,
			RAGRationale: s, RAGSetBy: s, Notes: s, Location: estate.Point{Lon: -2.2 + float64(i)/1000, Lat: 52.19}})
	}
	s := services(db).Assets
	if err := s.CreateAssets(adminCtx(), assets, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	f := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"county"}}}
	var out bytes.Buffer
	n, err := transparency.WriteCSV(&out, estate.AllAssets(adminCtx(), s, f), nil)
	if err != nil || n != len(awkwardText) {
		t.Fatalf("export: %d %v", n, err)
	}
	file := out.String()
	rep, err := importCSV(t, db, "county", strings.NewReader(file), "", estate.ImportOptions{})
	if err != nil || rep.Unchanged != n || rep.Warnings != 0 || len(rep.Notices) != 0 {
		t.Errorf("re-import of the export: %v %+v", err, summary(rep))
	}

	fresh := mustOpen(t)
	seedPartner(t, fresh, "county", estate.KindCountyCouncil)
	if _, err := importCSV(t, fresh, "county", strings.NewReader(file), "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := allAssets(t, db, "county")
	got := allAssets(t, fresh, "county")
	if len(got) != len(want) {
		t.Errorf("%d assets in the new register, %d exported", len(got), len(want))
	}
	for code, w := range want {
		if d := estate.Diff(w, got[code]); got[code] == nil || len(d) != 0 {
			t.Errorf("%q differs after a round trip into a new register: %+v", code, d)
		}
	}
}
