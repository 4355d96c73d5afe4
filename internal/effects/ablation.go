package effects

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/sahelsim/sahelsim/internal/sweep"
)

// Parts of a lever's effect in an ablation (AblationRow.Part).
const (
	PartWhole       = "whole"       // the lever with every sub-mechanism on
	PartAlone       = "alone"       // the lever with only Mechanism on
	PartWithout     = "without"     // the whole less the lever with every sub-mechanism but Mechanism: what removing it loses
	PartSum         = "sum"         // the sum of the alone effects
	PartInteraction = "interaction" // whole − sum: what the sub-mechanisms do only together
	PartNone        = "none"        // the lever on, every sub-mechanism off: should be no effect
)

// An AblationRow is one part of a lever's effect on an indicator in an
// ablation sweep: its mean over the replicates, paired with the lever
// off (intensity 0), its 95 % interval (Student's t over the paired
// replicates: the noise) and its share of the whole effect.
type AblationRow struct {
	Lever, Indicator string
	Part, Mechanism  string // Mechanism for PartAlone and PartWithout
	Mean, Low, High  float64
	Share            float64 // Mean / the whole's Mean
	N                int
}

// IsAblation reports whether the sweep of t is an ablation of a lever:
// one scenario, a full grid of policy.L.intensity (0 among its values)
// and of switches policy.L.mechanisms.M.
func IsAblation(t *sweep.Table) bool {
	_, _, _, err := ablationParams(t)
	return err == nil
}

// ablationParams returns the lever of the ablation sweep of t, the index
// of its intensity parameter, and the indices and names of its
// mechanism switches.
func ablationParams(t *sweep.Table) (lever string, intensity int, mechs []int, err error) {
	m := t.Manifest
	intensity = -1
	if len(m.Scenarios) != 1 || m.Design.Kind != "grid" {
		return "", -1, nil, fmt.Errorf("sweep %s: an ablation has one scenario and a grid", m.Sweep)
	}
	for j, p := range m.Parameters {
		parts := strings.Split(p.Path, ".")
		switch {
		case len(parts) == 3 && parts[0] == "policy" && parts[2] == "intensity":
			intensity, lever = j, parts[1]
		case len(parts) == 4 && parts[0] == "policy" && parts[2] == "mechanisms" && p.Kind == "bool":
			mechs = append(mechs, j)
		default:
			return "", -1, nil, fmt.Errorf("sweep %s: parameter %s is neither a lever's intensity nor a sub-mechanism", m.Sweep, p.Path)
		}
	}
	if intensity < 0 || len(mechs) == 0 {
		return "", -1, nil, fmt.Errorf("sweep %s: an ablation sweeps a lever's intensity and its sub-mechanisms", m.Sweep)
	}
	for _, j := range mechs {
		if strings.Split(m.Parameters[j].Path, ".")[1] != lever {
			return "", -1, nil, fmt.Errorf("sweep %s: %s is not a sub-mechanism of %s", m.Sweep, m.Parameters[j].Path, lever)
		}
	}
	if !slices.Contains(m.Parameters[intensity].Values, "0") {
		return "", -1, nil, fmt.Errorf("sweep %s: the intensity takes no value 0, the lever off", m.Sweep)
	}
	return lever, intensity, mechs, nil
}

