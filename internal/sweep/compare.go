package sweep

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/sahelsim/sahelsim/outputs"
)

// A Table is runs.csv, read: the value of every indicator of every run,
// by point and replicate.
type Table struct {
	Manifest   *Manifest
	Indicators []string
	Scenario   []string   // of each point
	Params     [][]string // of each point, formatted
	// Values[point][replicate] holds the indicators of a run, nil for a
	// run that failed.
	Values [][][]float64
}

// ReadTable reads runs.csv of the sweep directory dir
// (outputs.ReadSweep), checking it against the manifest.
func ReadTable(dir string) (*Table, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, RunsCSV)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w (has the sweep finished? 'sahelsim sweep' writes it at the end, 'sahelsim merge' after shards)", err)
	}
	res, err := outputs.ReadSweep(dir, outputs.ReadOptions{Summary: true})
	if err != nil {
		return nil, err
	}
	if !slices.Equal(res.Summary.Columns, m.Indicators) {
		return nil, fmt.Errorf("%s: the indicator columns do not match the manifest's %d", path, len(m.Indicators))
	}
	t := &Table{
		Manifest:   m,
		Indicators: m.Indicators,
		Scenario:   make([]string, m.Points),
		Params:     make([][]string, m.Points),
		Values:     make([][][]float64, m.Points),
	}
	for p := range t.Values {
		t.Values[p] = make([][]float64, m.Replicates)
	}
	for i, run := range res.Summary.Runs {
		point := run.Point
		if point < 0 || point >= m.Points || run.Replicate < 0 || run.Replicate >= m.Replicates {
			return nil, fmt.Errorf("%s:%d: bad point %d or replicate %d", path, i+2, run.Point, run.Replicate)
		}
		t.Scenario[point] = run.Scenario
		t.Params[point] = run.Params
		t.Values[point][run.Replicate] = res.Summary.Values[i]
	}
	return t, nil
}

// DesignPoints returns the number of design points of each scenario.
func (t *Table) DesignPoints() int { return t.Manifest.Points / len(t.Manifest.Scenarios) }

// Label describes point p: "point P (" its scenario (if the sweep has
// several) and its parameter values ")".
func (t *Table) Label(p int) string { return fmt.Sprintf("point %d (%s)", p, t.describe(p)) }

// describe describes point p: its scenario (if the sweep has several)
// and its parameter values.
func (t *Table) describe(p int) string {
	var parts []string
	if len(t.Manifest.Scenarios) > 1 || len(t.Manifest.Parameters) == 0 {
		parts = append(parts, t.scenarioOf(p))
	}
	for i, mp := range t.Manifest.Parameters {
		if t.Params[p] != nil {
			parts = append(parts, mp.Path+"="+t.Params[p][i])
		}
	}
	return strings.Join(parts, " ")
}

// scenarioOf returns the scenario of point p, from the manifest if no run
// of p succeeded.
func (t *Table) scenarioOf(p int) string {
	if t.Scenario[p] != "" {
		return t.Scenario[p]
	}
	return t.Manifest.Scenarios[p/t.DesignPoints()].Name
}

// References returns, for each point of the sweep, its reference point
// (−1 for the reference points themselves) for ref: a point number
// ("0"), a scenario name (each point is compared with the point of that
// scenario at the same design point), or "" for the default: the first
// scenario if the sweep has several, point 0 otherwise.
func (t *Table) References(ref string) ([]int, error) {
	m := t.Manifest
	d := t.DesignPoints()
	out := make([]int, m.Points)
	if ref == "" {
		if len(m.Scenarios) > 1 {
			ref = m.Scenarios[0].Name
		} else {
			ref = "0"
		}
	}
	if p, err := strconv.Atoi(ref); err == nil {
		if p < 0 || p >= m.Points {
			return nil, fmt.Errorf("reference point %d: the sweep has points 0 to %d", p, m.Points-1)
		}
		for i := range out {
			out[i] = p
		}
		out[p] = -1
		return out, nil
	}
	s := slices.IndexFunc(m.Scenarios, func(sc ManifestScenario) bool { return sc.Name == ref })
	if s < 0 {
		var names []string
		for _, sc := range m.Scenarios {
			names = append(names, sc.Name)
		}
		return nil, fmt.Errorf("reference %q: not a point number nor a scenario of the sweep (%s)", ref, strings.Join(names, ", "))
	}
	for p := range out {
		if p/d == s {
			out[p] = -1
		} else {
			out[p] = s*d + p%d
		}
	}
	return out, nil
}

