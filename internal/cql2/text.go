package cql2

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Text writes e in cql2-text. ParseText of the result gives e again:
// nested AND and OR keep their parentheses, and names that are keywords
// or not plain identifiers are quoted.
func Text(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case And:
		writeJoined(b, e.Args, " AND ")
	case Or:
		writeJoined(b, e.Args, " OR ")
	case Not:
		b.WriteString("NOT ")
		writeNested(b, e.Arg, true)
	case Boolean:
		writeOperand(b, e)
	case Compare:
		writeOperand(b, e.Left)
		b.WriteString(" " + string(e.Op) + " ")
		writeOperand(b, e.Right)
	case Like:
		writeOperand(b, e.Arg)
		b.WriteString(" LIKE ")
		writeOperand(b, e.Pattern)
	case In:
		writeOperand(b, e.Arg)
		b.WriteString(" IN (")
		for i, v := range e.List {
			if i > 0 {
				b.WriteString(", ")
			}
			writeOperand(b, v)
		}
		b.WriteByte(')')
	case Between:
		writeOperand(b, e.Arg)
		b.WriteString(" BETWEEN ")
		writeOperand(b, e.Low)
		b.WriteString(" AND ")
		writeOperand(b, e.High)
	case IsNull:
		writeOperand(b, e.Arg)
		b.WriteString(" IS NULL")
	case Spatial:
		writeCall(b, string(e.Op), e.Left, e.Right)
	case Temporal:
		writeCall(b, string(e.Op), e.Left, e.Right)
	}
}

// operandText writes one operand, as in an expression.
func operandText(v Operand) string {
	var b strings.Builder
	writeOperand(&b, v)
	return b.String()
}

func writeJoined(b *strings.Builder, args []Expr, sep string) {
	for i, a := range args {
		if i > 0 {
			b.WriteString(sep)
		}
		writeNested(b, a, false)
	}
}

// writeNested writes an operand of AND, OR or NOT, in parentheses when
// it is itself AND or OR (or, under NOT, another NOT).
func writeNested(b *strings.Builder, e Expr, underNot bool) {
	paren := false
	switch e.(type) {
	case And, Or:
		paren = true
	case Not:
		paren = underNot
	}
	if paren {
		b.WriteByte('(')
	}
	writeExpr(b, e)
	if paren {
		b.WriteByte(')')
	}
}

func writeCall(b *strings.Builder, name string, args ...Operand) {
	b.WriteString(name + "(")
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		writeOperand(b, a)
	}
	b.WriteByte(')')
}

func writeOperand(b *strings.Builder, v Operand) {
	switch v := v.(type) {
	case Property:
		b.WriteString(quoteName(v.Name))
	case String:
		b.WriteString(quoteString(v.Value))
	case Number:
		b.WriteString(formatNumber(v.Value))
	case Boolean:
		b.WriteString(strings.ToUpper(strconv.FormatBool(v.Value)))
	case Date:
		b.WriteString("DATE(" + quoteString(formatDate(v)) + ")")
	case Timestamp:
		b.WriteString("TIMESTAMP(" + quoteString(formatTimestamp(v)) + ")")
	case Interval:
		b.WriteString("INTERVAL(")
		writeEnd(b, v.Start)
		b.WriteString(", ")
		writeEnd(b, v.End)
		b.WriteByte(')')
	case Point:
		b.WriteString("POINT(" + formatPoint(v) + ")")
	case BBox:
		b.WriteString("BBOX(" + formatNumber(v.MinX) + ", " + formatNumber(v.MinY) + ", " +
			formatNumber(v.MaxX) + ", " + formatNumber(v.MaxY) + ")")
	case Polygon:
		b.WriteString("POLYGON(")
		for i, r := range v.Rings {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, pt := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(formatPoint(pt))
			}
			b.WriteByte(')')
		}
		b.WriteByte(')')
	}
}

// writeEnd writes an interval's end as INTERVAL takes it: a bare quoted
// string, '..' when open, or a property.
func writeEnd(b *strings.Builder, v Operand) {
	switch v := v.(type) {
	case nil:
		b.WriteString("'..'")
	case Date:
		b.WriteString(quoteString(formatDate(v)))
	case Timestamp:
		b.WriteString(quoteString(formatTimestamp(v)))
	default:
		writeOperand(b, v)
	}
}

func formatDate(d Date) string { return d.Value.Format(time.DateOnly) }

func formatTimestamp(t Timestamp) string { return t.Value.UTC().Format(time.RFC3339Nano) }

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func formatPoint(p Point) string { return formatNumber(p.X) + " " + formatNumber(p.Y) }

func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// quoteName quotes a property name unless it reads back as itself.
func quoteName(name string) string {
	plain := name != "" && !reserved[strings.ToUpper(name)] &&
		!strings.HasPrefix(strings.ToUpper(name), "S_") && !strings.HasPrefix(strings.ToUpper(name), "T_")
	for i, r := range name {
		if !plain {
			break
		}
		if i == 0 {
			plain = identStart(r)
		} else {
			plain = identPart(r)
		}
	}
	if plain && utf8.ValidString(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
