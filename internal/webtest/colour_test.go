package webtest

import (
	"fmt"
	"image"
	"math"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type rgb [3]int

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }

// palette is what the map draws with, read from the running page.
type palette struct {
	RAG        map[string]rgb // fill by rating, from the asset layers
	Ring       rgb            // every point's stroke
	RingWidths []float64      // the stroke width at each of its zoom stops
	Background rgb            // the map's background layer
	CountyFill rgb            // the fill of the county outline (black under a basemap)
	Hub        rgb            // hub rings and member lines
	Legend     map[string]rgb // the legend's swatch fills
	LegendRing rgb            // and their border
	ListSame   bool           // the GeoJSON layer paints exactly as the tiles'
}

// colours reads the palette from the map's style and the legend's
// computed CSS, so the checks below test what people see, not a copy.
func (p *page) colours() palette {
	p.t.Helper()
	var raw struct {
		RAG        map[string][]int
		Ring       []int
		RingWidths []float64
		Background []int
		CountyFill []int
		Hub        []int
		Legend     map[string][]int
		LegendRing []int
		ListSame   bool
	}
	p.eval(`(() => {
		const m = placetrust.map;
		const rgb = (c) => { const e = document.createElement('i'); e.style.color = c; document.body.append(e);
			const v = getComputedStyle(e).color; e.remove(); return v.match(/[\d.]+/g).slice(0, 3).map(Number); };
		const fill = m.getPaintProperty('assets-tiles', 'circle-color');
		const RAG = {};
		for (let i = 2; i < fill.length - 1; i += 2) RAG[fill[i]] = rgb(fill[i + 1]);
		RAG.unrated = rgb(fill[fill.length - 1]);
		const w = m.getPaintProperty('assets-tiles', 'circle-stroke-width');
		const RingWidths = typeof w === 'number' ? [w] : w.slice(3).filter((_, i) => i % 2 === 1);
		const Legend = {};
		let LegendRing;
		for (const s of document.querySelectorAll('#legend .swatch')) {
			const r = [...s.classList].find((c) => c !== 'swatch');
			Legend[r] = rgb(getComputedStyle(s).backgroundColor);
			LegendRing = rgb(getComputedStyle(s).borderTopColor);
		}
		const paint = (id) => JSON.stringify(['circle-color', 'circle-radius', 'circle-stroke-color', 'circle-stroke-width'].map((k) => m.getPaintProperty(id, k)));
		return {RAG, RingWidths, Legend, LegendRing,
			Ring: rgb(m.getPaintProperty('assets-tiles', 'circle-stroke-color')),
			Background: rgb(m.getPaintProperty('background', 'background-color')),
			CountyFill: m.getLayer('county-fill') ? rgb(m.getPaintProperty('county-fill', 'fill-color')) : null,
			Hub: rgb(m.getPaintProperty('hub-links', 'line-color')),
			ListSame: paint('assets-list') === paint('assets-tiles')};
	})()`, &raw)
	c := func(v []int) rgb {
		if v == nil { // no such layer (the county fill, under a basemap)
			return rgb{}
		}
		if len(v) != 3 {
			p.t.Fatalf("colour %v", v)
		}
		return rgb{v[0], v[1], v[2]}
	}
	out := palette{RAG: map[string]rgb{}, Legend: map[string]rgb{}, RingWidths: raw.RingWidths, ListSame: raw.ListSame,
		Ring: c(raw.Ring), Background: c(raw.Background), CountyFill: c(raw.CountyFill), Hub: c(raw.Hub), LegendRing: c(raw.LegendRing)}
	for k, v := range raw.RAG {
		out.RAG[k] = c(v)
	}
	for k, v := range raw.Legend {
		out.Legend[k] = c(v)
	}
	return out
}

// linear is an sRGB channel (0-255) as linear light (WCAG 2 / IEC 61966-2-1).
func linear(v int) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// luminance is WCAG 2's relative luminance.
func luminance(c rgb) float64 {
	return 0.2126*linear(c[0]) + 0.7152*linear(c[1]) + 0.0722*linear(c[2])
}

