package runner_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// sizesFile is the distribution of fatalities per militant event in the
// study area, January 2017 – June 2019: "Aggregated from ACLED data
// (acleddata.com); see ACLED's terms of use." (a copy of the shared
// training data, see agents/MODEL.md, Input data).
var sizesFile = filepath.Join("..", "evidence", "acled_sahel_event_sizes_2017-01_2019-06.csv")

// realSizeShares returns the shares of events with at least 20 and at
// least 50 fatalities in the ACLED counts.
func realSizeShares(t *testing.T) (ge20, ge50 float64) {
	t.Helper()
	f, err := os.Open(sizesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var all, n20, n50 float64
	for _, r := range rows[1:] {
		n, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatalf("%s: %v", sizesFile, err)
		}
		all += n
		switch r[1] {
		case "20-49":
			n20 += n
		case "50-99", "100+":
			n20 += n
			n50 += n
		}
	}
	return n20 / all, n50 / all
}

// TestEventSizes checks that the baseline's militant events of January
// 2017 – June 2019 have a tail of fatalities like ACLED's: the shares of
// events with 20 or more and with 50 or more fatalities within a factor of
// 2 of the real ones (20 replicates). Large events come from the
// battlefield: only where a group has massed its fighters can it commit
// many to one attack.
func TestEventSizes(t *testing.T) {
	real20, real50 := realSizeShares(t)
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.End = sim.NewDate(2019, 6, 30)
	reps, err := runner.Run(t.Context(), sc, 1, 20, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n, n20, n50 float64
	for _, r := range reps {
		for _, e := range r.Events {
			if _, ok := e.Militant(); !ok || e.Type == agents.Operation && e.Against < 0 {
				continue
			}
			n++
			if e.Fatalities >= 20 {
				n20++
			}
			if e.Fatalities >= 50 {
				n50++
			}
		}
	}
	sim20, sim50 := n20/n, n50/n
	t.Logf("events with >= 20 fatalities: %.4f (ACLED %.4f); >= 50: %.4f (ACLED %.4f); %.0f events", sim20, real20, sim50, real50, n)
	for _, c := range []struct {
		what      string
		sim, real float64
	}{{">= 20 fatalities", sim20, real20}, {">= 50 fatalities", sim50, real50}} {
		if c.sim < c.real/2 || c.sim > 2*c.real {
			t.Errorf("share of events with %s %.4f, want within a factor of 2 of ACLED's %.4f", c.what, c.sim, c.real)
		}
	}
}
