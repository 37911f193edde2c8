package webtest

import (
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

func TestPublicReadNeedsNoSignIn(t *testing.T) {
	srv := newServer(t, httpapi.Config{PublicRead: true})
	p := open(t, srv, "", "/", 1280, 800, false)
	p.waitIdle()
	var open bool
	p.eval(`document.querySelector('#signin').open`, &open)
	if open {
		t.Error("the sign-in box opened on a public register")
	}
	if who := p.text("#who"); !strings.Contains(who, "Public view") {
		t.Errorf("header says %q", who)
	}
	// The public sees no sensitive assets: the counts are the API's to
	// an anonymous reader.
	checkLegend(t, p, url.Values{}, rags)
	if got := p.text("#trust"); !strings.Contains(got, "needs a token") {
		t.Errorf("trust panel for the public: %.200q", got)
	}
	p.visit("", "/?asset="+itoa(srv.Assets[0].ID))
	if n := p.count("#rag-form"); n != 0 {
		t.Error("the public sees the rating form")
	}
}

// TestBasemapOption draws a configured basemap (here a test server of
// plain tiles) under the assets, and sends it no token.
func TestBasemapOption(t *testing.T) {
	var mu sync.Mutex
	var requests, withToken int
	tile := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := range tile.Pix {
		tile.Pix[i] = []uint8{0xa0, 0xd8, 0xf0, 0xff}[i%4] // a pale blue no layer uses
	}
	base := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		if r.Header.Get("Authorization") != "" {
			withToken++
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		png.Encode(w, tile)
	}))
	defer base.Close()
	srv := newServer(t, httpapi.Config{BasemapURL: base.URL + "/{z}/{x}/{y}.png", BasemapAttribution: "Test tiles"})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	img := p.screenshot("basemap")
	blue := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c.R == 0xa0 && c.G == 0xd8 && c.B == 0xf0 {
				blue++
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if requests == 0 || blue < b.Dx()*b.Dy()/4 || withToken > 0 {
		t.Errorf("basemap: %d tile requests (%d with a token), %d of %d pixels its colour", requests, withToken, blue, b.Dx()*b.Dy())
	}
	if got := p.text(".maplibregl-ctrl-attrib"); !strings.Contains(got, "Test tiles") {
		t.Errorf("attribution %q", got)
	}
	if px := ragPixels(img, p.colours()); px["red"] == 0 || px["green"] == 0 {
		t.Errorf("assets not drawn over the basemap: %v", px)
	}
}
