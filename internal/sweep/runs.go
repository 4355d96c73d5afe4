package sweep

import (
	"fmt"
	"io"
	"slices"

	"github.com/sahelsim/sahelsim/outputs"
)

// A RunComparison compares two run directories replicate by replicate:
// the effect of going from the reference run A to run B on every
// headline indicator both have, with its 95 % confidence interval.
type RunComparison struct {
	A, B *outputs.Results // the reference run and the other
	// Pairs is the number of replicates paired: replicate r of A with
	// replicate r of B, for r below the smaller number of replicates.
	Pairs int
	// Common reports whether every pair drew the same random numbers:
	// the same seed (the runs' seeds are equal), so that the differences
	// are those of the scenarios, not of luck (common random numbers).
	// Pairs of independent replicates give valid intervals too, only
	// wider.
	Common bool
	// Comparisons are the rows of compare.csv: reference 0 (A), point 1
	// (B, its scenario's name), one per indicator in A's order.
	Comparisons []outputs.Comparison
}

// CompareRuns reads the run directories dirA (the reference) and dirB
// and compares them replicate by replicate (see RunComparison).
func CompareRuns(dirA, dirB string) (*RunComparison, error) {
	var rs [2]*outputs.Results
	for i, dir := range []string{dirA, dirB} {
		k, err := outputs.Detect(dir)
		if err != nil {
			return nil, err
		}
		if k != outputs.RunDir {
			return nil, fmt.Errorf("%s is a %s directory: compare two runs (sahelsim run), or give one sweep alone", dir, k)
		}
		if rs[i], err = outputs.ReadRun(dir, outputs.ReadOptions{Summary: true}); err != nil {
			return nil, err
		}
	}
	a, b := rs[0], rs[1]
	rc := &RunComparison{A: a, B: b, Pairs: min(len(a.Summary.Values), len(b.Summary.Values)), Common: true}
	rc.Common = slices.Equal(a.Summary.Seeds[:rc.Pairs], b.Summary.Seeds[:rc.Pairs])
	for i, name := range a.Summary.Columns {
		j := slices.Index(b.Summary.Columns, name)
		if j < 0 {
			continue // an indicator of a year or zone B does not have
		}
		va, vb := make([]float64, rc.Pairs), make([]float64, rc.Pairs)
		for r := range rc.Pairs {
			va[r], vb[r] = a.Summary.Values[r][i], b.Summary.Values[r][j]
		}
		rc.Comparisons = append(rc.Comparisons, Paired(outputs.Comparison{Reference: 0, Scenario: b.Name(), Point: 1, Indicator: name}, va, vb))
	}
	if len(rc.Comparisons) == 0 {
		return nil, fmt.Errorf("%s and %s have no headline indicator in common", dirA, dirB)
	}
	return rc, nil
}

// Label names run 0 (A) or 1 (B) for PrintComparisons: its scenario and
// directory.
func (rc *RunComparison) Label(point int) string {
	r := rc.A
	if point == 1 {
		r = rc.B
	}
	return fmt.Sprintf("%s (%s)", r.Name(), r.Dir)
}

// Summary says in a sentence how the runs were paired and where the
// comparisons were written (out; "" for nowhere).
func (rc *RunComparison) Summary(out string) string {
	how := "common random numbers: every pair has the same seed"
	if !rc.Common {
		how = "the pairs have different seeds, so they are independent (rerun both with the same --seed for sharper intervals)"
	}
	s := fmt.Sprintf("%d indicators, 95%% confidence intervals over %d replicates paired by replicate (%s); * excludes 0", len(rc.Comparisons), rc.Pairs, how)
	if na, nb := len(rc.A.Summary.Values), len(rc.B.Summary.Values); na != nb {
		s += fmt.Sprintf("; %s has %d replicates and %s %d: the first %d are compared", rc.A.Dir, na, rc.B.Dir, nb, rc.Pairs)
	}
	if out != "" {
		return s + ": " + out
	}
	return s + " (--out FILE writes them as CSV)"
}

// Print writes the comparisons of the headline indicators (all: of every
// one) as PrintComparisons does, then the Summary (out: where they were
// written, "" for nowhere).
func (rc *RunComparison) Print(w io.Writer, all bool, out string) error {
	only := outputs.HeadlineIndicators()
	if all {
		only = nil
	}
	if err := PrintComparisons(w, rc.Label, rc.Comparisons, only); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", rc.Summary(out))
	return err
}
