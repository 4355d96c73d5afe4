package acled

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// ErrRunFile is wrapped by the errors of a run directory whose files
// cannot be read: a missing or malformed manifest.json or events.csv.
var ErrRunFile = errors.New("cannot read run")

// A Run is a run directory of sahelsim run: its manifest and scenario,
// and the scenario placed on its grid: zones, calendar and the coalition.
type Run struct {
	Dir      string
	Manifest *outputs.Manifest
	Scenario *scenarios.Scenario
	Grid     *sim.Grid // built at the scenario's resolution
	Clock    sim.Clock
	Zones    []string // zone ids, as in the run: sorted, "rest" last
	CellZone []int    // zone index of each cell
	// JNIM says which groups (by index in agents.GroupIDs) belong to the
	// JNIM coalition in the scenario.
	JNIM [agents.NumGroups]bool
}

// OpenRun reads the manifest of the run directory dir and places its
// scenario on its grid, exactly as the run did (outputs.ReadRun): the grid
// of the map at the scenario's resolution, zones from the scenario's
// regions. It does not read the run's CSV files.
func OpenRun(dir string) (*Run, error) {
	res, err := outputs.ReadRun(dir, outputs.ReadOptions{})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRunFile, err)
	}
	sc := res.Scenario
	if sc.Model != "" && sc.Model != "sahel" {
		return nil, fmt.Errorf("%w: %s: a run of the %q model: only runs of the Sahel model have events to export or compare",
			ErrRunFile, filepath.Join(dir, outputs.ManifestFile), sc.Model)
	}
	return &Run{Dir: dir, Manifest: res.Manifest, Scenario: sc, Grid: res.Grid, Clock: res.Clock,
		Zones: res.Zones.IDs, CellZone: res.Zones.Cell, JNIM: res.JNIM}, nil
}

// EventsPath returns the path of the run's events.csv.
func (r *Run) EventsPath() string { return filepath.Join(r.Dir, outputs.EventsFile) }

// events reads the run's events.csv (outputs.ReadRun): its events, by
// replicate.
func (r *Run) events() ([][]agents.Event, error) {
	res, err := outputs.ReadRun(r.Dir, outputs.ReadOptions{Events: true})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRunFile, err)
	}
	return res.Events, nil
}
