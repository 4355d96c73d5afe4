package validate_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

func TestMeanCI(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name            string
		vals            []float64
		level           float64
		mean, low, high float64
	}{
		// t(0.975, 4) = 2.776445; s = √2.5, s/√5 = 0.707107.
		{"five values", []float64{1, 2, 3, 4, 5}, 0.95, 3, 3 - 2.776445*0.707107, 3 + 2.776445*0.707107},
		// t(0.95, 1) = 6.313752; s = √2/... two values 0 and 2: s = √2, s/√2 = 1.
		{"two values at 90%", []float64{0, 2}, 0.90, 1, 1 - 6.313752, 1 + 6.313752},
		{"constant", []float64{7, 7, 7}, 0.95, 7, 7, 7},
		{"one value", []float64{4}, 0.95, 4, nan, nan},
		{"none", nil, 0.95, nan, nan, nan},
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-5 }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, lo, hi := validate.MeanCI(tt.vals, tt.level)
			if !same(m, tt.mean) || !same(lo, tt.low) || !same(hi, tt.high) {
				t.Errorf("MeanCI = %g [%g, %g], want %g [%g, %g]", m, lo, hi, tt.mean, tt.low, tt.high)
			}
		})
	}
}

// fakeReps returns replicates whose summary columns hold the given values,
// one replicate per value.
func fakeReps(cols []string, rows ...[]float64) []*outputs.Replicate {
	var reps []*outputs.Replicate
	for i, r := range rows {
		reps = append(reps, &outputs.Replicate{Rep: i, Columns: cols, Summary: r})
	}
	return reps
}

func TestValidate(t *testing.T) {
	nan := math.NaN()
	cols := []string{"jnim_share_events", "flm_areas_share_jnim", "flm_areas_share_jnim_fatalities", "fatalities_total", "surge_ratio", "east_bf_onset_year", "events_total"}
	reps := fakeReps(cols,
		[]float64{0.60, 0.70, 0.80, 9000, 3, nan, 2000},
		[]float64{0.62, 0.72, 0.82, 9200, 4, nan, 2100},
		[]float64{0.64, 0.74, 0.84, 9400, 5, 2019, 2200},
	)
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	user, err := evidence.ReadTargets(strings.NewReader(
		"id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\n" +
			"events_total,militant events,2000,1800,2200,,,\n" +
			"rainfall_mm,yearly rainfall,400,300,500,,,\"a figure no indicator measures\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	measures := validate.Measures{
		"jnim_share_events": {{ID: "jnim_share_events", Indicator: "jnim_share_events"}},
		"fatalities":        {{ID: "fatalities", Indicator: "fatalities_total"}},
		"flm_areas_share_jnim": {
			{ID: "flm_areas_share_jnim", Indicator: "flm_areas_share_jnim"},
			{ID: "flm_areas_share_jnim_fatalities", Indicator: "flm_areas_share_jnim_fatalities"},
		},
		"gold_capacity_kg": {{ID: "gold_capacity_kg", Indicator: "gold", Value: func(*outputs.Replicate) float64 { return 700 }}},
	}
	res, err := validate.Validate(reps, append(targets, user...), measures)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]validate.Result{}
	for _, r := range res {
		byID[r.ID] = r
	}
	tests := []struct {
		id     string
		fit    validate.Fit
		within string
		mean   float64
		n      int
	}{
		{"jnim_share_events", validate.Within, "yes", 0.62, 3},
		{"flm_areas_share_jnim", validate.Within, "yes", 0.72, 3},
		{"flm_areas_share_jnim_fatalities", validate.Within, "yes", 0.82, 3},
		{"fatalities", validate.Within, "yes", 9200, 3},
		{"surge_ratio", validate.Below, "no", 4, 3},             // no measure given: its own column
		{"east_bf_onset_year", validate.Within, "yes", 2019, 1}, // two replicates without an onset
		{"gold_capacity_kg", validate.NoBand, "no band", 700, 3},
		{"events_total", validate.Within, "yes", 2100, 3}, // a user's row for a summary column
		{"rainfall_mm", validate.NotSimulated, "not simulated", nan, 0},
		{"north_mali_civilian_share", validate.NotSimulated, "not simulated", nan, 0},
	}
	for _, tt := range tests {
		r, ok := byID[tt.id]
		if !ok {
			t.Errorf("%s: no result", tt.id)
			continue
		}
		if r.Fit != tt.fit || r.Within() != tt.within || r.N != tt.n ||
			!(math.IsNaN(tt.mean) && math.IsNaN(r.Mean) || math.Abs(r.Mean-tt.mean) < 1e-9) {
			t.Errorf("%s: fit %v within %q mean %g n %d; want %v %q %g %d", tt.id, r.Fit, r.Within(), r.Mean, r.N, tt.fit, tt.within, tt.mean, tt.n)
		}
	}
	if n := byID["east_bf_onset_year"].Note; !strings.Contains(n, "undefined in 2 of 3") {
		t.Errorf("east_bf_onset_year note %q does not say two replicates had no value", n)
	}
	// Rows come in the order of the targets, a target's measures together.
	if res[0].ID != "jnim_share_events" || res[2].ID != "flm_areas_share_jnim" || res[3].ID != "flm_areas_share_jnim_fatalities" {
		t.Errorf("order: %s, %s, %s, %s", res[0].ID, res[1].ID, res[2].ID, res[3].ID)
	}
	if _, err := validate.Validate(nil, targets, measures); err == nil {
		t.Error("no replicate: no error")
	}
}

