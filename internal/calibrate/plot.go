package calibrate

import (
	"fmt"
	"math"
	"strings"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/sensitivity"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// Figures returns the figures of a finished calibration: the posterior
// predictive fit of each kind of pattern (patterns_<kind>, drawn as
// 'sahelsim validate' draws them), of the report's figures (report, on a
// standardised scale) and the posterior of each parameter against its
// prior (parameters), and after a screening the parameters' Morris
// effects on the distance (screening). The simulated side is the check's
// runs, or without a check the final population's simulated means, by
// weight. Every one is drawn as the house's figures are (package
// figures: PDF through figures.NewPDF).
func (res *Result) Figures(style figures.Style) ([]*figures.Figure, error) {
	fits := res.Fits()
	what := fmt.Sprintf("%d posterior predictive runs", fitN(fits))
	if res.Check == nil {
		what = fmt.Sprintf("the %d particles of the final population (weighted)", len(res.Population.Particles))
	}
	var results []validate.Result
	var report []figures.TargetItem
	for _, f := range fits {
		mean, lo, hi := f.Mean(), f.CheckP05, f.CheckP95
		if f.CheckN == 0 {
			lo, hi = f.PostP05, f.PostP95
		}
		if f.Kind == evidence.KindReport {
			z := func(v float64) float64 { return (v - f.Centre) / f.Scale }
			report = append(report, figures.TargetItem{Label: f.ID, Observed: z(f.Value), Low: -1, High: 1, Mean: z(mean), P05: z(lo), P95: z(hi)})
			continue
		}
		results = append(results, validate.Result{ID: f.ID, Kind: f.Kind, Mean: mean, P05: lo, P95: hi,
			Target: evidence.Target{ID: f.ID, Kind: f.Kind, Value: f.Value, Low: f.Low, High: f.High, Panel: f.Panel, Item: f.Item}})
	}
	figs := validate.Figures(results, what, style)
	if len(report) > 0 {
		legend := figures.TargetLegend{Observed: "The report's figure, with its band (±1)", Simulated: "Simulated: mean and 90% band of " + what}
		caption := fmt.Sprintf("The report's figures after calibration, each on its own standardised scale: (value − centre of the band) / half its width, "+
			"so that the band runs from −1 to 1 (an exact target, such as an onset year, from −0.5 year to +0.5 year). Simulated: %s.", what)
		figs = append(figs, figures.TargetFigure("report", "The report's figures after calibration", caption,
			[]figures.TargetPanel{{Title: "The report's figures (standardised)", YLabel: "Standardised error", Items: report}}, 1, legend, style))
	}
	var items []figures.TargetItem
	for _, s := range res.Summaries() {
		u := func(v float64) float64 { return (v - s.PriorMin) / (s.PriorMax - s.PriorMin) }
		items = append(items, figures.TargetItem{Label: shortPath(s.Path), Observed: math.NaN(), Low: 0, High: 1, Mean: u(s.Median), P05: u(s.P05), P95: u(s.P95)})
	}
	legend := figures.TargetLegend{Observed: "Prior range", Simulated: "Posterior: median and 90% interval"}
	caption := fmt.Sprintf("The posterior of each calibrated parameter (weighted final population of %d particles, generation %d) within its uniform prior, "+
		"each on the scale of its prior range (0 its minimum, 1 its maximum): posterior median (line) and 90 %% interval (bar). parameters.csv gives the values.",
		len(res.Population.Particles), res.Population.Generation)
	figs = append(figs, figures.TargetFigure("parameters", "Posterior of the calibrated parameters", caption,
		[]figures.TargetPanel{{Title: "Parameters (share of the prior range)", YLabel: "Share of the prior range", Items: items}}, 1, legend, style))
	if res.Screening != nil {
		f, err := screeningFigure(res.Screening)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
}

// fitN returns the number of check runs of the fits.
func fitN(fits []TargetFit) int {
	n := 0
	for _, f := range fits {
		n = max(n, f.CheckN)
	}
	return n
}

// shortPath shortens a parameter's path for a figure's axis.
func shortPath(p string) string {
	return strings.TrimPrefix(p, "groups.")
}

// screeningFigure returns the figure of the Morris effects of the
// parameters on the distance (μ* against σ), named screening.
func screeningFigure(s *Screening) (*figures.Figure, error) {
	f, err := sensitivity.PlotMorris(sensitivity.MorrisResult{Indicator: "distance to the targets", Effects: s.Effects})
	if err != nil {
		return nil, err
	}
	f.Name = "screening"
	f.Caption = "Morris screening of the calibration's parameters: each parameter's μ*, the mean absolute elementary effect on the distance to the targets, against σ; " +
		"those whose μ* reaches the noise floor and the share of the largest the settings ask went on to the sequential method (screening.csv)."
	return f, nil
}