// Ablate returns the parts of the lever's effect in the ablation sweep
// of t on each of Indicators the sweep has: the whole (intensity at its
// largest value, every sub-mechanism on), each sub-mechanism alone and
// what removing it loses, the sum of the alone effects, the interaction
// (the whole less the sum) and none (every sub-mechanism off), each
// against the lever off (intensity 0), replicate by replicate.
func Ablate(t *sweep.Table) ([]AblationRow, error) {
	lever, ji, mechs, err := ablationParams(t)
	if err != nil {
		return nil, err
	}
	m := t.Manifest
	top := math.Inf(-1)
	for _, v := range m.Parameters[ji].Values {
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			top = max(top, x)
		}
	}
	// find returns the point with the intensity x and the switches on.
	find := func(x float64, on func(k int) bool) (int, error) {
		for p, vals := range t.Params {
			if vals == nil {
				continue
			}
			if v, err := strconv.ParseFloat(vals[ji], 64); err != nil || v != x {
				continue
			}
			match := true
			for k, j := range mechs {
				if (vals[j] == "true") != on(k) {
					match = false
					break
				}
			}
			if match {
				return p, nil
			}
		}
		return -1, fmt.Errorf("sweep %s: no point at intensity %g with that setting of the sub-mechanisms (is the grid full, and every point run?)", m.Sweep, x)
	}
	all := func(int) bool { return true }
	ref, err := find(0, all)
	if err != nil {
		return nil, err
	}
	whole, err := find(top, all)
	if err != nil {
		return nil, err
	}
	none, err := find(top, func(int) bool { return false })
	if err != nil {
		return nil, err
	}
	alone := make([]int, len(mechs))
	without := make([]int, len(mechs))
	names := make([]string, len(mechs))
	for k, j := range mechs {
		names[k] = m.Parameters[j].Path[strings.LastIndex(m.Parameters[j].Path, ".")+1:]
		if alone[k], err = find(top, func(i int) bool { return i == k }); err != nil {
			return nil, err
		}
		if without[k], err = find(top, func(i int) bool { return i != k }); err != nil {
			return nil, err
		}
	}
	var out []AblationRow
	for _, ind := range Indicators() {
		i := slices.Index(t.Indicators, ind.Name)
		if i < 0 {
			continue
		}
		// v returns the value of point p at replicate r, ok if defined.
		v := func(p, r int) (float64, bool) {
			if t.Values[p][r] == nil || math.IsNaN(t.Values[p][r][i]) {
				return 0, false
			}
			return t.Values[p][r][i], true
		}
		reps := make([]AblationReplicate, 0, m.Replicates)
		for r := range m.Replicates {
			var rep AblationReplicate
			ok := true
			get := func(p int) float64 {
				x, good := v(p, r)
				ok = ok && good
				return x
			}
			y0 := get(ref)
			rep.Whole, rep.None = get(whole)-y0, get(none)-y0
			for k := range mechs {
				rep.Alone = append(rep.Alone, get(alone[k])-y0)
				rep.Without = append(rep.Without, get(whole)-get(without[k]))
			}
			if ok {
				reps = append(reps, rep)
			}
		}
		for _, row := range Decompose(names, reps) {
			row.Lever, row.Indicator = lever, ind.Name
			out = append(out, row)
		}
	}
	return out, nil
}

// An AblationReplicate is one replicate's effects in an ablation, each
// against the lever off: the whole, each sub-mechanism alone, what the
// whole loses without each, and none.
type AblationReplicate struct {
	Whole, None    float64
	Alone, Without []float64
}

