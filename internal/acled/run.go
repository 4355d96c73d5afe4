package acled

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
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
// scenario on its grid, exactly as the run did: the grid of the map at
// the scenario's resolution, zones from the scenario's regions. It does
// not read the run's CSV files.
func OpenRun(dir string) (*Run, error) {
	path := filepath.Join(dir, outputs.ManifestFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", ErrRunFile, dir, err)
	}
	var m outputs.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrRunFile, path, err)
	}
	if m.ScenarioTOML == "" {
		return nil, fmt.Errorf("%w: %s: no scenario_toml: not the manifest of a run", ErrRunFile, path)
	}
	sc, err := scenarios.Parse([]byte(m.ScenarioTOML), path+" (scenario_toml)")
	if err != nil {
		return nil, err
	}
	if sc.Model != "" && sc.Model != "sahel" {
		return nil, fmt.Errorf("%w: %s: a run of the %q model: only runs of the Sahel model have events to export or compare", ErrRunFile, path, sc.Model)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// A world of the scenario holds its zones and calendar; they do not
	// depend on the random stream.
	w := agents.New(&sc.Params, g, sim.NewRand(0, 0))
	r := &Run{Dir: dir, Manifest: &m, Scenario: sc, Grid: g, Clock: w.Clock,
		Zones: slices.Clone(w.ZoneIDs), CellZone: slices.Clone(w.CellZone)}
	for gi := range w.Groups {
		r.JNIM[gi] = w.Groups[gi].JNIM
	}
	return r, nil
}

// EventsPath returns the path of the run's events.csv.
func (r *Run) EventsPath() string { return filepath.Join(r.Dir, outputs.EventsFile) }

// A RunEvent is one row of a run's events.csv.
type RunEvent struct {
	Rep, Step             int
	Date                  sim.Date
	Type                  string // agents.EventType names: attack_forces, …
	Perpetrator, Label    string // agents.ActorID names: a group id, "forces", "militia", "criminal", "JNIM", "ambiguous", "unknown", "none"
	Target, Against       string
	Claimed               bool
	Fatalities, Displaced int
	Latitude, Longitude   float64
	Country, Admin1, Zone string
	Cell                  int
}

// eventsColumns are the columns of events.csv, as outputs writes them.
func eventsColumns() []string {
	return []string{"rep", "step", "date", "type", "perpetrator", "label", "target", "against",
		"claimed", "fatalities", "displaced", "latitude", "longitude", "country", "admin1", "zone", "cell"}
}

// ReadRunEvents reads a run's events.csv from r and calls fn with each
// event, in the order of the file; it stops at the first error fn
// returns. The RunEvent is reused between calls. name names the file in
// errors.
func ReadRunEvents(r io.Reader, name string, fn func(*RunEvent) error) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%w: %s: header: %w", ErrRunFile, name, err)
	}
	if want := eventsColumns(); !slices.Equal(head, want) {
		return fmt.Errorf("%w: %s: header %q, want %q: not a sahelsim events file", ErrRunFile, name, strings.Join(head, ","), strings.Join(want, ","))
	}
	var e RunEvent
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrRunFile, name, err)
		}
		line, _ := cr.FieldPos(0)
		var bad error
		atoi := func(i int) int {
			v, err := strconv.Atoi(rec[i])
			if err != nil && bad == nil {
				bad = fmt.Errorf("%w: %s:%d: %s %q: want a whole number", ErrRunFile, name, line, head[i], rec[i])
			}
			return v
		}
		atof := func(i int) float64 {
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil && bad == nil {
				bad = fmt.Errorf("%w: %s:%d: %s %q: want a number", ErrRunFile, name, line, head[i], rec[i])
			}
			return v
		}
		e = RunEvent{Rep: atoi(0), Step: atoi(1), Type: rec[3], Perpetrator: rec[4], Label: rec[5],
			Target: rec[6], Against: rec[7], Claimed: rec[8] == "true", Fatalities: atoi(9), Displaced: atoi(10),
			Latitude: atof(11), Longitude: atof(12), Country: rec[13], Admin1: rec[14], Zone: rec[15], Cell: atoi(16)}
		if e.Date, err = sim.ParseDate(rec[2]); err != nil && bad == nil {
			bad = fmt.Errorf("%w: %s:%d: %w", ErrRunFile, name, line, err)
		}
		if bad != nil {
			return bad
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
}

// forEachRunEvent opens the run's events.csv and calls fn with each event.
func (r *Run) forEachRunEvent(fn func(*RunEvent) error) error {
	f, err := os.Open(r.EventsPath())
	if err != nil {
		return fmt.Errorf("%w: %w", ErrRunFile, err)
	}
	defer f.Close()
	return ReadRunEvents(f, r.EventsPath(), fn)
}
