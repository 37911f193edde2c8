package cql2

import "strings"

var compareOps = map[string]CompareOp{"=": Eq, "<>": Ne, "<": Lt, "<=": Le, ">": Gt, ">=": Ge}

var spatialOps = map[string]SpatialOp{"S_INTERSECTS": SIntersects, "S_WITHIN": SWithin}

var temporalOps = map[string]TemporalOp{"T_INTERSECTS": TIntersects, "T_BEFORE": TBefore, "T_AFTER": TAfter}

// predicate reads a comparison, LIKE, IN, BETWEEN or IS NULL whose first
// operand starts here, or a lone TRUE or FALSE.
func (p *textParser) predicate() (Expr, error) {
	start := p.peek()
	left, err := p.scalar()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if op, ok := compareOps[t.text]; ok && t.kind == tPunct {
		p.next()
		right, err := p.scalar()
		if err != nil {
			return nil, err
		}
		return Compare{op, left, right}, nil
	}
	negate := false
	if t.isKeyword("NOT") {
		p.next()
		negate, t = true, p.peek()
	}
	var e Expr
	switch {
	case t.isKeyword("LIKE"):
		p.next()
		pt := p.next()
		if pt.kind != tString {
			return nil, p.errAt(pt, "LIKE takes a pattern in quotes, found %s", pt.describe())
		}
		e = Like{left, String{pt.val}}
	case t.isKeyword("IN"):
		p.next()
		list, err := p.inList()
		if err != nil {
			return nil, err
		}
		e = In{left, list}
	case t.isKeyword("BETWEEN"):
		p.next()
		low, err := p.scalar()
		if err != nil {
			return nil, err
		}
		if and := p.next(); !and.isKeyword("AND") {
			return nil, p.errAt(and, "BETWEEN takes low AND high, found %s", and.describe())
		}
		high, err := p.scalar()
		if err != nil {
			return nil, err
		}
		e = Between{left, low, high}
	case t.isKeyword("IS") && !negate:
		p.next()
		if p.peek().isKeyword("NOT") {
			p.next()
			negate = true
		}
		if n := p.next(); !n.isKeyword("NULL") {
			return nil, p.errAt(n, "expected NULL after IS, found %s", n.describe())
		}
		e = IsNull{left}
	case negate:
		return nil, p.errAt(t, "expected LIKE, IN or BETWEEN after NOT, found %s", t.describe())
	default:
		if b, ok := left.(Boolean); ok {
			return b, nil
		}
		return nil, p.errAt(t, "expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL) after %s, found %s", start.describe(), t.describe())
	}
	if negate {
		return Not{e}, nil
	}
	return e, nil
}

func (p *textParser) inList() ([]Operand, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var list []Operand
	for {
		if len(list) == MaxList {
			return nil, p.errAt(p.peek(), "IN list longer than %d values", MaxList)
		}
		v, err := p.scalar()
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		if t := p.next(); t.is(")") {
			return list, nil
		} else if !t.is(",") {
			return nil, p.errAt(t, "expected , or ) in the IN list, found %s", t.describe())
		}
	}
}

// reserved words cannot be unquoted property names.
var reserved = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "LIKE": true, "IN": true, "BETWEEN": true,
	"IS": true, "NULL": true, "TRUE": true, "FALSE": true,
	"DATE": true, "TIMESTAMP": true, "INTERVAL": true,
	"POINT": true, "POLYGON": true, "BBOX": true, "ENVELOPE": true,
}

// scalar reads a property or a literal that a comparison may take.
func (p *textParser) scalar() (Operand, error) {
	t := p.peek()
	v, err := p.operand()
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case Interval:
		return nil, p.errAt(t, "an INTERVAL is compared only by T_INTERSECTS, T_BEFORE or T_AFTER")
	case Point, BBox, Polygon:
		return nil, p.errAt(t, "a geometry is compared only by S_INTERSECTS or S_WITHIN")
	}
	return v, nil
}

// operand reads a property or any literal.
func (p *textParser) operand() (Operand, error) {
	t := p.next()
	switch t.kind {
	case tString:
		return String{t.val}, nil
	case tQuoted:
		if t.val == "" {
			return nil, p.errAt(t, "empty property name")
		}
		return Property{t.val}, nil
	case tNumber:
		f, err := parseNumber(t.text)
		if err != nil {
			return nil, p.errAt(t, "%v", err)
		}
		return Number{f}, nil
	case tIdent:
		return p.keywordOperand(t)
	}
	return nil, p.errAt(t, "expected a property or a value, found %s", t.describe())
}

func (p *textParser) keywordOperand(t token) (Operand, error) {
	kw := t.upper()
	switch kw {
	case "TRUE", "FALSE":
		return Boolean{kw == "TRUE"}, nil
	case "DATE", "TIMESTAMP":
		return p.instant(t)
	case "INTERVAL":
		return p.interval(t)
	case "POINT", "POLYGON", "BBOX", "ENVELOPE":
		return p.geometry(t)
	}
	if reserved[kw] {
		return nil, p.errAt(t, "expected a property or a value, found %s", t.text)
	}
	if p.peek().is("(") {
		if strings.HasPrefix(kw, "S_") || strings.HasPrefix(kw, "T_") {
			return nil, p.errAt(t, "%s is not supported: S_INTERSECTS, S_WITHIN, T_INTERSECTS, T_BEFORE and T_AFTER are", t.text)
		}
		return nil, p.errAt(t, "unknown function %s: functions are not supported", t.text)
	}
	return Property{t.text}, nil
}
