// Package csvrow writes the rows of the CSV files sahelsim writes
// (summary.csv, timeseries.csv, events.csv, runs.csv, compare.csv, …),
// formatting each into a reused buffer so that a large file costs no
// allocation a row: strings quoted only when they must be (a comma, a
// quote or a line break, RFC 4180), integers in decimal, floats in the
// shortest form that parses back to the same float, and NaN as an empty
// field, which pandas, R and DuckDB read as missing.
package csvrow

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// A Writer writes CSV rows to an io.Writer, a field at a time. Its first
// error sticks: the rows after it are not written, and Err returns it.
type Writer struct {
	w   io.Writer
	buf []byte
	n   int // fields in the current row
	err error
}

// NewWriter returns a Writer of rows to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (w *Writer) sep() {
	if w.n > 0 {
		w.buf = append(w.buf, ',')
	}
	w.n++
}

// Text adds a string field, quoted if it needs to be.
func (w *Writer) Text(s string) {
	w.sep()
	w.buf = AppendText(w.buf, s)
}

// Int adds an integer field.
func (w *Writer) Int(v int64) {
	w.sep()
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

// Uint adds an unsigned integer field.
func (w *Writer) Uint(v uint64) {
	w.sep()
	w.buf = strconv.AppendUint(w.buf, v, 10)
}

// Float adds a float field (AppendFloat).
func (w *Writer) Float(v float64) {
	w.sep()
	w.buf = AppendFloat(w.buf, v)
}

// End ends the row and writes it.
func (w *Writer) End() {
	w.buf = append(w.buf, '\n')
	w.n = 0
	if w.err == nil {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// Header writes a row of the column names cols, in order.
func (w *Writer) Header(cols ...[]string) {
	for _, c := range cols {
		for _, s := range c {
			w.Text(s)
		}
	}
	w.End()
}

// Err returns the first error of a write, if any.
func (w *Writer) Err() error { return w.err }

// AppendText appends s to b as a CSV field: quoted, its quotes doubled,
// if it holds a comma, a quote or a line break.
func AppendText(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// AppendFloat appends v to b formatted with 'g' and the fewest digits
// that parse back to v; NaN appends nothing.
func AppendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) {
		return b
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
