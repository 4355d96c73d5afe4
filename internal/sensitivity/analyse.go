package sensitivity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
)

// ErrInput is wrapped by the errors of Analyse that are the user's to
// fix: a sweep of another design, non-numeric parameters, an unknown
// indicator.
var ErrInput = errors.New("cannot analyse")

// An Analysis is what Analyse wrote and found.
type Analysis struct {
	Kind       string   // scenarios.Morris or scenarios.Saltelli
	Dir        string   // DIR/sensitivity
	Table      string   // morris.csv or sobol.csv, with its path
	Indicators []string // analysed
	Factors    int
	Figures    int
	// Undefined are the indicators undefined at some points, left out of
	// the Sobol indices.
	Undefined []string
	// SmallDesign says the Saltelli design has fewer than
	// MinSaltelliPoints base points (a sweep of an older sahelsim).
	SmallDesign bool
	// Unstable of Estimates Sobol estimates are unstable (Index.Unstable).
	Unstable, Estimates int
	Points, Replicates  int // of the design
}

// Print writes what a says for reading: the indicators it left out, the
// warnings of a design too small or of unstable estimates, and where its
// table and figures are.
func (a *Analysis) Print(w io.Writer) error {
	for _, name := range a.Undefined {
		fmt.Fprintf(w, "%s: undefined at some points, left out of the Sobol indices\n", name)
	}
	if a.SmallDesign {
		// A sweep of an older sahelsim, which let such designs through.
		fmt.Fprintf(w, "warning: a Saltelli design of %d base points is too small for stable Sobol indices (want at least %d)\n", a.Points, MinSaltelliPoints)
	}
	if a.Unstable > 0 {
		fmt.Fprintf(w, "warning: %d of %d Sobol estimates are unstable (outside [0, 1], or with a 95 %% interval wider than it): they are not indices; the column warning of %s marks them. Rerun the sweep with more points (now %d) or replicates (now %d).\n",
			a.Unstable, a.Estimates, a.Table, a.Points, a.Replicates)
	}
	_, err := fmt.Fprintf(w, "%s indices of %d indicators over %d parameters: %s, %d figures in %s\n",
		a.Kind, len(a.Indicators), a.Factors, a.Table, a.Figures, a.Dir)
	return err
}

// Analyse analyses the sweep in dir, run with a Morris or Saltelli design,
// for the indicators (nil: the headline indicators of its model): each
// point's indicator is the mean over its replicates. It writes
// DIR/sensitivity/morris.csv or sobol.csv and a figure per indicator in
// PDF, SVG and PNG, each file atomically.
func Analyse(ctx context.Context, dir string, indicators []string) (*Analysis, error) {
	t, err := sweep.ReadTable(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	m := t.Manifest
	a := &Analysis{Kind: m.Design.Kind, Dir: filepath.Join(dir, "sensitivity"), Points: m.Design.Points, Replicates: m.Replicates}
	if a.Kind != scenarios.Morris && a.Kind != scenarios.Saltelli {
		return nil, fmt.Errorf("%w: %s: the sweep's design is %q: sensitivity needs kind = \"morris\" or \"saltelli\"", ErrInput, dir, a.Kind)
	}
	if len(m.Scenarios) != 1 {
		return nil, fmt.Errorf("%w: %s: a sensitivity design has one base scenario, not %d", ErrInput, dir, len(m.Scenarios))
	}
	factors := make([]Factor, len(m.Parameters))
	for j, p := range m.Parameters {
		lo, err1 := strconv.ParseFloat(p.Min, 64)
		hi, err2 := strconv.ParseFloat(p.Max, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%w: %s: parameter %s: sensitivity needs numeric ranges", ErrInput, dir, p.Path)
		}
		factors[j] = Factor{Name: p.Path, Low: lo, High: hi}
	}
	a.Factors = len(factors)
	x := mat.NewDense(len(t.Params), len(factors), nil)
	for i, row := range t.Params {
		for j, v := range row {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: point %d: %s = %q is not a number", ErrInput, dir, i, m.Parameters[j].Path, v)
			}
			x.Set(i, j, f)
		}
	}
	for _, n := range indicators {
		if !slices.Contains(t.Indicators, n) {
			return nil, fmt.Errorf("%w: --indicators: %q is not an indicator of the sweep", ErrInput, n)
		}
	}
	if indicators == nil {
		for _, n := range append(outputs.HeadlineIndicators(), outputs.EpsteinColumns()...) {
			if slices.Contains(t.Indicators, n) {
				indicators = append(indicators, n)
			}
		}
	}
	a.Indicators = indicators
	if err := os.MkdirAll(a.Dir, 0o755); err != nil {
		return nil, err
	}
	var morris []MorrisResult
	var sobol []SobolResult
	var figs []*figures.Figure
	for _, name := range indicators {
		y := pointMeans(t, slices.Index(t.Indicators, name))
		if a.Kind == scenarios.Morris {
			eff, err := Morris(x, y, factors)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			r := MorrisResult{Indicator: name, Effects: eff}
			morris = append(morris, r)
			if f, err := PlotMorris(r); err == nil {
				figs = append(figs, f)
			}
			continue
		}
		if slices.ContainsFunc(y, math.IsNaN) {
			a.Undefined = append(a.Undefined, name)
			continue
		}
		idx, err := Sobol(x, y, factors, &Bootstrap{Resamples: 200})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		r := SobolResult{Indicator: name, Indices: idx}
		sobol = append(sobol, r)
		if f, err := PlotSobol(r); err == nil {
			figs = append(figs, f)
		}
	}
	a.Table = filepath.Join(a.Dir, "morris.csv")
	write := func(w io.Writer) error { return WriteMorris(w, morris) }
	if a.Kind == scenarios.Saltelli {
		a.Table = filepath.Join(a.Dir, "sobol.csv")
		write = func(w io.Writer) error { return WriteSobol(w, sobol) }
	}
	if err := outputs.WriteFileAtomic(ctx, a.Table, write); err != nil {
		return nil, err
	}
	if _, err := figures.Write(ctx, a.Dir, figs); err != nil {
		return nil, err
	}
	a.Figures = len(figs)
	a.SmallDesign = a.Kind == scenarios.Saltelli && m.Design.Points < MinSaltelliPoints
	for _, r := range sobol {
		for _, x := range r.Indices {
			a.Estimates++
			if x.Unstable() != "" {
				a.Unstable++
			}
		}
	}
	return a, nil
}

// pointMeans returns the mean of indicator column col over the replicates
// of each point of t, NaN where no replicate defines it.
func pointMeans(t *sweep.Table, col int) []float64 {
	y := make([]float64, len(t.Values))
	for p, reps := range t.Values {
		s, n := 0.0, 0
		for _, v := range reps {
			if v != nil && !math.IsNaN(v[col]) {
				s += v[col]
				n++
			}
		}
		y[p] = math.NaN()
		if n > 0 {
			y[p] = s / float64(n)
		}
	}
	return y
}
