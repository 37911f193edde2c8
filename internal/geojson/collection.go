package geojson

import (
	"bufio"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Link is a typed hyperlink, as OGC API and the REST lists use.
type Link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// Meta is what a FeatureCollection carries after its features.
type Meta struct {
	// NumberMatched is the count of all matching features; negative
	// leaves it out.
	NumberMatched int
	// TimeStamp is when the response was made; zero leaves it out.
	TimeStamp time.Time
	Links     []Link
}

// buffers are reused across collections: a response then costs little
// beyond its bytes.
type buffers struct {
	w       *bufio.Writer
	scratch []byte
}

var pool = sync.Pool{New: func() any {
	return &buffers{w: bufio.NewWriterSize(nil, 64<<10), scratch: make([]byte, 0, 4<<10)}
}}

// Writer streams one FeatureCollection into an io.Writer: Feature for
// each asset, then End (or Close, for a bare collection). Call Release
// when done, whatever happened, to return its buffers. Write errors are
// returned as they happen; the output is then unfinished.
type Writer struct {
	bufs *buffers
	n    int
	// lines puts each feature on its own line, for files people diff.
	lines bool
	shape Shape
}

// NewWriter starts a FeatureCollection on w.
func NewWriter(w io.Writer) *Writer {
	b := pool.Get().(*buffers)
	b.w.Reset(w)
	return &Writer{bufs: b}
}

// NewFileWriter starts a FeatureCollection on w with one feature a line.
func NewFileWriter(w io.Writer) *Writer {
	e := NewWriter(w)
	e.lines = true
	return e
}

// SetShape sets the CRS and properties of the features written next.
func (e *Writer) SetShape(s Shape) { e.shape = s }

// Count is how many features have been written.
func (e *Writer) Count() int { return e.n }

// Feature writes the next feature.
func (e *Writer) Feature(a *estate.Asset) error {
	b := e.bufs.scratch[:0]
	if e.n == 0 {
		b = append(b, `{"type":"FeatureCollection","features":[`...)
	} else {
		b = append(b, ',')
	}
	if e.lines {
		b = append(b, '\n')
	}
	b = AppendShapedFeature(b, a, nil, &e.shape)
	e.bufs.scratch = b
	e.n++
	_, err := e.bufs.w.Write(b)
	return err
}

// End closes the collection with its counts and links and flushes.
func (e *Writer) End(m Meta) error {
	b := e.head(e.bufs.scratch[:0])
	b = append(b, `],"numberReturned":`...)
	b = strconv.AppendInt(b, int64(e.n), 10)
	if m.NumberMatched >= 0 {
		b = append(b, `,"numberMatched":`...)
		b = strconv.AppendInt(b, int64(m.NumberMatched), 10)
	}
	if !m.TimeStamp.IsZero() {
		b = append(b, `,"timeStamp":`...)
		b = appendTime(b, m.TimeStamp.UTC().Truncate(time.Second))
	}
	b = append(b, `,"links":`...)
	b = appendLinks(b, m.Links)
	return e.finish(append(b, '}', '\n'))
}

// Close closes a bare collection, features only, and flushes.
func (e *Writer) Close() error {
	b := e.head(e.bufs.scratch[:0])
	if e.lines {
		b = append(b, '\n')
	}
	return e.finish(append(b, ']', '}', '\n'))
}

// head opens the collection if no feature did.
func (e *Writer) head(b []byte) []byte {
	if e.n == 0 {
		b = append(b, `{"type":"FeatureCollection","features":[`...)
	}
	return b
}

func (e *Writer) finish(b []byte) error {
	e.bufs.scratch = b
	if _, err := e.bufs.w.Write(b); err != nil {
		return err
	}
	return e.bufs.w.Flush()
}

// Release returns the writer's buffers; the writer is unusable after.
func (e *Writer) Release() {
	if e.bufs == nil {
		return
	}
	e.bufs.w.Reset(nil) // drop the destination, keep the buffer
	if cap(e.bufs.scratch) <= 1<<20 {
		pool.Put(e.bufs)
	}
	e.bufs = nil
}
