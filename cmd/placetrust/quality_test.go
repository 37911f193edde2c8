package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestQualityCommand: the demo's places held twice in every format, the
// same figures as the JSON, and the partner filter.
func TestQualityCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "quality.db")
	runOK := cliOK(t, db)
	runOK("demo")
	var rep struct {
		Params struct {
			AsOf string `json:"as_of"`
		}
		Total struct {
			Assets       int
			Rated        int
			StaleRatings int `json:"stale_ratings"`
			HeldTwice    int `json:"held_twice"`
		}
		Duplicates struct {
			Count  int
			Groups []struct{ Evidence, Suggestion string }
		}
	}
	// The demo was rated on 2026-04-01: stale a year and a day later.
	if err := json.Unmarshal([]byte(runOK("quality", "--format", "json", "--as-of", "2027-04-02")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Params.AsOf != "2027-04-02T00:00:00Z" || rep.Total.Assets < 1400 || rep.Total.StaleRatings != rep.Total.Rated ||
		rep.Duplicates.Count != 3 || rep.Total.HeldTwice != 6 {
		t.Errorf("json %+v", rep)
	}

	rows, err := csv.NewReader(strings.NewReader(runOK("quality", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]int{}
	for _, r := range rows[1:] {
		sections[r[0]]++
		if len(r) != len(rows[0]) {
			t.Errorf("row %v has %d fields, header %d", r, len(r), len(rows[0]))
		}
	}
	if rows[0][0] != "section" || sections["held_twice"] != 6 || sections["quality"] != 16 {
		t.Errorf("csv sections %v", sections)
	}

	table := runOK("quality", "--partner", "west-mercia-police", "--as-of", "2026-12-07")
	for _, want := range []string{"west-mercia-police", "TOTAL", "Possibly held twice: 1 place (1 by UPRN",
		"shared site", "County Hall (worcestershire-cc"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "bromsgrove-dc") {
		t.Errorf("partner filter ignored:\n%s", table)
	}
}