// Compare returns, for every point that has a reference in refs (see
// References) and every indicator, the paired comparison with its
// reference (see outputs.Comparison), by point then in the order of the
// indicators: the rows of compare.csv.
func (t *Table) Compare(refs []int) []outputs.Comparison {
	var out []outputs.Comparison
	var a, b []float64
	for p, ref := range refs {
		if ref < 0 {
			continue
		}
		for i, name := range t.Indicators {
			a, b = a[:0], b[:0]
			for r := range t.Values[p] {
				ra, rb := t.Values[ref][r], t.Values[p][r]
				if ra == nil || rb == nil {
					continue
				}
				a, b = append(a, ra[i]), append(b, rb[i])
			}
			out = append(out, Paired(outputs.Comparison{Reference: ref, Scenario: t.scenarioOf(p), Point: p, Indicator: name}, a, b))
		}
	}
	return out
}

// Paired fills c with the comparison of the values b with the reference
// values a, replicate by replicate (a[r] and b[r] are replicate r's):
// over the N replicates where both are defined, the means, the mean of
// the differences b[r] − a[r] and its 95 % confidence interval (Student's
// t with N − 1 degrees of freedom; NaN if N < 2). The interval holds
// whether or not the replicates share random numbers; it is narrower when
// they do.
func Paired(c outputs.Comparison, a, b []float64) outputs.Comparison {
	var diffs []float64
	var sumRef, sum float64
	for r := range min(len(a), len(b)) {
		if math.IsNaN(a[r]) || math.IsNaN(b[r]) {
			continue
		}
		sumRef += a[r]
		sum += b[r]
		diffs = append(diffs, b[r]-a[r])
	}
	c.N = len(diffs)
	c.ReferenceMean, c.Mean, c.Difference, c.Low, c.High = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if c.N > 0 {
		c.ReferenceMean, c.Mean = sumRef/float64(c.N), sum/float64(c.N)
		c.Difference = stat.Mean(diffs, nil)
	}
	if c.N > 1 {
		se := stat.StdDev(diffs, nil) / math.Sqrt(float64(c.N))
		q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(c.N - 1)}.Quantile(0.975)
		c.Low, c.High = c.Difference-q*se, c.Difference+q*se
	}
	return c
}

// PrintComparisons writes cs, comparisons of points (of a sweep, or two
// runs) that label names, as a table for reading: a block per point, a
// row per indicator (only those of only, unless only is nil) with the
// reference's mean, the point's, the difference and its 95 % interval, n,
// and * where the interval excludes 0.
func PrintComparisons(w io.Writer, label func(point int) string, cs []outputs.Comparison, only []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	point := -1
	for _, c := range cs {
		if only != nil && !slices.Contains(only, c.Indicator) {
			continue
		}
		if c.Point != point {
			if point >= 0 {
				fmt.Fprintln(tw)
			}
			point = c.Point
			tw.Flush()
			fmt.Fprintf(w, "%s against %s:\n", label(c.Point), label(c.Reference))
			fmt.Fprintln(tw, "indicator\treference\tmean\tdifference\t95% CI\tn\t")
		}
		sig := ""
		if c.Low > 0 || c.High < 0 {
			sig = "*"
		}
		scale := max(math.Abs(c.ReferenceMean), math.Abs(c.Mean))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", c.Indicator, num(c.ReferenceMean, scale), num(c.Mean, scale),
			num(c.Difference, scale), interval(c.Low, c.High, scale), c.N, sig)
	}
	return tw.Flush()
}

// num formats v for reading in a row of magnitude scale, with no "-0".
func num(v, scale float64) string {
	s := formatNum(v, scale)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// formatNum formats v for reading in a row of magnitude scale.
func formatNum(v, scale float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return "n/a"
	case scale >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case scale >= 1000 || a == math.Trunc(a) && scale >= 100:
		return fmt.Sprintf("%.0f", v)
	case scale >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// interval formats a confidence interval.
func interval(lo, hi, scale float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "n/a"
	}
	return num(lo, scale) + " – " + num(hi, scale)
}
