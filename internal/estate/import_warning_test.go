package estate_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestWarningGroups: the report groups warnings by kind, in WarningKinds
// order, with the lowest five rows and the lowest row's message, however
// the rows come (a new partner's are decided in spatial order), and
// counts every row, those left out of Rows too.
func TestWarningGroups(t *testing.T) {
	rows := []estate.ImportRow{}
	for _, n := range []int{40, 9, 30, 7, 12, 8, 50} {
		r := estate.ImportRow{Row: n, Outcome: estate.OutcomeInserted}
		r.Warn(estate.WarnUnreadableValue, "postcode of row "+strconv.Itoa(n))
		if n == 9 {
			r.Warn(estate.WarnUnreadableValue, "area of row 9")
			r.Warn(estate.WarnCoordinatesSwapped, "swapped in row 9")
		}
		rows = append(rows, r)
	}
	// A warning added without a kind is "other".
	rows = append(rows, estate.ImportRow{Row: 3, Outcome: estate.OutcomeUnchanged, Warnings: []string{"plain"}})
	var rep estate.ImportReport
	for _, r := range rows {
		rep.Add(r, 2)
	}
	want := []estate.WarningGroup{
		{Kind: estate.WarnCoordinatesSwapped, Count: 1, RowCount: 1, Rows: []int{9}, Example: "swapped in row 9"},
		{Kind: estate.WarnUnreadableValue, Count: 8, RowCount: 7, Rows: []int{7, 8, 9, 12, 30}, Example: "postcode of row 7"},
		{Kind: estate.WarnOther, Count: 1, RowCount: 1, Rows: []int{3}, Example: "plain"},
	}
	if !reflect.DeepEqual(rep.WarningGroups, want) {
		t.Errorf("groups\n got %+v\nwant %+v", rep.WarningGroups, want)
	}
	if rep.Warnings != 10 || len(rep.Rows) != 2 || rep.Omitted != 6 {
		t.Errorf("report: %d warnings, %d rows, %d omitted", rep.Warnings, len(rep.Rows), rep.Omitted)
	}
	// In JSON, warnings stay text and their kinds sit beside them.
	b, err := json.Marshal(rep.Rows[1])
	if err != nil || !strings.Contains(string(b), `"warnings":["postcode of row 9","area of row 9","swapped in row 9"],"warning_kinds":["unreadable_value","unreadable_value","coordinates_swapped"]`) {
		t.Errorf("row JSON %s %v", b, err)
	}
	// A kind is read even where warnings were added to the text alone.
	r := estate.ImportRow{Warnings: []string{"a"}}
	r.Warn(estate.WarnCodeChanged, "b")
	if r.KindOf(0) != estate.WarnOther || r.KindOf(1) != estate.WarnCodeChanged || len(r.WarningKinds) != 2 {
		t.Errorf("kinds %v", r.WarningKinds)
	}
}
