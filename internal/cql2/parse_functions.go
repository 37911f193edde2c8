package cql2

// The spatial and temporal functions, and their literals, in cql2-text.

func (p *textParser) spatial(op SpatialOp) (Expr, error) {
	l, r, err := p.operands2(func(v Operand) bool {
		switch v.(type) {
		case Property, Point, BBox, Polygon:
			return true
		}
		return false
	}, "%s compares geometries: a property, POINT, BBOX or POLYGON, found %s", op)
	return Spatial{Op: op, Left: l, Right: r}, err
}

func (p *textParser) temporal(op TemporalOp) (Expr, error) {
	l, r, err := p.operands2(func(v Operand) bool {
		switch v.(type) {
		case Property, Date, Timestamp, Interval:
			return true
		}
		return false
	}, "%s compares times: a property, DATE, TIMESTAMP or INTERVAL, found %s", op)
	return Temporal{Op: op, Left: l, Right: r}, err
}

// operands2 reads a function's two operands, refusing one that ok does
// not take with refusal (given op and what was found).
func (p *textParser) operands2(ok func(Operand) bool, refusal string, op any) (l, r Operand, err error) {
	err = p.args2(func(k int) error {
		t := p.peek()
		v, err := p.operand()
		if err != nil {
			return err
		}
		if !ok(v) {
			return p.errAt(t, refusal, op, t.describe())
		}
		if k == 0 {
			l = v
		} else {
			r = v
		}
		return nil
	})
	return l, r, err
}

// args2 reads "NAME ( a , b )", calling arg for each of the two.
func (p *textParser) args2(arg func(k int) error) error {
	p.next() // the function's name
	if err := p.expect("("); err != nil {
		return err
	}
	if err := arg(0); err != nil {
		return err
	}
	if err := p.expect(","); err != nil {
		return err
	}
	if err := arg(1); err != nil {
		return err
	}
	return p.expect(")")
}

// instant reads DATE('...') or TIMESTAMP('...'), the keyword read.
func (p *textParser) instant(kw token) (Operand, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	t := p.next()
	if t.kind != tString {
		return nil, p.errAt(t, "%s takes a quoted value, found %s", kw.upper(), t.describe())
	}
	var v Operand
	var err error
	if kw.upper() == "DATE" {
		v, err = parseDate(t.val)
	} else {
		v, err = parseTimestamp(t.val)
	}
	if err != nil {
		return nil, p.errAt(t, "%v", err)
	}
	return v, p.expect(")")
}

// interval reads INTERVAL(start, end), the keyword read; each end is a
// quoted date or timestamp, '..' when open, or a property.
func (p *textParser) interval(kw token) (Operand, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var ends [2]Operand
	for k := range ends {
		if k == 1 {
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
		t := p.next()
		var err error
		switch {
		case t.kind == tString:
			ends[k], err = intervalEnd(t.val)
		case t.kind == tQuoted && t.val != "":
			ends[k] = Property{t.val}
		case t.kind == tIdent && !reserved[t.upper()] && !p.peek().is("("):
			ends[k] = Property{t.text}
		default:
			return nil, p.errAt(t, "INTERVAL takes a quoted date or timestamp, '..' or a property, found %s", t.describe())
		}
		if err != nil {
			return nil, p.errAt(t, "%v", err)
		}
	}
	iv := Interval{ends[0], ends[1]}
	if err := checkInterval(iv); err != nil {
		return nil, p.errAt(kw, "%v", err)
	}
	return iv, p.expect(")")
}

// geometry reads POINT, POLYGON, BBOX or ENVELOPE, the keyword read.
func (p *textParser) geometry(kw token) (Operand, error) {
	if z := p.peek(); z.kind == tIdent && (z.upper() == "Z" || z.upper() == "ZM" || z.upper() == "M") {
		return nil, p.errAt(z, "only 2D geometries are supported")
	}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	switch kw.upper() {
	case "POINT":
		pt, err := p.point()
		if err != nil {
			return nil, err
		}
		return pt, p.expect(")")
	case "POLYGON":
		return p.polygon(kw)
	}
	var n [4]float64
	for k := range n {
		if k > 0 {
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
		f, err := p.coord()
		if err != nil {
			return nil, err
		}
		n[k] = f
	}
	if t := p.peek(); t.is(",") {
		return nil, p.errAt(t, "only 2D boxes (four numbers) are supported")
	}
	b := BBox{n[0], n[1], n[2], n[3]}
	if kw.upper() == "ENVELOPE" { // the draft's order: west, east, north, south
		b = BBox{n[0], n[3], n[1], n[2]}
	}
	if err := checkBBox(b); err != nil {
		return nil, p.errAt(kw, "%v", err)
	}
	return b, p.expect(")")
}

func (p *textParser) polygon(kw token) (Operand, error) {
	var poly Polygon
	points := 0
	for {
		ring, err := p.ring(&points)
		if err != nil {
			return nil, err
		}
		poly.Rings = append(poly.Rings, ring)
		if t := p.next(); t.is(")") {
			return poly, nil
		} else if !t.is(",") {
			return nil, p.errAt(t, "expected , or ) after a polygon ring, found %s", t.describe())
		}
	}
}

func (p *textParser) ring(points *int) ([]Point, error) {
	start := p.peek()
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var ring []Point
	for {
		if *points++; *points > MaxPoints {
			return nil, p.errAt(p.peek(), "polygon of more than %d points", MaxPoints)
		}
		pt, err := p.point()
		if err != nil {
			return nil, err
		}
		ring = append(ring, pt)
		if t := p.next(); t.is(")") {
			break
		} else if !t.is(",") {
			return nil, p.errAt(t, "expected , or ) between points, found %s", t.describe())
		}
	}
	if err := checkRing(ring); err != nil {
		return nil, p.errAt(start, "%v", err)
	}
	return ring, nil
}

// point reads "x y".
func (p *textParser) point() (Point, error) {
	x, err := p.coord()
	if err != nil {
		return Point{}, err
	}
	y, err := p.coord()
	if err != nil {
		return Point{}, err
	}
	if t := p.peek(); t.kind == tNumber {
		return Point{}, p.errAt(t, "only 2D coordinates are supported")
	}
	return Point{x, y}, nil
}

func (p *textParser) coord() (float64, error) {
	t := p.next()
	if t.kind != tNumber {
		return 0, p.errAt(t, "expected a coordinate, found %s", t.describe())
	}
	f, err := parseNumber(t.text)
	if err != nil {
		return 0, p.errAt(t, "%v", err)
	}
	return f, nil
}
