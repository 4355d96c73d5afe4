package runner_test

import (
	"math"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/scenarios"
)

// TestBaselineShape checks that the baseline, over 20 replicates,
// reproduces the shape of the report's figures (the tight fit is the job
// of calibration): who does what, whom they target, where, and how
// violence grows and spreads.
func TestBaselineShape(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(t.Context(), sc, 1, 20, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	mean := func(name string) float64 {
		s, n := 0.0, 0
		for _, r := range reps {
			if v := r.Value(name); !math.IsNaN(v) {
				s += v
				n++
			}
		}
		return s / float64(n)
	}
	bands := []struct {
		name     string
		lo, hi   float64
		reported string
	}{
		{"jnim_share_events", 0.5, 1, "report: 64 %"},
		{"flm_share_jnim_events", 0.6, 0.95, "report: about 75 %"},
		{"flm_civilian_share", 0.25, 0.42, "report: about one attack in three"},
		{"north_mali_civilian_share", 0, 0.05, "report: under 2 %"},
		{"surge_ratio", 3, 12, "report: nearly sevenfold"},
		{"events_last_year", 700, 1600, "report: more than 1,000"},
		{"fatalities_total", 5000, 11000, "report: nearly 8,000"},
		{"jnim_revenue_usd", 18e6, 35e6, "report: 18–35 M USD a year"},
		{"east_bf_onset_year", 2018, 2020, "report: from 2019"},
		{"southwest_bf_onset_year", 2019, 2020.5, "report: from 2020"},
	}
	for _, b := range bands {
		m := mean(b.name)
		t.Logf("%-28s mean %.4g (%s)", b.name, m, b.reported)
		if !(m >= b.lo && m <= b.hi) {
			t.Errorf("%s: mean over 20 replicates %.4g, want in [%g, %g] (%s)", b.name, m, b.lo, b.hi, b.reported)
		}
	}

	// Spread: JNIM members' attacks in the eastern and southwestern zones
	// by calendar year, annualised (2020 ends on 30 September).
	perYear := func(zone string) [4]float64 {
		var n [4]float64
		for _, r := range reps {
			zi := -1
			for i, z := range r.Zones {
				if z == zone {
					zi = i
				}
			}
			for _, e := range r.Events {
				if e.Type.Violent() && e.Perpetrator != agents.ISGS && r.CellZone[e.Cell] == zi {
					n[r.Clock.Date(int(e.Step)).Year()-2017]++
				}
			}
		}
		n[3] *= 12.0 / 9
		return n
	}
	east, sw := perYear("eastern_burkina_niger"), perYear("southwestern_burkina")
	t.Logf("JNIM attacks per year 2017–2020, east %v, southwest %v (sum of 20 replicates)", east, sw)
	if (east[2]+east[3])/2 < 2*(east[0]+east[1])/2 {
		t.Errorf("eastern Burkina Faso: no surge from 2019 (JNIM attacks per year %v)", east)
	}
	if sw[3] < 1.3*sw[2] || sw[3] < 3*(sw[0]+sw[1])/2 {
		t.Errorf("southwestern Burkina Faso: activity does not rise into 2020 (JNIM attacks per year %v)", sw)
	}
}
