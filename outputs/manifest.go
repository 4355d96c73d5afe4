package outputs

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Streams describes how the replicates' random streams derive from the
// seed, as written in the manifest.
const Streams = "replicate r draws from sim.Stream(seeds_r), the PCG stream of its own seed seeds_r = sim.ReplicateSeed(seed, r): seed itself for replicate 0, a 53-bit SplitMix64 hash of (seed, r) for the others; summary.csv lists each, and 'sahelsim run SCENARIO --seed seeds_r --reps 1' reproduces replicate r alone"

// A Manifest describes a run: what was run, with what program, when, and
// which files it wrote. Its JSON keys come in the order of the fields.
type Manifest struct {
	// Format is the version of the run directory's layout (RunFormat).
	Format     int       `json:"format"`
	Scenario   string    `json:"scenario"`   // the scenario's name
	Seed       uint64    `json:"seed"`       // base seed: replicate 0's, from which the others derive
	Replicates int       `json:"replicates"` // number of replicates
	Streams    string    `json:"streams"`    // how each replicate's stream derives from the seed
	Build      Build     `json:"build"`
	Command    []string  `json:"command"` // the command line, program name first
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Files      []string  `json:"files"` // the files of the run, set by WriteRun
	// Series is the level of the time series written (SeriesLevel's
	// name: overall by default), and Formats the formats of the tables:
	// "csv", and "parquet" for a Parquet twin of each.
	Series  string   `json:"series"`
	Formats []string `json:"formats"`

	// ScenarioTOML is the fully resolved scenario, as written by
	// scenarios.Encode with the run's seed: running it again with the same
	// seed and number of replicates reproduces the run.
	ScenarioTOML string `json:"scenario_toml"`

	// Shocks are the scenario's dated shocks ([timeline.<id>]) in the
	// order they applied, each with the step it applied at; absent
	// without a timeline. Figures mark them on their time axes.
	Shocks []ShockRecord `json:"shocks,omitempty"`
}

// A ShockRecord is one shock of a run's timeline, as the manifest records
// it.
type ShockRecord struct {
	ID     string   `json:"id"`
	Date   string   `json:"date"` // YYYY-MM-DD
	Step   int      `json:"step"` // the first step whose first day is on or after Date
	Note   string   `json:"note,omitempty"`
	Source string   `json:"source,omitempty"`
	Keys   []string `json:"keys,omitempty"` // the keys it changes; none for a marker
}

// shockRecords lists sc's shocks in the order they apply, leaving out
// those dated after its last step.
func shockRecords(sc *scenarios.Scenario) []ShockRecord {
	if len(sc.Params.Timeline.Shocks) == 0 || sc.End.Before(sc.Start) || sc.StepDays < 1 {
		return nil
	}
	clock := sim.NewClock(sc.Start, sc.End, sc.StepDays)
	var out []ShockRecord
	for _, s := range sc.Params.Timeline.Ordered() {
		step := agents.ShockStep(clock, s.Date)
		if step >= clock.Steps {
			continue // after the run's last step: it never applied
		}
		out = append(out, ShockRecord{ID: s.ID, Date: s.Date.String(), Step: step,
			Note: s.Note, Source: s.Source, Keys: slices.Clone(s.Keys)})
	}
	return out
}

// NewManifest returns the manifest of a run of sc with the given seed and
// number of replicates, started at start by the command line args. sc's
// seed is recorded as seed in the encoded scenario; sc is not changed.
// End and Files are left for the caller and WriteRun.
func NewManifest(sc *scenarios.Scenario, seed uint64, reps int, b Build, args []string, start time.Time) (*Manifest, error) {
	s := sc.Clone()
	s.Seed = seed
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, s); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return &Manifest{
		Format:       RunFormat,
		Scenario:     sc.Name,
		Seed:         seed,
		Replicates:   reps,
		Streams:      Streams,
		Build:        b,
		Command:      append([]string(nil), args...),
		Start:        start,
		Series:       SeriesOverall.String(),
		Formats:      []string{FormatCSV},
		ScenarioTOML: buf.String(),
		Shocks:       shockRecords(sc),
	}, nil
}

// Build identifies the program that made a run.
type Build struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Modified  bool   `json:"modified"` // built from a work tree with uncommitted changes
	GoVersion string `json:"go_version"`
}

// Unknown is the version or commit of a build that does not record it.
const Unknown = "unknown"

// ReadBuild returns the build information of the running program: its
// module version and the VCS revision it was built from, as recorded by
// the go command (runtime/debug.ReadBuildInfo). version and commit, when
// not empty, take precedence: they are for values set at link time with
// -ldflags "-X main.version=… -X main.commit=…", since builds with
// -buildvcs=false record no revision. Whatever is not known is "unknown".
func ReadBuild(version, commit string) Build {
	b := Build{Version: Unknown, Commit: Unknown, GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			b.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
		if bi.GoVersion != "" {
			b.GoVersion = bi.GoVersion
		}
	}
	if version != "" {
		b.Version = version
	}
	if commit != "" {
		b.Commit = commit
	}
	return b
}
