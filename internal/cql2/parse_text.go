package cql2

import (
	"unicode/utf8"
)

// ParseText reads a cql2-text expression. A fault is a *SyntaxError
// naming its position.
func ParseText(src string) (Expr, error) {
	if len(src) > MaxLength {
		return nil, syntaxErr(src, MaxLength, "expression longer than %d bytes", MaxLength)
	}
	if !utf8.ValidString(src) {
		i := 0
		for r, n := utf8.DecodeRuneInString(src); r != utf8.RuneError || n != 1; r, n = utf8.DecodeRuneInString(src[i:]) {
			i += n
		}
		return nil, syntaxErr(src, i, "not UTF-8")
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &textParser{src: src, toks: toks}
	e, err := p.orExpr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, "expected AND, OR or the end, found %s", t.describe())
	}
	return e, nil
}

// textParser is a recursive-descent parser over the tokens: OR binds
// loosest, then AND, then NOT, then a predicate or a parenthesis.
type textParser struct {
	src   string
	toks  []token
	i     int
	depth int
}

func (p *textParser) peek() token { return p.toks[p.i] }

func (p *textParser) peekAt(k int) token { return p.toks[min(p.i+k, len(p.toks)-1)] }

func (p *textParser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *textParser) errAt(t token, format string, args ...any) error {
	return syntaxErr(p.src, t.pos, format, args...)
}

func (p *textParser) expect(punct string) error {
	if t := p.next(); !t.is(punct) {
		return p.errAt(t, "expected %s, found %s", punct, t.describe())
	}
	return nil
}

func (p *textParser) orExpr() (Expr, error) {
	return p.nary("OR", p.andExpr, func(args []Expr) Expr { return Or{args} })
}

func (p *textParser) andExpr() (Expr, error) {
	return p.nary("AND", p.notExpr, func(args []Expr) Expr { return And{args} })
}

// nary reads operands joined by the keyword into one node.
func (p *textParser) nary(kw string, operand func() (Expr, error), node func([]Expr) Expr) (Expr, error) {
	e, err := operand()
	if err != nil {
		return nil, err
	}
	if !p.peek().isKeyword(kw) {
		return e, nil
	}
	args := []Expr{e}
	for p.peek().isKeyword(kw) {
		p.next()
		e, err := operand()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	return node(args), nil
}

func (p *textParser) notExpr() (Expr, error) {
	if !p.peek().isKeyword("NOT") {
		return p.primary()
	}
	p.next()
	if p.peek().isKeyword("NOT") {
		return nil, p.errAt(p.peek(), "NOT NOT: write NOT (NOT ...)")
	}
	e, err := p.primary()
	if err != nil {
		return nil, err
	}
	return Not{e}, nil
}

// enter counts one level of nesting; leave undoes it.
func (p *textParser) enter(t token) error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errAt(t, "nested more than %d deep", MaxDepth)
	}
	return nil
}

func (p *textParser) leave() { p.depth-- }

func (p *textParser) primary() (Expr, error) {
	t := p.peek()
	if err := p.enter(t); err != nil {
		return nil, err
	}
	defer p.leave()
	switch {
	case t.is("("):
		p.next()
		e, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		return e, p.expect(")")
	case t.kind == tIdent && p.peekAt(1).is("("):
		if op, ok := spatialOps[t.upper()]; ok {
			return p.spatial(op)
		}
		if op, ok := temporalOps[t.upper()]; ok {
			return p.temporal(op)
		}
	}
	return p.predicate()
}
