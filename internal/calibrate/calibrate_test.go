package calibrate

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/scenarios"
)

func TestTargetsAndDistance(t *testing.T) {
	nan := math.NaN()
	ts := []evidence.Target{
		{ID: "jnim_share_events", Kind: evidence.KindReport, Value: 0.64, Low: 0.55, High: 0.73},
		{ID: "fatalities", Kind: evidence.KindReport, Value: 8000, Low: 6500, High: 9500},
		{ID: "flm_areas_share_jnim", Kind: evidence.KindReport, Value: 0.75, Low: 0.7, High: 0.9},
		{ID: "east_bf_onset_year", Kind: evidence.KindReport, Value: 2019, Low: 2019, High: 2019},
		{ID: "gold_capacity_kg", Kind: evidence.KindReport, Value: 725, Low: nan, High: nan},
		{ID: "acled_events_2017h1", Kind: evidence.KindHalfYear, Value: 58, Low: 35, High: 95},
		{ID: "not_a_column", Kind: evidence.KindReport, Value: 1, Low: 0, High: 2},
	}
	cols := []string{"jnim_share_events", "fatalities_total", "flm_areas_share_jnim", "flm_areas_share_jnim_fatalities", "east_bf_onset_year", "acled_events_2017h1"}
	tg := Targets(ts, cols)
	var ids []string
	for _, x := range tg {
		ids = append(ids, x.ID+":"+x.Indicator)
	}
	want := []string{"jnim_share_events:jnim_share_events", "fatalities:fatalities_total", "flm_areas_share_jnim:flm_areas_share_jnim",
		"flm_areas_share_jnim_fatalities:flm_areas_share_jnim_fatalities", "east_bf_onset_year:east_bf_onset_year", "acled_events_2017h1:acled_events_2017h1"}
	if !slices.Equal(ids, want) {
		t.Fatalf("targets %v, want %v", ids, want)
	}
	if tg[4].Scale != 0.5 || tg[4].Centre != 2019 || tg[1].Scale != 1500 || tg[5].Centre != 65 {
		t.Errorf("scales: %+v", tg)
	}
	d := NewDistance(tg)
	if !slices.Equal(d.Kinds, []string{evidence.KindReport, evidence.KindHalfYear}) {
		t.Errorf("kinds %v", d.Kinds)
	}
	// Errors 1 on each report target, 2 on the pattern: the report's five
	// weigh half, the pattern the other half: √(½·1 + ½·4).
	means := []float64{0.73, 9500, 0.9, 0.7, 2019.5, 125}
	if got := d.Of(means); math.Abs(got-math.Sqrt(2.5)) > 1e-12 {
		t.Errorf("distance %v, want √2.5", got)
	}
	if got := d.OfKind(means, evidence.KindHalfYear); math.Abs(got-2) > 1e-12 {
		t.Errorf("distance of the half-years %v, want 2", got)
	}
	means[4] = nan // an onset that never came
	if e := tg[4].Error(means[4]); e != MissingError {
		t.Errorf("error of an undefined mean %v", e)
	}
	tab := &sweep.Table{Indicators: cols, Values: [][][]float64{{{0.6, 1, 0.7, 0.8, nan, 50}, {0.7, 3, 0.7, 0.8, 2019, 60}, nil}}}
	m := Means(tab, tg)[0]
	if math.Abs(m[0]-0.65) > 1e-12 || m[1] != 2 || m[4] != 2019 || m[5] != 55 {
		t.Errorf("means %v", m)
	}
}

// TestReportColumnsMatchValidate checks that calibrate fits the report's
// figures with the indicators validate measures them by.
func TestReportColumnsMatchValidate(t *testing.T) {
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
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.ID == "gold_capacity_kg" {
			continue // measured from the events, with no band
		}
		var want []string
		for _, m := range ms[tg.ID] {
			want = append(want, m.Indicator)
		}
		if got := reportColumns(tg.ID); !slices.Equal(got, want) {
			t.Errorf("%s: calibrate fits %v, validate measures %v", tg.ID, got, want)
		}
	}
}

