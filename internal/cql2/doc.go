// Package cql2 reads OGC CQL2 filters (OGC 21-065), in both encodings,
// cql2-text (ParseText) and cql2-json (ParseJSON), into one typed tree
// (Expr), writes a tree back in text (Text), and holds a tree to a
// collection's queryables (Check). It decides nothing about stores: each
// store compiles the tree to its own query.
//
// Supported, and nothing more:
//   - Basic CQL2: AND, OR, NOT (NOT binds tightest, then AND, then OR;
//     parentheses), =, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL, and
//     their negations (NOT LIKE, NOT IN, NOT BETWEEN, IS NOT NULL, read
//     as Not of the predicate), TRUE and FALSE;
//   - spatial: S_INTERSECTS and S_WITHIN over properties and POINT,
//     POLYGON and BBOX literals (WKT in text, GeoJSON and {"bbox"} in
//     JSON; 2D only; the draft ENVELOPE(west, east, north, south) is
//     read as a BBOX);
//   - temporal: T_INTERSECTS, T_BEFORE and T_AFTER over properties and
//     DATE, TIMESTAMP and INTERVAL literals (an interval's end may be
//     '..', open, or a property);
//   - literals typed string, number, boolean; property names plain or
//     "quoted"; keywords in any case; a quote in a string doubled (or
//     escaped with a backslash).
//
// Not supported: arithmetic, functions, CASEI/ACCENTI, arrays, the other
// spatial and temporal functions, 3D coordinates, boxes across the
// antimeridian. Each is refused with a *SyntaxError.
//
// A fault in the text or JSON is a *SyntaxError carrying the byte offset
// of the fault and an excerpt around it. Input is bounded against abuse:
// MaxLength bytes, MaxDepth levels of nesting, MaxList values in an IN
// list, MaxPoints points in a polygon.
package cql2
