package calibrate

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
)

func num(v float64) string { return outputs.FormatFloat(v) }

// PosteriorHeader is the start of the header of posterior.csv: then one
// column per parameter, by its dotted path.
const PosteriorHeader = "draw,weight,distance,generation,particle"

// writePosterior writes the final population as posterior.csv (see
// WritePosterior) into the output directory, before the posterior
// predictive check draws from it.
func (c *Calibration) writePosterior(pop *Population, params []param) error {
	dir := filepath.Join(c.Dir, OutputDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return outputs.WriteFileAtomic(context.Background(), filepath.Join(dir, PosteriorFile), func(w io.Writer) error { return writePosterior(w, pop, params) })
}

// writePosterior writes the posterior sample: one row per particle of the
// final population, closest first: draw (from 0), its normalised weight
// (all equal: a particle whose move was refused appears once more, under
// the same number), its distance, the generation that simulated it, its
// number, and its parameters as the model ran them (integers rounded). A
// points design draws from it by weight (draws = N).
func writePosterior(w io.Writer, pop *Population, params []param) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(PosteriorHeader)
	for _, p := range params {
		bw.WriteString("," + p.path)
	}
	bw.WriteString("\n")
	weights := pop.Weights()
	for i, p := range pop.Particles {
		fmt.Fprintf(bw, "%d,%s,%s,%d,%d", i, num(weights[i]), num(p.Distance), p.Generation, p.ID)
		for k, q := range params {
			bw.WriteString("," + formatParam(p.Theta[k], q.kind))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// A ParamSummary is one parameter's prior and posterior.
type ParamSummary struct {
	Path                   string
	PriorMin, PriorMax     float64
	Mean, Median, P05, P95 float64
	Best                   float64 // at the particle closest to the targets
}

// Summaries returns the posterior summary of each parameter of the
// sequential method: weighted mean, median and 90 % interval over the
// final population.
func (res *Result) Summaries() []ParamSummary {
	pop := res.Population
	out := make([]ParamSummary, len(res.params))
	for k, p := range res.params {
		out[k] = ParamSummary{Path: p.path, PriorMin: p.lo, PriorMax: p.hi, Mean: pop.Mean(k), Median: pop.Quantile(k, 0.5),
			P05: pop.Quantile(k, 0.05), P95: pop.Quantile(k, 0.95), Best: pop.Particles[0].Theta[k]}
		if p.kind == scenarios.KindInt {
			for _, v := range []*float64{&out[k].Mean, &out[k].Median, &out[k].P05, &out[k].P95, &out[k].Best} {
				*v = math.Round(*v)
			}
		}
	}
	return out
}

// A TargetFit is how the posterior fits one target: the weighted mean and
// 90 % interval of the final population's simulated means, and the mean
// and 90 % band of the runs of the posterior predictive check.
type TargetFit struct {
	Target
	PostMean, PostP05, PostP95    float64
	CheckMean, CheckP05, CheckP95 float64
	CheckN                        int
}

// Mean returns the mean the fit is judged by: the check's, or the
// population's without a check.
func (f *TargetFit) Mean() float64 {
	if f.CheckN > 0 {
		return f.CheckMean
	}
	return f.PostMean
}

// Fits returns the fit of every target.
func (res *Result) Fits() []TargetFit {
	pop := res.Population
	w := pop.Weights()
	out := make([]TargetFit, len(res.Distance.Targets))
	var checkCols []int
	if res.Check != nil {
		for _, t := range res.Distance.Targets {
			checkCols = append(checkCols, slices.Index(res.Check.Indicators, t.Indicator))
		}
	}
	for i, t := range res.Distance.Targets {
		f := TargetFit{Target: t}
		var xs, ws []float64
		for j, p := range pop.Particles {
			if v := res.Means[p.ID][i]; !math.IsNaN(v) {
				xs, ws = append(xs, v), append(ws, w[j])
			}
		}
		f.PostMean, f.PostP05, f.PostP95 = weighted(xs, ws)
		f.CheckMean, f.CheckP05, f.CheckP95 = math.NaN(), math.NaN(), math.NaN()
		if res.Check != nil && checkCols[i] >= 0 {
			var vs []float64
			for _, reps := range res.Check.Values {
				for _, v := range reps {
					if v != nil && !math.IsNaN(v[checkCols[i]]) {
						vs = append(vs, v[checkCols[i]])
					}
				}
			}
			f.CheckN = len(vs)
			f.CheckMean, f.CheckP05, f.CheckP95 = weighted(vs, nil)
		}
		out[i] = f
	}
	return out
}

// weighted returns the weighted mean and 5th and 95th percentiles of xs.
func weighted(xs, ws []float64) (mean, p05, p95 float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	sx := make([]float64, len(xs))
	var sw []float64
	if ws != nil {
		sw = make([]float64, len(xs))
	}
	for i, j := range idx {
		sx[i] = xs[j]
		if ws != nil {
			sw[i] = ws[j]
		}
	}
	return stat.Mean(sx, sw), stat.Quantile(0.05, stat.Empirical, sx, sw), stat.Quantile(0.95, stat.Empirical, sx, sw)
}

// Counts returns how many targets of each kind the fits meet (their
// Mean within the band), in the order of evidence.Kinds, as
// validate.Count counts a validation's.
func Counts(fits []TargetFit) []validate.KindCount {
	var out []validate.KindCount
	for _, k := range evidence.Kinds() {
		kc := validate.KindCount{Kind: k}
		for i := range fits {
			if fits[i].Kind == k {
				kc.Judged++
				if fits[i].Within(fits[i].Mean()) {
					kc.Met++
				}
			}
		}
		if kc.Judged > 0 {
			out = append(out, kc)
		}
	}
	return out
}

// WriteOutputs writes the outputs of a finished calibration, holding
// Dir's lock: into Dir/calibration, posterior.csv, parameters.csv,
// targets.csv, generations.csv, screening.csv (after a screening) and the
// figures, which replace those it wrote before there and no other file
// (outputs.ReplaceFiles); and Dir/calibrated.toml, the base scenario at
// the posterior medians.
func (c *Calibration) WriteOutputs(ctx context.Context, res *Result, style figures.Style) error {
	if !res.Finished {
		return fmt.Errorf("calibrate: the calibration in %s is not finished", c.Dir)
	}
	fits := res.Fits()
	sums := res.Summaries()
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{PosteriorFile, func(w io.Writer) error { return writePosterior(w, res.Population, res.params) }},
		{"parameters.csv", func(w io.Writer) error { return writeParameters(w, sums) }},
		{"targets.csv", func(w io.Writer) error { return writeTargets(w, fits) }},
		{"generations.csv", func(w io.Writer) error { return writeGenerations(w, res.Stages) }},
	}
	if res.Screening != nil {
		files = append(files, struct {
			name  string
			write func(io.Writer) error
		}{"screening.csv", func(w io.Writer) error { return writeScreening(w, res.Screening) }})
	}
	figs, err := res.Figures(style)
	if err != nil {
		return err
	}

	lock, err := c.lock(false)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	out := filepath.Join(c.Dir, OutputDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	// The files it writes replace those it wrote before, and no other.
	err = outputs.ReplaceFiles(ctx, out, func(stage string) ([]string, error) {
		var written []string
		for _, f := range files {
			if err := outputs.WriteFile(filepath.Join(stage, f.name), f.write); err != nil {
				return nil, err
			}
			written = append(written, f.name)
		}
		names, err := figures.Write(ctx, filepath.Join(stage, "figures"), figs)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			written = append(written, "figures/"+n)
		}
		return written, nil
	})
	if err != nil {
		return err
	}
	ref, err := c.baseRef(c.Dir)
	if err != nil {
		return err
	}
	return outputs.WriteFileAtomic(ctx, filepath.Join(c.Dir, ScenarioFile), func(w io.Writer) error { return c.writeScenario(w, ref, res, sums) })
}

// writeParameters writes parameters.csv.
func writeParameters(w io.Writer, ss []ParamSummary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "parameter,prior_min,prior_max,posterior_mean,posterior_median,posterior_p05,posterior_p95,closest")
	for _, s := range ss {
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,%s\n", s.Path, num(s.PriorMin), num(s.PriorMax), num(s.Mean),
			num(s.Median), num(s.P05), num(s.P95), num(s.Best))
	}
	return bw.Flush()
}

