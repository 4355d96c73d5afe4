package calibrate

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// DefaultDir returns the directory of a calibration when none is given:
// outputs.RunsDir/calibrate-<its name>.
func DefaultDir(sw *scenarios.Sweep) (string, error) {
	return outputs.DefaultDir("calibrate-" + sw.Name)
}

// DefaultTemplate returns what 'sahelsim calibrate --template' writes for
// the scenario sc, named ref: a calibration named calibrate_<its name>,
// each range its default × (1 ± spread), a Morris screening of 10
// trajectories of one replicate a point, seed 2020 (the shipped
// calibrate_baseline).
func DefaultTemplate(ref string, sc *scenarios.Scenario, spread float64) TemplateSpec {
	return TemplateSpec{Name: "calibrate_" + sc.Name, Scenario: ref, Spread: spread, Trajectories: 10, Replicates: 1, Seed: 2020}
}

// Print writes what the finished calibration res found, which took
// elapsed: the screening's choice, each parameter's prior and posterior,
// how many targets of each kind the posterior meets (the posterior
// predictive check's, or the final population's without one), the
// simulations it used and where its outputs are.
func (c *Calibration) Print(w io.Writer, res *Result, elapsed time.Duration) error {
	if s := res.Screening; s != nil {
		fmt.Fprintf(w, "screening: %d of %d parameters kept (μ* of the distance at least %g of the largest and %d times the noise floor %.3g, at most %d)\n",
			len(s.Kept), len(s.Factors), c.Settings.ScreenKeep, NoiseFactor, s.NoiseFloor, c.Settings.MaxParameters)
	}
	pop := res.Population
	fmt.Fprintf(w, "\nposterior: %d particles (%d distinct) of generation %d, %.3f of its moves accepted\n",
		len(pop.Particles), pop.Distinct(), pop.Generation, pop.Acceptance)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "parameter\tprior\tposterior median\t90%% interval\n")
	for _, s := range res.Summaries() {
		fmt.Fprintf(tw, "%s\t%g – %g\t%.4g\t%.4g – %.4g\n", s.Path, s.PriorMin, s.PriorMax, s.Median, s.P05, s.P95)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	what := "posterior predictive check"
	if res.Check == nil {
		what = "final population"
	}
	fmt.Fprintf(w, "\nTargets met (%s mean within the band):\n", what)
	counts := Counts(res.Fits())
	if err := validate.PrintCounts(w, counts); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d simulations", res.Simulations)
	for _, s := range res.Stages {
		if s.Name == "screening" || s.Name == "check" {
			fmt.Fprintf(w, " (%s %d)", s.Name, s.Runs)
		}
	}
	fmt.Fprintf(w, " in %s: %s\n", elapsed.Round(time.Millisecond), filepath.Join(c.Dir, OutputDir))
	fmt.Fprintf(w, "calibrated scenario: %s\n", filepath.Join(c.Dir, ScenarioFile))
	if len(counts) > 1 || len(counts) == 1 && counts[0].Kind != evidence.KindReport {
		_, err := fmt.Fprintf(w, "ACLED patterns: %s\n", evidence.ACLEDAttribution)
		return err
	}
	return nil
}
