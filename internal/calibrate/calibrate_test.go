package calibrate

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/scenarios"
)

// table builds a sweep table of three points with two replicates each.
func table() *sweep.Table {
	return &sweep.Table{
		Manifest: &sweep.Manifest{Sweep: "toy", Parameters: []sweep.ManifestParam{
			{Path: "recruitment.rate", Kind: "range", Min: "3", Max: "8"},
		}},
		Indicators: []string{"jnim_share_events", "fatalities_total", "east_bf_onset_year"},
		Params:     [][]string{{"3"}, {"5.5"}, {"8"}},
		Values: [][][]float64{
			{{0.50, 6000, 2019}, {0.52, 6400, 2019}},
			{{0.64, 8000, 2019}, {0.66, 8200, math.NaN()}},
			{{0.80, 12000, math.NaN()}, nil},
		},
	}
}

func TestDistancesAndAccept(t *testing.T) {
	ts := []evidence.Target{
		{ID: "jnim_share_events", Value: 0.64, Low: 0.55, High: 0.73},
		{ID: "fatalities", Value: 8000, Low: 6500, High: 9500},
		{ID: "east_bf_onset_year", Value: 2019, Low: 2019, High: 2019},
		{ID: "gold_capacity_kg", Value: 725, Low: math.NaN(), High: math.NaN()},
	}
	tb := table()
	tgs := Targets(ts, tb.Indicators)
	if len(tgs) != 3 || tgs[1].Indicator != "fatalities_total" || tgs[2].Scale != 1 {
		t.Fatalf("targets %+v", tgs)
	}
	fits, err := Distances(tb, tgs)
	if err != nil {
		t.Fatal(err)
	}
	// Point 1: errors (0.65−0.64)/0.09, (8100−8000)/1500, 0 → small.
	want := math.Sqrt((math.Pow(0.01/0.09, 2) + math.Pow(100.0/1500, 2)) / 3)
	if math.Abs(fits[1].Distance-want) > 1e-12 {
		t.Errorf("distance of point 1 = %v, want %v", fits[1].Distance, want)
	}
	// Point 2: its onset year is undefined in its only run: MissingError.
	if !math.IsNaN(fits[2].Means[2]) || fits[2].Distance < MissingError/math.Sqrt(3) || fits[0].Distance >= fits[2].Distance {
		t.Errorf("point 2: %+v", fits[2])
	}
	post, err := Accept(fits, 0.3)
	if err != nil || len(post) != 1 || post[0].Point != 1 {
		t.Fatalf("Accept = %+v, %v", post, err)
	}
	if _, err := Accept(fits, 0); err == nil {
		t.Error("Accept took a share of 0")
	}
	s := Summarise(tb, post)
	if s[0].Median != 5.5 || s[0].PriorMin != 3 || s[0].Best != "5.5" {
		t.Errorf("summary %+v", s[0])
	}
	var b bytes.Buffer
	if err := WriteScenario(&b, "baseline", "toy-calibrated", tb, post[0]); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Parse(b.Bytes(), "")
	if err != nil {
		t.Fatalf("the calibrated scenario does not load: %v\n%s", err, b.String())
	}
	if sc.Recruitment.Rate != 5.5 || sc.Name != "toy-calibrated" {
		t.Errorf("calibrated scenario: recruitment rate %v, name %q", sc.Recruitment.Rate, sc.Name)
	}
	b.Reset()
	if err := WriteTargets(&b, tgs, fits, post); err != nil || !strings.Contains(b.String(), "jnim_share_events,jnim_share_events,0.64,0.55,0.73,0.65,") {
		t.Errorf("targets.csv:\n%s (%v)", b.String(), err)
	}
	if _, err := Plot(tgs, fits, post); err != nil {
		t.Error(err)
	}
}
