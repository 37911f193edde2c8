package transparency

import (
	"strings"
)

// Header finding: published files put titles, dates and notes above the
// header, write a heading over two lines of a cell, and spread one
// heading over several columns (a "Map reference" over its easting and
// northing), sometimes with the columns' own names on a row below.
const (
	// headerScan is how many rows the header is looked for in.
	headerScan = 20
	// lookahead is how many rows after those are read ahead, to see
	// which columns under a blank header cell hold data.
	lookahead = 10
	// minHeaderNames is how many known names make a row the header;
	// with fewer, the first row is taken, and errors say what it lacks.
	minHeaderNames = 2
)

// column is one column of the header as the reader understood it.
type column struct {
	text string // the header text, a heading and its sub-heading joined
	m    colMatch
}

// header is the header found among a file's first rows.
type header struct {
	first, last int // indexes of its first and last rows (a two-row header)
	cols        []column
}

// headerScore counts a row's cells that are names the reader knows or a
// mapping reads: how much the row looks like a header.
func headerScore(row []string, mapped map[string]bool) int {
	n := 0
	for _, c := range row {
		if strings.TrimSpace(c) != "" && (matchName(c).known() || mapped[normName(c)]) {
			n++
		}
	}
	return n
}

// findHeader picks the header among rows, the first records of a file,
// decoded: the row with the most cells that are names the reader knows
// or a mapping reads (the earliest of equals), then reads spread
// headings and a row of sub-headings under it.
func findHeader(rows [][]string, mapped map[string]bool) header {
	best, score := -1, 0
	for i := 0; i < len(rows) && i < headerScan; i++ {
		if n := headerScore(rows[i], mapped); n > score {
			best, score = i, n
		}
	}
	if score < minHeaderNames {
		best = 0
		for best < len(rows)-1 && blank(rows[best]) {
			best++
		}
	}
	h := header{first: best, last: best}
	below := rows[best+1:]
	width := len(rows[best])
	for _, r := range below {
		width = max(width, len(r))
	}
	h.cols = make([]column, width)
	for j := range h.cols {
		text := cellAt(rows[best], j)
		h.cols[j] = column{text: text, m: matchName(text)}
	}
	spans := spreadHeadings(rows[best], below, width)
	if len(below) > 0 && h.subHeadings(below[0], spans) {
		h.last++
	} else {
		h.splitHeadings(spans)
	}
	h.streetNumbers()
	return h
}

// spreadHeadings finds the headings spread over the blank header cells
// after them whose columns hold data: start column -> how many columns.
func spreadHeadings(head []string, below [][]string, width int) map[int]int {
	spans := map[int]int{}
	for j := 0; j < width; j++ {
		if strings.TrimSpace(cellAt(head, j)) == "" {
			continue
		}
		n := 1
		for j+n < width && strings.TrimSpace(cellAt(head, j+n)) == "" && hasData(below, j+n) {
			n++
		}
		if n > 1 {
			spans[j] = n
		}
		j += n - 1
	}
	return spans
}

// subHeadings reads sub as a row of sub-headings if, under the spread
// headings and the blank header cells, it holds only names the reader
// knows (at least one), and takes them.
func (h *header) subHeadings(sub []string, spans map[int]int) bool {
	under := map[int]string{} // column -> the heading above it
	for j, c := range h.cols {
		if strings.TrimSpace(c.text) == "" {
			under[j] = ""
		}
	}
	for j, n := range spans {
		for k := 0; k < n; k++ {
			under[j+k] = h.cols[j].text
		}
	}
	found := 0
	for j := range under {
		s := cellAt(sub, j)
		if strings.TrimSpace(s) == "" {
			continue
		}
		if !matchName(s).known() {
			return false
		}
		found++
	}
	if found == 0 {
		return false
	}
	for j, heading := range under {
		if s := cellAt(sub, j); strings.TrimSpace(s) != "" {
			h.cols[j] = column{text: strings.TrimSpace(heading + " " + s), m: matchName(s)}
		}
	}
	return true
}

// splitHeadings shares each spread heading among its columns: by the
// names it lists ("Eastings   Northings", "Easting / Northing"), or, for
// a heading that names a pair of coordinates ("Map reference"), as the
// easting and northing.
func (h *header) splitHeadings(spans map[int]int) {
	for j, n := range spans {
		heading := h.cols[j].text
		lines := splitLines(heading)
		if ms := namesOver(lines, n); ms != nil {
			for k, m := range ms {
				m.how = howHeading
				h.cols[j+k] = column{text: heading, m: m}
			}
			continue
		}
		if n != 2 {
			continue
		}
		for _, l := range append([]string{heading}, lines...) {
			p, ok := pairHeadings[normName(l)]
			if !ok {
				continue
			}
			x, y := colMatch{t: tX, how: howHeading}, colMatch{t: tY, how: howHeading}
			if p.latFirst {
				x, y = y, x
			}
			h.cols[j], h.cols[j+1] = column{text: heading, m: x}, column{text: heading, m: y}
			break
		}
	}
}

// namesOver finds, among a heading's lines from the last, one listing n
// names the reader knows, one per column.
func namesOver(lines []string, n int) []colMatch {
	for i := len(lines) - 1; i >= 0; i-- {
		names := splitHeading(lines[i], n)
		if names == nil {
			continue
		}
		ms := make([]colMatch, n)
		for k, name := range names {
			if ms[k] = matchName(name); !ms[k].known() || ms[k].t == tIgnore {
				ms = nil
				break
			}
		}
		if ms != nil {
			return ms
		}
	}
	return nil
}

// streetNumbers reads "No" or "Number" just before a street column as
// the street number, as in an address written "No | Street Name".
func (h *header) streetNumbers() {
	for j := 0; j+1 < len(h.cols); j++ {
		if !h.cols[j].m.known() && numberNames[normName(h.cols[j].text)] && h.cols[j+1].m.t == "street_name" {
			h.cols[j].m = colMatch{t: "street_number", how: howSynonym, norm: normName(h.cols[j].text)}
		}
	}
}

func cellAt(row []string, j int) string {
	if j < len(row) {
		return row[j]
	}
	return ""
}

// hasData reports whether any of rows has something in column j.
func hasData(rows [][]string, j int) bool {
	for _, r := range rows {
		if strings.TrimSpace(cellAt(r, j)) != "" {
			return true
		}
	}
	return false
}
