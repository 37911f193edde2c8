package cql2

import (
	"strings"
)

// ParseJSON reads a cql2-json expression into the same tree ParseText
// gives for the same filter. A fault is a *SyntaxError naming its byte
// offset in src.
func ParseJSON(src []byte) (Expr, error) {
	if len(src) > MaxLength {
		return nil, syntaxErr(string(src), MaxLength, "expression longer than %d bytes", MaxLength)
	}
	root, err := readJSON(src)
	if err != nil {
		return nil, err
	}
	p := &jsonParser{src: string(src)}
	return p.expr(root)
}

type jsonParser struct {
	src    string
	points int // over all polygons, against MaxPoints
}

func (p *jsonParser) errAt(n *jnode, format string, args ...any) error {
	return syntaxErr(p.src, n.pos, format, args...)
}

// expr reads {"op": ..., "args": [...]} or a boolean literal.
func (p *jsonParser) expr(n *jnode) (Expr, error) {
	if n.kind == 'b' {
		return Boolean{n.b}, nil
	}
	if n.kind != '{' || n.member("op") == nil {
		return nil, p.errAt(n, `expected an expression {"op": ..., "args": [...]}, found %s`, n.describe())
	}
	opn, argsn := n.member("op"), n.member("args")
	if len(n.keys) != 2 || argsn == nil {
		return nil, p.errAt(n, `an expression has exactly the members "op" and "args"`)
	}
	if opn.kind != '"' {
		return nil, p.errAt(opn, "op is a string, found %s", opn.describe())
	}
	if argsn.kind != '[' {
		return nil, p.errAt(argsn, "args is an array, found %s", argsn.describe())
	}
	op, args := strings.ToLower(opn.str), argsn.vals
	want := func(k int) error {
		if len(args) != k {
			return p.errAt(argsn, "%s takes %d arguments, found %d", opn.str, k, len(args))
		}
		return nil
	}
	switch op {
	case "and", "or":
		if len(args) < 2 {
			return nil, p.errAt(argsn, "%s takes 2 arguments or more, found %d", opn.str, len(args))
		}
		list := make([]Expr, len(args))
		for i, a := range args {
			e, err := p.expr(a)
			if err != nil {
				return nil, err
			}
			list[i] = e
		}
		if op == "and" {
			return And{list}, nil
		}
		return Or{list}, nil
	case "not":
		if err := want(1); err != nil {
			return nil, err
		}
		e, err := p.expr(args[0])
		if err != nil {
			return nil, err
		}
		return Not{e}, nil
	case "=", "<>", "<", "<=", ">", ">=":
		if err := want(2); err != nil {
			return nil, err
		}
		l, r, err := p.scalars(args[0], args[1])
		return Compare{CompareOp(op), l, r}, err
	case "like":
		if err := want(2); err != nil {
			return nil, err
		}
		l, err := p.scalar(args[0])
		if err != nil {
			return nil, err
		}
		if args[1].kind != '"' {
			return nil, p.errAt(args[1], "like takes a pattern string, found %s", args[1].describe())
		}
		return Like{l, String{args[1].str}}, nil
	case "in":
		return p.in(argsn)
	case "between":
		if err := want(3); err != nil {
			return nil, err
		}
		a, lo, err := p.scalars(args[0], args[1])
		if err != nil {
			return nil, err
		}
		hi, err := p.scalar(args[2])
		return Between{a, lo, hi}, err
	case "isnull":
		if err := want(1); err != nil {
			return nil, err
		}
		a, err := p.scalar(args[0])
		return IsNull{a}, err
	case "s_intersects", "s_within":
		if err := want(2); err != nil {
			return nil, err
		}
		l, r, err := p.pair(args, p.geometry)
		return Spatial{SpatialOp(strings.ToUpper(op)), l, r}, err
	case "t_intersects", "t_before", "t_after":
		if err := want(2); err != nil {
			return nil, err
		}
		l, r, err := p.pair(args, p.temporal)
		return Temporal{TemporalOp(strings.ToUpper(op)), l, r}, err
	}
	return nil, p.errAt(opn, "unsupported op %q: supported are and, or, not, =, <>, <, <=, >, >=, like, in, between, isNull, s_intersects, s_within, t_intersects, t_before, t_after", opn.str)
}

func (p *jsonParser) in(argsn *jnode) (Expr, error) {
	args := argsn.vals
	if len(args) != 2 {
		return nil, p.errAt(argsn, "in takes 2 arguments, found %d", len(args))
	}
	a, err := p.scalar(args[0])
	if err != nil {
		return nil, err
	}
	if args[1].kind != '[' || len(args[1].vals) == 0 {
		return nil, p.errAt(args[1], "in takes a list of values, found %s", args[1].describe())
	}
	if len(args[1].vals) > MaxList {
		return nil, p.errAt(args[1], "IN list longer than %d values", MaxList)
	}
	list := make([]Operand, len(args[1].vals))
	for i, v := range args[1].vals {
		if list[i], err = p.scalar(v); err != nil {
			return nil, err
		}
	}
	return In{a, list}, nil
}

func (p *jsonParser) pair(args []*jnode, read func(*jnode) (Operand, error)) (Operand, Operand, error) {
	l, err := read(args[0])
	if err != nil {
		return nil, nil, err
	}
	r, err := read(args[1])
	return l, r, err
}

func (p *jsonParser) scalars(a, b *jnode) (Operand, Operand, error) {
	return p.pair([]*jnode{a, b}, p.scalar)
}
