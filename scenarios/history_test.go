package scenarios

import (
	"os"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

// TestHistorySources checks that every shock of the shipped history has a
// date, a note and a public source with a link, and is documented in
// agents/HISTORY.md with its mapping.
func TestHistorySources(t *testing.T) {
	sc, err := Load("history")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Params.Timeline.Shocks) < 15 {
		t.Fatalf("%d shocks, want the history's 19 or so", len(sc.Params.Timeline.Shocks))
	}
	doc, err := os.ReadFile("../agents/HISTORY.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Params.Timeline.Shocks {
		if s.Note == "" || !strings.Contains(s.Source, "http") {
			t.Errorf("%s: note %q, source %q: want both, the source with a link", s.ID, s.Note, s.Source)
		}
		if !strings.Contains(string(doc), "`"+s.ID+"`") {
			t.Errorf("%s is not documented in agents/HISTORY.md", s.ID)
		}
	}
	if got := sc.End; got != sim.NewDate(2025, 12, 31) {
		t.Errorf("end %s, want 2025-12-31", got)
	}
}

// TestHistoryBounds runs the history through 2025 (3 replicates) and
// checks the plausible bounds documented in agents/HISTORY.md: the
// displaced at the end of 2022 within a factor of two of the 2.5 million
// public figures give (IOM DTM, CONASUR) and never over 15 % of the
// people; from 2020 on, every year between 500 and 10,000 militant events
// and at most 30,000 fatalities (no collapse, no explosion); active
// fighters at most the recruitment cap and never none.
func TestHistoryBounds(t *testing.T) {
	sc, err := Load("history")
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	pop := 0.0
	for c := range g.Cells {
		pop += g.Cells[c].Population
	}
	for rep := range 3 {
		w := agents.New(&sc.Params, g, sim.NewRand(1, rep))
		var events, fat float64
		year := w.Date().Year()
		err := w.Run(func(w *agents.World) error {
			displaced := 0.0
			for c := range w.Communities {
				displaced += w.Communities[c].Displaced
			}
			if displaced > 0.15*pop {
				t.Fatalf("rep %d %s: %.2f M displaced, over 15 %% of the people", rep, w.Date(), displaced/1e6)
			}
			active := 0
			for gi := range w.Groups {
				active += w.Groups[gi].Active
			}
			if active == 0 || float64(active) > w.P.Recruitment.MaxShare*pop {
				t.Fatalf("rep %d %s: %d active fighters (cap %.0f)", rep, w.Date(), active, w.P.Recruitment.MaxShare*pop)
			}
			for _, e := range w.Log.Events() {
				if _, ok := e.Militant(); ok {
					events++
					fat += float64(e.Fatalities)
				}
			}
			if y := w.Date().Year(); y != year || w.Done() {
				if year == 2022 && (displaced < 1.25e6 || displaced > 5e6) {
					t.Errorf("rep %d: %.2f M displaced at the end of 2022, want 1.25 to 5 M (2.5 M public figures)", rep, displaced/1e6)
				}
				if year >= 2020 && (events < 500 || events > 10000 || fat > 30000) {
					t.Errorf("rep %d %d: %.0f militant events, %.0f fatalities (bounds 500–10,000 and 30,000)", rep, year, events, fat)
				}
				if rep == 0 {
					t.Logf("%d: %5.0f events %6.0f fatalities %6d fighters %5.2f M displaced, hostility %.2f", year, events, fat, active, displaced/1e6, w.Hostility)
				}
				events, fat, year = 0, 0, y
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
