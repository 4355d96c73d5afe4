package validate_test

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

func TestPatterns(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.End = sim.NewDate(2019, 6, 30)
	reps, err := runner.Run(context.Background(), sc, 3, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := validate.PatternMeasures(sc, reps)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := evidence.PatternTargets()
	if err != nil {
		t.Fatal(err)
	}
	res, err := validate.Validate(reps, targets, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(targets) {
		t.Fatalf("%d results for %d targets", len(res), len(targets))
	}
	vals, err := validate.PatternValues(reps, [7]bool{true, true, true, true, true, true, false})
	if err != nil {
		t.Fatal(err)
	}
	ids := evidence.PatternIDs()
	for _, r := range res {
		if r.Kind != r.Target.Kind || r.Fit == validate.NotSimulated || r.N == 0 {
			t.Errorf("%s: kind %s, fit %v, n %d", r.ID, r.Kind, r.Fit, r.N)
			continue
		}
		if !(r.P05 <= r.Mean && r.Mean <= r.P95) {
			t.Errorf("%s: mean %g outside its 90 %% band [%g, %g]", r.ID, r.Mean, r.P05, r.P95)
		}
		// The mean is that of the replicates' values.
		k := indexOf(ids, r.ID)
		sum, n := 0.0, 0
		for _, v := range vals {
			if !math.IsNaN(v[k]) {
				sum += v[k]
				n++
			}
		}
		if math.Abs(sum/float64(n)-r.Mean) > 1e-9 {
			t.Errorf("%s: mean %g, the replicates' %g", r.ID, r.Mean, sum/float64(n))
		}
	}
	counts := validate.Count(res)
	if len(counts) != 7 || counts[0].Kind != evidence.KindHalfYear || counts[6].Kind != evidence.KindGrowth || counts[4].Judged != 20 {
		t.Errorf("counts %+v", counts)
	}
	var b bytes.Buffer
	if err := validate.PrintCounts(&b, counts); err != nil || !strings.Contains(b.String(), "training-window patterns") {
		t.Errorf("PrintCounts: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := validate.Print(&b, res); err != nil || !strings.Contains(b.String(), "Label mix per country and year (ACLED, Jan 2017 – Jun 2019): ") {
		t.Errorf("Print: %v\n%s", err, b.String())
	}
	figs := validate.Figures(res, "3 replicates", figures.Paper)
	if len(figs) != 7 {
		t.Fatalf("%d figures, want one per kind of pattern", len(figs))
	}
	for _, f := range figs {
		out, err := f.Render(figures.SVG)
		if err != nil || len(out[figures.SVG]) == 0 || !strings.Contains(f.Caption, evidence.ACLEDAttribution) {
			t.Errorf("%s: %v, caption %q", f.Name, err, f.Caption)
		}
	}
	// A run that stops before the end of the window counts part of it.
	short := sc.Clone()
	short.Params.End = sim.NewDate(2018, 12, 31)
	sreps, err := runner.Run(context.Background(), short, 3, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	sms, err := validate.PatternMeasures(short, sreps)
	if err != nil {
		t.Fatal(err)
	}
	sres, _ := validate.Validate(sreps, targets[:1], sms)
	if !strings.Contains(sres[0].Note, "partial") {
		t.Errorf("note %q: want it to say the counts are partial", sres[0].Note)
	}
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}
