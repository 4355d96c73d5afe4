package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/gonum/mat"

	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

func newSensitivityCmd() *cobra.Command {
	var indicators string
	cmd := &cobra.Command{
		Use:   "sensitivity DIR",
		Short: "Morris or Sobol sensitivity indices of a sweep's indicators",
		Long: `Sensitivity analyses a sweep run with a sensitivity design: kind = "morris"
(points = the number of trajectories; Morris elementary effects, for screening)
or kind = "saltelli" (points = the number of base points, a power of two; Sobol
first-order and total indices with bootstrap 95 % intervals). Each point's
indicator is the mean over its replicates.

It writes DIR/sensitivity/morris.csv or sobol.csv (one row per indicator and
parameter) and a figure per indicator, DIR/sensitivity/<method>_<indicator>
.pdf, .svg and .png. --indicators chooses them (default: the headline
indicators of the sweep's model).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSensitivity(cmd.Context(), cmd.OutOrStdout(), args[0], indicators)
		},
	}
	cmd.Flags().StringVar(&indicators, "indicators", "", "comma-separated indicators (default: the headline indicators)")
	return cmd
}

func runSensitivity(ctx context.Context, stdout io.Writer, dir, only string) error {
	lock, err := claimExisting(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	t, err := sweep.ReadTable(dir)
	if err != nil {
		return &badInput{err: err}
	}
	m := t.Manifest
	kind := m.Design.Kind
	if kind != scenarios.Morris && kind != scenarios.Saltelli {
		return &badInput{err: fmt.Errorf("%s: the sweep's design is %q: sensitivity needs kind = \"morris\" or \"saltelli\"", dir, kind)}
	}
	if len(m.Scenarios) != 1 {
		return &badInput{err: fmt.Errorf("%s: a sensitivity design has one base scenario, not %d", dir, len(m.Scenarios))}
	}
	factors := make([]sensitivity.Factor, len(m.Parameters))
	for j, p := range m.Parameters {
		lo, err1 := strconv.ParseFloat(p.Min, 64)
		hi, err2 := strconv.ParseFloat(p.Max, 64)
		if err1 != nil || err2 != nil {
			return &badInput{err: fmt.Errorf("%s: parameter %s: sensitivity needs numeric ranges", dir, p.Path)}
		}
		factors[j] = sensitivity.Factor{Name: p.Path, Low: lo, High: hi}
	}
	x := mat.NewDense(len(t.Params), len(factors), nil)
	for i, row := range t.Params {
		for j, v := range row {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return &badInput{err: fmt.Errorf("%s: point %d: %s = %q is not a number", dir, i, m.Parameters[j].Path, v)}
			}
			x.Set(i, j, f)
		}
	}
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
		for _, n := range names {
			if !slices.Contains(t.Indicators, n) {
				return &badInput{fmt.Errorf("--indicators: %q is not an indicator of the sweep", n), true}
			}
		}
	} else {
		for _, n := range append(outputs.HeadlineIndicators(), outputs.EpsteinColumns()...) {
			if slices.Contains(t.Indicators, n) {
				names = append(names, n)
			}
		}
	}
	out := filepath.Join(dir, "sensitivity")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return work(err)
	}
	var morris []sensitivity.MorrisResult
	var sobol []sensitivity.SobolResult
	var figs []*sensitivity.Figure
	var figNames []string
	for _, name := range names {
		col := slices.Index(t.Indicators, name)
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
		if kind == scenarios.Morris {
			eff, err := sensitivity.Morris(x, y, factors)
			if err != nil {
				return work(fmt.Errorf("%s: %w", name, err))
			}
			r := sensitivity.MorrisResult{Indicator: name, Effects: eff}
			morris = append(morris, r)
			if f, err := sensitivity.PlotMorris(r); err == nil {
				figs, figNames = append(figs, f), append(figNames, "morris_"+name)
			}
			continue
		}
		if slices.ContainsFunc(y, math.IsNaN) {
			fmt.Fprintf(stdout, "%s: undefined at some points, left out of the Sobol indices\n", name)
			continue
		}
		idx, err := sensitivity.Sobol(x, y, factors, &sensitivity.Bootstrap{Resamples: 200})
		if err != nil {
			return work(fmt.Errorf("%s: %w", name, err))
		}
		r := sensitivity.SobolResult{Indicator: name, Indices: idx}
		sobol = append(sobol, r)
		if f, err := sensitivity.PlotSobol(r); err == nil {
			figs, figNames = append(figs, f), append(figNames, "sobol_"+name)
		}
	}
	table := filepath.Join(out, "morris.csv")
	write := func(w io.Writer) error { return sensitivity.WriteMorris(w, morris) }
	if kind == scenarios.Saltelli {
		table = filepath.Join(out, "sobol.csv")
		write = func(w io.Writer) error { return sensitivity.WriteSobol(w, sobol) }
	}
	if err := outputs.WriteFileAtomic(ctx, table, write); err != nil {
		if ctx.Err() != nil {
			return interrupted("the figures are not drawn")
		}
		return work(err)
	}
	for i, f := range figs {
		for _, ext := range []string{"pdf", "svg", "png"} {
			err := outputs.WriteFileAtomic(ctx, filepath.Join(out, figNames[i]+"."+ext), func(w io.Writer) error { return f.Encode(w, ext) })
			if ctx.Err() != nil {
				return interrupted("some figures are not drawn")
			}
			if err != nil {
				return work(err)
			}
		}
	}
	if kind == scenarios.Saltelli && m.Design.Points < sensitivity.MinSaltelliPoints {
		// A sweep of an older sahelsim, which let such designs through.
		fmt.Fprintf(stdout, "warning: a Saltelli design of %d base points is too small for stable Sobol indices (want at least %d)\n", m.Design.Points, sensitivity.MinSaltelliPoints)
	}
	unstable, total := 0, 0
	for _, r := range sobol {
		for _, x := range r.Indices {
			total++
			if x.Unstable() != "" {
				unstable++
			}
		}
	}
	if unstable > 0 {
		fmt.Fprintf(stdout, "warning: %d of %d Sobol estimates are unstable (outside [0, 1], or with a 95 %% interval wider than it): they are not indices; the column warning of %s marks them. Rerun the sweep with more points (now %d) or replicates (now %d).\n",
			unstable, total, table, m.Design.Points, m.Replicates)
	}
	fmt.Fprintf(stdout, "%s indices of %d indicators over %d parameters: %s, %d figures in %s\n",
		kind, len(names), len(factors), table, len(figs), out)
	return nil
}
