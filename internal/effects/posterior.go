package effects

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/sahelsim/sahelsim/internal/sweep"
)

// An Indicator is an indicator the effects are reported on, and the sign
// of the effect a policy aims at.
type Indicator struct {
	Name string
	// Expected is −1 if a policy aims to lower it (fatalities, events,
	// displaced people…), +1 if to raise it (defections, reintegrated
	// fighters, government presence).
	Expected int
	// Role groups the indicators on the findings page: "violence" (what
	// a lever must reduce to count as reducing violence), or "side
	// effect" (displacement, recruitment, civilian harm), or "other".
	Role string
}

// Roles of indicators.
const (
	Violence   = "violence"
	SideEffect = "side effect"
	Other      = "other"
)

// Indicators are the indicators effects are reported on, in order, with
// their expected signs: what a policy to reduce the violence of the
// report's groups would aim at.
func Indicators() []Indicator {
	return []Indicator{
		{"fatalities_total", -1, Violence},
		{"events_total", -1, Violence},
		{"events_last_year", -1, Violence},
		{"displaced", -1, SideEffect},
		{"recruited", -1, SideEffect},
		{"civilians_killed_by_forces", -1, SideEffect},
		{"fighters_total", -1, Other},
		{"jnim_revenue_usd", -1, Other},
		{"defections", +1, Other},
		{"reintegrated", +1, Other},
		{"recidivists", -1, Other},
		{"sustained_presence_share", +1, Other},
	}
}

// Expected returns the expected sign of an effect on indicator name (see
// Indicator), 0 if it has none.
func Expected(name string) int {
	for _, ind := range Indicators() {
		if ind.Name == name {
			return ind.Expected
		}
	}
	return 0
}

// An Effect is a lever's effect on an indicator over the posterior.
type Effect struct {
	Lever     string // the lever's scenario
	Indicator string
	Expected  int // −1, +1 (see Indicator)

	// Draws is the number of draws with at least two paired replicates,
	// Replicates the largest number of pairs of a draw.
	Draws, Replicates int
	// Mean is the mean over the draws of each draw's effect (the mean of
	// its paired differences with the reference, replicate by
	// replicate); [MeanLow, MeanHigh] its 95 % interval (Student's t over
	// the draws' effects: it holds both uncertainties).
	Mean, MeanLow, MeanHigh float64
	// [Low, High] is the 5–95 % range of the draws' effects: where the
	// effect lies in 90 % of the plausible worlds, each world's effect
	// the mean of its replicates (so the range also holds their noise,
	// the within variance / replicates).
	Low, High float64
	Split     Split
	// PSign is the share of the draws whose effect has the expected
	// sign (strictly).
	PSign float64
}

// Analysis is the analysis of a posterior sweep.
type Analysis struct {
	Sweep      string
	Reference  string   // the reference scenario
	Levers     []string // the other scenarios, in the sweep's order
	Draws      int      // draws of the posterior, per scenario
	Replicates int
	Effects    []Effect // by lever, then in the order of Indicators

	// Params are the parameters that vary among the draws (numeric), and
	// X[d][j] the value of parameter j at draw d.
	Params []string
	X      [][]float64
	// perDraw[e][d] is the effect of Effects[e] at draw d (NaN if
	// undefined).
	perDraw [][]float64
}

// ErrNotPosterior is returned by Analyse for a sweep without a
// [posterior] table, or with a single scenario.
var ErrNotPosterior = errors.New("not a posterior sweep of several scenarios")

// IsPosterior reports whether the sweep of t draws its points from a
// posterior sample ([posterior]) over several scenarios.
func IsPosterior(t *sweep.Table) bool {
	return t.Manifest.Design.Posterior && len(t.Manifest.Scenarios) > 1
}

// Analyse analyses the posterior sweep of t: every scenario but the
// reference (a scenario name; "" for the first) against it, draw by draw
// and replicate by replicate, on every one of Indicators that the sweep
// has.
func Analyse(t *sweep.Table, reference string) (*Analysis, error) {
	m := t.Manifest
	if !IsPosterior(t) {
		return nil, fmt.Errorf("sweep %s: %w: give the sweep file a [posterior] table and scenarios = [\"baseline\", …]", m.Sweep, ErrNotPosterior)
	}
	if reference == "" {
		reference = m.Scenarios[0].Name
	}
	ref := slices.IndexFunc(m.Scenarios, func(s sweep.ManifestScenario) bool { return s.Name == reference })
	if ref < 0 {
		var names []string
		for _, s := range m.Scenarios {
			names = append(names, s.Name)
		}
		return nil, fmt.Errorf("reference %q: not a scenario of the sweep (%s)", reference, strings.Join(names, ", "))
	}
	D := t.DesignPoints()
	a := &Analysis{Sweep: m.Sweep, Reference: reference, Draws: D, Replicates: m.Replicates}
	a.Params, a.X = drawParams(t, D)
	for s, sc := range m.Scenarios {
		if s == ref {
			continue
		}
		a.Levers = append(a.Levers, sc.Name)
		for _, ind := range Indicators() {
			i := slices.Index(t.Indicators, ind.Name)
			if i < 0 {
				continue
			}
			groups := make([][]float64, D)
			for d := range D {
				base, lever := t.Values[ref*D+d], t.Values[s*D+d]
				for r := range base {
					if base[r] == nil || lever[r] == nil || math.IsNaN(base[r][i]) || math.IsNaN(lever[r][i]) {
						continue
					}
					groups[d] = append(groups[d], lever[r][i]-base[r][i])
				}
			}
			e, per := Summarise(groups, ind.Expected)
			e.Lever, e.Indicator = sc.Name, ind.Name
			a.Effects = append(a.Effects, e)
			a.perDraw = append(a.perDraw, per)
		}
	}
	return a, nil
}

