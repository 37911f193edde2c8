package cql2

// The operands of cql2-json: {"property": name}, JSON scalars, {"date"},
// {"timestamp"}, {"interval"}, {"bbox"} and GeoJSON Point and Polygon.

// operand reads any operand; the callers below hold it to its kind.
func (p *jsonParser) operand(n *jnode) (Operand, error) {
	switch n.kind {
	case '"':
		return String{n.str}, nil
	case '0':
		f, err := parseNumber(n.num.String())
		if err != nil {
			return nil, p.errAt(n, "%v", err)
		}
		return Number{f}, nil
	case 'b':
		return Boolean{n.b}, nil
	case '{':
		return p.object(n)
	}
	return nil, p.errAt(n, "expected a property or a value, found %s", n.describe())
}

func (p *jsonParser) object(n *jnode) (Operand, error) {
	if len(n.keys) == 1 {
		v := n.vals[0]
		switch n.keys[0] {
		case "property":
			if v.kind != '"' || v.str == "" {
				return nil, p.errAt(v, "property is a name, found %s", v.describe())
			}
			return Property{v.str}, nil
		case "date", "timestamp":
			if v.kind != '"' {
				return nil, p.errAt(v, "%s is a string, found %s", n.keys[0], v.describe())
			}
			var t Operand
			var err error
			if n.keys[0] == "date" {
				t, err = parseDate(v.str)
			} else {
				t, err = parseTimestamp(v.str)
			}
			if err != nil {
				return nil, p.errAt(v, "%v", err)
			}
			return t, nil
		case "interval":
			return p.interval(v)
		case "bbox":
			return p.bbox(v)
		}
	}
	if t := n.member("type"); t != nil && t.kind == '"' {
		return p.geoJSON(n, t.str)
	}
	if n.member("op") != nil {
		return nil, p.errAt(n, "an expression cannot stand where a value is expected")
	}
	return nil, p.errAt(n, `expected {"property": ...}, a date, timestamp, interval, bbox or GeoJSON geometry`)
}

func (p *jsonParser) scalar(n *jnode) (Operand, error) {
	v, err := p.operand(n)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case Interval:
		return nil, p.errAt(n, "an interval is compared only by t_intersects, t_before or t_after")
	case Point, BBox, Polygon:
		return nil, p.errAt(n, "a geometry is compared only by s_intersects or s_within")
	}
	return v, nil
}

func (p *jsonParser) geometry(n *jnode) (Operand, error) {
	v, err := p.operand(n)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case Property, Point, BBox, Polygon:
		return v, nil
	}
	return nil, p.errAt(n, "expected a property, bbox or GeoJSON Point or Polygon, found %s", n.describe())
}

func (p *jsonParser) temporal(n *jnode) (Operand, error) {
	v, err := p.operand(n)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case Property, Date, Timestamp, Interval:
		return v, nil
	}
	return nil, p.errAt(n, "expected a property, date, timestamp or interval, found %s", n.describe())
}

func (p *jsonParser) interval(n *jnode) (Operand, error) {
	if n.kind != '[' || len(n.vals) != 2 {
		return nil, p.errAt(n, "interval is an array of its start and end")
	}
	var ends [2]Operand
	for k, v := range n.vals {
		var err error
		switch {
		case v.kind == '"':
			ends[k], err = intervalEnd(v.str)
		case v.kind == '{' && len(v.keys) == 1 && v.keys[0] == "property":
			ends[k], err = p.operand(v)
		default:
			return nil, p.errAt(v, `an interval's end is a date or timestamp string, ".." or {"property": ...}`)
		}
		if err != nil {
			return nil, p.errAt(v, "%v", err)
		}
	}
	iv := Interval{ends[0], ends[1]}
	if err := checkInterval(iv); err != nil {
		return nil, p.errAt(n, "%v", err)
	}
	return iv, nil
}

func (p *jsonParser) bbox(n *jnode) (Operand, error) {
	if n.kind != '[' || len(n.vals) != 4 {
		return nil, p.errAt(n, "bbox is an array of four numbers (2D boxes only)")
	}
	var f [4]float64
	for i, v := range n.vals {
		var err error
		if f[i], err = p.number(v); err != nil {
			return nil, err
		}
	}
	b := BBox{f[0], f[1], f[2], f[3]}
	if err := checkBBox(b); err != nil {
		return nil, p.errAt(n, "%v", err)
	}
	return b, nil
}

func (p *jsonParser) geoJSON(n *jnode, typ string) (Operand, error) {
	c := n.member("coordinates")
	if c == nil || c.kind != '[' {
		return nil, p.errAt(n, "a GeoJSON geometry has coordinates")
	}
	switch typ {
	case "Point":
		return p.position(c)
	case "Polygon":
		var poly Polygon
		for _, rn := range c.vals {
			if rn.kind != '[' {
				return nil, p.errAt(rn, "a polygon ring is an array of positions")
			}
			ring := make([]Point, 0, len(rn.vals))
			for _, pn := range rn.vals {
				if p.points++; p.points > MaxPoints {
					return nil, p.errAt(pn, "polygon of more than %d points", MaxPoints)
				}
				pt, err := p.position(pn)
				if err != nil {
					return nil, err
				}
				ring = append(ring, pt)
			}
			if err := checkRing(ring); err != nil {
				return nil, p.errAt(rn, "%v", err)
			}
			poly.Rings = append(poly.Rings, ring)
		}
		if len(poly.Rings) == 0 {
			return nil, p.errAt(c, "a polygon has one ring or more")
		}
		return poly, nil
	}
	return nil, p.errAt(n, "GeoJSON %s is not supported: Point and Polygon are", typ)
}

func (p *jsonParser) position(n *jnode) (Point, error) {
	if n.kind != '[' || len(n.vals) != 2 {
		return Point{}, p.errAt(n, "a position is [x, y] (2D only)")
	}
	x, err := p.number(n.vals[0])
	if err != nil {
		return Point{}, err
	}
	y, err := p.number(n.vals[1])
	return Point{x, y}, err
}

func (p *jsonParser) number(n *jnode) (float64, error) {
	if n.kind != '0' {
		return 0, p.errAt(n, "expected a number, found %s", n.describe())
	}
	f, err := parseNumber(n.num.String())
	if err != nil {
		return 0, p.errAt(n, "%v", err)
	}
	return f, nil
}