// TargetsHeader is the header of targets.csv.
const TargetsHeader = "id,kind,indicator,target,low,high,posterior_mean,posterior_p05,posterior_p95,check_mean,check_p05,check_p95,check_n,within"

// writeTargets writes targets.csv: each target, the population's weighted
// mean and 90 % interval of its simulated means, the check's mean and
// 90 % band, and whether the fit is within the band.
func writeTargets(w io.Writer, fits []TargetFit) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, TargetsHeader)
	for _, f := range fits {
		within := "no"
		if f.Within(f.Mean()) {
			within = "yes"
		}
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s\n", f.ID, f.Kind, f.Indicator, num(f.Value), num(f.Low), num(f.High),
			num(f.PostMean), num(f.PostP05), num(f.PostP95), num(f.CheckMean), num(f.CheckP05), num(f.CheckP95), f.CheckN, within)
	}
	return bw.Flush()
}

// writeGenerations writes generations.csv: each stage, its runs, the
// cumulative simulations, and for a generation the next tolerance, the
// share of its moves accepted and the number of distinct particles.
func writeGenerations(w io.Writer, stages []Stage) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "stage,runs,simulations,epsilon,acceptance,distinct")
	total := 0
	for _, s := range stages {
		total += s.Runs
		eps, acc, distinct := "", "", ""
		if strings.HasPrefix(s.Name, "generation") {
			eps, acc, distinct = num(s.Epsilon), num(s.Acceptance), strconv.Itoa(s.Distinct)
		}
		fmt.Fprintf(bw, "%s,%d,%d,%s,%s,%s\n", s.Name, s.Runs, total, eps, acc, distinct)
	}
	return bw.Flush()
}