// TestScreen screens a Morris design of three parameters whose distance
// moves with the first strongly, the third a little, the second not at
// all.
func TestScreen(t *testing.T) {
	factors := []design.Factor{{Name: "a", Low: 0, High: 10}, {Name: "b", Low: 1, High: 2}, {Name: "c", Low: -1, High: 1}}
	x, err := design.MorrisDesign(factors, 8, 4, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.Dims()
	tab := &sweep.Table{Manifest: &sweep.Manifest{}, Indicators: []string{"acled_events_2017h1", "jnim_share_events"}}
	for _, f := range factors {
		tab.Manifest.Parameters = append(tab.Manifest.Parameters, sweep.ManifestParam{Path: f.Name, Kind: "float",
			Min: strconv.FormatFloat(f.Low, 'g', -1, 64), Max: strconv.FormatFloat(f.High, 'g', -1, 64)})
	}
	for i := range rows {
		row := mat.Row(nil, i, x)
		var ps []string
		for _, v := range row {
			ps = append(ps, strconv.FormatFloat(v, 'g', -1, 64))
		}
		tab.Params = append(tab.Params, ps)
		// The pattern's error grows with a; the report's with c, a little.
		tab.Values = append(tab.Values, [][]float64{{58 + 30*row[0], 0.64 + 0.02*row[2]}})
	}
	tg := Targets([]evidence.Target{
		{ID: "jnim_share_events", Kind: evidence.KindReport, Value: 0.64, Low: 0.55, High: 0.73},
		{ID: "acled_events_2017h1", Kind: evidence.KindHalfYear, Value: 58, Low: 35, High: 81},
	}, tab.Indicators)
	s, err := Screen(tab, NewDistance(tg), 0.1, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Kept, []int{0}) {
		t.Errorf("kept %v (μ* %v, %v, %v), want the first alone", s.Kept, s.Effects[0].MuStar, s.Effects[1].MuStar, s.Effects[2].MuStar)
	}
	if s.Effects[1].MuStar != 0 || !(s.Effects[2].MuStar > 0) || s.KindMuStar[0][2] <= 0 || s.KindMuStar[1][2] != 0 {
		t.Errorf("effects %+v, by kind %v", s.Effects, s.KindMuStar)
	}
	s, _ = Screen(tab, NewDistance(tg), 0, 2)
	if !slices.Equal(s.Kept, []int{0, 2}) {
		t.Errorf("with no threshold and at most 2: kept %v, want [0 2]", s.Kept)
	}
}

// TestScreenNoise screens two parameters with replicates: the first
// moves the distance far more than the noise of the runs, the second
// about as much as noise: only the first is kept.
func TestScreenNoise(t *testing.T) {
	factors := []design.Factor{{Name: "a", Low: 0, High: 1}, {Name: "b", Low: 0, High: 1}}
	x, err := design.MorrisDesign(factors, 20, 4, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.Dims()
	noise := rand.New(rand.NewPCG(5, 6))
	tab := &sweep.Table{Manifest: &sweep.Manifest{}, Indicators: []string{"acled_events_2017h1"}}
	for _, f := range factors {
		tab.Manifest.Parameters = append(tab.Manifest.Parameters, sweep.ManifestParam{Path: f.Name, Kind: "float", Min: "0", Max: "1"})
	}
	for i := range rows {
		row := mat.Row(nil, i, x)
		tab.Params = append(tab.Params, []string{strconv.FormatFloat(row[0], 'g', -1, 64), strconv.FormatFloat(row[1], 'g', -1, 64)})
		// Standardised error: 3·a, plus noise of sd 0.2 per replicate;
		// b adds as much as noise.
		var reps [][]float64
		for range 3 {
			e := 1 + 3*row[0] + 0.02*row[1] + 0.2*noise.NormFloat64()
			reps = append(reps, []float64{58 + 23*e})
		}
		tab.Values = append(tab.Values, reps)
	}
	tg := Targets([]evidence.Target{{ID: "acled_events_2017h1", Kind: evidence.KindHalfYear, Value: 58, Low: 35, High: 81}}, tab.Indicators)
	s, err := Screen(tab, NewDistance(tg), 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	// The floor: √(2/π)·√2·(0.2/√3)/(2/3) ≈ 0.195.
	if math.Abs(s.NoiseFloor-0.195) > 0.04 {
		t.Errorf("noise floor %.3f, want about 0.195", s.NoiseFloor)
	}
	if !slices.Equal(s.Kept, []int{0}) {
		t.Errorf("kept %v (μ* %.3f, %.3f, floor %.3f), want the first alone", s.Kept, s.Effects[0].MuStar, s.Effects[1].MuStar, s.NoiseFloor)
	}
}