func TestOverlaps(t *testing.T) {
	band := evidence.Target{Low: 5, High: 9}
	for _, tt := range []struct {
		lo, hi float64
		want   bool
	}{{4, 4.9, false}, {4, 5, true}, {6, 7, true}, {9, 12, true}, {9.1, 12, false}, {math.NaN(), math.NaN(), false}} {
		r := validate.Result{Target: band, CILow: tt.lo, CIHigh: tt.hi}
		if got := r.Overlaps(); got != tt.want {
			t.Errorf("interval [%g, %g] meets [5, 9]: %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestGoldCapacity(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := validate.DefaultMeasures(sc, g)
	if err != nil {
		t.Fatal(err)
	}
	gold := ms["gold_capacity_kg"][0]
	kg := sc.Params.Illicit.GoldKg

	clock := sim.NewClock(sim.NewDate(2017, 1, 1), sim.NewDate(2020, 9, 30), 7)
	last := clock.Steps - 1
	keniebaCell := g.Locate(12.84, -11.24) // an artisanal gold zone of Kayes, far from any other
	kidalCell := g.Locate(18.44, 1.41)     // Kidal: no gold within 50 km
	if keniebaCell < 0 || kidalCell < 0 {
		t.Fatal("test places are off the grid")
	}
	ev := func(step, cell int, typ agents.EventType, perp int8) agents.Event {
		return agents.Event{Step: int32(step), Cell: int32(cell), Type: typ, Perpetrator: perp, Against: -1}
	}
	tests := []struct {
		name   string
		events []agents.Event
		want   float64
	}{
		{"no violence", nil, 0},
		{"an attack at a gold zone in the last year", []agents.Event{ev(last, keniebaCell, agents.AttackForces, agents.FLM)}, kg},
		{"two attacks in the same zone", []agents.Event{ev(last, keniebaCell, agents.AttackCivilians, agents.FLM), ev(last-3, keniebaCell, agents.Kidnapping, agents.ISGS)}, kg},
		{"an attack before the last year", []agents.Event{ev(10, keniebaCell, agents.AttackForces, agents.FLM)}, 0},
		{"an operation by the forces", []agents.Event{{Step: int32(last), Cell: int32(keniebaCell), Type: agents.Operation, Perpetrator: agents.ActorForces, Against: agents.FLM}}, 0},
		{"an attack far from gold", []agents.Event{ev(last, kidalCell, agents.AttackForces, agents.AnsarDine)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &outputs.Replicate{Clock: clock, Steps: clock.Steps, Grid: g, Events: tt.events}
			if got := gold.Value(r); got != tt.want {
				t.Errorf("capacity %g kg, want %g", got, tt.want)
			}
		})
	}
	if note := gold.Note(725); !strings.Contains(note, "34.0 M USD") {
		t.Errorf("note %q: 725 kg at the default price should be 34.0 M USD", note)
	}
}

func sampleResults(t *testing.T) []validate.Result {
	t.Helper()
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	reps := fakeReps([]string{"jnim_share_events"}, []float64{0.5}, []float64{0.75})
	res, err := validate.Validate(reps, targets[:2], validate.Measures{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := validate.WriteCSV(&b, sampleResults(t)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0][:9], ","); got != "id,what,target,low,high,mean,ci_low,ci_high,within" {
		t.Errorf("header starts %q", got)
	}
	if strings.Join(recs[0], ",") != validate.Header {
		t.Errorf("header %q, want Header", strings.Join(recs[0], ","))
	}
	// The mean of 0.5 and 0.75 is 0.625, its interval ± t(0.975, 1) ×
	// 0.125 = ± 12.7062 × 0.125.
	row := recs[1]
	if row[0] != "jnim_share_events" || row[2] != "0.64" || row[3] != "0.55" || row[4] != "0.73" || row[5] != "0.625" || row[8] != "yes" || row[10] != "2" || row[11] != "yes" {
		t.Errorf("row %q", row)
	}
	if lo, err := strconv.ParseFloat(row[6], 64); err != nil || math.Abs(lo-(0.625-12.7062*0.125)) > 1e-3 {
		t.Errorf("ci_low %s, want %.4f", row[6], 0.625-12.7062*0.125)
	}
	if !strings.HasPrefix(row[12], "violent events attributed to") {
		t.Errorf("quote %q", row[12])
	}
	if row := recs[2]; row[0] != "flm_share_jnim_events" || row[5] != "" || row[8] != "not simulated" || row[11] != "" {
		t.Errorf("row of a target nothing measures: %q", row)
	}
}

func TestPrint(t *testing.T) {
	var b bytes.Buffer
	if err := validate.Print(&b, sampleResults(t)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"95% CI", "0.55 – 0.73", "0.625", "ok", "not simulated", "“violent events attributed to", "…”",
		"flm_share_jnim_events: no indicator of the model measures it"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 200 {
			t.Errorf("line of %d characters: the quote is not shortened:\n%s", n, line)
		}
	}
}

func TestWriteDir(t *testing.T) {
	res := sampleResults(t)
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, 1, 2, outputs.Build{}, []string{"sahelsim", "validate"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "v")
	if err := validate.WriteDir(t.Context(), dir, false, m, res, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{validate.File, outputs.ManifestFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if err := validate.WriteDir(t.Context(), dir, false, m, res, nil); !errors.Is(err, outputs.ErrExists) {
		t.Errorf("second write without force: %v, want ErrExists", err)
	}
	if err := validate.WriteDir(t.Context(), dir, true, m, res, nil); err != nil {
		t.Fatal(err)
	}
	// --force deletes only what sahelsim wrote.
	os.WriteFile(filepath.Join(dir, "stale"), nil, 0o644)
	if err := validate.WriteDir(t.Context(), dir, true, m, res, nil); !errors.Is(err, outputs.ErrNotOurs) {
		t.Errorf("write with force over a file sahelsim did not write: %v, want ErrNotOurs", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale")); err != nil {
		t.Error("--force removed a file sahelsim did not write")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("%d entries beside the directory, want none left behind", len(entries)-1)
	}
}
