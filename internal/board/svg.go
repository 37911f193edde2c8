package board

import (
	"math"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// The chart and the map are drawn here as numbers the template writes
// into SVG attributes: no script, so they print as they show.

// Chart geometry, in SVG user units.
const (
	chartW, chartH       = 760.0, 260.0
	chartLeft, chartBase = 90.0, 220.0
	chartTop             = 20.0
)

// bar is one rectangle of the chart, with its year and what it shows.
type bar struct {
	X, Y, W, H float64
	Class      string // expected or achieved
	Year       string
	Value      int64
}

type tick struct {
	Y     float64
	Label string
}

type barChart struct {
	W, H, Left, Base float64
	Bars             []bar
	Labels           []tick // year labels: Y is the x position
	Ticks            []tick
}

// chart draws, for each financial year, the expected central receipt
// beside the receipts achieved.
func chart(p analysis.YearProfile) barChart {
	c := barChart{W: chartW, H: chartH, Left: chartLeft, Base: chartBase}
	years := p.Total.Years
	if len(years) == 0 {
		return c
	}
	var top int64 = 1
	for _, y := range years {
		top = max(top, y.CentralGBP, y.AchievedGBP)
	}
	top = niceCeil(top)
	slot := (chartW - chartLeft - 10) / float64(len(years))
	w := min(slot*0.4, 40)
	scale := (chartBase - chartTop) / float64(top)
	for i, y := range years {
		x := chartLeft + float64(i)*slot + slot/2
		for j, v := range []struct {
			class string
			gbp   int64
		}{{"expected", y.CentralGBP}, {"achieved", y.AchievedGBP}} {
			h := float64(v.gbp) * scale
			c.Bars = append(c.Bars, bar{X: x - w + float64(j)*w, Y: chartBase - h, W: w, H: h, Class: v.class, Year: y.Year, Value: v.gbp})
		}
		c.Labels = append(c.Labels, tick{Y: x, Label: y.Year})
	}
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		c.Ticks = append(c.Ticks, tick{Y: chartBase - float64(v)*scale, Label: GBP(v)})
	}
	return c
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten.
func niceCeil(n int64) int64 {
	p := int64(1)
	for p*10 <= n {
		p *= 10
	}
	for _, m := range []int64{1, 2, 5, 10} {
		if m*p >= n {
			return m * p
		}
	}
	return 10 * p
}

// Map geometry.
const mapW, mapH, mapPad = 420.0, 320.0, 20.0

type dot struct {
	X, Y   float64
	N      int    // the hub's number in the table
	Title  string // what the point is
	Member bool
}

type line struct{ X1, Y1, X2, Y2 float64 }

type hubsMap struct {
	W, H  float64
	Dots  []dot
	Lines []line
}

// hubMap projects the hubs and their members onto a small plane
// (longitude scaled by the cosine of the mean latitude), fitted to the
// box around them.
func hubMap(hubs []analysis.Opportunity) hubsMap {
	m := hubsMap{W: mapW, H: mapH}
	var pts []estate.Point
	for _, o := range hubs {
		pts = append(pts, o.Hub.Location)
		for _, mb := range o.Members {
			pts = append(pts, mb.Location)
		}
	}
	if len(pts) == 0 {
		return m
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var lat float64
	for _, p := range pts {
		lat += p.Lat
	}
	k := math.Cos(lat / float64(len(pts)) * math.Pi / 180)
	for _, p := range pts {
		x, y := p.Lon*k, p.Lat
		minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
	}
	span := max(maxX-minX, maxY-minY, 1e-4)
	s := min((mapW-2*mapPad)/span, (mapH-2*mapPad)/span)
	at := func(p estate.Point) (float64, float64) {
		return mapPad + (p.Lon*k-minX)*s, mapH - mapPad - (p.Lat-minY)*s
	}
	for i, o := range hubs {
		hx, hy := at(o.Hub.Location)
		for _, mb := range o.Members {
			x, y := at(mb.Location)
			m.Lines = append(m.Lines, line{hx, hy, x, y})
			m.Dots = append(m.Dots, dot{X: x, Y: y, N: i + 1, Title: mb.Name + " (" + mb.Partner + ")", Member: true})
		}
		m.Dots = append(m.Dots, dot{X: hx, Y: hy, N: i + 1, Title: o.Hub.Name + " (" + o.Hub.Partner + ")"})
	}
	return m
}
