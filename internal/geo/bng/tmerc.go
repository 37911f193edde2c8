package bng

import "math"

// Transverse Mercator with the National Grid's projection constants on the
// GRS80 ellipsoid: the "ETRS89 grid" that OSTN15 shifts are defined on. The
// series are those of OS's "A guide to coordinate systems in Great Britain",
// Annex C, because OSTN15 and its published test results are defined with
// exactly these formulae; a more exact projection would disagree with OS by
// up to a few millimetres far from the central meridian.
const (
	grs80A = 6378137.000  // semi-major axis, m
	grs80B = 6356752.3141 // semi-minor axis, m
	ngF0   = 0.9996012717 // scale factor on the central meridian
	ngE0   = 400000.0     // false easting, m
	ngN0   = -100000.0    // false northing, m
	ngPhi0 = 49 * math.Pi / 180
	ngLam0 = -2 * math.Pi / 180

	tmN  = (grs80A - grs80B) / (grs80A + grs80B)
	tmE2 = (grs80A*grs80A - grs80B*grs80B) / (grs80A * grs80A)
	tmAF = grs80A * ngF0
	tmBF = grs80B * ngF0

	// Coefficients of the meridional arc M.
	tmM0 = 1 + tmN + 5.0/4*tmN*tmN + 5.0/4*tmN*tmN*tmN
	tmM1 = 3*tmN + 3*tmN*tmN + 21.0/8*tmN*tmN*tmN
	tmM2 = 15.0/8*tmN*tmN + 15.0/8*tmN*tmN*tmN
	tmM3 = 35.0 / 24 * tmN * tmN * tmN

	degToRad = math.Pi / 180
	radToDeg = 180 / math.Pi
)

// meridionalArc is M, the scaled meridian distance from the true origin's
// latitude to phi. Multiple angles come from the double- and triple-angle
// identities so each call costs one Sincos and one Cos, not six trig calls.
func meridionalArc(phi float64) float64 {
	d := phi - ngPhi0
	sd, cd := math.Sincos(d)
	cs := math.Cos(phi + ngPhi0)
	s2d, c2s := 2*sd*cd, 2*cs*cs-1
	s3d, c3s := sd*(3-4*sd*sd), cs*(4*cs*cs-3)
	return tmBF * (tmM0*d - tmM1*sd*cs + tmM2*s2d*c2s - tmM3*s3d*c3s)
}

// radii returns nu and rho (scaled by F0) and eta^2 at latitude phi.
func radii(sinPhi float64) (nu, rho, eta2 float64) {
	w := 1 - tmE2*sinPhi*sinPhi
	nu = tmAF / math.Sqrt(w)
	rho = nu * (1 - tmE2) / w
	return nu, rho, nu/rho - 1
}

// project maps GRS80 latitude and longitude (radians) to ETRS89 grid easting
// and northing (metres).
func project(phi, lam float64) (e, n float64) {
	s, c := math.Sincos(phi)
	t2 := (s / c) * (s / c)
	t4 := t2 * t2
	nu, rho, eta2 := radii(s)
	c3 := c * c * c
	c5 := c3 * c * c

	i := meridionalArc(phi) + ngN0
	ii := nu / 2 * s * c
	iii := nu / 24 * s * c3 * (5 - t2 + 9*eta2)
	iiia := nu / 720 * s * c5 * (61 - 58*t2 + t4)
	iv := nu * c
	v := nu / 6 * c3 * (nu/rho - t2)
	vi := nu / 120 * c5 * (5 - 18*t2 + t4 + 14*eta2 - 58*t2*eta2)

	l := lam - ngLam0
	l2 := l * l
	n = i + l2*(ii+l2*(iii+l2*iiia))
	e = ngE0 + l*(iv+l2*(v+l2*vi))
	return e, n
}

// unproject maps ETRS89 grid easting and northing (metres) to GRS80 latitude
// and longitude (radians).
func unproject(e, n float64) (phi, lam float64) {
	// Find the footpoint latitude phi' whose meridional arc is n - N0. OS step
	// by aF0 and stop at 0.01 mm; stepping by rho, the local meridian radius,
	// is Newton's method and needs two or three rounds instead of four or five.
	dn := n - ngN0
	p := ngPhi0 + dn/tmAF
	for range 10 {
		r := dn - meridionalArc(p)
		_, rho, _ := radii(math.Sin(p))
		p += r / rho
		if math.Abs(r) < 1e-6 {
			break
		}
	}

	s, c := math.Sincos(p)
	tn := s / c
	t2 := tn * tn
	t4 := t2 * t2
	nu, rho, eta2 := radii(s)
	sec := 1 / c
	nu3 := nu * nu * nu
	nu5 := nu3 * nu * nu

	vii := tn / (2 * rho * nu)
	viii := tn / (24 * rho * nu3) * (5 + 3*t2 + eta2 - 9*t2*eta2)
	ix := tn / (720 * rho * nu5) * (61 + 90*t2 + 45*t4)
	x := sec / nu
	xi := sec / (6 * nu3) * (nu/rho + 2*t2)
	xii := sec / (120 * nu5) * (5 + 28*t2 + 24*t4)
	xiia := sec / (5040 * nu5 * nu * nu) * (61 + 662*t2 + 1320*t4 + 720*t4*t2)

	d := e - ngE0
	d2 := d * d
	phi = p - d2*(vii-d2*(viii-d2*ix))
	lam = ngLam0 + d*(x-d2*(xi-d2*(xii-d2*xiia)))
	return phi, lam
}

// projectExact is project corrected so that unproject maps its result back to
// (phi, lam) to a micrometre. The OS forward and inverse series disagree by up
// to 5 mm far from the central meridian (St Kilda, the Outer Hebrides); OS's
// published OSGB36->ETRS89 results follow unproject, so FromWGS84 inverts
// that rather than trusting project alone, and round trips close.
func projectExact(phi, lam float64) (e, n float64) {
	e, n = project(phi, lam)
	s, c := math.Sincos(phi)
	nu, rho, _ := radii(s)
	// A residual in latitude and longitude becomes grid metres through the
	// local scale (nu, rho) and a rotation by the grid convergence gamma.
	sg, cg := math.Sincos((lam - ngLam0) * s)
	for range 5 {
		p, l := unproject(e, n)
		x, y := (lam-l)*nu*c, (phi-p)*rho
		de, dn := x*cg-y*sg, x*sg+y*cg
		e, n = e+de, n+dn
		if math.Abs(de) < 1e-7 && math.Abs(dn) < 1e-7 {
			break
		}
	}
	return e, n
}