// Summarise summarises the paired differences of each draw, groups[d]
// (the replicates of draw d), as an Effect (Lever and Indicator unset)
// with expected sign expected, and returns each draw's effect (NaN for a
// draw with fewer than two replicates, which it leaves out).
func Summarise(groups [][]float64, expected int) (Effect, []float64) {
	e := Effect{Expected: expected}
	per := make([]float64, len(groups))
	var means []float64
	var kept [][]float64
	for d, g := range groups {
		per[d] = math.NaN()
		if len(g) < 2 {
			continue
		}
		per[d] = stat.Mean(g, nil)
		means = append(means, per[d])
		kept = append(kept, g)
		e.Replicates = max(e.Replicates, len(g))
	}
	e.Draws = len(means)
	e.Mean, e.MeanLow, e.MeanHigh, e.Low, e.High, e.PSign = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	e.Split = VarianceSplit(kept)
	if e.Draws == 0 {
		return e, per
	}
	e.Mean = stat.Mean(means, nil)
	if e.Draws > 1 {
		se := stat.StdDev(means, nil) / math.Sqrt(float64(e.Draws))
		q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.Draws - 1)}.Quantile(0.975)
		e.MeanLow, e.MeanHigh = e.Mean-q*se, e.Mean+q*se
	}
	sorted := slices.Clone(means)
	slices.Sort(sorted)
	e.Low = stat.Quantile(0.05, stat.LinInterp, sorted, nil)
	e.High = stat.Quantile(0.95, stat.LinInterp, sorted, nil)
	if expected != 0 {
		n := 0
		for _, v := range means {
			if v*float64(expected) > 0 {
				n++
			}
		}
		e.PSign = float64(n) / float64(e.Draws)
	}
	return e, per
}

// A Split is the law of total variance applied to the effect Y of one
// run in a plausible world θ: Var Y = Var E[Y|θ] + E Var[Y|θ], the
// variance of the world's mean effect (Between: parameter uncertainty)
// and the mean variance of the runs within a world (Within: the model's
// noise).
//
// Within is the mean of the draws' sample variances (n_d − 1 in the
// denominator, unbiased for E Var[Y|θ]). The sample variance of the
// draws' means m_d estimates Var E[Y|θ] + E[σ²(θ)/n_d], so Between is it
// less the mean of s²_d/n_d (the small-sample correction), cut at 0.
// Share = Between / (Between + Within), NaN without two draws.
type Split struct {
	Between, Within, Share float64
}

// VarianceSplit returns the Split of groups, each the replicates of one
// draw (two at least).
func VarianceSplit(groups [][]float64) Split {
	s := Split{math.NaN(), math.NaN(), math.NaN()}
	if len(groups) == 0 {
		return s
	}
	var means []float64
	var within, noise float64
	for _, g := range groups {
		v := stat.Variance(g, nil)
		within += v
		noise += v / float64(len(g))
		means = append(means, stat.Mean(g, nil))
	}
	s.Within = within / float64(len(groups))
	if len(groups) < 2 {
		return s
	}
	s.Between = max(0, stat.Variance(means, nil)-noise/float64(len(groups)))
	if t := s.Between + s.Within; t > 0 {
		s.Share = s.Between / t
	}
	return s
}

// drawParams returns the parameters of the sweep of t that take more
// than one numeric value among the D draws, and their values by draw.
func drawParams(t *sweep.Table, D int) ([]string, [][]float64) {
	var names []string
	X := make([][]float64, D)
	for j, mp := range t.Manifest.Parameters {
		col := make([]float64, D)
		ok := true
		for d := range D {
			// The draw's values, from whichever scenario ran it.
			var s string
			for sc := range len(t.Manifest.Scenarios) {
				if p := t.Params[sc*D+d]; p != nil {
					s = p[j]
					break
				}
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				ok = false
				break
			}
			col[d] = v
		}
		if !ok || slices.Min(col) == slices.Max(col) {
			continue
		}
		names = append(names, mp.Path)
		for d := range D {
			X[d] = append(X[d], col[d])
		}
	}
	return names, X
}