// Decompose returns the parts of an effect (Lever and Indicator unset)
// from the paired replicates reps of an ablation of the sub-mechanisms
// names: the whole, each alone, each without, their sum, the interaction
// (whole − sum, replicate by replicate), none; each with its mean, 95 %
// interval over the replicates and share of the whole.
func Decompose(names []string, reps []AblationReplicate) []AblationRow {
	col := func(f func(AblationReplicate) float64) []float64 {
		out := make([]float64, len(reps))
		for r, rep := range reps {
			out[r] = f(rep)
		}
		return out
	}
	var rows []AblationRow
	add := func(part, mech string, xs []float64) {
		row := AblationRow{Part: part, Mechanism: mech, N: len(xs), Mean: math.NaN(), Low: math.NaN(), High: math.NaN(), Share: math.NaN()}
		if len(xs) > 0 {
			row.Mean = stat.Mean(xs, nil)
		}
		if len(xs) > 1 {
			se := stat.StdDev(xs, nil) / math.Sqrt(float64(len(xs)))
			q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
			row.Low, row.High = row.Mean-q*se, row.Mean+q*se
		}
		rows = append(rows, row)
	}
	sum := func(rep AblationReplicate) float64 {
		s := 0.0
		for _, a := range rep.Alone {
			s += a
		}
		return s
	}
	add(PartWhole, "", col(func(r AblationReplicate) float64 { return r.Whole }))
	for k, name := range names {
		add(PartAlone, name, col(func(r AblationReplicate) float64 { return r.Alone[k] }))
	}
	for k, name := range names {
		add(PartWithout, name, col(func(r AblationReplicate) float64 { return r.Without[k] }))
	}
	add(PartSum, "", col(sum))
	add(PartInteraction, "", col(func(r AblationReplicate) float64 { return r.Whole - sum(r) }))
	add(PartNone, "", col(func(r AblationReplicate) float64 { return r.None }))
	if w := rows[0].Mean; w != 0 && !math.IsNaN(w) {
		for i := range rows {
			rows[i].Share = rows[i].Mean / w
		}
	}
	return rows
}

// A DosePoint is a lever's effect on an indicator at one intensity,
// against intensity 0, paired by replicate, with its 95 % interval.
type DosePoint struct {
	Lever, Indicator string
	Intensity        float64
	Mean, Low, High  float64
	N                int
}

// IsDose reports whether the sweep of t is an intensity sweep of a
// lever: one scenario, a grid of policy.L.intensity alone, with 0.
func IsDose(t *sweep.Table) bool {
	_, err := doseLever(t)
	return err == nil
}

func doseLever(t *sweep.Table) (string, error) {
	m := t.Manifest
	if len(m.Scenarios) != 1 || m.Design.Kind != "grid" || len(m.Parameters) != 1 {
		return "", fmt.Errorf("sweep %s: a dose-response sweep has one scenario and a grid of one parameter", m.Sweep)
	}
	parts := strings.Split(m.Parameters[0].Path, ".")
	if len(parts) != 3 || parts[0] != "policy" || parts[2] != "intensity" || !slices.Contains(m.Parameters[0].Values, "0") {
		return "", fmt.Errorf("sweep %s: a dose-response sweep varies a lever's intensity, 0 among its values", m.Sweep)
	}
	return parts[1], nil
}

// Dose returns the effect of the lever of the intensity sweep of t at
// each of its intensities (0 included: no effect) on each of Indicators
// the sweep has, by indicator then intensity.
func Dose(t *sweep.Table) ([]DosePoint, error) {
	lever, err := doseLever(t)
	if err != nil {
		return nil, err
	}
	refs, err := t.References("")
	if err != nil {
		return nil, err
	}
	ref := slices.Index(refs, -1)
	if t.Params[ref] == nil || t.Params[ref][0] != "0" {
		for p, vals := range t.Params {
			if vals != nil && vals[0] == "0" {
				ref = p
			}
		}
		for p := range refs {
			refs[p] = ref
		}
	}
	refs[ref] = ref // intensity 0 against itself: no effect, drawn
	cs := t.Compare(refs)
	var out []DosePoint
	for _, ind := range Indicators() {
		var group []DosePoint
		for _, c := range cs {
			if c.Indicator != ind.Name || t.Params[c.Point] == nil {
				continue
			}
			x, err := strconv.ParseFloat(t.Params[c.Point][0], 64)
			if err != nil {
				continue
			}
			group = append(group, DosePoint{Lever: lever, Indicator: c.Indicator, Intensity: x, Mean: c.Difference, Low: c.Low, High: c.High, N: c.N})
		}
		slices.SortStableFunc(group, func(a, b DosePoint) int { return cmpF(a.Intensity, b.Intensity) })
		out = append(out, group...)
	}
	return out, nil
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
