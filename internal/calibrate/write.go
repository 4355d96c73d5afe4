package calibrate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/internal/sweep"
)

func num(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WritePosterior writes the accepted points, closest first: rank, point,
// distance, the parameters by path, then the simulated mean of each
// target's indicator.
func WritePosterior(w io.Writer, t *sweep.Table, targets []Target, post []Fit) error {
	bw := bufio.NewWriter(w)
	head := []string{"rank", "point", "distance"}
	for _, p := range t.Manifest.Parameters {
		head = append(head, p.Path)
	}
	for _, tg := range targets {
		head = append(head, tg.ID)
	}
	fmt.Fprintln(bw, strings.Join(head, ","))
	for i, f := range post {
		row := []string{strconv.Itoa(i + 1), strconv.Itoa(f.Point), num(f.Distance)}
		row = append(row, f.Params...)
		for _, m := range f.Means {
			row = append(row, num(m))
		}
		fmt.Fprintln(bw, strings.Join(row, ","))
	}
	return bw.Flush()
}

// ParamSummary summarises one parameter's prior and posterior.
type ParamSummary struct {
	Path                   string
	PriorMin, PriorMax     float64
	Mean, Median, P05, P95 float64
	Best                   string
}

// Summarise returns, for each numeric parameter, its prior range and the
// mean, median and 90 % interval of its posterior sample, and its value at
// the best fit.
func Summarise(t *sweep.Table, post []Fit) []ParamSummary {
	var out []ParamSummary
	for j, p := range t.Manifest.Parameters {
		s := ParamSummary{Path: p.Path, Best: post[0].Params[j]}
		s.PriorMin, _ = strconv.ParseFloat(p.Min, 64)
		s.PriorMax, _ = strconv.ParseFloat(p.Max, 64)
		if p.Min == "" {
			s.PriorMin, s.PriorMax = math.NaN(), math.NaN()
		}
		var xs []float64
		for _, f := range post {
			if x, err := strconv.ParseFloat(f.Params[j], 64); err == nil {
				xs = append(xs, x)
			}
		}
		s.Mean, s.Median, s.P05, s.P95 = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		if len(xs) == len(post) {
			slices.Sort(xs)
			s.Mean = stat.Mean(xs, nil)
			s.Median = stat.Quantile(0.5, stat.Empirical, xs, nil)
			s.P05 = stat.Quantile(0.05, stat.Empirical, xs, nil)
			s.P95 = stat.Quantile(0.95, stat.Empirical, xs, nil)
		}
		out = append(out, s)
	}
	return out
}

// WriteSummary writes the parameters' summaries: parameter, prior_min,
// prior_max, posterior_mean, posterior_median, posterior_p05,
// posterior_p95, best.
func WriteSummary(w io.Writer, ss []ParamSummary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "parameter,prior_min,prior_max,posterior_mean,posterior_median,posterior_p05,posterior_p95,best")
	for _, s := range ss {
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,%s\n", s.Path, num(s.PriorMin), num(s.PriorMax), num(s.Mean),
			num(s.Median), num(s.P05), num(s.P95), s.Best)
	}
	return bw.Flush()
}

// WriteTargets writes, for each target: id, indicator, target, low, high,
// best (the simulated mean at the best fit), posterior_mean, all_p05 and
// all_p95 (the simulated means over every point: the prior predictive
// range), and within (best inside the band).
func WriteTargets(w io.Writer, targets []Target, all, post []Fit) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "id,indicator,target,low,high,best,posterior_mean,all_p05,all_p95,within")
	for i, tg := range targets {
		var ps, as []float64
		for _, f := range post {
			if !math.IsNaN(f.Means[i]) {
				ps = append(ps, f.Means[i])
			}
		}
		for _, f := range all {
			if !math.IsNaN(f.Means[i]) {
				as = append(as, f.Means[i])
			}
		}
		pm, lo, hi := math.NaN(), math.NaN(), math.NaN()
		if len(ps) > 0 {
			pm = stat.Mean(ps, nil)
		}
		if len(as) > 0 {
			slices.Sort(as)
			lo = stat.Quantile(0.05, stat.Empirical, as, nil)
			hi = stat.Quantile(0.95, stat.Empirical, as, nil)
		}
		best := post[0].Means[i]
		within := "no band"
		if !math.IsNaN(tg.Low) && !math.IsNaN(tg.High) {
			within = strconv.FormatBool(best >= tg.Low && best <= tg.High)
		}
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", tg.ID, tg.Indicator, num(tg.Value), num(tg.Low), num(tg.High),
			num(best), num(pm), num(lo), num(hi), within)
	}
	return bw.Flush()
}

// WriteScenario writes the calibrated scenario: a scenario file that
// extends base and sets every swept parameter to its value at the best
// fit, with the distance and the sweep in comments.
func WriteScenario(w io.Writer, base, name string, t *sweep.Table, best Fit) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Calibrated by 'sahelsim calibrate' (rejection ABC): the best of %d points of\n", len(t.Values))
	fmt.Fprintf(bw, "# sweep %s, at distance %.4g from the targets (root mean square of\n", t.Manifest.Sweep, best.Distance)
	fmt.Fprintln(bw, "# standardised errors).")
	fmt.Fprintf(bw, "extends = %q\n", base)
	fmt.Fprintf(bw, "name = %q\n", name)
	fmt.Fprintf(bw, "description = %q\n", "The "+base+" scenario with the parameters fitted to the report's figures.")
	for j, p := range t.Manifest.Parameters {
		v := best.Params[j]
		if _, err := strconv.ParseFloat(v, 64); err != nil && !isDate(v) && v != "true" && v != "false" {
			v = strconv.Quote(v)
		}
		fmt.Fprintf(bw, "%s = %s\n", p.Path, v)
	}
	return bw.Flush()
}

func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}
