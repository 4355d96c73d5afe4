package validate

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// PatternValues returns the value of every training pattern
// (evidence.Patterns, in order) in each replicate of reps, runs of a
// scenario whose JNIM coalition has the members jnim: each replicate's
// events counted as ACLED counts real ones (acled.PatternCounter). The
// replicates must share one grid.
func PatternValues(reps []*outputs.Replicate, jnim [agents.NumGroups]bool) ([][]float64, error) {
	if len(reps) == 0 {
		return nil, nil
	}
	pc, err := acled.NewPatternCounter(reps[0].Grid, jnim)
	if err != nil {
		return nil, err
	}
	ps := evidence.Patterns()
	out := make([][]float64, len(reps))
	var c evidence.Counts
	for i, r := range reps {
		if r.Grid != reps[0].Grid {
			return nil, fmt.Errorf("validate: replicate %d ran on another grid", r.Rep)
		}
		c.Reset()
		if err := pc.Count(r.Events, r.Clock, &c); err != nil {
			return nil, fmt.Errorf("validate: replicate %d: %w", r.Rep, err)
		}
		out[i] = evidence.PatternValues(ps, &c, nil)
	}
	return out, nil
}

// PatternMeasures returns the measures of the training patterns in the
// replicates reps of sc: one per pattern, its id the pattern's (see
// PatternValues). If the runs do not cover the training window, each
// result notes that its counts are partial.
func PatternMeasures(sc *scenarios.Scenario, reps []*outputs.Replicate) (Measures, error) {
	vals, err := PatternValues(reps, acled.JNIMMembers(&sc.Params))
	if err != nil {
		return nil, err
	}
	index := make(map[*outputs.Replicate]int, len(reps))
	for i, r := range reps {
		index[r] = i
	}
	var note func(float64) string
	if len(reps) > 0 && !acled.Covers(reps[0].Clock) {
		note = func(float64) string {
			return fmt.Sprintf("the runs do not cover the training window (%s to %s): counts are partial", sim.DateOf(evidence.WindowStart()), sim.DateOf(evidence.WindowEnd()))
		}
	}
	ms := Measures{}
	for i, p := range evidence.Patterns() {
		ms[p.ID] = []Measure{{ID: p.ID, Indicator: p.ID, Note: note, Value: func(r *outputs.Replicate) float64 {
			if k, ok := index[r]; ok {
				return vals[k][i]
			}
			return math.NaN()
		}}}
	}
	return ms, nil
}

// A KindCount is how many targets of one kind a validation met.
type KindCount struct {
	Kind        string
	Met, Judged int // within their band, and judged (with a band and simulated)
}

// Count returns, for each kind of target in results (in the order of
// evidence.Kinds), how many were met and how many judged. A result
// undefined in every replicate counts as judged and not met.
func Count(results []Result) []KindCount {
	var out []KindCount
	for _, k := range evidence.Kinds() {
		kc := KindCount{Kind: k}
		seen := false
		for i := range results {
			r := &results[i]
			if r.Kind != k {
				continue
			}
			seen = true
			switch r.Fit {
			case Within:
				kc.Met++
				kc.Judged++
			case Below, Above, Undefined:
				kc.Judged++
			}
		}
		if seen {
			out = append(out, kc)
		}
	}
	return out
}

// PrintCounts writes the counts of targets met, one line per kind, then
// the patterns' total.
func PrintCounts(w io.Writer, counts []KindCount) error {
	var met, judged int
	var b strings.Builder
	width := 0
	for _, kc := range counts {
		width = max(width, len(evidence.KindTitle(kc.Kind)))
	}
	for _, kc := range counts {
		fmt.Fprintf(&b, "  %-*s  %3d of %3d met\n", width, evidence.KindTitle(kc.Kind), kc.Met, kc.Judged)
		if kc.Kind != evidence.KindReport {
			met += kc.Met
			judged += kc.Judged
		}
	}
	if judged > 0 {
		fmt.Fprintf(&b, "  %-*s  %3d of %3d met (%.0f %%)\n", width, "training-window patterns", met, judged, 100*float64(met)/float64(judged))
	}
	_, err := w.Write([]byte(b.String()))
	return err
}

// Figures returns a figure of each kind of training pattern in results,
// named patterns_<kind>: each pattern's observed value and tolerance band
// against the simulated mean and 90 % band, in the panels the patterns
// name (evidence.Target.Panel). simulated says what the simulated band is
// of, such as "50 replicates".
func Figures(results []Result, simulated string, style figures.Style) []*figures.Figure {
	var figs []*figures.Figure
	for _, k := range evidence.Kinds() {
		if k == evidence.KindReport {
			continue
		}
		var panels []figures.TargetPanel
		for i := range results {
			r := &results[i]
			if r.Kind != k || r.Target.Panel == "" {
				continue
			}
			j := slices.IndexFunc(panels, func(p figures.TargetPanel) bool { return p.Title == r.Target.Panel })
			if j < 0 {
				panels = append(panels, figures.TargetPanel{Title: r.Target.Panel, YLabel: yLabel(k), Share: share(k)})
				j = len(panels) - 1
			}
			panels[j].Items = append(panels[j].Items, figures.TargetItem{Label: r.Target.Item,
				Observed: r.Target.Value, Low: r.Target.Low, High: r.Target.High, Mean: r.Mean, P05: r.P05, P95: r.P95})
		}
		if len(panels) == 0 {
			continue
		}
		cols := min(len(panels), 3)
		if k == evidence.KindClassMix {
			cols = 3
		}
		title := "ACLED patterns: " + evidence.KindTitle(k)
		caption := fmt.Sprintf("%s, January 2017 to June 2019: the observed value of each pattern (dot) with its tolerance band "+
			"(whiskers: count noise at 95 %% widened by the stated allowance, internal/evidence), and the simulated mean (line) "+
			"and 90 %% band (bar) of %s, their events counted as ACLED counts them. %s",
			capitalize(evidence.KindTitle(k)), simulated, evidence.ACLEDAttribution)
		legend := figures.TargetLegend{Observed: "Observed (ACLED), with its tolerance band", Simulated: "Simulated: mean and 90% band of " + simulated}
		figs = append(figs, figures.TargetFigure("patterns_"+k, title, caption, panels, cols, legend, style))
	}
	return figs
}

// yLabel returns the vertical axis label of the figures of a kind.
func yLabel(kind string) string {
	switch kind {
	case evidence.KindLabelMix, evidence.KindClassMix, evidence.KindEventSize:
		return "Share of events"
	case evidence.KindGrowth:
		return "Ratio"
	case evidence.KindHalfYear:
		return "Count per half-year"
	}
	return "Count, Jan 2017 – Jun 2019"
}

func share(kind string) bool {
	return kind == evidence.KindLabelMix || kind == evidence.KindClassMix || kind == evidence.KindEventSize
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
