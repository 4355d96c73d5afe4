// Package validate compares the replicates of a run with the report's
// figures and with the patterns of real events in the training window:
// for every target, the simulated mean across replicates, its 95 %
// confidence interval, the simulated 90 % band and whether the mean falls
// within the target's tolerance band. [Check] is the one path from a
// scenario's replicates to their judgement: 'sahelsim run' prints its
// headline table from it (the report's figures), 'sahelsim validate' its
// tables (and the patterns); [LoadTargets] reads the targets either
// takes, and 'sahelsim calibrate' fits.
//
// # The training-window patterns
//
// The patterns of militant Islamist events from January 2017 to June 2019
// (package evidence: events and fatalities per half-year, country and
// zone, the label mix per country and year, the class mix per zone, the
// distribution of fatalities per event, growth) are targets like the
// report's figures, of other kinds. [PatternMeasures] measures them in
// each replicate by counting its events as ACLED counts real ones
// (acled.PatternCounter: only events whose observed label names a
// militant actor, types mapped as the export maps them, in the area and
// window of the data), and the same fit applies: the mean across
// replicates within the band. [Count] says how many targets of each kind
// are met, [Figures] draws each observed series against the simulated
// band.
//
// # Targets and how they are measured
//
// Targets come from a targets file (internal/evidence: the report's, or a
// user's with the same columns). Each target id is measured by one or more
// [Measure]s; [DefaultMeasures] holds the report's, from the one table
// from indicator to figure (the Target of outputs.Indicators) and a
// derived measure of gold_capacity_kg:
//
//	target id                      measured by (summary.csv column unless noted)
//	jnim_share_events              jnim_share_events
//	flm_share_jnim_events          flm_share_jnim_events
//	flm_areas_share_jnim           flm_areas_share_jnim, and a second row
//	                               flm_areas_share_jnim_fatalities (the report
//	                               speaks of events and fatalities)
//	flm_civilian_share             flm_civilian_share
//	north_mali_civilian_share      north_mali_civilian_share
//	civilian_events_central_share  civilian_events_central_share
//	flm_share_civilian_attacks     flm_share_civilian_attacks
//	surge_ratio                    surge_ratio
//	events_last_year               events_last_year
//	fatalities                     fatalities_total
//	jnim_revenue_usd               jnim_revenue_usd
//	gold_capacity_kg               gold_capacity_kg, derived (below)
//	east_bf_onset_year             east_bf_onset_year
//	southwest_bf_onset_year        southwest_bf_onset_year
//
// A target whose id has no measure but names a column of summary.csv is
// measured by that column, so a user's targets file may add rows for any
// indicator. A target that matches nothing is reported as not simulated,
// with no number.
//
// gold_capacity_kg is the artisanal gold capacity of the areas affected by
// militant violence: illicit.gold_kg (the yearly output of one mining area
// at full health) times the number of the model's artisanal mining areas
// (one per artisanal gold site of the map, the cells within 50 km) in
// which a group carried out at least one violent event during the last
// 365 days of the run. It is a capacity, at full health: the health of the
// networks, which law enforcement lowers, is not recorded in a replicate.
// Its value in US dollars, at illicit.gold_price, is given as a note.
//
// # Statistics
//
// For each measure, the replicates where it is undefined (NaN: an onset
// that never came, a share of nothing) are left out and counted. The mean
// is that of the others, and its 95 % confidence interval the Student t
// interval mean ± t(0.975, n−1)·s/√n (undefined for n < 2). A measure is
// within its target when the mean lies in the target's band
// [tolerance_low, tolerance_high], ends included; [Result.Overlaps] says
// whether the confidence interval meets the band, for a mean just outside
// it. A target without a band (an estimate the report gives without one)
// is shown but not judged ([Judge], the one judge of fit, which the
// headline table, [Headline], and the report's tables share). Missing a
// target is a finding, not an error.
package validate

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// A Measure says how a replicate measures one target.
type Measure struct {
	// ID is the id of the validation row: the target's id, or the
	// target's id with a suffix for a second measure of the same figure.
	ID string
	// Indicator is the summary.csv column measured, or the name of a
	// quantity derived by Value.
	Indicator string
	// What describes the row, if not in the target's own words.
	What string
	// Value returns the replicate's value; nil means the column Indicator.
	Value func(r *outputs.Replicate) float64
	// Note, if not nil, says something about the mean, printed under the
	// table.
	Note func(mean float64) string
}

// value returns replicate r's value of m.
func (m *Measure) value(r *outputs.Replicate) float64 {
	if m.Value != nil {
		return m.Value(r)
	}
	return r.Value(m.Indicator)
}

