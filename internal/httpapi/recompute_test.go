package httpapi_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestRecomputeProgrammeFigures is the checks-style proof that every
// figure of receipts by year and of estimate against outcome can be
// derived from what the API publishes: the asset list and each asset's
// history. It gives part of the demo estate a programme through PATCH
// (declarations, a change of value after one, sales either side of 31
// March, a transfer, a withdrawal), then recomputes both reports here,
// with none of internal/analysis, and compares them pound for pound
// (give or take rounding: one pound an asset).
func TestRecomputeProgrammeFigures(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	programme(t, ts)
	assets := listAll(t, ts)
	const asAt = "2026-06-01"

	// Receipts by year, recomputed.
	type fig struct{ assets, achieved, low, central, high, achievedGBP int64 }
	want := map[string]*fig{}
	at := func(y string) *fig {
		if want[y] == nil {
			want[y] = &fig{}
		}
		return want[y]
	}
	var expected struct{ n, central int64 } // open disposals priced without dates
	valuation, _ := time.Parse(time.DateOnly, asAt)
	for _, a := range assets {
		p := a.Properties
		stage := str(p["disposal_stage"])
		switch stage {
		case "withdrawn":
			continue
		case "sold", "transferred":
			if r, ok := p["receipt_gbp"].(float64); ok {
				d, _ := time.Parse(time.DateOnly, str(p["receipt_date"]))
				f := at(fyOf(d))
				f.achieved++
				f.achievedGBP += int64(r)
			}
			continue
		}
		mv, hasMV := p["market_value_gbp"].(float64)
		if str(p["tenure_detail"]) == "leased_in" || str(p["tenure"]) != "freehold" || !hasMV {
			continue
		}
		prob, lead := map[string]float64{"green": 0.9, "amber": 0.5}[str(p["rag"])], map[string]float64{"green": 1, "amber": 3}[str(p["rag"])]
		if prob == 0 {
			continue
		}
		ratingLead := lead
		var when time.Time
		if target := str(p["disposal_target"]); target != "" {
			when, _ = time.Parse(time.DateOnly, target)
			if when.Before(valuation) {
				when, lead = valuation, 0
			} else {
				lead = when.Sub(valuation).Hours() / 24 / 365.25
			}
		} else {
			when = valuation.AddDate(int(lead), 0, 0)
		}
		reloc := 0.0
		if gia, ok := p["gia_m2"].(float64); ok {
			util := 1.0
			if u, ok := p["utilisation_pct"].(float64); ok {
				util = u / 100
			}
			reloc = 300 * gia * util
		}
		w := prob / math.Pow(1.035, lead)
		price := func(haircut float64) int64 { return int64(math.Round(math.Max(mv*((1-haircut)*0.98)-reloc, 0) * w)) }
		f := at(fyOf(when))
		f.assets++
		f.low += price(0.25)
		f.central += price(0.10)
		f.high += price(0)
		// The receipts analysis and the trust view price the same open
		// assets by their rating's lead time, whatever the target.
		w = prob / math.Pow(1.035, ratingLead)
		expected.n++
		expected.central += price(0.10)
	}
	var yp struct {
		Years []string
		Total struct {
			Years []struct {
				Year             string
				Assets, Achieved int64
				LowGBP           int64 `json:"low_gbp"`
				CentralGBP       int64 `json:"central_gbp"`
				HighGBP          int64 `json:"high_gbp"`
				AchievedGBP      int64 `json:"achieved_gbp"`
			}
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts/years?as_at=" + asAt, Token: "admin"}), 200).JSON(t, &yp)
	if len(yp.Years) != len(want) {
		t.Errorf("years %v, recomputed %d years", yp.Years, len(want))
	}
	for _, y := range yp.Total.Years {
		w := want[y.Year]
		if w == nil {
			t.Errorf("%s: not recomputed", y.Year)
			continue
		}
		near := func(a, b int64) bool { return abs(a-b) <= w.assets }
		if y.Assets != w.assets || y.Achieved != w.achieved || y.AchievedGBP != w.achievedGBP ||
			!near(y.LowGBP, w.low) || !near(y.CentralGBP, w.central) || !near(y.HighGBP, w.high) {
			t.Errorf("%s: served %+v, recomputed %+v", y.Year, y, *w)
		}
	}
	// Receipts and the trust view expect nothing of sold, transferred and
	// withdrawn assets: what they expect is what the year profile places,
	// priced without target dates.
	var rec struct {
		Total struct {
			CentralGBP int64 `json:"central_gbp"`
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts", Token: "admin"}), 200).JSON(t, &rec)
	var trust struct {
		Total struct {
			Central int64 `json:"central_receipt_gbp"`
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust", Token: "admin"}), 200).JSON(t, &trust)
	if abs(rec.Total.CentralGBP-expected.central) > expected.n || trust.Total.Central != rec.Total.CentralGBP {
		t.Errorf("central receipts: served %d, trust view %d, recomputed %d", rec.Total.CentralGBP, trust.Total.Central, expected.central)
	}
	if want["2025-26"] == nil || want["2026-27"] == nil || want["2025-26"].achieved == 0 || want["2026-27"].achieved == 0 {
		t.Errorf("the programme should put receipts either side of 31 March 2026: %v", want)
	}

	// Estimate against outcome, recomputed from the histories.
	type outcome struct{ sold, surplus, central, receipt int64 }
	byPartner := map[string]*outcome{}
	var total outcome
	for _, a := range assets {
		p := a.Properties
		if str(p["disposal_stage"]) != "sold" {
			continue
		}
		surplus := surplusFromHistory(t, ts, a)
		if s, ok := p["surplus_value_gbp"].(float64); !ok || int64(s) != surplus {
			t.Errorf("asset %d: surplus value %v, history says %d", a.ID, p["surplus_value_gbp"], surplus)
		}
		o := byPartner[str(p["partner"])]
		if o == nil {
			o = &outcome{}
			byPartner[str(p["partner"])] = o
		}
		est := int64(math.Round(float64(surplus) * (0.9 * 0.98)))
		for _, x := range []*outcome{o, &total} {
			x.sold++
			x.surplus += surplus
			x.central += est
			x.receipt += int64(p["receipt_gbp"].(float64))
		}
	}
	var out struct {
		Total    outcomeJSON
		Partners []outcomeJSON
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/outcomes", Token: "admin"}), 200).JSON(t, &out)
	check := func(name string, got outcomeJSON, w outcome) {
		ratio := math.Round(float64(w.receipt)/float64(w.central)*1e4) / 1e4
		if got.Sold != w.sold || got.Surplus != w.surplus || got.Central != w.central || got.Receipt != w.receipt || got.Ratio != ratio {
			t.Errorf("%s: served %+v, recomputed %+v ratio %g", name, got, w, ratio)
		}
	}
	if total.sold < 3 {
		t.Fatalf("only %d sales", total.sold)
	}
	check("total", out.Total, total)
	if len(out.Partners) != len(byPartner) {
		t.Errorf("%d partners served, %d recomputed", len(out.Partners), len(byPartner))
	}
	for _, p := range out.Partners {
		check(p.Partner, p, *byPartner[p.Partner])
	}
}

type outcomeJSON struct {
	Partner string
	Sold    int64
	Surplus int64   `json:"surplus_value_gbp"`
	Central int64   `json:"estimate_central_gbp"`
	Receipt int64   `json:"receipt_gbp"`
	Ratio   float64 `json:"ratio"`
}

// surplusFromHistory is the market value the register held when a was
// last declared surplus from outside the surplus stages: the value now,
// with every later change of value undone, newest first; for an asset
// created already declared, the value its creation recorded.
func surplusFromHistory(t *testing.T, ts *testServer, a featureOut) int64 {
	t.Helper()
	var hist struct {
		Events []struct {
			Action  string
			Changes []struct {
				Field         string
				Before, After any
			}
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + strconv.FormatInt(a.ID, 10) + "/history?limit=1000", Token: "admin"}), 200).JSON(t, &hist)
	mv, _ := a.Properties["market_value_gbp"].(float64)
	surplusStages := map[string]bool{"declared_surplus": true, "marketed": true, "under_offer": true, "sold": true, "transferred": true}
	for _, e := range hist.Events { // newest first
		for _, c := range e.Changes {
			if c.Field == "disposal_stage" && str(c.After) == "declared_surplus" && !surplusStages[str(c.Before)] {
				return int64(mv)
			}
		}
		for _, c := range e.Changes {
			if c.Field == "market_value_gbp" {
				mv, _ = c.Before.(float64)
			}
			// An asset created already declared (the demo's, a copy)
			// brings the value it was declared at.
			if c.Field == "surplus_value_gbp" && e.Action == "create" {
				v, _ := c.After.(float64)
				return int64(v)
			}
		}
	}
	t.Fatalf("asset %d: no declaration in its history", a.ID)
	return 0
}

// programme moves some of the demo's freehold assets through the
// programme, as officers would, with the admin's token.
func programme(t *testing.T, ts *testServer) {
	t.Helper()
	var c collectionOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?limit=1000&rag=green,amber&tenure=freehold", Token: "admin"}), 200).JSON(t, &c)
	var picked []featureOut
	for _, f := range c.Features {
		if _, ok := f.Properties["market_value_gbp"].(float64); ok && str(f.Properties["disposal_stage"]) == "none" {
			picked = append(picked, f)
		}
	}
	if len(picked) < 12 {
		t.Fatalf("only %d freehold assets to work on", len(picked))
	}
	for i, f := range picked[:12] {
		path := "/api/v1/assets/" + strconv.FormatInt(f.ID, 10)
		version := int64(f.Properties["version"].(float64))
		patch := func(props map[string]any) {
			t.Helper()
			must(t, ts.do(req{Method: "PATCH", Path: path, Token: "admin", Body: map[string]any{"properties": props},
				Header: map[string]string{"If-Match": strconv.Quote(strconv.FormatInt(version, 10))}}), 200)
			version++
		}
		mv := f.Properties["market_value_gbp"].(float64)
		targets := []string{"2027-03-31", "2027-04-01", "2026-01-01", ""}
		patch(map[string]any{"disposal_stage": "declared_surplus", "disposal_target": targets[i%4], "disposal_note": "Cabinet"})
		switch i % 6 {
		case 0, 1, 2: // sold, the value revised after declaring
			patch(map[string]any{"disposal_stage": "marketed", "market_value_gbp": mv + 50_000})
			patch(map[string]any{"disposal_stage": "under_offer"})
			dates := []string{"2026-03-31", "2026-04-01", "2026-05-15"}
			patch(map[string]any{"disposal_stage": "sold", "receipt_gbp": int64(mv*0.85) + int64(i)*1000, "receipt_date": dates[i%3]})
		case 3: // transferred to the community for a pound
			patch(map[string]any{"disposal_stage": "transferred", "receipt_gbp": 1, "receipt_date": "2026-02-01"})
		case 4:
			patch(map[string]any{"disposal_stage": "withdrawn", "disposal_note": "Service stays"})
		}
	}
}

// listAll pages through every asset as the admin sees them.
func listAll(t *testing.T, ts *testServer) []featureOut {
	var out []featureOut
	path := "/api/v1/assets?limit=1000"
	for path != "" {
		var c collectionOut
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &c)
		out = append(out, c.Features...)
		path = strings.TrimPrefix(c.next(), ts.URL)
	}
	return out
}

// fyOf names the UK financial year of d, written out again here.
func fyOf(d time.Time) string {
	y := d.Year()
	if d.Month() < time.April {
		y--
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa((y+1)%100/10) + strconv.Itoa((y+1)%10)
}

func str(v any) string { s, _ := v.(string); return s }

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
