// Package board renders the board report: one printable HTML page of the
// property trust (totals by partner and rating, receipts low to high,
// receipts by financial year as a chart, the disposal programme by stage,
// estimate against outcome, the top co-location hubs on a small map, and
// every assumption), from figures internal/insight gathers. The server's
// /report and `placetrust report --format html` write the same page.
// Charts and the map are inline SVG drawn here, so the page needs no
// script, no build step and no tiles, and prints as it shows.
package board

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
)

//go:embed board.html
var pageHTML string

var page = template.Must(template.New("board").Funcs(template.FuncMap{
	"gbp":   GBP,
	"count": func(n int) string { return Thousands(int64(n)) },
	"int":   Thousands,
	"pct":   func(x float64) string { return strconv.FormatFloat(x*100, 'f', 1, 64) + "%" },
	"num":   func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) },
	"f1":    func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
	"sub":   func(x float64) float64 { return x - 6 },  // a tick label's place left of the axis
	"add":   func(x float64) float64 { return x + 16 }, // a label's place past a mark
	"add1":  func(i int) int { return i + 1 },
	"abs":   func(n int64) int64 { return max(n, -n) },
	"stage": stageLabel,
}).Parse(pageHTML))

// StyleSource is the CSP source of the page's one inline stylesheet, by
// its hash: the map allows it too, as it shows the report from a Blob
// URL, which takes the map's policy.
var StyleSource = func() string {
	_, rest, _ := strings.Cut(pageHTML, "<style>")
	css, _, _ := strings.Cut(rest, "</style>")
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// CSP is the page's Content-Security-Policy: nothing but its one inline
// stylesheet, named by its hash; no script, no image, no frame.
var CSP = "default-src 'none'; style-src " + StyleSource + "; frame-ancestors 'none'"

// Meta says what the page is of: the filter as a reader would put it,
// and when it was made.
type Meta struct {
	Title     string
	Filter    estate.Selection
	Generated time.Time
	// PartnerNames maps partner ids to the names a board knows them by;
	// an id without one is shown as it is.
	PartnerNames map[string]string
}

// PartnerName is the partner's name, or its id when the page has none.
func (m Meta) PartnerName(id string) string {
	if n := m.PartnerNames[id]; n != "" {
		return n
	}
	return id
}

// PartnerNames reads every partner's name, for Meta.PartnerNames.
func PartnerNames(ctx context.Context, ps estate.PartnerService) (map[string]string, error) {
	all, err := ps.FindPartners(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(all))
	for _, p := range all {
		names[p.ID] = p.Name
	}
	return names, nil
}

// stageLabel writes a programme stage as a reader would: "under_review"
// as "Under review".
func stageLabel(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Render writes the page for figures b. Every text is escaped by
// html/template.
func Render(w io.Writer, b insight.BoardFigures, m Meta) error {
	if m.Title == "" {
		m.Title = "Property trust: board report"
	}
	return page.Execute(w, view{BoardFigures: b, Meta: m, Matrix: matrix(b.Trust), Chart: chart(b.Profile),
		Map: hubMap(b.Hubs), Assumptions: assumptions(b.Trust.Params, b.Colocation.Params), FilterText: filterText(m.Filter),
		DatedShift: b.Profile.Total.Total.CentralGBP - b.Receipts.Total.CentralGBP})
}

type view struct {
	insight.BoardFigures
	Meta
	Matrix      []matrixRow
	Chart       barChart
	Map         hubsMap
	Assumptions []assumption
	FilterText  string
	// DatedShift is the year profile's central total less the receipts
	// analysis's: what discounting dated disposals to their target dates
	// changes (analysis.YearProfile.Dated), and nothing else.
	DatedShift int64
}

// matrixRow is one partner's row of the partner × rating table.
type matrixRow struct {
	Partner string
	Cells   [4]analysis.TrustTotals // red, amber, green, unrated
	Total   analysis.TrustTotals
}

func matrix(v analysis.TrustView) []matrixRow {
	rows := []matrixRow{}
	at := map[string]int{}
	for _, p := range v.Partners {
		at[p.Partner] = len(rows)
		rows = append(rows, matrixRow{Partner: p.Partner, Total: p.TrustTotals})
	}
	for _, c := range v.Cells {
		if i, ok := at[c.Partner]; ok {
			rows[i].Cells[analysis.RAGIndex(c.RAG)] = c.TrustTotals
		}
	}
	return rows
}

func filterText(f estate.Selection) string {
	var parts []string
	add := func(name string, vals []string) {
		if len(vals) > 0 {
			parts = append(parts, name+" "+strings.Join(vals, ", "))
		}
	}
	add("partner", f.Partners)
	rags := make([]string, len(f.RAGs))
	for i, r := range f.RAGs {
		rags[i] = string(r)
	}
	add("rating", rags)
	add("tag", f.Tags)
	if f.Q != "" {
		parts = append(parts, "matching “"+f.Q+"”")
	}
	if f.BBox != nil {
		parts = append(parts, "within the bounding box "+strconv.FormatFloat(f.BBox.MinLon, 'f', 4, 64)+", "+
			strconv.FormatFloat(f.BBox.MinLat, 'f', 4, 64)+", "+strconv.FormatFloat(f.BBox.MaxLon, 'f', 4, 64)+", "+
			strconv.FormatFloat(f.BBox.MaxLat, 'f', 4, 64))
	}
	if len(parts) == 0 {
		return "every asset you may see"
	}
	return strings.Join(parts, "; ")
}

// GBP writes whole pounds as £1,234,567.
func GBP(n int64) string {
	if n < 0 {
		return "−£" + Thousands(-n)
	}
	return "£" + Thousands(n)
}

// Thousands writes n with comma separators, as money is read: the board
// and the command line's tables alike.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