// contrast is WCAG 2's contrast ratio, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Colour vision deficiencies as Machado, Oliveira and Fernandes (2009)
// simulate them at full severity, on linear RGB.
var visions = []struct {
	name string
	m    [3][3]float64
}{
	{"normal", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	{"protanopia", [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
	{"deuteranopia", [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
	{"tritanopia", [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}

// lab is colour c as seen with vision m, in CIELAB (D65).
func lab(c rgb, m [3][3]float64) [3]float64 {
	in := [3]float64{linear(c[0]), linear(c[1]), linear(c[2])}
	var l [3]float64
	for i := range 3 {
		l[i] = math.Min(1, math.Max(0, m[i][0]*in[0]+m[i][1]*in[1]+m[i][2]*in[2]))
	}
	x := (0.4124*l[0] + 0.3576*l[1] + 0.1805*l[2]) / 0.95047
	y := 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	z := (0.0193*l[0] + 0.1192*l[1] + 0.9505*l[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// deltaE is the CIE 1976 colour difference: about 2 is just noticeable.
func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

func TestColourMaths(t *testing.T) {
	white, black, grey := rgb{255, 255, 255}, rgb{0, 0, 0}, rgb{0x76, 0x76, 0x76}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"white on black", contrast(white, black), 21},
		{"#767676 on white (WCAG's 4.5:1 grey)", contrast(grey, white), 4.54},
		{"white L*", lab(white, visions[0].m)[0], 100},
		{"a grey looks the same to a protanope", deltaE(lab(grey, visions[0].m), lab(grey, visions[1].m)), 0},
		{"pure red and green, normal", deltaE(lab(rgb{255, 0, 0}, visions[0].m), lab(rgb{0, 255, 0}, visions[0].m)), 170.6},
	} {
		if math.Abs(tc.got-tc.want) > 0.5 {
			t.Errorf("%s: %.2f, want %.2f", tc.name, tc.got, tc.want)
		}
	}
	// A red and a green of about the same lightness, far apart to most
	// people, come close for a deuteranope.
	r, g := rgb{0xc8, 0x1e, 0x1e}, rgb{0x15, 0x80, 0x3d}
	if n, d := deltaE(lab(r, visions[0].m), lab(g, visions[0].m)), deltaE(lab(r, visions[2].m), lab(g, visions[2].m)); n < 100 || d > 30 {
		t.Errorf("red and green %.0f apart, %.0f for a deuteranope", n, d)
	}
}

// TestPointColoursContrast checks the colours the map and legend draw
// with: each point stands out at WCAG's 3:1 for graphics on both map
// backgrounds, the ratings stay apart for colour-blind readers, and red
// and green differ in lightness, not only in hue.
func TestPointColoursContrast(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	c := p.colours()
	t.Logf("palette %+v", c)
	if len(c.RAG) != 4 {
		t.Fatalf("map colours %v", c.RAG)
	}
	if !c.ListSame {
		t.Error("the GeoJSON asset layer paints differently from the tiles")
	}
	minWidth := math.Inf(1)
	for _, w := range c.RingWidths {
		minWidth = math.Min(minWidth, w)
	}
	if minWidth < 0.8 {
		t.Errorf("point ring %v px at its thinnest; at least 0.8 px keeps it visible", c.RingWidths)
	}
	backgrounds := map[string]rgb{"background": c.Background, "county fill": c.CountyFill}
	for bg, b := range backgrounds {
		if r := contrast(c.Ring, b); r < 3 {
			t.Errorf("point ring %s on the %s %s: %.2f:1", c.Ring, bg, b, r)
		}
		if r := contrast(c.Hub, b); r < 3 {
			t.Errorf("hub colour %s on the %s %s: %.2f:1", c.Hub, bg, b, r)
		}
		for _, rag := range rags {
			fill := c.RAG[rag]
			// A fill weaker than 3:1 is still a clear point if the ring
			// round it stands out from it as well as from the background.
			onBG, onRing := contrast(fill, b), contrast(fill, c.Ring)
			t.Logf("%s %s on the %s: %.2f:1, on its ring %.2f:1", rag, fill, bg, onBG, onRing)
			if onBG < 3 && onRing < 3 {
				t.Errorf("%s %s: %.2f:1 on the %s and %.2f:1 on its ring %s", rag, fill, onBG, bg, onRing, c.Ring)
			}
		}
	}
	// Red and green fills carry the main message; they must reach 3:1
	// on their own, ring or not.
	for _, rag := range []string{"red", "green"} {
		for bg, b := range backgrounds {
			if r := contrast(c.RAG[rag], b); r < 3 {
				t.Errorf("%s %s on the %s: %.2f:1", rag, c.RAG[rag], bg, r)
			}
		}
	}
	if r := contrast(c.RAG["red"], c.RAG["green"]); r < 1.8 {
		t.Errorf("red %s and green %s are %.2f:1 apart in lightness; colour-blind readers need more", c.RAG["red"], c.RAG["green"], r)
	}
	for _, v := range visions[:3] {
		for i, a := range rags {
			for _, b := range rags[i+1:] {
				if d := deltaE(lab(c.RAG[a], v.m), lab(c.RAG[b], v.m)); d < 30 {
					t.Errorf("%s: %s %s and %s %s only %.0f apart (CIE76)", v.name, a, c.RAG[a], b, c.RAG[b], d)
				}
			}
		}
	}
	// The legend is the key to the map: the same colours, the same ring.
	for _, rag := range rags {
		if c.Legend[rag] != c.RAG[rag] {
			t.Errorf("legend %s swatch %s, map %s", rag, c.Legend[rag], c.RAG[rag])
		}
	}
	if c.LegendRing != c.Ring {
		t.Errorf("legend swatch ring %s, map %s", c.LegendRing, c.Ring)
	}
}

// ragPixels counts the pixels within a small distance of each of the
// map's red, amber and green (grey is left out: the outlines and
// graticule are grey too).
func ragPixels(img image.Image, c palette) map[string]int {
	want := map[string]rgb{"red": c.RAG["red"], "amber": c.RAG["amber"], "green": c.RAG["green"]}
	return colourPixels(img, want, 30)
}