// writeScreening writes screening.csv: each parameter's range, its Morris
// effects on the distance (μ*, μ, σ, trajectories), whether it was kept,
// its rank, whether its μ* reaches NoiseFactor times the noise floor
// (empty without replicates), then μ* on the distance of each kind of
// target.
func writeScreening(w io.Writer, s *Screening) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("parameter,min,max,mu_star,mu,sigma,n,kept,rank,above_noise")
	for _, k := range s.Kinds {
		bw.WriteString(",mu_star_" + k)
	}
	bw.WriteString("\n")
	rank := make([]int, len(s.Factors))
	order := make([]int, len(s.Factors))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(nanLow(s.Effects[b].MuStar), nanLow(s.Effects[a].MuStar)) })
	for r, j := range order {
		rank[j] = r + 1
	}
	for j, f := range s.Factors {
		e := s.Effects[j]
		kept := "no"
		if s.IsKept(j) {
			kept = "yes"
		}
		above := ""
		if !math.IsNaN(s.NoiseFloor) {
			above = "no"
			if e.MuStar >= NoiseFactor*s.NoiseFloor {
				above = "yes"
			}
		}
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%d,%s,%d,%s", f.Name, num(f.Low), num(f.High), num(e.MuStar), num(e.Mu), num(e.Sigma), e.N, kept, rank[j], above)
		for k := range s.Kinds {
			bw.WriteString("," + num(s.KindMuStar[k][j]))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func nanLow(v float64) float64 {
	if math.IsNaN(v) {
		return -1
	}
	return v
}

// writeScenario writes calibrated.toml: a scenario file that extends the
// base scenario and sets each calibrated parameter to its posterior
// median.
func (c *Calibration) writeScenario(w io.Writer, ref string, res *Result, sums []ParamSummary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Calibrated by 'sahelsim calibrate' (%s)\n", Method)
	fmt.Fprintf(bw, "# from %s: each parameter at its posterior median over the final population of\n", c.Sweep.Name)
	fmt.Fprintf(bw, "# %d particles (generation %d), after %d simulations. The fit is to the\n",
		len(res.Population.Particles), res.Population.Generation, res.Simulations)
	fmt.Fprintln(bw, "# report's figures and to ACLED data through June 2019 only.")
	fmt.Fprintf(bw, "extends = %q\n", ref)
	fmt.Fprintf(bw, "name = %q\n", c.Sweep.Name+"-calibrated")
	fmt.Fprintf(bw, "description = %q\n", "The "+c.Sweep.Scenarios[0].Name+" scenario with the parameters calibrated by "+c.Sweep.Name+".")
	for k, s := range sums {
		fmt.Fprintf(bw, "%s = %s\n", s.Path, formatParam(s.Median, res.params[k].kind))
	}
	return bw.Flush()
}