// Measures maps target ids to the measures of each target.
type Measures map[string][]Measure

// DefaultMeasures returns the measures of the report's targets (see the
// package documentation) in runs of sc, whose grid is g (built at sc's
// resolution). It finds the artisanal mining areas of sc on g for
// gold_capacity_kg.
func DefaultMeasures(sc *scenarios.Scenario, g *sim.Grid) (Measures, error) {
	m := Measures{}
	for _, in := range outputs.Indicators() {
		if in.Target == "" {
			continue
		}
		id := in.Target
		if len(m[in.Target]) > 0 {
			id = in.Name // a second measure of the same figure
		}
		m[in.Target] = append(m[in.Target], Measure{ID: id, Indicator: in.Name, What: measureWhat[in.Name]})
	}
	gold, err := goldCapacity(sc, g)
	if err != nil {
		return nil, err
	}
	m["gold_capacity_kg"] = []Measure{gold}
	return m, nil
}

// measureWhat describes the measures the report's sentence does not
// describe in its own words.
var measureWhat = map[string]string{
	"flm_areas_share_jnim":            "share of JNIM members' events in FLM-dominated areas (central Mali, northern Burkina Faso)",
	"flm_areas_share_jnim_fatalities": "share of JNIM members' fatalities in FLM-dominated areas (central Mali, northern Burkina Faso)",
}

// goldCapacity returns the measure of gold_capacity_kg in runs of sc on g.
func goldCapacity(sc *scenarios.Scenario, g *sim.Grid) (Measure, error) {
	if g == nil || g.Resolution != sc.Map.Resolution {
		return Measure{}, fmt.Errorf("validate: the grid is not at the scenario's resolution %g", sc.Map.Resolution)
	}
	areas := agents.MiningAreas(&sc.Params, g)
	kg, price := sc.Params.Illicit.GoldKg, sc.Params.Illicit.GoldPrice
	areasOf := make([][]int, len(g.Cells)) // the areas of each cell: areas may overlap
	for a, area := range areas {
		for _, c := range area.Cells {
			areasOf[c] = append(areasOf[c], a)
		}
	}
	return Measure{
		ID:        "gold_capacity_kg",
		Indicator: "gold_capacity_kg",
		What: fmt.Sprintf("artisanal gold capacity of the %d mining areas, %g kg a year each, that saw militant violence in the last 365 days (kg per year)",
			len(areas), kg),
		Value: func(r *outputs.Replicate) float64 {
			from := r.Steps - max(1, int(math.Round(365/float64(r.Clock.StepDays))))
			hit := make([]bool, len(areas))
			for i := range r.Events {
				e := &r.Events[i]
				if int(e.Step) < from || !e.Type.Violent() || e.Perpetrator < 0 || int(e.Perpetrator) >= agents.NumGroups {
					continue
				}
				if int(e.Cell) < len(areasOf) {
					for _, a := range areasOf[e.Cell] {
						hit[a] = true
					}
				}
			}
			n := 0
			for _, h := range hit {
				if h {
					n++
				}
			}
			return kg * float64(n)
		},
		Note: func(mean float64) string {
			return fmt.Sprintf("%.0f kg a year is %.1f M USD at %.0f USD/kg (the report: 725 kg, 34 M USD)", mean, mean*price/1e6, price)
		},
	}, nil
}

// Fit says how a measure compares with its target.
type Fit int

// Fits.
const (
	NotSimulated Fit = iota // no measure and no summary.csv column for the target
	NoBand                  // the target has no tolerance band: shown, not judged
	Undefined               // the measure has no value in any replicate
	Within                  // the mean is within the band
	Below                   // the mean is below the band
	Above                   // the mean is above the band
)

// String returns the fit as the printed table shows it.
func (f Fit) String() string {
	switch f {
	case NotSimulated:
		return "not simulated"
	case NoBand:
		return "no band"
	case Undefined:
		return "undefined"
	case Within:
		return "ok"
	case Below:
		return "low"
	case Above:
		return "high"
	}
	return fmt.Sprintf("Fit(%d)", int(f))
}

// Judge says how mean, a simulated mean, compares with target t: within
// its tolerance band (ends included), below or above it; NoBand if t has
// no band, Undefined if mean is NaN. It is the one judge of fit: the
// validation table, the headline table and the report's tables use it.
func Judge(t evidence.Target, mean float64) Fit {
	switch {
	case math.IsNaN(mean):
		return Undefined
	case math.IsNaN(t.Low) || math.IsNaN(t.High):
		return NoBand
	case mean < t.Low:
		return Below
	case mean > t.High:
		return Above
	}
	return Within
}

