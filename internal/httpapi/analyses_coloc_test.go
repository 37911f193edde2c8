package httpapi_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// colocationOut is the co-location FeatureCollection as a client reads it.
type colocationOut struct {
	Type    string
	Summary struct {
		Count           int
		AnnualSavingGBP int64 `json:"annual_saving_gbp"`
		Params          map[string]float64
	}
	Features []struct {
		ID         int64
		Geometry   struct{ Coordinates []float64 }
		Properties struct {
			Hub struct {
				ID      int64
				Partner string
			}
			Partners        []string
			Members         []colocMember
			SpaceOfferedM2  float64 `json:"space_offered_m2"`
			SpaceUsedM2     float64 `json:"space_used_m2"`
			AnnualSavingGBP int64   `json:"annual_saving_gbp"`
		}
	}
}

// TestColocationInvariantsAPI checks, through the real endpoint on the
// demo estate, every rule an opportunity must keep, for several settings.
func TestColocationInvariantsAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	byID := map[int64]*estate.Asset{}
	for _, a := range ts.loadDemo() {
		byID[a.ID] = a
	}
	for _, q := range []string{"", "distance=300&min_partners=3", "distance=800&densify=0.5", "distance=0"} {
		var coll colocationOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation?" + q, Token: "admin"}), 200).JSON(t, &coll)
		dist, minPartners := coll.Summary.Params["distance"], int(coll.Summary.Params["min_partners"])
		if coll.Summary.Count != len(coll.Features) || (q != "distance=0" && len(coll.Features) == 0) {
			t.Fatalf("%s: count %d, %d features", q, coll.Summary.Count, len(coll.Features))
		}
		used := map[int64]bool{}
		var saving int64
		for i, f := range coll.Features {
			p := f.Properties
			hub := byID[p.Hub.ID]
			if hub == nil || f.ID != hub.ID || p.Hub.Partner != hub.Partner || hub.RAG == estate.RAGGreen {
				t.Errorf("%s: feature %d: hub %+v is not a hub", q, i, p.Hub)
				continue
			}
			partners := []string{hub.Partner}
			for _, id := range append([]int64{hub.ID}, memberIDs(f.Properties.Members)...) {
				if used[id] {
					t.Errorf("%s: asset %d is in two opportunities", q, id)
				}
				used[id] = true
			}
			for _, m := range p.Members {
				a := byID[m.ID]
				if d := estate.Distance(hub.Location, a.Location); d > dist || m.DistanceM > dist {
					t.Errorf("%s: member %d of hub %d at %.3f m, limit %v", q, m.ID, hub.ID, d, dist)
				}
				if a.Partner == hub.Partner || m.Partner != a.Partner || (a.RAG != estate.RAGGreen && a.RAG != estate.RAGAmber) {
					t.Errorf("%s: member %d (%s, %s) of hub %d (%s) may not move", q, m.ID, a.Partner, a.RAG, hub.ID, hub.Partner)
				}
				if !slices.Contains(partners, a.Partner) {
					partners = append(partners, a.Partner)
				}
			}
			slices.Sort(partners)
			if len(partners) < minPartners || !slices.Equal(partners, p.Partners) {
				t.Errorf("%s: hub %d partners %v, reported %v, min %d", q, hub.ID, partners, p.Partners, minPartners)
			}
			if p.SpaceUsedM2 > p.SpaceOfferedM2 || len(p.Members) == 0 {
				t.Errorf("%s: hub %d uses %v of %v m²", q, hub.ID, p.SpaceUsedM2, p.SpaceOfferedM2)
			}
			saving += p.AnnualSavingGBP
		}
		if saving != coll.Summary.AnnualSavingGBP {
			t.Errorf("%s: savings add to %d, summary %d", q, saving, coll.Summary.AnnualSavingGBP)
		}
	}
}

type colocMember struct {
	ID        int64
	Partner   string
	DistanceM float64 `json:"distance_m"`
	Location  []float64
}

func memberIDs(ms []colocMember) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// TestColocationFilterAPI: a filter keeps the opportunities of the whole
// run that involve it; the trust view counts the same ones and takes the
// co-location settings and the new filters.
func TestColocationFilterAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	var all colocationOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation", Token: "admin"}), 200).JSON(t, &all)
	for _, partner := range []string{"wychavon-dc", "west-mercia-police"} {
		want := 0
		for _, f := range all.Features {
			if slices.Contains(f.Properties.Partners, partner) {
				want++
			}
		}
		var got colocationOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation?partner=" + partner, Token: "admin"}), 200).JSON(t, &got)
		if want == 0 || want == all.Summary.Count || got.Summary.Count != want || len(got.Features) != want {
			t.Errorf("%s: %d opportunities, want the %d of %d involving it", partner, got.Summary.Count, want, all.Summary.Count)
		}
		var view struct{ Colocation struct{ Count int } }
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?partner=" + partner, Token: "admin"}), 200).JSON(t, &view)
		if view.Colocation.Count != want {
			t.Errorf("%s: trust view counts %d opportunities, want %d", partner, view.Colocation.Count, want)
		}
	}

	var c300 colocationOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation?distance=300&min_partners=3&densify=0.7", Token: "admin"}), 200).JSON(t, &c300)
	var view struct {
		Colocation struct {
			Count  int
			Params map[string]float64
		}
		Total map[string]int64
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?distance=300&min_partners=3&densify=0.7", Token: "admin"}), 200).JSON(t, &view)
	if p := view.Colocation.Params; p["distance"] != 300 || p["min_partners"] != 3 || p["densify"] != 0.7 ||
		view.Colocation.Count != c300.Summary.Count || c300.Summary.Count == all.Summary.Count {
		t.Errorf("trust view co-location %+v, analysis with the same settings %d, defaults %d", view.Colocation, c300.Summary.Count, all.Summary.Count)
	}
	var posted struct{ Colocation struct{ Count int } }
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/trust", Token: "admin",
		Body: map[string]any{"distance": 300, "min_partners": 3.0, "densify": 0.7}}), 200).JSON(t, &posted)
	if posted.Colocation.Count != view.Colocation.Count {
		t.Errorf("POST scenario counts %d, GET %d", posted.Colocation.Count, view.Colocation.Count)
	}

	// holding, tenure and q select as on the asset list.
	for _, q := range []string{"holding=land", "tenure=leasehold,licence", "q=evesham", "q=WR11&holding=building"} {
		// The demo estate fits one page of the asset list.
		var list collectionOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?limit=10000&" + q, Token: "admin"}), 200).JSON(t, &list)
		matched := len(list.Features)
		var tv struct{ Total map[string]int64 }
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?" + q, Token: "admin"}), 200).JSON(t, &tv)
		var rep struct{ Total map[string]int64 }
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts?" + q, Token: "admin"}), 200).JSON(t, &rep)
		if matched == 0 || matched == 10000 || tv.Total["assets"] != int64(matched) || rep.Total["assets"] != int64(matched) {
			t.Errorf("%s: trust %d assets, receipts %d, asset list %d", q, tv.Total["assets"], rep.Total["assets"], matched)
		}
	}
	var filtered struct{ Filter map[string]any }
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?q=" + url.QueryEscape("Evesham ") + "&holding=building&tenure=freehold", Token: "admin"}), 200).JSON(t, &filtered)
	if filtered.Filter["q"] != "Evesham " || !strings.Contains(strings.Join(anyStrings(filtered.Filter["holding"]), ","), "building") {
		t.Errorf("filter echo %+v", filtered.Filter)
	}
}

func anyStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}
