package outputs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/sahelsim/sahelsim/internal/csvrow"
)

// A Comparison is a row of compare.csv: the difference in one indicator
// between a point of a sweep and its reference point, paired by
// replicate (replicate r of both points uses the same random numbers),
// or between two runs (point 1, run B, against reference 0, run A).
// internal/sweep computes them, WriteComparisons writes them and
// ReadSweep reads them back.
type Comparison struct {
	Reference int    // the reference's point
	Scenario  string // the scenario of the point
	Point     int
	Indicator string
	// ReferenceMean and Mean are the means of the indicator at the
	// reference and at the point, over the N replicates where both are
	// defined; Difference = Mean − ReferenceMean, the mean of the paired
	// differences, and [Low, High] its 95 % confidence interval
	// (Student's t with N − 1 degrees of freedom; NaN if N < 2).
	ReferenceMean, Mean, Difference float64
	Low, High                       float64
	N                               int
}

// compareHeader is the header of compare.csv.
var compareHeader = []string{"reference", "scenario", "point", "indicator", "reference_mean", "mean", "difference", "ci_low", "ci_high", "n"}

// WriteComparisons writes cs as compare.csv: reference, scenario, point,
// indicator, reference_mean, mean, difference, ci_low, ci_high, n.
func WriteComparisons(w io.Writer, cs []Comparison) error {
	rw := csvrow.NewWriter(w)
	rw.Header(compareHeader)
	for _, c := range cs {
		rw.Int(int64(c.Reference))
		rw.Text(c.Scenario)
		rw.Int(int64(c.Point))
		rw.Text(c.Indicator)
		rw.Float(c.ReferenceMean)
		rw.Float(c.Mean)
		rw.Float(c.Difference)
		rw.Float(c.Low)
		rw.Float(c.High)
		rw.Int(int64(c.N))
		rw.End()
	}
	return rw.Err()
}

// readComparisons reads compare.csv, if the directory has one.
func (d *Results) readComparisons() error {
	path := filepath.Join(d.Dir, CompareFile)
	header, rows, err := readTable(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("outputs: %w", err)
	}
	if !slices.Equal(header, compareHeader) {
		return fmt.Errorf("outputs: %s: header is %q, want %q", path, header, compareHeader)
	}
	for i, rec := range rows {
		c := Comparison{Scenario: rec[1], Indicator: rec[3]}
		var errs [8]error
		c.Reference, errs[0] = strconv.Atoi(rec[0])
		c.Point, errs[1] = strconv.Atoi(rec[2])
		for k, p := range []*float64{&c.ReferenceMean, &c.Mean, &c.Difference, &c.Low, &c.High} {
			*p, errs[2+k] = parseValue([]byte(rec[4+k]))
		}
		c.N, errs[7] = strconv.Atoi(rec[9])
		if err := errors.Join(errs[:]...); err != nil {
			return fmt.Errorf("outputs: %s:%d: %w", path, i+2, err)
		}
		d.Comparisons = append(d.Comparisons, c)
	}
	return nil
}