// Short returns the fit as the headline table shows it: "ok", "low" or
// "high" for a judged fit, "" otherwise.
func (f Fit) Short() string {
	switch f {
	case Within, Below, Above:
		return f.String()
	}
	return ""
}

// A Result is the validation of one measure against its target.
type Result struct {
	ID        string // the measure's id
	Kind      string // the target's kind: evidence.KindReport or a kind of pattern
	What      string
	Target    evidence.Target
	Indicator string // "" if not simulated
	N         int    // replicates with a value
	Reps      int    // replicates
	Mean      float64
	CILow     float64 // 95 % confidence interval of the mean
	CIHigh    float64
	P05, P95  float64 // 5th and 95th percentiles across replicates: the simulated 90 % band
	Fit       Fit
	Note      string
}

// Within returns the within column of validation.csv: "yes" or "no"
// (undefined in every replicate counts as no), "no band" for a target
// without a band, "not simulated" for a target nothing measures.
func (r *Result) Within() string {
	switch r.Fit {
	case Within:
		return "yes"
	case Below, Above, Undefined:
		return "no"
	}
	return r.Fit.String()
}

// Overlaps reports whether the confidence interval of the mean meets the
// target's band.
func (r *Result) Overlaps() bool {
	t := r.Target
	return !math.IsNaN(t.Low) && !math.IsNaN(t.High) && !math.IsNaN(r.CILow) &&
		r.CILow <= t.High && r.CIHigh >= t.Low
}

// Validate measures every target in the replicates reps: one Result per
// measure of each target, in the order of targets (a target without a
// measure is measured by the summary.csv column of its id, if there is
// one, else reported as not simulated). It needs at least one replicate.
func Validate(reps []*outputs.Replicate, targets []evidence.Target, measures Measures) ([]Result, error) {
	if len(reps) == 0 {
		return nil, fmt.Errorf("validate: no replicate")
	}
	var out []Result
	for _, t := range targets {
		ms, ok := measures[t.ID]
		if !ok && slices.Contains(reps[0].Columns, t.ID) {
			ms, ok = []Measure{{ID: t.ID, Indicator: t.ID}}, true
		}
		if !ok {
			out = append(out, Result{ID: t.ID, Kind: kindOf(t), What: t.What, Target: t, Reps: len(reps), Fit: NotSimulated,
				Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(), P05: math.NaN(), P95: math.NaN(),
				Note: "no indicator of the model measures it"})
			continue
		}
		for _, m := range ms {
			out = append(out, measure(reps, t, &m))
		}
	}
	return out, nil
}

// measure computes the result of measure m of target t.
func measure(reps []*outputs.Replicate, t evidence.Target, m *Measure) Result {
	r := Result{ID: m.ID, Kind: kindOf(t), What: m.What, Target: t, Indicator: m.Indicator, Reps: len(reps), P05: math.NaN(), P95: math.NaN()}
	if r.What == "" {
		r.What = t.What
	}
	var vals []float64
	for _, rep := range reps {
		if v := m.value(rep); !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	r.N = len(vals)
	r.Mean, r.CILow, r.CIHigh = MeanCI(vals, 0.95)
	if r.N > 0 {
		slices.Sort(vals)
		r.P05 = stat.Quantile(0.05, stat.Empirical, vals, nil)
		r.P95 = stat.Quantile(0.95, stat.Empirical, vals, nil)
	}
	r.Fit = Judge(t, r.Mean)
	var notes []string
	if r.N < r.Reps {
		notes = append(notes, fmt.Sprintf("undefined in %d of %d replicates, left out", r.Reps-r.N, r.Reps))
	}
	if m.Note != nil && r.N > 0 {
		notes = append(notes, m.Note(r.Mean))
	}
	for i, n := range notes {
		if i > 0 {
			r.Note += "; "
		}
		r.Note += n
	}
	return r
}

// kindOf returns the kind of t: KindReport if it has none.
func kindOf(t evidence.Target) string {
	if t.Kind == "" {
		return evidence.KindReport
	}
	return t.Kind
}

// MeanCI returns the mean of vals and its Student t confidence interval at
// level (0.95 for 95 %): mean ± t((1+level)/2, n−1)·s/√n. The interval is
// NaN for fewer than two values, and everything is NaN for none.
func MeanCI(vals []float64, level float64) (mean, low, high float64) {
	n := len(vals)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	mean = stat.Mean(vals, nil)
	if n < 2 {
		return mean, math.NaN(), math.NaN()
	}
	se := stat.StdDev(vals, nil) / math.Sqrt(float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile((1 + level) / 2)
	return mean, mean - t*se, mean + t*se
}
